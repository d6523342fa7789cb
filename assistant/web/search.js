"use strict";
const form = document.getElementById("search-form");
const statusEl = document.getElementById("status");
const list = document.getElementById("results");

function clauseElement(hit) {
  const li = document.createElement("li");
  li.className = "hit";
  const cite = document.createElement("div");
  cite.className = "cite";
  cite.textContent = `《${hit.title}》 ${hit.heading_path.join(" > ")}`;
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = `${hit.region} · 条款 ${hit.chunk_id} · 相关度 ${hit.score.toFixed(3)}`;
  const body = document.createElement("p");
  const i = hit.text.indexOf(hit.sentence);
  if (i >= 0) {
    body.append(hit.text.slice(0, i));
    const mark = document.createElement("mark");
    mark.textContent = hit.sentence;
    body.append(mark, hit.text.slice(i + hit.sentence.length));
  } else {
    body.textContent = hit.text;
  }
  li.append(cite, meta, body);
  return li;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const params = new URLSearchParams({ q: form.q.value, k: "5" });
  if (form.region.value.trim()) params.set("region", form.region.value.trim());
  statusEl.textContent = "检索中…";
  list.replaceChildren();
  try {
    // public page: key-less searches are rate-limited per client; a caseworker's saved key is not counted
    const key = localStorage.getItem("mz_api_key");
    const resp = await fetch(`/api/search?${params}`, { headers: key ? { "X-API-Key": key } : {} });
    const data = await resp.json();
    if (!resp.ok) {
      statusEl.textContent = data.error || "检索失败";
      return;
    }
    statusEl.textContent = data.no_basis
      ? `政策文件中未找到依据（${data.no_basis_reason}）。以下为最接近的条款，仅供参考。`
      : `找到 ${data.hits.length} 条相关条款`;
    list.replaceChildren(...data.hits.map(clauseElement));
  } catch (err) {
    statusEl.textContent = "网络错误，请稍后重试";
  }
});

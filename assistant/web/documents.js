"use strict";
// Upload a policy file through POST /api/documents (the same path the API offers) and show its progress:
// bytes sent while uploading, then the stage and counts the server's build reports (GET /api/uploads/{id}).
const uploadForm = document.getElementById("upload-form");
const fileInput = document.getElementById("upload-file");
const progressBox = document.getElementById("upload-progress");
const bar = document.getElementById("upload-bar");
const stage = document.getElementById("upload-stage");
const result = document.getElementById("upload-result");
const tbody = document.querySelector("#documents tbody");
const FIELD_NAMES = { title: "标题", issuer: "发文机关", doc_number: "文号", region: "地区", date_written: "成文日期", date_effective: "施行日期", kind: "类别" };

function cell(value, guessed) {
  const td = MZ.element("td", {}, value || "—");
  if (value && guessed) td.append(MZ.element("span", { class: "guess", title: "从正文自动识别，未经确认" }, "推测"));
  return td;
}

async function loadDocuments() {
  const resp = await MZ.api("/api/documents");
  if (!resp.ok) {
    tbody.replaceChildren(MZ.element("tr", {}, MZ.element("td", { colspan: 7, class: "error" }, await MZ.errorText(resp))));
    return;
  }
  const { documents } = await resp.json();
  tbody.replaceChildren(
    ...documents.map((d) => {
      const g = new Set(d.guessed || []);
      return MZ.element(
        "tr",
        {},
        cell(d.title, g.has("title")),
        cell(d.issuer, g.has("issuer")),
        cell(d.doc_number, g.has("doc_number")),
        cell(d.region, g.has("region")),
        cell(d.date_effective, g.has("date_effective")),
        cell(d.kind, g.has("kind")),
        MZ.element("td", {}, String(d.chunks)),
      );
    }),
  );
}

// what the build is doing, by the stage it reports (indexer/progress.py STAGES)
const STAGE_TEXT = {
  received: () => "服务器已收到文件",
  reading: () => "正在读取文件并切分条款",
  loading: (p) => `正在读取语料库文件：${p.done}/${p.total} 个`,
  chunking: (p) => `正在检查各文件的条款：${p.done}/${p.total} 个文件`,
  embedding: (p) => (p.total ? `正在计算条款向量：${p.done}/${p.total} 条` : "条款向量已是最新"),
  lexical: (p) => `正在更新关键词索引：共 ${p.total} 条`,
  switching: () => "正在切换到新索引",
  done: (p) => `完成：${p.done} 个条款`,
  failed: (p) => `未收录${p.message ? "：" + p.message : ""}`,
};

function uploadId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return "up-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function showServerProgress(p) {
  const text = STAGE_TEXT[p.stage];
  if (!text) return;
  stage.textContent = `${text(p)}（已用 ${Math.round(p.seconds)} 秒）`;
  if (p.total > 0 && ["loading", "chunking", "embedding"].includes(p.stage)) bar.value = Math.round((100 * p.done) / p.total);
  else bar.removeAttribute("value");
}

function showResult(ok, data, status) {
  result.hidden = false;
  if (!ok) {
    result.replaceChildren(MZ.element("p", { class: "error" }, `上传失败（${status}）：${(data && data.error) || "请稍后重试"}`));
    return;
  }
  const guessed = new Set(data.guessed || []);
  const facts = Object.entries(FIELD_NAMES)
    .filter(([key]) => data[key])
    .map(([key, name]) => MZ.element("li", {}, `${name}：${data[key]}`, guessed.has(key) ? MZ.element("span", { class: "guess" }, "推测") : null));
  result.replaceChildren(
    MZ.element("p", {}, `已收录《${data.title}》：${data.chunks} 个条款，新计算向量 ${data.embedded} 个，用时 ${data.seconds} 秒。`),
    MZ.element("ul", {}, ...facts),
  );
}

uploadForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const file = fileInput.files[0];
  if (!file) return;
  const id = uploadId();
  const body = new FormData();
  body.append("file", file);
  body.append("upload_id", id);
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "/api/documents");
  const key = MZ.getKey();
  if (key) xhr.setRequestHeader("X-API-Key", key);
  let timer = null;
  let finished = false;
  progressBox.hidden = false;
  result.hidden = true;
  bar.value = 0;
  stage.textContent = `正在上传 ${file.name}…`;
  document.getElementById("upload-button").disabled = true;
  xhr.upload.addEventListener("progress", (e) => {
    if (e.lengthComputable) {
      bar.value = Math.round((100 * e.loaded) / e.total);
      stage.textContent = `正在上传 ${file.name}：${bar.value}%`;
    }
  });
  xhr.upload.addEventListener("load", () => {
    bar.removeAttribute("value"); // indeterminate until the server reports its first counts
    stage.textContent = "文件已上传，等待服务器处理…";
    const poll = async () => {
      const resp = await MZ.api(`/api/uploads/${id}`).catch(() => null);
      if (finished) return;
      if (resp && resp.ok) showServerProgress(await resp.json());
      if (!finished) timer = setTimeout(poll, 500);
    };
    timer = setTimeout(poll, 300);
  });
  xhr.addEventListener("loadend", () => {
    finished = true;
    clearTimeout(timer);
    document.getElementById("upload-button").disabled = false;
    let data = null;
    try { data = JSON.parse(xhr.responseText); } catch { data = null; }
    const ok = xhr.status === 201;
    bar.value = ok ? 100 : 0;
    stage.textContent = ok ? `完成：${data.chunks} 个条款` : "未收录";
    if (xhr.status === 401) MZ.askKey();
    showResult(ok, data, xhr.status || "网络错误");
    if (ok) loadDocuments();
  });
  xhr.send(body);
});

MZ.init().then(loadDocuments);
document.addEventListener("mz:key", loadDocuments);

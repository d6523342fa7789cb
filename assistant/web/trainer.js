"use strict";
// Trainer page: generate a validated quiz, preview it, edit a stem or drop an item, export the edited quiz.
const { element: el, api, errorText } = MZ;
const form = document.getElementById("quiz-form");
const statusEl = document.getElementById("status");
const reportEl = document.getElementById("report");
const itemsEl = document.getElementById("items");
const exportBar = document.getElementById("export-bar");
const exportStatus = document.getElementById("export-status");

const TYPE_NAMES = { single: "单选", multiple: "多选", tf: "判断", fill: "填空" };
const LEVELS = { easy: "易", medium: "中", hard: "难" };
const REASONS = {
  too_few_distractors: "找不到足够的干扰项",
  distractor_supported: "干扰项在其他条款中同样成立",
  distractor_is_answer: "干扰项与答案同义",
  key_not_in_clause: "答案不在所引条款中",
  key_in_stem: "题干泄露答案",
  stem_not_grounded: "题干偏离条款",
  stem_number_not_in_clause: "题干数字不见于条款",
  tf_statement_mismatch: "判断题表述不符",
  blank_missing: "缺少填空位置",
  duplicate_options: "选项重复",
  malformed: "题目结构不完整",
  quote_not_in_clause: "引文不在条款中",
  citation_missing: "条款不存在",
};

let quiz = null; // the quiz as edited on this page
const edited = new Set();

function setStatus(text) {
  statusEl.textContent = text;
}

async function loadOptions() {
  const select = document.getElementById("topic");
  try {
    const resp = await api("/api/quiz/options");
    if (!resp.ok) return;
    const options = await resp.json();
    for (const topic of options.topics) select.append(el("option", { value: topic }, topic));
  } catch {
    setStatus("无法读取主题列表，可直接按综合主题出题。");
  }
}

function request() {
  const types = [...form.querySelectorAll('input[name="types"]:checked')].map((c) => c.value);
  const region = document.getElementById("region").value.trim();
  return {
    topic: document.getElementById("topic").value || null,
    n: Number(document.getElementById("n").value),
    seed: Number(document.getElementById("seed").value),
    types: types.length ? types : null,
    region: region || null,
  };
}

async function generate() {
  const button = document.getElementById("generate");
  button.disabled = true;
  setStatus("正在出题并逐题校验……");
  try {
    const resp = await api("/api/quiz", { method: "POST", json: request() });
    if (!resp.ok) {
      setStatus(await errorText(resp));
      return;
    }
    quiz = await resp.json();
    edited.clear();
    renderReport();
    renderItems();
    setStatus(`已生成 ${quiz.items.length} 题。`);
  } catch {
    setStatus("网络错误，请稍后重试。");
  } finally {
    button.disabled = false;
  }
}

function renderReport() {
  const r = quiz.report;
  const dropped = Object.entries(r.dropped).map(([k, v]) => `${REASONS[k] || k} ${v}`).join("，");
  const types = Object.entries(r.by_type).map(([k, v]) => `${TYPE_NAMES[k]} ${v}`).join("，");
  reportEl.replaceChildren(
    el("p", {}, `${quiz.title}：生成 ${r.generated}/${r.requested} 题（${types}）；种子 ${r.seed}。`),
    el("p", { class: "meta" }, `校验剔除 ${Object.values(r.dropped).reduce((a, b) => a + b, 0)} 题${dropped ? "：" + dropped : ""}。`),
    ...r.notes.map((n) => el("p", { class: "meta" }, n)),
  );
  reportEl.hidden = false;
}

function answerText(item) {
  if (item.type === "fill") return item.accepted.join(" / ");
  if (item.type === "tf") return item.options[item.answer[0]];
  return item.answer.map((i) => "ABCDEFG"[i]).join("");
}

function citationLabel(c) {
  const path = (c.heading_path || []).join(" > ");
  return `《${c.title}》${path ? " " + path : ""}`;
}

function itemCard(item, index) {
  const stem = el("p", { class: "stem", id: `stem-${item.id}` }, item.stem);
  const body = [stem];
  if (item.type === "single" || item.type === "multiple") {
    body.push(el("ol", { class: "options" },
      ...item.options.map((o, i) => el("li", item.answer.includes(i) ? { class: "correct" } : {}, o))));
  }
  const editButton = el("button", { type: "button", class: "secondary", "aria-label": `编辑第${index + 1}题题干` }, "编辑题干");
  const dropButton = el("button", { type: "button", class: "secondary", "aria-label": `删除第${index + 1}题` }, "删除");
  editButton.addEventListener("click", () => editStem(item, stem, editButton));
  dropButton.addEventListener("click", () => dropItem(item));
  const head = el("div", { class: "head" },
    el("strong", {}, `第${index + 1}题`),
    el("span", { class: "tool-chip" }, TYPE_NAMES[item.type]),
    el("span", { class: "tool-chip" }, `难度：${LEVELS[item.difficulty]}`),
    ...item.topics.map((t) => el("span", { class: "tool-chip" }, t)),
    edited.has(item.id) ? el("span", { class: "tool-chip edited" }, "已修改") : null);
  const details = el("details", {},
    el("summary", {}, `答案：${answerText(item)}`),
    el("p", {}, item.explanation),
    el("p", { class: "meta" }, `出处：${citationLabel(item.citation)}（条款 ${item.citation.chunk_id}）`),
    el("blockquote", { class: "meta" }, item.citation.quote));
  return el("li", { class: "hit quiz-item", id: `item-${item.id}` }, head, ...body, details,
    el("div", { class: "tools-row" }, editButton, dropButton));
}

function renderItems() {
  itemsEl.replaceChildren(...quiz.items.map(itemCard));
  exportBar.hidden = quiz.items.length === 0;
  exportStatus.textContent = "";
}

function editStem(item, stemEl, button) {
  const area = el("textarea", { "aria-label": "题干", maxlength: "500" });
  area.value = item.stem;
  const save = el("button", { type: "button" }, "保存");
  const cancel = el("button", { type: "button", class: "secondary" }, "取消");
  const editor = el("div", {}, area, el("div", { class: "tools-row" }, save, cancel));
  stemEl.replaceWith(editor);
  button.disabled = true;
  area.focus();
  const close = () => {
    editor.replaceWith(stemEl);
    button.disabled = false;
    button.focus();
  };
  cancel.addEventListener("click", close);
  save.addEventListener("click", () => {
    const text = area.value.trim();
    if (!text) {
      area.setCustomValidity("题干不能为空");
      area.reportValidity();
      return;
    }
    if (text !== item.stem) {
      item.stem = text;
      edited.add(item.id);
    }
    renderItems();
    setStatus("题干已修改，导出时将使用修改后的文字。");
  });
}

function dropItem(item) {
  quiz.items = quiz.items.filter((i) => i.id !== item.id);
  renderItems();
  setStatus(`已删除一题，剩余 ${quiz.items.length} 题。`);
}

function fileName(resp, fallback) {
  const header = resp.headers.get("Content-Disposition") || "";
  const m = header.match(/filename\*=UTF-8''([^;]+)/);
  return m ? decodeURIComponent(m[1]) : fallback;
}

async function exportQuiz() {
  const format = document.getElementById("format").value;
  const button = document.getElementById("export");
  button.disabled = true;
  exportStatus.textContent = "正在导出……";
  try {
    const resp = await api("/api/quiz/export", { method: "POST", json: { format, quiz } });
    if (!resp.ok) {
      exportStatus.textContent = await errorText(resp);
      return;
    }
    const blob = await resp.blob();
    const link = el("a", { href: URL.createObjectURL(blob), download: fileName(resp, `quiz.${format}`) });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    const notes = decodeURIComponent(resp.headers.get("X-Quiz-Notes") || "");
    exportStatus.textContent = `已导出 ${resp.headers.get("X-Quiz-Items")} 题。${notes}`;
  } catch {
    exportStatus.textContent = "网络错误，导出失败。";
  } finally {
    button.disabled = false;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  generate();
});
document.getElementById("reshuffle").addEventListener("click", () => {
  const seed = document.getElementById("seed");
  seed.value = String(Number(seed.value || 0) + 1);
  generate();
});
document.getElementById("export").addEventListener("click", exportQuiz);
MZ.init().then(loadOptions);

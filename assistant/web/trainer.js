"use strict";
// Trainer page: generate a validated quiz (clause items and case items), preview it, edit an item's stem,
// options, key or explanation (the server re-validates each edit), replace or drop an item, export.
const { element: el, api, errorText } = MZ;
const form = document.getElementById("quiz-form");
const statusEl = document.getElementById("status");
const reportEl = document.getElementById("report");
const itemsEl = document.getElementById("items");
const exportBar = document.getElementById("export-bar");
const exportStatus = document.getElementById("export-status");

const TYPE_NAMES = { single: "单选", multiple: "多选", tf: "判断", fill: "填空" };
const LEVELS = { easy: "易", medium: "中", hard: "难" };
const BLOOM = { remember: "识记", understand: "理解", apply: "应用" };
const MIXES = {
  balanced: { easy: 1, medium: 1, hard: 1 },
  easy: { easy: 3, medium: 1 },
  hard: { medium: 1, hard: 2 },
};
let REASONS = {}; // reason code → Chinese, from /api/quiz/options

let quiz = null; // the quiz as edited on this page
let lastRequest = null;
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
    REASONS = options.reasons || {};
    for (const topic of options.topics) select.append(el("option", { value: topic }, topic));
  } catch {
    setStatus("无法读取主题列表，可直接按综合主题出题。");
  }
}

function request() {
  const types = [...form.querySelectorAll('input[name="types"]:checked')].map((c) => c.value);
  const region = document.getElementById("region").value.trim();
  const mix = document.getElementById("difficulty-mix").value;
  return {
    topic: document.getElementById("topic").value || null,
    n: Number(document.getElementById("n").value),
    seed: Number(document.getElementById("seed").value),
    types: types.length ? types : null,
    region: region || null,
    apply_share: Number(document.getElementById("apply-share").value),
    difficulty_mix: mix ? MIXES[mix] : null,
    avoid_repeats: document.getElementById("avoid-repeats").checked,
  };
}

async function generate() {
  const button = document.getElementById("generate");
  button.disabled = true;
  setStatus("正在出题并逐题校验……");
  try {
    lastRequest = request();
    const resp = await api("/api/quiz", { method: "POST", json: lastRequest });
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

function counts(obj, names) {
  return Object.entries(obj || {}).map(([k, v]) => `${names[k] || k} ${v}`).join("，");
}

function renderReport() {
  const r = quiz.report;
  const dropped = counts(r.dropped, REASONS);
  reportEl.replaceChildren(
    el("p", {}, `${quiz.title}：生成 ${r.generated}/${r.requested} 题（${counts(r.by_type, TYPE_NAMES)}）；种子 ${r.seed}。`),
    el("p", { class: "meta" }, `认知层次：${counts(r.by_bloom, BLOOM)}；难度：${counts(r.by_difficulty, LEVELS)}。`),
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
  const no = index + 1;
  const stem = el("p", { class: "stem", id: `stem-${item.id}` }, item.stem);
  const body = [stem];
  if (item.type === "single" || item.type === "multiple") {
    body.push(el("ol", { class: "options" },
      ...item.options.map((o, i) => el("li", item.answer.includes(i) ? { class: "correct" } : {}, o))));
  }
  const editButton = el("button", { type: "button", class: "secondary", "aria-label": `编辑第${no}题` }, "编辑");
  const swapButton = el("button", { type: "button", class: "secondary", "aria-label": `第${no}题换一题` }, "换一题");
  const dropButton = el("button", { type: "button", class: "secondary", "aria-label": `删除第${no}题` }, "删除");
  const card = el("li", { class: "hit quiz-item", id: `item-${item.id}` });
  editButton.addEventListener("click", () => editItem(item, index, card, editButton));
  swapButton.addEventListener("click", () => replaceItem(index, swapButton));
  dropButton.addEventListener("click", () => dropItem(item));
  const head = el("div", { class: "head" },
    el("strong", {}, `第${no}题`),
    el("span", { class: "tool-chip" }, TYPE_NAMES[item.type]),
    item.case ? el("span", { class: "tool-chip case" }, "案例题") : null,
    el("span", { class: "tool-chip" }, `难度：${LEVELS[item.difficulty]}`),
    el("span", { class: "tool-chip" }, `认知：${BLOOM[item.bloom]}`),
    ...item.topics.map((t) => el("span", { class: "tool-chip" }, t)),
    edited.has(item.id) ? el("span", { class: "tool-chip edited" }, "已修改") : null);
  const details = el("details", {},
    el("summary", {}, `答案：${answerText(item)}`),
    el("p", {}, item.explanation),
    el("p", { class: "meta" }, `出处：${citationLabel(item.citation)}（条款 ${item.citation.chunk_id}）`),
    el("blockquote", { class: "meta" }, item.citation.quote));
  card.append(head, ...body, details, el("div", { class: "tools-row" }, editButton, swapButton, dropButton));
  return card;
}

function renderItems() {
  itemsEl.replaceChildren(...quiz.items.map(itemCard));
  exportBar.hidden = quiz.items.length === 0;
  exportStatus.textContent = "";
}

function editItem(item, index, card, button) {
  const no = index + 1;
  const stem = el("textarea", { "aria-label": `第${no}题题干`, maxlength: "500" });
  stem.value = item.stem;
  const rows = [];
  const choice = item.type === "single" || item.type === "multiple";
  const optionInputs = [];
  const keyInputs = [];
  if (choice) {
    item.options.forEach((o, i) => {
      const text = el("input", { type: "text", value: o, "aria-label": `第${no}题选项${"ABCDEFG"[i]}`, maxlength: "200" });
      const key = el("input", {
        type: item.type === "single" ? "radio" : "checkbox",
        name: `key-${item.id}`,
        "aria-label": `第${no}题选项${"ABCDEFG"[i]}为正确答案`,
      });
      key.checked = item.answer.includes(i);
      if (item.case) {
        text.disabled = true;
        key.disabled = true;
      }
      optionInputs.push(text);
      keyInputs.push(key);
      rows.push(el("div", { class: "option-row" }, key, el("span", {}, "ABCDEFG"[i] + "."), text));
    });
  }
  let accepted = null;
  if (item.type === "fill") {
    accepted = el("input", { type: "text", value: item.accepted.join("｜"), "aria-label": `第${no}题可接受答案（用｜分隔）` });
    rows.push(el("label", {}, "可接受答案（用｜分隔）", accepted));
  }
  const explanation = el("textarea", { "aria-label": `第${no}题解析`, maxlength: "1000" });
  explanation.value = item.explanation;
  const error = el("p", { class: "error", role: "alert" });
  const save = el("button", { type: "button" }, "保存并校验");
  const cancel = el("button", { type: "button", class: "secondary" }, "取消");
  const editor = el("div", { class: "editor" },
    el("label", {}, "题干"), stem, ...rows, el("label", {}, "解析"), explanation, error,
    el("div", { class: "tools-row" }, save, cancel));
  card.append(editor);
  button.disabled = true;
  stem.focus();
  cancel.addEventListener("click", () => {
    editor.remove();
    button.disabled = false;
    button.focus();
  });
  save.addEventListener("click", async () => {
    const edit = {};
    if (stem.value.trim() !== item.stem) edit.stem = stem.value.trim();
    if (explanation.value.trim() !== item.explanation) edit.explanation = explanation.value;
    if (choice && !item.case) {
      const options = optionInputs.map((i) => i.value.trim());
      const answer = keyInputs.map((k, i) => (k.checked ? i : -1)).filter((i) => i >= 0);
      if (options.join("\n") !== item.options.join("\n")) edit.options = options;
      if (answer.join() !== item.answer.join()) edit.answer = answer;
    }
    if (accepted) {
      const values = accepted.value.split(/[｜|]/).map((v) => v.trim()).filter(Boolean);
      if (values.join("\n") !== item.accepted.join("\n")) edit.accepted = values;
    }
    if (!Object.keys(edit).length) {
      editor.remove();
      button.disabled = false;
      return;
    }
    save.disabled = true;
    error.textContent = "正在校验……";
    try {
      const resp = await api("/api/quiz/edit", { method: "POST", json: { item, edit } });
      if (!resp.ok) {
        error.textContent = `未保存：${await errorText(resp)}`;
        return;
      }
      quiz.items[index] = await resp.json();
      edited.add(quiz.items[index].id);
      renderItems();
      setStatus(`第${no}题已修改并通过校验，导出时使用修改后的内容。`);
    } catch {
      error.textContent = "网络错误，未保存。";
    } finally {
      save.disabled = false;
    }
  });
}

async function replaceItem(index, button) {
  button.disabled = true;
  setStatus(`正在为第${index + 1}题换一题……`);
  try {
    const resp = await api("/api/quiz/item", {
      method: "POST",
      json: { quiz, index, request: lastRequest || request() },
    });
    if (!resp.ok) {
      setStatus(await errorText(resp));
      return;
    }
    quiz.items[index] = await resp.json();
    renderItems();
    setStatus(`第${index + 1}题已换成新题。`);
  } catch {
    setStatus("网络错误，请稍后重试。");
  } finally {
    button.disabled = false;
  }
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
  const paper = document.getElementById("paper").value;
  const chineseHeaders = document.getElementById("chinese-headers").checked;
  const button = document.getElementById("export");
  button.disabled = true;
  exportStatus.textContent = "正在导出……";
  try {
    const resp = await api("/api/quiz/export", {
      method: "POST",
      json: { format, quiz, paper, chinese_headers: chineseHeaders },
    });
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

async function forgetHistory() {
  try {
    const resp = await api("/api/quiz/history", { method: "DELETE" });
    if (!resp.ok) {
      setStatus(await errorText(resp));
      return;
    }
    const data = await resp.json();
    setStatus(`已清空出题记录（${data.forgotten} 条），之后出题可再用这些条款事实。`);
  } catch {
    setStatus("网络错误，请稍后重试。");
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
document.getElementById("forget").addEventListener("click", forgetHistory);
MZ.init().then(loadOptions);

"use strict";
// Caseworker chat: conversation list, streamed answers (fetch + ReadableStream SSE parsing, rendered as
// markdown while they arrive), citation markers that open the clause in its document, the household as
// understood (editable: a corrected cell is PATCHed and re-screened), the last screening's steps, quick
// replies, the conversation id in the URL, copy and markdown export.
const { element: el, api, errorText } = MZ;
const messagesEl = document.getElementById("messages");
const form = document.getElementById("ask-form");
const question = document.getElementById("question");
const askButton = document.getElementById("ask-button");
const listEl = document.getElementById("conversation-list");
const clauseView = document.getElementById("clause-view");
const clausePanel = document.getElementById("clause-panel");
const eligibilityView = document.getElementById("eligibility-view");
const householdView = document.getElementById("household-view");
const PROGRESS = { search_policy: "正在检索政策条款…", get_clause: "正在查看条款…", check_eligibility: "正在核对条件…", get_parameter: "正在查询政策参数…", make_quiz: "正在出题…" };
const PLACEHOLDERS = {
  household: householdView.innerHTML, clause: clauseView.innerHTML, eligibility: eligibilityView.innerHTML,
};
let lastHousehold = null;
let lastEligibility = null;

let conversationId = null;
const STATUS = { meets: "符合（预审）", does_not_meet: "不符合（预审）", needs_info: "待补充信息" };
const MARK = { true: "✔", false: "✘", null: "？" };
const TOOLS = { search_policy: "检索政策条款", get_clause: "查看条款", check_eligibility: "资格预审", get_parameter: "查询政策参数", make_quiz: "出题" };

// ---- markdown (a small safe subset: the DOM is built from text, never from HTML) -----------------------
function inline(text, answer) {
  const frag = document.createDocumentFragment();
  const re = /\*\*([^*]+)\*\*|`([^`]+)`|\[(\d+(?:\s*[,，]\s*\d+)*)\]/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    frag.append(text.slice(last, m.index));
    if (m[1] !== undefined) frag.append(el("strong", {}, m[1]));
    else if (m[2] !== undefined) frag.append(el("code", {}, m[2]));
    else for (const n of m[3].split(/\s*[,，]\s*/)) frag.append(citeButton(Number(n), answer));
    last = m.index + m[0].length;
  }
  frag.append(text.slice(last));
  return frag;
}

function citeButton(n, answer) {
  const c = (answer && answer.citations || [])[n - 1];
  if (!c) return document.createTextNode(`[${n}]`);
  return el("button", {
    type: "button", class: "cite-marker", "aria-label": `查看引用${n}：${citationLabel(c)}`, title: citationLabel(c),
    onclick: () => openCitation(c),
  }, `[${n}]`);
}

function renderMarkdown(md, answer) {
  const root = el("div", { class: "answer" });
  const lines = (md || "").replace(/\r\n/g, "\n").split("\n");
  let para = null;
  let list = null;
  const close = () => { para = null; list = null; };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m;
    if (!line.trim()) { close(); continue; }
    if ((m = line.match(/^(#{1,6})\s+(.*)$/))) {
      close();
      root.append(el(`h${Math.min(m[1].length + 1, 4)}`, {}, inline(m[2], answer)));
    } else if (line.trim().startsWith("|") && /^\s*\|?[\s:-]+\|[\s|:-]*$/.test(lines[i + 1] || "")) {
      close();
      const cells = (row) => row.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
      const table = el("table", {}, el("tr", {}, ...cells(line).map((c) => el("th", {}, inline(c, answer)))));
      i += 1;
      while (i + 1 < lines.length && lines[i + 1].trim().startsWith("|")) {
        i += 1;
        table.append(el("tr", {}, ...cells(lines[i]).map((c) => el("td", {}, inline(c, answer)))));
      }
      root.append(table);
    } else if ((m = line.match(/^\s*(?:[-*+]|(\d+)[.)、])\s+(.*)$/))) {
      const tag = m[1] ? "ol" : "ul";
      if (!list || list.tagName.toLowerCase() !== tag) {
        para = null;
        list = el(tag);
        root.append(list);
      }
      list.append(el("li", {}, inline(m[2], answer)));
    } else if ((m = line.match(/^>\s?(.*)$/))) {
      close();
      root.append(el("blockquote", {}, inline(m[1], answer)));
    } else if (para) {
      para.append(el("br"), inline(line, answer));
    } else {
      list = null;
      para = el("p", {}, inline(line, answer));
      root.append(para);
    }
  }
  return root;
}

// ---- citations and the clause viewer -----------------------------------------------------------------
function citationLabel(c) {
  if (c.in_corpus === false) return `${c.regulation || ""}${c.article || ""}（外部法规，非本库文件）`;
  const path = (c.heading_path || []).join(" > ");
  return `《${c.title || c.doc_id}》${path ? " " + path : ""}`;
}

function highlighted(excerpt, clause, quote) {
  // split the excerpt at the clause and quote boundaries; each piece knows whether it is inside either
  const a = excerpt.start;
  const b = excerpt.end;
  const clip = (x) => Math.min(b, Math.max(a, x));
  const cuts = new Set([a, b, clip(clause.start), clip(clause.end)]);
  if (quote) { cuts.add(clip(quote.start)); cuts.add(clip(quote.end)); }
  const points = [...cuts].sort((x, y) => x - y);
  const box = el("div", { class: "doc-text", tabindex: "0", "aria-label": "原文节选" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    if (s === e) continue;
    let node = document.createTextNode(excerpt.text.slice(s - a, e - a));
    if (quote && s >= quote.start && e <= quote.end) node = el("mark", {}, node);
    if (s >= clause.start && e <= clause.end) node = el("span", { class: "clause-current" }, node);
    box.append(node);
  }
  if (a > 0) box.prepend("…");
  box.append("…");
  return box;
}

async function openCitation(c) {
  clauseView.replaceChildren();
  if (c.in_corpus === false || !c.chunk_id) {
    clauseView.append(
      el("p", { class: "cite" }, `${c.regulation || c.title || "外部依据"}${c.article || ""}`),
      el("p", { class: "placeholder" }, "外部法规（全国性规定），本库未收录其原文，请查阅正式文本。"),
    );
    clausePanel.focus();
    return;
  }
  clauseView.append(el("p", { class: "placeholder" }, "载入条款…"));
  const params = new URLSearchParams({ quote: c.quote || "" });
  if (Number.isInteger(c.start) && Number.isInteger(c.end)) {
    params.set("start", c.start);
    params.set("end", c.end);
  }
  const resp = await api(`/api/clauses/${encodeURIComponent(c.chunk_id)}?${params}`);
  if (!resp.ok) {
    clauseView.replaceChildren(el("p", { class: "msg error" }, await errorText(resp)));
    return;
  }
  const data = await resp.json();
  const doc = data.document;
  const facts = [doc.issuer, doc.region, doc.date].filter(Boolean).join(" · ");
  clauseView.replaceChildren(
    el("p", { class: "cite" }, `《${doc.title}》`),
    el("p", { class: "meta" }, facts),
    el("p", { class: "crumbs" }, data.clause.heading_path.join(" › ")),
  );
  if (data.excerpt) {
    clauseView.append(highlighted(data.excerpt, data.clause, data.quote));
  } else {
    for (const n of data.neighbours) clauseView.append(el("p", { class: n.current ? "clause-current" : "" }, n.text));
  }
  if (c.quote && !data.quote) clauseView.append(el("p", { class: "placeholder" }, `引用原句：「${c.quote}」`));
  clausePanel.scrollIntoView({ block: "nearest" });
  // scroll only the excerpt box (not the page) so the quote sits in its upper third
  const box = clauseView.querySelector(".doc-text");
  const mark = box && (box.querySelector("mark") || box.querySelector(".clause-current"));
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
  clausePanel.focus({ preventScroll: true });
}

// ---- the eligibility panel -----------------------------------------------------------------------------
function basisLine(c) {
  if (c.in_corpus === false) return el("span", {}, citationLabel(c));
  return el("button", { type: "button", onclick: () => openCitation(c) }, `${citationLabel(c)}「${c.quote || ""}」`);
}

function value(v) {
  if (v === null || v === undefined) return "未知";
  if (v === true) return "是";
  if (v === false) return "否";
  return String(v);
}

function renderEligibility(data) {
  const result = data && (data.result || data);
  if (!result || !Array.isArray(result.results)) return;
  const head = el("p", { class: "meta" }, `${result.region || ""} · ${result.date || ""} · ${result.declared_facts === false ? "已核实" : "申报（未核实）"}`);
  // open what the caseworker acts on: the programs met, or the first one when none is
  const anyMet = result.results.some((p) => p.status === "meets");
  const programs = result.results.map((p, i) => {
    const steps = el("ol", { class: "steps" }, ...(p.steps || []).map((s) => {
      const compared = s.threshold !== null && s.threshold !== undefined ? `${value(s.value)} vs ${value(s.threshold)}` : value(s.value);
      return el("li", {},
        `${MARK[s.passed]} ${s.subject ? `[${s.subject}] ` : ""}${s.what}：${compared}${s.unit ? " " + s.unit : ""}`,
        s.note ? el("span", { class: "note" }, `说明：${s.note}`) : null,
        ...(s.basis || []).map((c) => el("span", { class: "basis" }, "依据：", basisLine(c))));
    }));
    const extra = [];
    if (p.estimate) extra.push(el("p", { class: "meta" }, `测算：${p.estimate.formula}`));
    if (p.missing && p.missing.length) {
      extra.push(el("p", { class: "meta" }, "待补充："), el("ul", { class: "steps" }, ...p.missing.map((m) => el("li", {}, m.question))));
    }
    return el("details", { class: "program", open: p.status === "meets" || (!anyMet && i === 0) },
      el("summary", {}, p.title || p.program, el("span", { class: `badge ${p.status}` }, STATUS[p.status] || p.status)),
      steps, ...extra);
  });
  eligibilityView.replaceChildren(head, ...programs, el("p", { class: "placeholder" }, result.disclaimer || ""));
}

// ---- the household as understood ------------------------------------------------------------------------
function cellText(cell) {
  return cell ? cell.text : "—";
}

function editableCell(cell, person, field, label) {
  const td = el("td", {
    class: `cell${cell ? ` ${cell.how}` : " unknown"}`, tabindex: "0", "data-field": field, "data-person": person || "",
    title: cell ? `${cell.how_text}：「${cell.words}」（第${cell.message + 1}条消息）点击更正` : `${label}：未知，点击填写`,
  }, cellText(cell));
  const edit = () => {
    if (td.querySelector("input")) return;
    const input = el("input", { type: "text", value: cell ? cell.text.replace(/（范围）$/, "") : "", "aria-label": `更正${label}` });
    td.replaceChildren(input);
    input.focus();
    input.select();
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); saveCell(person, field, input.value); }
      if (event.key === "Escape") renderHousehold(lastHousehold);
    });
    input.addEventListener("blur", () => setTimeout(() => { if (td.isConnected && td.contains(input)) renderHousehold(lastHousehold); }, 150));
  };
  td.addEventListener("click", edit);
  td.addEventListener("keydown", (event) => { if (event.key === "Enter" && event.target === td) edit(); });
  return td;
}

function parseValue(text) {
  const v = text.trim();
  if (!v) return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

async function saveCell(person, field, text) {
  if (!conversationId) return;
  const resp = await api(`/api/conversations/${encodeURIComponent(conversationId)}/household`, {
    method: "PATCH", json: { edits: [{ person: person || null, field, value: parseValue(text) }] },
  });
  if (!resp.ok) {
    householdView.prepend(el("p", { class: "msg error" }, await errorText(resp)));
    return;
  }
  const data = await resp.json();
  renderHousehold(data.household);
  if (data.eligibility) renderEligibility(data.eligibility);
  if (data.answer) {
    const box = addMessage("assistant", "");
    box.append(el("p", { class: "meta" }, "已按更正后的家庭情况重新预审："));
    renderAnswer(box, { answer: data.answer, citations: [], tool_calls: [], eligibility: data.eligibility, household: data.household,
      next_question: data.next_question, quick_replies: (data.next_question || {}).options || [] });
  }
}

function renderHousehold(table) {
  lastHousehold = table;
  if (!table || !(table.members || []).length) {
    householdView.innerHTML = PLACEHOLDERS.household;
    return;
  }
  const head = el("tr", {}, el("th", {}, "成员"), ...table.columns.map((c) => el("th", {}, c.label)));
  const rows = table.members.map((m) => el("tr", { "data-person": m.key },
    el("th", { scope: "row" }, m.label), ...table.columns.map((c) => editableCell(m.cells[c.field], m.key, c.field, c.label))));
  const facts = el("table", { class: "household-facts" }, ...table.household.map((f) =>
    el("tr", {}, el("th", { scope: "row" }, f.label), editableCell(f.cell, null, f.field, f.label))));
  const legend = el("p", { class: "meta" }, "蓝色＝您说的；灰色斜体＝推断；绿色＝已更正。");
  householdView.replaceChildren(el("div", { class: "table-scroll" }, el("table", { class: "household" }, head, ...rows)), facts, legend);
}

function householdMarkdown(table) {
  if (!table || !(table.members || []).length) return [];
  const lines = ["## 家庭情况（助手理解）", "", `| 成员 | ${table.columns.map((c) => c.label).join(" | ")} |`,
    `|${" --- |".repeat(table.columns.length + 1)}`];
  for (const m of table.members) lines.push(`| ${m.label} | ${table.columns.map((c) => cellText(m.cells[c.field])).join(" | ")} |`);
  lines.push("");
  for (const f of table.household) lines.push(`- ${f.label}：${cellText(f.cell)}`);
  return lines;
}

function resultsMarkdown(eligibility) {
  const result = eligibility && (eligibility.result || eligibility);
  if (!result || !Array.isArray(result.results)) return [];
  const lines = ["", "## 预审结果及依据", ""];
  for (const p of result.results) {
    lines.push(`### ${p.title || p.program}：${STATUS[p.status] || p.status}`);
    for (const s of p.steps || []) {
      lines.push(`- ${MARK[s.passed]} ${s.what}`);
      for (const c of s.basis || []) lines.push(`  - 依据：${citationLabel(c)}${c.quote ? `「${c.quote}」` : ""}`);
    }
    for (const m of p.missing || []) lines.push(`- 待补充：${m.question}`);
  }
  return lines;
}

// ---- answers -------------------------------------------------------------------------------------------
function answerMarkdown(answer, asked) {
  const lines = asked ? [`## 问题`, "", asked, "", "## 回答", ""] : [];
  lines.push(answer.answer || "");
  lines.push("", ...householdMarkdown(answer.household || lastHousehold), ...resultsMarkdown(answer.eligibility || lastEligibility));
  if (answer.citations && answer.citations.length) {
    lines.push("", "## 依据", "");
    answer.citations.forEach((c, i) => {
      const where = c.in_corpus === false ? citationLabel(c) : `${citationLabel(c)}（条款 ${c.chunk_id}）`;
      lines.push(`[${i + 1}] ${where}${c.quote ? `：「${c.quote}」` : ""}`);
    });
  }
  return lines.join("\n") + "\n";
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el("textarea", {}, text);
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "已复制";
  setTimeout(() => { button.textContent = "复制"; }, 1500);
}

function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function toolChip(call) {
  const name = TOOLS[call.name] || call.name || "工具";
  return el("span", { class: `tool-chip${call.ok === false ? " failed" : ""}` }, call.ok === false ? `${name}（失败）` : name);
}

function renderAnswer(box, answer) {
  box.querySelectorAll(".streaming, .answer, .citations, .follow-ups, .actions, .no-basis").forEach((n) => n.remove());
  if (!box.querySelector(".tools") && (answer.tool_calls || []).length) {
    box.append(el("div", { class: "tools" }, ...answer.tool_calls.map(toolChip)));
  }
  if (answer.no_basis) {
    box.append(el("p", { class: "no-basis" }, "政策文件中未找到明确依据，以下内容仅供参考，请以正式文件为准。"));
  }
  box.append(renderMarkdown(answer.answer, answer));
  const cites = answer.citations || [];
  if (cites.length) {
    box.append(el("ol", { class: "citations", "aria-label": "引用依据" }, ...cites.map((c, i) =>
      el("li", {}, citeButton(i + 1, answer), el("span", {}, citationLabel(c), c.quote ? el("span", { class: "quote" }, `「${c.quote}」`) : null)))));
  }
  // chips insert an answer the user might give to the assistant's question, never the question itself
  const replies = answer.quick_replies || [];
  if (replies.length) {
    box.append(el("div", { class: "follow-ups", "aria-label": "快捷回答" }, ...replies.map((r) =>
      el("button", { type: "button", class: "chip", onclick: () => { question.value = r; question.focus(); } }, r))));
  }
  const asked = box.dataset.asked || "";
  const copy = el("button", { type: "button", class: "secondary", onclick: () => copyText(answerMarkdown(answer, asked), copy) }, "复制");
  const stamp = new Date().toISOString().slice(0, 19).replace(/[T:]/g, "-");
  box.append(el("div", { class: "actions" }, copy,
    el("button", { type: "button", class: "secondary", onclick: () => download(answerMarkdown(answer, asked), `政策问答-${stamp}.md`) }, "导出 Markdown")));
  if (answer.eligibility) { lastEligibility = answer.eligibility; renderEligibility(answer.eligibility); }
  if (answer.household) renderHousehold(answer.household);
}

function addMessage(role, text) {
  document.getElementById("welcome")?.remove();
  const box = el("div", { class: `msg ${role}` });
  if (text) box.append(role === "assistant" ? renderMarkdown(text, null) : text);
  messagesEl.append(box);
  box.scrollIntoView({ block: "end" });
  return box;
}

// ---- SSE over fetch ----------------------------------------------------------------------------------
async function* sseEvents(resp) {
  const reader = resp.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value: chunk, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(chunk, { stream: true });
    let cut;
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
      let event = "message";
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(":")) continue;
        const [field, ...rest] = line.split(":");
        const v = rest.join(":").replace(/^ /, "");
        if (field === "event") event = v;
        else if (field === "data") data.push(v);
      }
      if (data.length) yield { event, data: JSON.parse(data.join("\n")) };
    }
  }
}

function finalAnswer(ev) {
  // the final event carries the ChatAnswer, either under `answer` or as the event itself
  return ev.answer && typeof ev.answer === "object" ? ev.answer : ev;
}

async function ask(text) {
  addMessage("user", text);
  const box = addMessage("assistant", "");
  box.dataset.asked = text;
  const tools = el("div", { class: "tools" });
  const progress = el("p", { class: "progress", role: "status" }, "正在理解问题…");
  const streaming = el("div", { class: "streaming" });
  box.append(tools, progress, streaming);
  askButton.disabled = true;
  let streamed = "";
  try {
    const resp = await api("/api/chat", {
      method: "POST",
      headers: { Accept: "text/event-stream" },
      json: { message: text, conversation_id: conversationId, stream: true },
    });
    if (!resp.ok) {
      box.className = "msg error";
      box.replaceChildren(await errorText(resp));
      return;
    }
    let draft = "";
    let frame = 0;
    const render = () => {
      // checked sentences as Markdown; the sentence still being written after them, greyed, until it is checked.
      // Once a frame at most: an answer released at once comes as hundreds of small tokens.
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (!streaming.isConnected) return;  // the final answer has replaced the stream
        streaming.replaceChildren(renderMarkdown(streamed, null));
        if (draft) streaming.append(el("p", { class: "draft", title: "尚未核对引用" }, draft));
      });
    };
    for await (const { event, data } of sseEvents(resp)) {
      if (event === "token") {
        progress.textContent = "正在生成回答（逐句核对引用）…";
        streamed += data.text ?? data.token ?? data.content ?? data.delta ?? "";
        render();
      } else if (event === "draft") {
        progress.textContent = "正在生成回答（逐句核对引用）…";
        draft = data.text || "";
        render();
      } else if (event === "tool") {
        tools.append(toolChip(data));
        progress.textContent = PROGRESS[data.name] || "正在处理…";
      } else if (event === "final") {
        const answer = finalAnswer(data);
        progress.remove();
        setConversation(answer.conversation_id || conversationId);
        renderAnswer(box, answer);
      } else if (event === "error") {
        box.append(el("p", { class: "msg error" }, data.message || "回答生成失败"));
        streaming.remove();
        progress.remove();
      }
    }
  } catch (err) {
    box.append(el("p", { class: "msg error" }, `网络错误：${err.message}`));
    progress.remove();
  } finally {
    askButton.disabled = false;
    loadConversations();
  }
}

// ---- conversations ---------------------------------------------------------------------------------
function setConversation(id) {
  conversationId = id;
  const url = new URL(window.location.href);
  if (id) url.searchParams.set("c", id);
  else url.searchParams.delete("c");
  window.history.replaceState(null, "", url);
}

function clearPanels() {
  householdView.innerHTML = PLACEHOLDERS.household;
  clauseView.innerHTML = PLACEHOLDERS.clause;
  eligibilityView.innerHTML = PLACEHOLDERS.eligibility;
  lastHousehold = null;
  lastEligibility = null;
}

async function loadConversations() {
  document.getElementById("delete-chat").hidden = !conversationId;
  const resp = await api("/api/conversations");
  if (!resp.ok) return;
  const { conversations } = await resp.json();
  listEl.replaceChildren(...conversations.map((c) => el("li", {}, el("button", {
    type: "button", "aria-current": c.id === conversationId ? "true" : "false", onclick: () => openConversation(c.id),
  }, c.title || c.id, el("span", { class: "when" }, (c.updated_at || "").slice(0, 16).replace("T", " "))))));
}

async function openConversation(id) {
  const resp = await api(`/api/conversations/${encodeURIComponent(id)}`);
  if (!resp.ok) return;
  const { messages } = await resp.json();
  setConversation(id);
  messagesEl.replaceChildren();
  clearPanels();
  let asked = "";
  for (const m of messages) {
    const role = ["user", "human"].includes(m.role) ? "user" : "assistant";
    const answer = m.answer && typeof m.answer === "object" ? m.answer : m.citations ? { ...m, answer: m.content ?? m.answer } : null;
    if (role === "assistant" && answer) {
      const box = addMessage("assistant", "");
      box.dataset.asked = asked;
      renderAnswer(box, answer);
    } else {
      asked = m.content ?? m.text ?? "";
      addMessage(role, asked);
    }
  }
  // the household as it is now (a caseworker may have corrected it after the last answer)
  const hh = await api(`/api/conversations/${encodeURIComponent(id)}/household`);
  if (hh.ok) renderHousehold(await hh.json());
  loadConversations();
}

// 个人信息保护法: a caseworker deletes a conversation (its messages hold a household's facts) on request
document.getElementById("delete-chat").addEventListener("click", async () => {
  if (!conversationId || !window.confirm("删除后无法恢复：该对话的全部消息将从服务器删除。确定删除？")) return;
  const resp = await api(`/api/conversations/${encodeURIComponent(conversationId)}`, { method: "DELETE" });
  if (!resp.ok) return;
  conversationId = null;
  messagesEl.replaceChildren();
  loadConversations();
});

document.getElementById("new-chat").addEventListener("click", () => {
  setConversation(null);
  messagesEl.replaceChildren();
  clearPanels();
  loadConversations();
  question.focus();
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = question.value.trim();
  if (!text || askButton.disabled) return;
  question.value = "";
  ask(text);
});

question.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

document.addEventListener("mz:key", loadConversations);
MZ.init().then(() => {
  const id = new URL(window.location.href).searchParams.get("c");
  if (id && /^[A-Za-z0-9_-]{1,64}$/.test(id)) openConversation(id);
  else loadConversations();
});

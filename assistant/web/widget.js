/* 民政社会救助自助预审小工具（居民版）。嵌入方式（一行）：
 *   <script src="https://HOST/web/widget.js" data-api="https://HOST"></script>
 * 可选 data-target="某元素id"：渲染到该元素中；默认插在 script 标签之后。
 * 在 shadow root 中渲染，不受宿主页面样式影响；不保存任何填写内容。
 */
(async () => {
  "use strict";
  const script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  const API = (script.dataset.api || new URL(script.src, location.href).origin).replace(/\/+$/, "");
  let mount = script.dataset.target && document.getElementById(script.dataset.target);
  if (!mount) {
    mount = document.createElement("div");
    script.after(mount);
  }
  const root = mount.attachShadow({ mode: "open" });
  root.textContent = "正在加载…";
  // Input bounds (highest age, disability grades) are the eligibility engine's, served by the API; without
  // them the form still works and the server checks every field.
  const LIMITS = await inputLimits();

  async function inputLimits() {
    try {
      const resp = await fetch(`${API}/api/client-config`);
      if (resp.ok) return (await resp.json()).input_limits || {};
    } catch {
      // a network error shows again, with a message, when the form is sent
    }
    return {};
  }

  const PROVINCES = ["北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市",
    "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
    "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区",
    "新疆维吾尔自治区"];
  const RELATIONS = [["spouse", "配偶（丈夫或妻子）"], ["child", "子女"], ["parent", "父母"],
    ["grandparent", "祖父母、外祖父母"], ["grandchild", "孙子女、外孙子女"], ["sibling", "兄弟姐妹"], ["other", "其他"]];
  const CATEGORIES = [["physical", "肢体残疾"], ["visual", "视力残疾"], ["hearing", "听力残疾"], ["speech", "言语残疾"],
    ["intellectual", "智力残疾"], ["mental", "精神残疾"], ["multiple", "多重残疾"]];
  const EVENTS = [["none", "没有"], ["fire", "火灾"], ["traffic_accident", "交通事故"], ["accident", "其他意外事故"],
    ["serious_illness", "家里有人突发重病"], ["disaster", "自然灾害（洪水、地震等）"],
    ["expense_surge", "看病、上学等必需开支突然大增"], ["other", "其他突发困难"]];
  const STEPS = ["住在哪里", "家里有谁", "财产和现有救助", "突发困难"];
  const SCHOOL = [["none", "不上学"], ["compulsory", "小学或初中"], ["senior_high", "普通高中"], ["vocational", "中专、职高"],
    ["college", "大专及以上"]];
  const SUPPORTERS = [["none", "没有这样的亲属"], ["unable", "有，但他们没有能力"], ["able", "有，而且有能力"]];

  const css = `
    :host { all: initial; display: block; font-family: "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
      color: #1d2733; font-size: 16px; line-height: 1.6; }
    * { box-sizing: border-box; }
    .box { max-width: 40em; margin: 0 auto; background: #fff; border: 1px solid #d5dae1; border-radius: 8px; padding: 1em; }
    h2 { font-size: 1.2em; margin: 0 0 0.2em; color: #9b1c1c; }
    h3 { font-size: 1.05em; margin: 0.6em 0; }
    h3:focus { outline: none; }
    .lead { margin: 0 0 0.8em; color: #45515f; font-size: 0.92em; }
    ol.progress { display: flex; gap: 0.3em; list-style: none; padding: 0; margin: 0 0 0.6em; font-size: 0.78em; }
    ol.progress li { flex: 1; text-align: center; padding: 0.2em; border-bottom: 3px solid #e3e7ec; color: #5b6675; }
    ol.progress li[aria-current="step"] { border-color: #9b1c1c; color: #9b1c1c; font-weight: 600; }
    ol.progress li.done { border-color: #d99; }
    label, legend { display: block; font-weight: 600; margin: 0.7em 0 0.25em; }
    legend { padding: 0 0.3em; }
    .hint { display: block; font-weight: 400; color: #5b6675; font-size: 0.85em; }
    input, select, button { font: inherit; color: inherit; }
    input, select { width: 100%; padding: 0.55em; border: 1px solid #b8c0cc; border-radius: 6px; background: #fff; min-height: 2.75em; }
    fieldset { border: 1px solid #d5dae1; border-radius: 6px; margin: 0.8em 0; padding: 0 0.8em 0.8em; }
    .choices { display: flex; flex-wrap: wrap; gap: 0.4em 1em; }
    .choices label { font-weight: 400; margin: 0; display: flex; align-items: center; gap: 0.35em; min-height: 2.75em; }
    .choices input { width: auto; min-height: 0; }
    .pair { display: grid; grid-template-columns: 1fr 7em; gap: 0.5em; }
    .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 0 0.8em; }
    button { border: none; border-radius: 6px; padding: 0.6em 1.1em; cursor: pointer; min-height: 2.75em; }
    .primary { background: #9b1c1c; color: #fff; }
    .secondary { background: #fff; color: #9b1c1c; border: 1px solid #9b1c1c; }
    .link { background: none; color: #9b1c1c; text-decoration: underline; padding: 0.3em 0; min-height: 0; }
    button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f5a524; outline-offset: 2px; }
    .nav { display: flex; justify-content: space-between; gap: 0.6em; margin-top: 1em; }
    .nav .primary { margin-left: auto; }
    .error { background: #fdecec; color: #8a1111; border-radius: 6px; padding: 0.6em 0.8em; margin: 0.6em 0; }
    .error ul { margin: 0.3em 0 0; padding-left: 1.2em; }
    .privacy { font-size: 0.8em; color: #5b6675; margin-top: 0.8em; }
    .result { border: 1px solid #d5dae1; border-left-width: 5px; border-radius: 6px; padding: 0.6em 0.8em; margin: 0.6em 0; }
    .result.meets { border-left-color: #17663a; }
    .result.needs_info { border-left-color: #c98a00; }
    .result.does_not_meet { border-left-color: #9aa4b1; }
    .result h4 { margin: 0 0 0.2em; font-size: 1em; }
    .status { display: inline-block; font-size: 0.8em; border-radius: 999px; padding: 0 0.6em; margin-left: 0.4em; }
    .meets .status { background: #e3f4e8; color: #17663a; }
    .needs_info .status { background: #fff2d6; color: #8a5a00; }
    .does_not_meet .status { background: #eceff3; color: #45515f; }
    .result p, .result li { margin: 0.25em 0; font-size: 0.93em; }
    .result ul { padding-left: 1.2em; margin: 0.2em 0; }
    .amount { font-weight: 600; color: #17663a; }
    .disclaimer { background: #fff7e0; border-radius: 6px; padding: 0.6em 0.8em; font-size: 0.88em; margin-top: 0.8em; }
    details summary { cursor: pointer; margin: 0.6em 0; }
    [hidden] { display: none !important; }
    :host(.large) { font-size: 20px; }
    .tools { display: flex; gap: 0.5em; justify-content: flex-end; margin: -0.2em 0 0.3em; }
    .tools button { padding: 0.2em 0.6em; min-height: 2.2em; font-size: 0.85em; }
    .income { background: #f4f6f9; border-radius: 6px; padding: 0.5em 0.7em; font-size: 0.93em; margin: 0.5em 0; }
    .followup { border: 1px solid #c98a00; border-radius: 6px; padding: 0.3em 0.8em 0.8em; margin: 0.6em 0; }
    .followup h4 { margin: 0.4em 0 0; font-size: 1em; }
    .followup .q { margin: 0.5em 0; }
    .followup .q > p { margin: 0.2em 0; font-weight: 600; font-size: 0.93em; }
    .followup .row { display: grid; grid-template-columns: 1fr 9em; gap: 0.4em; align-items: center; margin: 0.2em 0; font-size: 0.9em; }
    .result.compact p { font-size: 0.88em; }
    @media print {
      .tools, .nav, .followup button, form { display: none !important; }
      .box { border: none; }
      details > * { display: block !important; }
    }
    @media (max-width: 480px) {
      .box { padding: 0.7em; border-radius: 0; border-left: none; border-right: none; }
      .grid2 { grid-template-columns: 1fr; }
      ol.progress { font-size: 0.7em; }
    }`;

  const CN_DIGITS = "〇一二三四五六七八九";
  const GRADES = (LIMITS.disability_grades || []).map((g) => [String(g), `${CN_DIGITS[g] || g}级`]);
  const AGE_MAX = Number.isInteger(LIMITS.age_max) ? ` max="${LIMITS.age_max}"` : "";
  const options = (pairs, selected = "") =>
    pairs.map(([v, t]) => `<option value="${v}"${v === selected ? " selected" : ""}>${t}</option>`).join("");
  const unknown = (text = "不清楚") => `<option value="">${text}</option>`;

  root.innerHTML = `<style>${css}</style>
  <div class="box" lang="zh-CN">
    <div class="tools"><button type="button" class="secondary" id="large" aria-pressed="false">大字（适老）</button></div>
    <h2>社会救助自助预审</h2>
    <p class="lead">回答几个简单问题，看看您家可能符合哪些救助（低保、特困供养、临时救助、残疾人补贴等）。不知道的可以不填。</p>
    <form novalidate>
      <ol class="progress" aria-label="填写进度">${STEPS.map((s, i) => `<li data-i="${i}">${i + 1}. ${s}</li>`).join("")}</ol>
      <section data-step="0">
        <h3 tabindex="-1">第1步：您住在哪里？</h3>
        <fieldset>
          <legend>您是为谁填写？</legend>
          <div class="choices">
            <label><input type="radio" name="who" value="self" checked> 为我自己</label>
            <label><input type="radio" name="who" value="other"> 为家里人代填（如为父母）</label>
          </div>
        </fieldset>
        <label for="province">省份</label>
        <select id="province">${unknown("请选择（不清楚可不选）")}${options(PROVINCES.map((p) => [p, p]))}</select>
        <div class="grid2">
          <div><label for="prefecture">市（州、盟）</label><input id="prefecture" autocomplete="address-level2" placeholder="例如：承德市"></div>
          <div><label for="county">县（区、旗）</label><input id="county" autocomplete="address-level3" placeholder="例如：丰宁满族自治县"></div>
        </div>
        <fieldset>
          <legend>您家在农村还是城市（城镇）？</legend>
          <div class="choices">
            <label><input type="radio" name="area" value="rural"> 农村</label>
            <label><input type="radio" name="area" value="urban"> 城市（城镇）</label>
            <label><input type="radio" name="area" value="" checked> 不清楚</label>
          </div>
        </fieldset>
      </section>
      <section data-step="1" hidden>
        <h3 tabindex="-1">第2步：和您一起生活的家里人</h3>
        <p class="lead">包括您自己。收入包括工资、打工、种地养殖、养老金等；没有收入请填 0，不清楚可以不填。</p>
        <div id="members"></div>
        <label for="any-disability">家里有没有人持有残疾人证？<span class="hint">选“没有”就不用逐人填写残疾情况。</span></label>
        <select id="any-disability">${unknown()}${options([["no", "没有"], ["yes", "有"]])}</select>
        <button type="button" class="secondary" id="add-member">＋ 添加一位家庭成员</button>
      </section>
      <section data-step="2" hidden>
        <h3 tabindex="-1">第3步：家庭财产和现在享受的救助</h3>
        <label for="assets">家里的存款、车辆、房产等，是否在当地低保规定的限额以内？
          <span class="hint">不清楚当地规定可以选“不清楚”。</span></label>
        <select id="assets">${unknown()}${options([["yes", "是，财产不多，在限额以内"], ["no", "否，超过了限额"]])}</select>
        <label for="on-dibao">您家现在是否正在领取低保？</label>
        <select id="on-dibao">${unknown()}${options([["no", "没有"], ["yes", "正在领取"]])}</select>
      </section>
      <section data-step="3" hidden>
        <h3 tabindex="-1">第4步：最近有没有遇到突发困难？</h3>
        <label for="event">最近是否遇到下面的情况？</label>
        <select id="event">${unknown("不清楚 / 不想说")}${options(EVENTS)}</select>
        <div id="severe-row" hidden>
          <label for="severe">这件事是否让家里的基本生活一时非常困难？</label>
          <select id="severe">${unknown()}${options([["yes", "是"], ["no", "否"]])}</select>
        </div>
      </section>
      <div class="error" id="error" role="alert" hidden></div>
      <div class="nav">
        <button type="button" class="secondary" id="back" hidden>上一步</button>
        <button type="submit" class="primary" id="next">下一步</button>
      </div>
      <p class="privacy">您填写的信息只用于这次计算，不会被保存。</p>
    </form>
    <section id="results" hidden aria-live="polite"></section>
  </div>`;

  const $ = (sel) => root.querySelector(sel);
  const form = $("form");
  const sections = [...root.querySelectorAll("section[data-step]")];
  const errorBox = $("#error");
  const results = $("#results");
  let step = 0;
  let memberSeq = 0;

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) node.setAttribute(k, v);
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  function addMember(first = false) {
    const n = ++memberSeq;
    const box = document.createElement("fieldset");
    box.className = "member";
    box.innerHTML = `
      <legend data-legend>${first ? "您本人" : "家庭成员"}</legend>
      ${first ? `<input type="hidden" data-f="relation" value="self">` : `
        <label for="rel-${n}" data-rel-label>和您的关系</label>
        <select id="rel-${n}" data-f="relation">${unknown()}${options(RELATIONS)}</select>`}
      <label for="age-${n}">年龄（周岁）</label>
      <input id="age-${n}" data-f="age" data-num="int" inputmode="numeric" min="0"${AGE_MAX} autocomplete="off">
      <div data-dis-row><label for="dis-${n}">是否有残疾？</label>
      <select id="dis-${n}" data-f="disability">${unknown()}${options([["none", "没有残疾"],
        ["cert", "有残疾，有残疾人证"], ["nocert", "有残疾，没有残疾人证"]])}</select></div>
      <div class="grid2" data-disability hidden>
        <div><label for="cat-${n}">残疾类别</label>
          <select id="cat-${n}" data-f="category">${unknown()}${options(CATEGORIES)}</select></div>
        <div><label for="grade-${n}">残疾等级<span class="hint">残疾人证上写的等级，一级最重</span></label>
          <select id="grade-${n}" data-f="grade">${unknown()}${options(GRADES)}</select></div>
        <div><label for="care-${n}">是否需要长期有人照护？</label>
          <select id="care-${n}" data-f="care">${unknown()}${options([["no", "不需要"], ["yes", "需要"]])}</select></div>
      </div>
      <div data-school hidden>
        <label for="school-${n}">现在上学吗？</label>
        <select id="school-${n}" data-f="student">${unknown()}${options(SCHOOL)}</select>
      </div>
      <div data-support hidden>
        <label for="sup-${n}">有没有能养他的子女、配偶或父母（不在一起住的也算）？</label>
        <select id="sup-${n}" data-f="supporters">${unknown()}${options(SUPPORTERS)}</select>
      </div>
      <label for="ill-${n}">是否患有重病（如癌症、尿毒症等）？</label>
      <select id="ill-${n}" data-f="illness">${unknown()}${options([["no", "否"], ["yes", "是"]])}</select>
      <label for="inc-${n}">收入（元）</label>
      <div class="pair">
        <input id="inc-${n}" data-f="income" data-num="money" inputmode="decimal" min="0" placeholder="不清楚可不填" autocomplete="off">
        <select data-f="period" aria-label="收入按年还是按月">${options([["year", "每年"], ["month", "每月"]])}</select>
      </div>
      ${first ? "" : `<button type="button" class="link" data-remove>删除这位成员</button>`}`;
    box.querySelector("[data-f=disability]").addEventListener("change", (e) => {
      box.querySelector("[data-disability]").hidden = !["cert", "nocert"].includes(e.target.value);
    });
    // school only decides for the young, supporters for the old, the young and the disabled
    const age = box.querySelector("[data-f=age]");
    const relevant = () => {
      const a = /^\d+$/.test(age.value.trim()) ? Number(age.value.trim()) : null;
      const dis = box.querySelector("[data-f=disability]").value;
      box.querySelector("[data-school]").hidden = a === null || a >= 25;
      box.querySelector("[data-support]").hidden = !(a !== null && (a >= 60 || a < 18)) && !["cert", "nocert"].includes(dis);
    };
    age.addEventListener("input", relevant);
    box.querySelector("[data-f=disability]").addEventListener("change", relevant);
    box.querySelector("[data-remove]")?.addEventListener("click", () => {
      box.remove();
      $("#add-member").focus();
    });
    $("#members").append(box);
    syncDisability();
    return box;
  }

  // asked once for the household: "没有" records none for everyone and hides the per-person question
  function syncDisability() {
    const none = $("#any-disability").value === "no";
    root.querySelectorAll("fieldset.member").forEach((box) => {
      const select = box.querySelector("[data-f=disability]");
      if (none) {
        select.value = "none";
        select.dispatchEvent(new Event("change"));
      } else if (select.value === "none" && box.dataset.autoNone) select.value = "";
      box.dataset.autoNone = none ? "1" : "";
      box.querySelector("[data-dis-row]").hidden = none;
    });
  }

  function show(i) {
    step = i;
    sections.forEach((s, j) => { s.hidden = j !== i; });
    root.querySelectorAll("ol.progress li").forEach((li, j) => {
      li.classList.toggle("done", j < i);
      if (j === i) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    $("#back").hidden = i === 0;
    $("#next").textContent = i === sections.length - 1 ? "查看结果" : "下一步";
    clearError();
    sections[i].querySelector("h3").focus();
  }

  // ---- the household JSON: an empty answer is null (unknown), never 0 or false -------------------------
  const text = (sel) => $(sel).value.trim() || null;
  const yesNo = (v) => (v === "yes" ? true : v === "no" ? false : null);

  function member(box, index) {
    const f = (name) => box.querySelector(`[data-f=${name}]`).value.trim();
    const dis = f("disability");
    let disability = null;
    if (dis === "none") disability = { category: "none" };
    else if (dis === "cert" || dis === "nocert") {
      disability = { category: f("category") || null, grade: f("grade") ? Number(f("grade")) : null, certified: dis === "cert" };
    }
    const income = f("income") === "" ? null : Number(f("income")) * (f("period") === "month" ? 12 : 1);
    // asked only where it decides: a field in a hidden block was not asked, so it stays unknown
    const shown = (name) => !box.querySelector(`[data-f=${name}]`).parentElement.hidden;
    return {
      id: `p${index + 1}`,
      relation: f("relation") || null,
      age: f("age") === "" ? null : Number(f("age")),
      disability,
      serious_illness: yesNo(f("illness")),
      needs_long_term_care: disability && disability.category !== "none" ? yesNo(f("care")) : null,
      student: shown("student") ? f("student") || null : null,
      legal_supporters: shown("supporters") ? f("supporters") || null : null,
      income_yearly: income === null ? null : Math.round(income * 100) / 100,
    };
  }

  function household() {
    const kind = $("#event").value;
    return {
      region: { province: text("#province"), prefecture: text("#prefecture"), county: text("#county") },
      area: root.querySelector("input[name=area]:checked").value || null,
      members: [...root.querySelectorAll("fieldset.member")].map(member),
      assets_within_limit: yesNo($("#assets").value),
      status: { dibao: yesNo($("#on-dibao").value) },
      event: kind ? { kind, severe_hardship: kind === "none" ? null : yesNo($("#severe").value) } : null,
    };
  }

  // numbers are typed as text, so "七十岁" or "abc" is not dropped silently by the browser: it gets a message
  function numberProblem(input) {
    const v = input.value.trim();
    if (v === "") return "";
    if (!/^-?\d+(\.\d+)?$/.test(v)) return `请只填写阿拉伯数字，例如 ${input.dataset.num === "int" ? "70" : "1200"}（不清楚可以不填）`;
    const n = Number(v);
    const min = input.getAttribute("min");
    const max = input.getAttribute("max");
    if (input.dataset.num === "int" && !Number.isInteger(n)) return "请填写整数";
    if (max !== null && (n < Number(min) || n > Number(max))) return `应在${min}到${max}之间`;
    if (min !== null && n < Number(min)) return "不能是负数";
    return "";
  }

  function stepValid(scope = sections[step]) {
    for (const input of scope.querySelectorAll("input[data-num]")) {
      if (input.closest("[hidden]")) continue;
      const why = numberProblem(input);
      if (!why) continue;
      const label = root.querySelector(`label[for="${input.id}"]`) || input.closest("label");
      const name = input.getAttribute("aria-label") || (label ? label.firstChild.textContent.trim() : "输入");
      showError(`请检查“${name}”：${why}`);
      input.focus();
      return false;
    }
    return true;
  }

  function clearError() {
    errorBox.replaceChildren();
    errorBox.hidden = true;
  }

  function showError(message, items = []) {
    // the message goes where the person is: the form, or the follow-up questions of a result
    if (!results.hidden) (results.querySelector("#followup") || results.firstChild)?.before(errorBox);
    else form.querySelector(".nav").before(errorBox);
    errorBox.replaceChildren(message);
    if (items.length) errorBox.append(el("ul", {}, ...items.map((t) => el("li", {}, t))));
    errorBox.hidden = false;
  }

  // ---- results ------------------------------------------------------------------------------------------
  function programCard(p) {
    const card = el("article", { class: `result ${p.status}`, "data-program": p.program },
      el("h4", {}, p.title, el("span", { class: "status" }, p.status_label)),
      el("p", {}, p.plain.replace(/^[^：]*：/, "")));
    if (p.estimate) {
      card.append(el("p", {}, "大约每月 ", el("span", { class: "amount" }, `${p.estimate.monthly} 元`),
        `（全年约 ${p.estimate.yearly} 元），仅供参考，以审批为准。`));
    }
    if (p.unmet.length) card.append(el("p", {}, `没有满足的条件：${p.unmet.join("；")}。`));
    if (p.next_steps.length) {
      const label = p.status === "does_not_meet" ? "以后怎么办：" : "怎么申请、要带什么：";
      card.append(el("p", {}, label), el("ul", {}, ...p.next_steps.map((s) => el("li", {}, s))));
    }
    for (const note of p.notes) card.append(el("p", {}, `提示：${note}`));
    return card;
  }

  // ---- follow-up questions, answered inline; the answers patch the household and it is screened again -----
  let current = null;

  function questionBlock(q, n) {
    const box = el("div", { class: "q", "data-q": q.id });
    const id = (suffix) => `fq-${n}-${suffix}`;
    box.append(el("p", { id: id("t") }, `${n}. ${q.text}`));
    const select = (sid, pairs, label) => {
      const node = el("select", { id: sid, "aria-label": label });
      node.innerHTML = unknown("不清楚") + options(pairs);
      return node;
    };
    const numberInput = (sid, label) => el("input", { id: sid, "data-num": "money", min: "0", inputmode: "decimal",
      "aria-label": label, autocomplete: "off" });
    if (q.kind === "choice") box.append(select(id("v"), q.options, q.text));
    else if (q.kind === "yesno") box.append(select(id("v"), [["yes", "是 / 有"], ["no", "否 / 没有"]], q.text));
    else if (q.kind === "disability") {
      // asked once for the household: each person's certificate in one row, "没有" for those without
      for (const m of q.members) {
        const sid = id(`m${m.index}`);
        box.append(el("div", { class: "row" }, el("span", {}, m.label),
          el("span", {}, select(`${sid}-c`, [["none", "没有残疾证"], ...CATEGORIES], `${m.label}的残疾类别`),
            select(`${sid}-g`, GRADES, `${m.label}的残疾等级`))));
      }
    }
    else if (q.kind === "numbers") {
      for (const f of q.fields) {
        box.append(el("div", { class: "row" }, el("span", {}, q.labels[f] || f), numberInput(id(f), `${q.labels[f] || f}（元/年）`)));
      }
    } else {
      for (const m of q.members) {
        const sid = id(`m${m.index}`);
        let input;
        if (q.kind === "members_number") {
          input = numberInput(sid, `${m.label}：${q.text}`);
          if (q.id === "age") input.dataset.num = "int";
        } else if (q.kind === "members_check") input = select(sid, [["yes", "是"], ["no", "否"]], `${m.label}：${q.text}`);
        else if (q.kind === "parents") {
          input = el("span", {}, select(`${sid}-a`, q.options, `${m.label}的父亲`), select(`${sid}-b`, q.options, `${m.label}的母亲`));
        } else input = select(sid, q.options, `${m.label}：${q.text}`);
        box.append(el("div", { class: "row" }, el("span", {}, m.label), input));
      }
    }
    return box;
  }

  function setPath(obj, path, value) {
    const parts = path.replace(/\[(\d+)\]/g, ".$1").split(".");
    let node = obj;
    for (const key of parts.slice(0, -1)) {
      if (node[key] === null || node[key] === undefined || typeof node[key] !== "object") node[key] = {};
      node = node[key];
    }
    node[parts[parts.length - 1]] = value;
  }

  function applyAnswers(container) {
    const h = JSON.parse(JSON.stringify(current));
    const val = (sid) => root.getElementById(sid)?.value.trim() ?? "";
    container.querySelectorAll("[data-q]").forEach((box, i) => {
      const q = box._question;
      const n = i + 1;
      const id = (suffix) => `fq-${n}-${suffix}`;
      if (q.kind === "choice") {
        const v = val(id("v"));
        if (!v) return;
        if (q.id === "event") h.event = { kind: v, severe_hardship: null, in_home_region: null };
        else setPath(h, q.fields[0], v);
      } else if (q.kind === "yesno") {
        const v = yesNo(val(id("v")));
        if (v === null) return;
        for (const f of q.fields) {
          if (f === "event.severe_hardship") h.event = { ...(h.event || { kind: "other" }), severe_hardship: v };
          else setPath(h, f, v);
        }
      } else if (q.kind === "disability") {
        for (const m of q.members) {
          const category = val(id(`m${m.index}-c`));
          const grade = val(id(`m${m.index}-g`));
          if (category === "none") h.members[m.index].disability = { category: "none" };
          else if (category) h.members[m.index].disability = { category, grade: grade ? Number(grade) : null, certified: true };
        }
      } else if (q.kind === "numbers") {
        for (const f of q.fields) {
          const v = val(id(f));
          if (v !== "") h[f] = Number(v);
        }
      } else {
        const field = q.fields[0].replace(/^members\[\d+\]\./, "");
        for (const m of q.members) {
          const sid = id(`m${m.index}`);
          const target = h.members[m.index];
          if (q.kind === "members_number") { if (val(sid) !== "") target[field] = Number(val(sid)); }
          else if (q.kind === "members_check") { const v = yesNo(val(sid)); if (v !== null) target[field] = v; }
          else if (q.kind === "parents") {
            const pair = [val(`${sid}-a`) || null, val(`${sid}-b`) || null];
            if (pair.some((x) => x)) target.parents_situation = pair;
          } else if (val(sid)) target[field] = val(sid);
        }
      }
    });
    return h;
  }

  // one block per likely program: for whom, about how much, where to apply, what to bring, who to ask
  function likelyCard(line, p) {
    const card = el("article", { class: `result compact ${p.status}`, "data-program": p.program, "data-line": p.program },
      el("h4", {}, line.title, el("span", { class: "status" }, p.status_label)),
      el("p", {}, `${line.who}`, line.monthly ? "：大约每月 " : "",
        line.monthly ? el("span", { class: "amount" }, `${line.monthly} 元`) : null,
        line.monthly ? `（全年约 ${line.yearly} 元，以审批为准）` : ""));
    for (const s of p.next_steps) card.append(el("p", {}, s));
    return card;
  }

  function showResults(data) {
    const byProgram = Object.fromEntries(data.programs.map((p) => [p.program, p]));
    const heading = el("h3", { tabindex: "-1" }, "初步结果");
    const parts = [heading, el("p", { class: "lead", id: "headline" }, `${data.region}。${data.headline}`)];
    parts.push(...data.lines.filter((l) => byProgram[l.program]).map((l) => likelyCard(l, byProgram[l.program])));
    if (data.lines.length) parts.push(el("p", { class: "lead", "data-help": "" }, data.lines[0].help));
    if (data.income) {
      parts.push(el("div", { class: "income" }, data.income.text,
        data.income.standard_note ? el("div", {}, data.income.standard_note) : null));
    }
    for (const t of data.not_stacked) parts.push(el("p", { class: "lead" }, t));
    if (data.questions.length) {
      const follow = el("div", { class: "followup", id: "followup" },
        el("h4", {}, `回答下面 ${data.questions.length} 个问题，结果会更准确（不清楚的可以不答）：`));
      data.questions.forEach((q, i) => {
        const block = questionBlock(q, i + 1);
        block._question = q;
        follow.append(block);
      });
      follow.append(el("div", { class: "nav" }, el("button", { type: "button", class: "primary", id: "rescreen" }, "按回答重新计算")));
      parts.push(follow);
    }
    const rest = data.programs.filter((p) => !data.lines.some((l) => l.program === p.program));
    if (rest.length) {
      parts.push(el("details", {}, el("summary", {}, `其他救助项目的说明（${rest.length} 项）`), ...rest.map(programCard)));
    }
    parts.push(el("div", { class: "disclaimer" }, el("strong", {}, "请注意："), data.disclaimer,
      ...data.notes.map((n) => el("div", {}, n))));
    parts.push(el("div", { class: "nav" },
      el("button", { type: "button", class: "secondary", id: "edit" }, "修改信息"),
      el("button", { type: "button", class: "secondary", id: "print" }, "打印结果")));
    results.replaceChildren(...parts);
    results.querySelector("#edit").addEventListener("click", () => {
      results.hidden = true;
      form.hidden = false;
      show(0);
    });
    results.querySelector("#print").addEventListener("click", () => window.print());
    results.querySelector("#rescreen")?.addEventListener("click", () => {
      const follow = results.querySelector("#followup");
      if (!stepValid(follow)) return;
      submit(applyAnswers(follow));
    });
    form.hidden = true;
    results.hidden = false;
    heading.focus();
  }

  // answers given inline in a result stay when the form is edited and sent again: whatever the form leaves
  // unknown is taken from the last household screened (nothing typed is lost)
  function carry(fresh, previous) {
    if (!previous) return fresh;
    const merge = (now, before) => {
      for (const [key, value] of Object.entries(before || {})) {
        if (now[key] === null || now[key] === undefined) now[key] = value;
        else if (typeof now[key] === "object" && !Array.isArray(now[key]) && typeof value === "object" && value) merge(now[key], value);
      }
    };
    const { members, ...rest } = previous;
    merge(fresh, rest);
    // members are matched by position only while nobody was added or removed
    if (members.length === fresh.members.length) fresh.members.forEach((m, i) => merge(m, members[i]));
    return fresh;
  }

  async function submit(body = carry(household(), current)) {
    current = body;
    const next = $("#next");
    next.disabled = true;
    next.textContent = "正在计算…";
    clearError();
    let resp;
    let data = {};
    try {
      resp = await fetch(`${API}/api/eligibility?audience=citizen`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      data = await resp.json().catch(() => ({}));
    } catch {
      showError("网络连接失败，请稍后再试。");
      return;
    } finally {
      next.disabled = false;
      next.textContent = "查看结果";
    }
    // rendering outside the try: a fault in the page is not reported as a network failure
    if (resp.ok) showResults(data);
    else if (resp.status === 422) showError("有些信息填写有误：", (data.fields || []).map((f) => f.message));
    else showError(data.error || `暂时无法计算（${resp.status}），请稍后再试。`);
  }

  // relatives fill the form for the applicant (申请人): the wording follows
  root.querySelectorAll("input[name=who]").forEach((r) => r.addEventListener("change", () => {
    const forOther = root.querySelector("input[name=who]:checked").value === "other";
    root.querySelectorAll("fieldset.member").forEach((box, i) => {
      box.querySelector("[data-legend]").textContent = i === 0 ? (forOther ? "申请人（需要救助的人）" : "您本人") : "家庭成员";
      const rel = box.querySelector("[data-rel-label]");
      if (rel) rel.textContent = forOther ? "和申请人的关系" : "和您的关系";
    });
  }));
  $("#any-disability").addEventListener("change", syncDisability);
  $("#large").addEventListener("click", (e) => {
    const on = !mount.classList.contains("large");
    mount.classList.toggle("large", on);
    e.target.setAttribute("aria-pressed", String(on));
    e.target.textContent = on ? "标准字号" : "大字（适老）";
  });
  $("#add-member").addEventListener("click", () => addMember().querySelector("select, input").focus());
  $("#event").addEventListener("change", (e) => { $("#severe-row").hidden = ["", "none"].includes(e.target.value); });
  $("#back").addEventListener("click", () => show(step - 1));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!stepValid()) return;
    if (step < sections.length - 1) show(step + 1);
    else submit();
  });
  addMember(true);
  step = 0;
  sections.forEach((s, j) => { s.hidden = j !== 0; });
  root.querySelector("ol.progress li").setAttribute("aria-current", "step");
})();

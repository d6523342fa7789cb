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

  const css = `
    :host { all: initial; display: block; font-family: "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
      color: #1d2733; font-size: 16px; line-height: 1.6; }
    * { box-sizing: border-box; }
    .box { max-width: 40rem; margin: 0 auto; background: #fff; border: 1px solid #d5dae1; border-radius: 8px; padding: 1rem; }
    h2 { font-size: 1.2rem; margin: 0 0 0.2rem; color: #9b1c1c; }
    h3 { font-size: 1.05rem; margin: 0.6rem 0; }
    h3:focus { outline: none; }
    .lead { margin: 0 0 0.8rem; color: #45515f; font-size: 0.92rem; }
    ol.progress { display: flex; gap: 0.3rem; list-style: none; padding: 0; margin: 0 0 0.6rem; font-size: 0.78rem; }
    ol.progress li { flex: 1; text-align: center; padding: 0.2rem; border-bottom: 3px solid #e3e7ec; color: #5b6675; }
    ol.progress li[aria-current="step"] { border-color: #9b1c1c; color: #9b1c1c; font-weight: 600; }
    ol.progress li.done { border-color: #d99; }
    label, legend { display: block; font-weight: 600; margin: 0.7rem 0 0.25rem; }
    legend { padding: 0 0.3rem; }
    .hint { display: block; font-weight: 400; color: #5b6675; font-size: 0.85rem; }
    input, select, button { font: inherit; color: inherit; }
    input, select { width: 100%; padding: 0.55rem; border: 1px solid #b8c0cc; border-radius: 6px; background: #fff; min-height: 2.75rem; }
    fieldset { border: 1px solid #d5dae1; border-radius: 6px; margin: 0.8rem 0; padding: 0 0.8rem 0.8rem; }
    .choices { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; }
    .choices label { font-weight: 400; margin: 0; display: flex; align-items: center; gap: 0.35rem; min-height: 2.75rem; }
    .choices input { width: auto; min-height: 0; }
    .pair { display: grid; grid-template-columns: 1fr 7rem; gap: 0.5rem; }
    .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 0 0.8rem; }
    button { border: none; border-radius: 6px; padding: 0.6rem 1.1rem; cursor: pointer; min-height: 2.75rem; }
    .primary { background: #9b1c1c; color: #fff; }
    .secondary { background: #fff; color: #9b1c1c; border: 1px solid #9b1c1c; }
    .link { background: none; color: #9b1c1c; text-decoration: underline; padding: 0.3rem 0; min-height: 0; }
    button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f5a524; outline-offset: 2px; }
    .nav { display: flex; justify-content: space-between; gap: 0.6rem; margin-top: 1rem; }
    .nav .primary { margin-left: auto; }
    .error { background: #fdecec; color: #8a1111; border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0.6rem 0; }
    .error ul { margin: 0.3rem 0 0; padding-left: 1.2rem; }
    .privacy { font-size: 0.8rem; color: #5b6675; margin-top: 0.8rem; }
    .result { border: 1px solid #d5dae1; border-left-width: 5px; border-radius: 6px; padding: 0.6rem 0.8rem; margin: 0.6rem 0; }
    .result.meets { border-left-color: #17663a; }
    .result.needs_info { border-left-color: #c98a00; }
    .result.does_not_meet { border-left-color: #9aa4b1; }
    .result h4 { margin: 0 0 0.2rem; font-size: 1rem; }
    .status { display: inline-block; font-size: 0.8rem; border-radius: 999px; padding: 0 0.6rem; margin-left: 0.4rem; }
    .meets .status { background: #e3f4e8; color: #17663a; }
    .needs_info .status { background: #fff2d6; color: #8a5a00; }
    .does_not_meet .status { background: #eceff3; color: #45515f; }
    .result p, .result li { margin: 0.25rem 0; font-size: 0.93rem; }
    .result ul { padding-left: 1.2rem; margin: 0.2rem 0; }
    .amount { font-weight: 600; color: #17663a; }
    .disclaimer { background: #fff7e0; border-radius: 6px; padding: 0.6rem 0.8rem; font-size: 0.88rem; margin-top: 0.8rem; }
    details summary { cursor: pointer; margin: 0.6rem 0; }
    [hidden] { display: none !important; }
    @media (max-width: 480px) {
      .box { padding: 0.7rem; border-radius: 0; border-left: none; border-right: none; }
      .grid2 { grid-template-columns: 1fr; }
      ol.progress { font-size: 0.7rem; }
    }`;

  const CN_DIGITS = "〇一二三四五六七八九";
  const GRADES = (LIMITS.disability_grades || []).map((g) => [String(g), `${CN_DIGITS[g] || g}级`]);
  const AGE_MAX = Number.isInteger(LIMITS.age_max) ? ` max="${LIMITS.age_max}"` : "";
  const options = (pairs, selected = "") =>
    pairs.map(([v, t]) => `<option value="${v}"${v === selected ? " selected" : ""}>${t}</option>`).join("");
  const unknown = (text = "不清楚") => `<option value="">${text}</option>`;

  root.innerHTML = `<style>${css}</style>
  <div class="box" lang="zh-CN">
    <h2>社会救助自助预审</h2>
    <p class="lead">回答几个简单问题，看看您家可能符合哪些救助（低保、特困供养、临时救助、残疾人补贴等）。不知道的可以不填。</p>
    <form novalidate>
      <ol class="progress" aria-label="填写进度">${STEPS.map((s, i) => `<li data-i="${i}">${i + 1}. ${s}</li>`).join("")}</ol>
      <section data-step="0">
        <h3 tabindex="-1">第1步：您住在哪里？</h3>
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
      <legend>${first ? "您本人" : "家庭成员"}</legend>
      ${first ? `<input type="hidden" data-f="relation" value="self">` : `
        <label for="rel-${n}">和您的关系</label>
        <select id="rel-${n}" data-f="relation">${unknown()}${options(RELATIONS)}</select>`}
      <label for="age-${n}">年龄（周岁）</label>
      <input id="age-${n}" data-f="age" type="number" inputmode="numeric" min="0"${AGE_MAX} step="1">
      <label for="dis-${n}">是否有残疾？</label>
      <select id="dis-${n}" data-f="disability">${unknown()}${options([["none", "没有残疾"],
        ["cert", "有残疾，有残疾人证"], ["nocert", "有残疾，没有残疾人证"]])}</select>
      <div class="grid2" data-disability hidden>
        <div><label for="cat-${n}">残疾类别</label>
          <select id="cat-${n}" data-f="category">${unknown()}${options(CATEGORIES)}</select></div>
        <div><label for="grade-${n}">残疾等级<span class="hint">残疾人证上写的等级，一级最重</span></label>
          <select id="grade-${n}" data-f="grade">${unknown()}${options(GRADES)}</select></div>
      </div>
      <label for="ill-${n}">是否患有重病（如癌症、尿毒症等）？</label>
      <select id="ill-${n}" data-f="illness">${unknown()}${options([["no", "否"], ["yes", "是"]])}</select>
      <label for="inc-${n}">收入（元）</label>
      <div class="pair">
        <input id="inc-${n}" data-f="income" type="number" inputmode="decimal" min="0" step="any" placeholder="不清楚可不填">
        <select data-f="period" aria-label="收入按年还是按月">${options([["year", "每年"], ["month", "每月"]])}</select>
      </div>
      ${first ? "" : `<button type="button" class="link" data-remove>删除这位成员</button>`}`;
    box.querySelector("[data-f=disability]").addEventListener("change", (e) => {
      box.querySelector("[data-disability]").hidden = !["cert", "nocert"].includes(e.target.value);
    });
    box.querySelector("[data-remove]")?.addEventListener("click", () => {
      box.remove();
      $("#add-member").focus();
    });
    $("#members").append(box);
    return box;
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
    return {
      id: `p${index + 1}`,
      relation: f("relation") || null,
      age: f("age") === "" ? null : Number(f("age")),
      disability,
      serious_illness: yesNo(f("illness")),
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

  function stepValid() {
    const invalid = [...sections[step].querySelectorAll("input")].find((i) => !i.checkValidity());
    if (!invalid) return true;
    const label = root.querySelector(`label[for="${invalid.id}"]`);
    const v = invalid.validity;
    // our own words: the browser's validationMessage follows the browser's language, not the page's
    const why = v.badInput ? "请填写数字"
      : v.stepMismatch ? "请填写整数"
      : invalid.max && (v.rangeUnderflow || v.rangeOverflow) ? `应在${invalid.min}到${invalid.max}之间`
      : v.rangeUnderflow ? "不能是负数" : "填写有误";
    showError(`请检查“${label ? label.firstChild.textContent.trim() : "输入"}”：${why}`);
    invalid.focus();
    return false;
  }

  function clearError() {
    errorBox.replaceChildren();
    errorBox.hidden = true;
  }

  function showError(message, items = []) {
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
    if (p.questions.length) {
      card.append(el("p", {}, "还需要了解："), el("ul", {}, ...p.questions.map((q) => el("li", {}, q))));
    }
    if (p.next_steps.length) {
      const label = p.status === "does_not_meet" ? "以后怎么办：" : "怎么申请、要带什么：";
      card.append(el("p", {}, label), el("ul", {}, ...p.next_steps.map((s) => el("li", {}, s))));
    }
    for (const note of p.notes) card.append(el("p", {}, `提示：${note}`));
    return card;
  }

  function showResults(data) {
    const likely = data.programs.filter((p) => p.status === "meets");
    const maybe = data.programs.filter((p) => p.status === "needs_info");
    const no = data.programs.filter((p) => p.status === "does_not_meet");
    const heading = el("h3", { tabindex: "-1" }, "初步结果");
    const parts = [heading, el("p", { class: "lead" }, `${data.region}。`
      + (likely.length ? `您家可能符合 ${likely.length} 项救助，请带齐材料去申请。` : "目前没有明确符合的救助项目。"))];
    parts.push(...likely.map(programCard), ...maybe.map(programCard));
    if (no.length) {
      parts.push(el("details", {}, el("summary", {}, `目前看不符合的项目（${no.length} 项）`), ...no.map(programCard)));
    }
    parts.push(el("div", { class: "disclaimer" }, el("strong", {}, "请注意："), data.disclaimer,
      ...data.notes.map((n) => el("div", {}, n))));
    const again = el("div", { class: "nav" },
      el("button", { type: "button", class: "secondary", id: "edit" }, "修改信息"));
    parts.push(again);
    results.replaceChildren(...parts);
    results.querySelector("#edit").addEventListener("click", () => {
      results.hidden = true;
      form.hidden = false;
      show(0);
    });
    form.hidden = true;
    results.hidden = false;
    heading.focus();
  }

  async function submit() {
    const next = $("#next");
    next.disabled = true;
    next.textContent = "正在计算…";
    clearError();
    try {
      const resp = await fetch(`${API}/api/eligibility?audience=citizen`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(household()),
      });
      const data = await resp.json().catch(() => ({}));
      if (resp.ok) showResults(data);
      else if (resp.status === 422) showError("有些信息填写有误：", (data.fields || []).map((f) => f.message));
      else showError(data.error || `暂时无法计算（${resp.status}），请稍后再试。`);
    } catch {
      showError("网络连接失败，请稍后再试。");
    } finally {
      next.disabled = false;
      next.textContent = "查看结果";
    }
  }

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

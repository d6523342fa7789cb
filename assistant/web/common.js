"use strict";
// Shared by the caseworker pages: the API key (kept in localStorage) and a fetch wrapper that sends it.
const MZ = (() => {
  const KEY = "mz_api_key";
  let devKey = null;

  function element(tag, props = {}, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === "class") el.className = v;
      else if (k === "dataset") Object.assign(el.dataset, v);
      else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined && v !== false) el.setAttribute(k, v === true ? "" : v);
    }
    el.append(...children.filter((c) => c !== null && c !== undefined));
    return el;
  }

  function getKey() {
    return localStorage.getItem(KEY) || devKey || "";
  }

  function keyDialog() {
    let dialog = document.getElementById("key-dialog");
    if (dialog) return dialog;
    const input = element("input", { id: "api-key-input", type: "password", autocomplete: "off", required: true });
    dialog = element(
      "dialog",
      { id: "key-dialog", "aria-labelledby": "key-dialog-title" },
      element(
        "form",
        { method: "dialog" },
        element("h2", { id: "key-dialog-title" }, "设置访问密钥"),
        element("p", { class: "placeholder" }, "经办人员功能需要 API 密钥（由系统管理员提供），只保存在本浏览器中。"),
        element("label", { for: "api-key-input" }, "API 密钥"),
        input,
        element(
          "div",
          { class: "row" },
          element("button", { type: "button", class: "secondary", onclick: () => dialog.close() }, "取消"),
          element("button", { type: "submit", value: "save" }, "保存"),
        ),
      ),
    );
    dialog.addEventListener("close", () => {
      if (dialog.returnValue === "save" && input.value.trim()) {
        localStorage.setItem(KEY, input.value.trim());
        document.dispatchEvent(new CustomEvent("mz:key"));
      }
    });
    document.body.append(dialog);
    return dialog;
  }

  function askKey() {
    const dialog = keyDialog();
    dialog.querySelector("input").value = getKey();
    if (!dialog.open) dialog.showModal();
  }

  async function init() {
    const button = document.getElementById("key-button");
    if (button) button.addEventListener("click", askKey);
    try {
      const config = await (await fetch("/api/client-config")).json();
      // development only: the server tells the page its key so a fresh checkout works without setup
      devKey = config.dev_api_key || null;
    } catch {
      devKey = null;
    }
  }

  async function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    const key = getKey();
    if (key) headers.set("X-API-Key", key);
    if (options.json !== undefined) {
      headers.set("Content-Type", "application/json");
      options = { ...options, body: JSON.stringify(options.json) };
    }
    const resp = await fetch(path, { ...options, headers });
    if (resp.status === 401) askKey();
    return resp;
  }

  async function errorText(resp) {
    try {
      const data = await resp.json();
      return data.error || `请求失败（${resp.status}）`;
    } catch {
      return `请求失败（${resp.status}）`;
    }
  }

  return { element, api, init, askKey, getKey, errorText };
})();

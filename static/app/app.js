/* Shared boot for every staff page: Vue 3 + Element Plus (zh-cn or en) + a small API client.
 * Pages call PIL.mount({data, methods, ...}) with their component options. No build step. */
(function () {
  "use strict";
  const lang = document.documentElement.lang || "zh-hans";

  function cookie(name) {
    const m = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return m ? decodeURIComponent(m[1]) : "";
  }

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.detail) || String(status));
      this.status = status;
      this.body = body || {};
    }
    /* Field errors flattened to one readable line, for a message box. */
    get summary() {
      const errors = this.body.errors || {};
      const parts = Object.entries(errors).map(([k, v]) => (k === "non_field_errors" ? "" : k + "：") + [].concat(v).join("；"));
      return [this.message].concat(parts).join(" ");
    }
  }

  async function api(method, url, body, headers) {
    const opts = { method, headers: Object.assign({ Accept: "application/json", "Accept-Language": lang, "X-CSRFToken": cookie("csrftoken") }, headers || {}), credentials: "same-origin" };
    if (body instanceof FormData) opts.body = body;
    else if (body !== undefined) { opts.body = JSON.stringify(body); opts.headers["Content-Type"] = "application/json"; }
    const res = await fetch(url, opts);
    const text = await res.text();
    const data = text ? (res.headers.get("Content-Type") || "").includes("json") ? JSON.parse(text) : text : null;
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  function mount(options, selector) {
    const app = Vue.createApp(options);
    const locale = lang.startsWith("zh") ? window.ElementPlusLocaleZhCn : window.ElementPlusLocaleEn;
    app.use(ElementPlus, { locale });
    if (window.ElementPlusIconsVue) {
      for (const [name, comp] of Object.entries(ElementPlusIconsVue)) app.component(name, comp);
    }
    app.config.globalProperties.$api = api;
    app.config.compilerOptions.delimiters = ["[[", "]]"];  // leave {{ }} to Django templates
    return app.mount(selector || "#app");
  }

  function notifyError(err) {
    ElementPlus.ElMessage.error(err instanceof ApiError ? err.summary : String(err));
  }

  window.PIL = { api, mount, ApiError, notifyError, lang };
})();

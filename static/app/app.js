/* Shared boot for every staff page: Vue 3 + Element Plus (zh-cn or en) + a small API client.
 * Pages (static/app/pages/<app>-<page>.js) call PIL.mount({data, methods, ...}) with their component
 * options; the shared components of static/app/components/ register themselves in PIL.components and
 * PIL.mount makes them global. No build step. UI strings go through Django's JavaScript catalog
 * (gettext/interpolate, loaded by base.html before this file). */
(function () {
  "use strict";
  const lang = document.documentElement.lang || "zh-hans";
  // The server's zone, not the browser's: a deadline's day and an action's time read the same everywhere.
  const timeZone = document.documentElement.dataset.tz || "Asia/Shanghai";
  const gettext = window.gettext || ((s) => s);
  const interpolate = window.interpolate || ((fmt, obj, named) => (named ? fmt.replace(/%\((\w+)\)s/g, (m, k) => String(obj[k])) : fmt));

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
    /* {field: "message; message"} from the API's 400 body {"detail", "errors": {field: [messages]}}. */
    get fieldErrors() {
      const out = {};
      for (const [k, v] of Object.entries(this.body.errors || {})) out[k] = [].concat(v).map(flatten).join("；");
      return out;
    }
    /* One readable line for a message box. A field is named by its label, never by its API name:
     * without a label the message stands alone. */
    summary(labels) {
      const parts = Object.entries(this.fieldErrors).map(([k, msg]) => (labels && labels[k] ? interpolate(gettext("%(label)s：%(text)s"), { label: labels[k], text: msg }, true) : msg));
      return [this.message].concat(parts).join(" ");
    }
  }

  function flatten(v) {
    if (v && typeof v === "object") return Object.values(v).map(flatten).join("；");
    return String(v);
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

  const timeFormat = new Intl.DateTimeFormat("en-CA", {
    timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });

  /* "2026-12-02T08:21:05Z" → "2026-12-02 16:21" on the server's zone (Asia/Shanghai). */
  function formatTime(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    if (isNaN(d)) return String(iso);
    const p = Object.fromEntries(timeFormat.formatToParts(d).map((x) => [x.type, x.value]));
    return p.year + "-" + p.month + "-" + p.day + " " + p.hour + ":" + p.minute;
  }

  /* A list page's filters, ordering and page kept in the URL, so reload, Back and a link from the
   * statistics land on the same list. `defaults` names every key and its type (string, number,
   * boolean, array, or null for an optional id); a value equal to its default stays out of the URL.
   *   const list = PIL.listState({ status: "", search: "", ordering: "-filed_on", page: 1 });
   *   data() { return { f: list.state } }            // reactive, read from location.search
   *   load() { list.save(); this.$api("GET", "/api/v1/cases/?" + list.query({ page_size: 20 })) }
   *   mounted() { list.onPop(this.load); this.load(); } */
  function listState(defaults) {
    const keys = Object.keys(defaults);

    function parse(search) {
      const p = new URLSearchParams(search);
      const out = {};
      for (const k of keys) {
        const d = defaults[k];
        if (Array.isArray(d)) out[k] = p.has(k) ? p.getAll(k).filter((x) => x !== "") : d.slice();
        else if (!p.has(k)) out[k] = d;
        else if (typeof d === "number") out[k] = Number(p.get(k)) || d;
        else if (d === null) out[k] = /^\d+$/.test(p.get(k)) ? Number(p.get(k)) : p.get(k) || null;  // an optional id
        else if (typeof d === "boolean") out[k] = p.get(k) === "true" || p.get(k) === "1";
        else out[k] = p.get(k);
      }
      return out;
    }

    function isDefault(k, v) {
      const d = defaults[k];
      if (Array.isArray(d)) return JSON.stringify(v || []) === JSON.stringify(d);
      return v === d || v === null || v === undefined || (v === "" && (d === "" || d === null));
    }

    function params(values, keep) {
      const p = new URLSearchParams();
      for (const k of keys) {
        const v = values[k];
        if (!keep(k, v)) continue;
        if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
        else p.set(k, String(v));
      }
      return p;
    }

    const state = Vue.reactive(parse(location.search));
    return {
      state,
      /* Write the state to the URL (replace by default; push when a user would expect Back to undo it). */
      save(options) {
        const p = params(state, (k, v) => !isDefault(k, v));
        // Keys this helper does not own (e.g. a tab) stay where they are.
        for (const [k, v] of new URLSearchParams(location.search)) if (!keys.includes(k)) p.append(k, v);
        const url = location.pathname + (p.toString() ? "?" + p : "") + location.hash;
        if (url === location.pathname + location.search + location.hash) return;
        history[options && options.push ? "pushState" : "replaceState"](history.state, "", url);
      },
      /* The state as API query parameters: empty values left out, `extra` (page_size…) added. */
      query(extra) {
        // A false flag is no filter at all (overdue=false would ask for the punctual ones).
        const p = params(state, (k, v) => v !== "" && v !== null && v !== undefined && v !== false && !(Array.isArray(v) && !v.length));
        for (const [k, v] of Object.entries(extra || {})) if (v !== "" && v !== null && v !== undefined) p.set(k, String(v));
        return p.toString();
      },
      reset() { Object.assign(state, parse("")); },
      /* Back/Forward between pushed states: read the URL again and reload. */
      onPop(reload) { window.addEventListener("popstate", () => { Object.assign(state, parse(location.search)); reload(); }); },
      /* The Vue methods every list page has: search() from page 1, goTo(page) (Back undoes it), load().
       * load() keeps the URL, fetches `url` with the state and `extra(vm)` (page_size…), and hands the page
       * to `show(vm, data)` (default: rows, count); `loading` is set while it runs. */
      methods(url, { extra, show } = {}) {
        const list = this;
        return {
          search() { state.page = 1; return this.load(); },
          goTo(page) { state.page = page; return this.load({ push: true }); },
          async load(options) {
            list.save(options);
            this.loading = true;
            try {
              const data = await this.$api("GET", url + "?" + list.query(extra ? extra(this) : {}));
              if (show) show(this, data);
              else { this.rows = data.results; this.count = data.count; this.countEstimated = !!data.count_estimated; }
            } catch (e) { notifyError(e); } finally { this.loading = false; }
          },
        };
      },
    };
  }

  const components = {};

  /* A list's total for the pagination bar (layout "slot, …"): exact up to the server's limit, beyond it
   * the planner's estimate, which the API marks `count_estimated` and the page shows as an estimate. */
  function countText(count, estimated) {
    const n = Number(count || 0).toLocaleString(lang.startsWith("zh") ? "zh-CN" : "en");
    return estimated ? interpolate(gettext("约 %s 件"), [n]) : interpolate(gettext("共 %s 件"), [n]);
  }
  components["pil-total"] = {
    props: { count: { type: Number, default: 0 }, estimated: { type: Boolean, default: false } },
    computed: { text() { return countText(this.count, this.estimated); } },
    template: `<span class="el-pagination__total pil-total" :data-estimated="estimated">[[ text ]]</span>`,
  };

  function mount(options, selector) {
    const app = Vue.createApp(options);
    const locale = lang.startsWith("zh") ? window.ElementPlusLocaleZhCn : window.ElementPlusLocaleEn;
    app.use(ElementPlus, { locale });
    if (window.ElementPlusIconsVue) {
      for (const [name, comp] of Object.entries(ElementPlusIconsVue)) app.component(name, comp);
    }
    for (const [name, comp] of Object.entries(components)) app.component(name, comp);
    Object.assign(app.config.globalProperties, { $api: api, gettext, interpolate, formatTime });
    app.config.compilerOptions.delimiters = ["[[", "]]"];  // leave {{ }} to Django templates
    return app.mount(selector || "#app");
  }

  function notifyError(err, labels) {
    ElementPlus.ElMessage.error(err instanceof ApiError ? err.summary(labels) : String(err));
  }

  /* Ask before an act that cannot be undone: `message` says in one sentence what will happen, naming
   * the object. Resolves true on 确定, false on 取消 or close: the caller then sends nothing. */
  async function confirm(message, title, confirmText) {
    try {
      await ElementPlus.ElMessageBox.confirm(message, title || gettext("请确认"), {
        type: "warning", confirmButtonText: confirmText || gettext("确定"), cancelButtonText: gettext("取消"),
        customClass: "pil-confirm", distinguishCancelAndClose: false,
      });
      return true;
    } catch (e) {
      return false;
    }
  }

  /* Thrown by a dialog's submit handler when the user declined the confirmation: the dialog stays open, silent. */
  const CANCELLED = Object.freeze({ cancelled: true });

  /* JSON a template handed over with json_script. */
  function data(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  window.PIL = { api, mount, countText, ApiError, notifyError, confirm, CANCELLED, lang, timeZone, formatTime, listState, components, data, gettext, interpolate };
})();

/* 指标明细 (templates/reporting/drill.html): the suggestions or cases behind one statistics figure that
 * the list pages cannot express (a period, a campaign, a mechanism, only the office itself…), with the
 * same selection and definition as the figure. The page is kept in the URL with the selection. */
(function () {
  "use strict";
  const CASE_TITLES = { filed: gettext("立案案件"), stage: gettext("按办案阶段：案件"), suits: gettext("提起诉讼的案件"), metric: gettext("有该项办案成效的案件") };

  PIL.mount({
    data() {
      const q = new URLSearchParams(window.location.search);
      return { choices: PIL.data("choices"), q, kind: q.get("kind") === "cases" ? "cases" : "suggestions",
        rows: [], count: 0, page: Number(q.get("page")) || 1, pageSize: 20, loading: false, names: {} };
    },
    computed: {
      apiQuery() { const q = new URLSearchParams(this.q); q.delete("kind"); q.delete("page"); return q; },
      selection() { const q = new URLSearchParams(); for (const k of StatsQuery.KEYS) if (this.q.get(k)) q.set(k, this.q.get(k)); return q.toString(); },
      exportUrl() { const q = this.apiQuery; if (!q.get("figure")) q.set("figure", this.kind === "cases" ? "filed" : "issued"); return `/api/v1/exports/${this.kind}/?${q}`; },
      countText() { return interpolate(gettext("共 %(n)s 件"), { n: this.count }, true); },
      title() {
        const f = this.q.get("figure");
        if (this.kind === "suggestions") {
          const def = this.choices.suggestion_figures.find((x) => x.value === (f || "issued"));
          return interpolate(gettext("%(figure)s的检察建议"), { figure: def ? def.label : "" }, true);
        }
        return CASE_TITLES[f || "filed"];
      },
      description() {
        if (this.kind !== "suggestions") return gettext("案件按立案日期归入统计期间；提起诉讼按起诉日期。");
        const def = this.choices.suggestion_figures.find((x) => x.value === (this.q.get("figure") || "issued"));
        return def ? def.definition : "";
      },
      narrow() {
        const out = [], q = this.q, label = (list, v) => (list.find((c) => c.value === v) || {}).label || v;
        const item = (name, value) => interpolate(gettext("%(name)s：%(value)s"), { name, value }, true);
        if (q.get("procuratorate")) {
          const name = this.names.procuratorate || q.get("procuratorate");
          out.push(item(gettext("检察院"), interpolate(q.get("own_office") ? gettext("%(name)s（本院）") : gettext("%(name)s（含下级院）"), { name }, true)));
        }
        if (q.get("date_from") || q.get("date_to")) out.push(item(gettext("统计期间"), (q.get("date_from") || "…") + " — " + (q.get("date_to") || "…")));
        if (q.get("month")) out.push(item(gettext("月份"), q.get("month")));
        if (q.get("field")) out.push(item(gettext("领域"), this.names.field || q.get("field")));
        if (q.get("case_type")) out.push(item(gettext("案件类型"), label(this.choices.case_type, q.get("case_type"))));
        if (q.get("agency_kind")) out.push(item(gettext("行政机关类别"), label(this.choices.agency_kind, q.get("agency_kind"))));
        if (q.get("status")) out.push(item(gettext("阶段"), label(this.choices.case_status, q.get("status"))));
        if (q.get("suit")) out.push(label(this.choices.suits, q.get("suit")));
        if (q.get("metric")) out.push(label(this.choices.metric, q.get("metric")));
        return out;
      },
    },
    async mounted() {
      this.load();
      try {
        if (this.q.get("procuratorate")) this.names.procuratorate = (await this.$api("GET", `/api/v1/procuratorates/${this.q.get("procuratorate")}/`)).name;
        if (this.q.get("field")) this.names.field = ((await this.$api("GET", "/api/v1/fields/")).find((f) => String(f.id) === this.q.get("field")) || {}).name;
      } catch (e) { /* names are a nicety */ }
    },
    methods: {
      go(page) {
        this.page = page;
        const q = new URLSearchParams(window.location.search);
        if (page > 1) q.set("page", page); else q.delete("page");
        history.replaceState(history.state, "", "?" + q);
        this.load();
      },
      async load() {
        const q = this.apiQuery;
        q.set("page", this.page); q.set("page_size", this.pageSize);
        this.loading = true;
        try { const d = await this.$api("GET", `/api/v1/stats/${this.kind}/?${q}`); this.rows = d.results; this.count = d.count; }
        catch (e) { PIL.notifyError(e); }
        finally { this.loading = false; }
      },
    },
  });
})();

/* 案件管理: the visible cases, filtered, sorted and paged in the URL; direct filing (交办) in a dialog. */
(function () {
  "use strict";
  const CHOICES = PIL.data("choices");
  const TODAY = PIL.data("today");
  const DEFAULT_ORDERING = "next_due_on";
  const list = PIL.listState({ search: "", status: [], case_type: "", field: null, procuratorate: null, overdue: false,
                               ordering: DEFAULT_ORDERING, page: 1, page_size: 20 });

  PIL.mount({
    data() {
      return { choices: CHOICES, rows: [], count: 0, countEstimated: false, loading: false, filters: list.state,
        fields: [], procuratorates: [], agencies: [], me: null, newOpen: false, form: {},
        newFields: ["procuratorate", "case_type", "field", "title", "agencies", "location", "summary", "filed_on"],
        LIMITS: PIL.LIMITS,
        newLabels: { handler: gettext("承办人"), procuratorate: gettext("办案检察院"), case_type: gettext("案件类型"), field: gettext("领域"),
                     title: gettext("案件名称"), agencies: gettext("相关行政机关"), location: gettext("地点"), summary: gettext("案情摘要"),
                     filed_on: gettext("立案日期") },
        // Checked in the browser before sending (the server checks the same and more).
        newRules: { procuratorate: { required: true, type: "select" }, case_type: { required: true, type: "select" },
                    field: { required: true, type: "select" }, title: { required: true, max: PIL.LIMITS.title },
                    location: { max: PIL.LIMITS.line }, summary: { max: PIL.LIMITS.long },
                    filed_on: { required: true, type: "date", notFuture: true } } };
    },
    computed: {
      defaultSort() {
        const o = this.filters.ordering;
        return { prop: o.replace(/^-/, ""), order: o.startsWith("-") ? "descending" : "ascending" };
      },
    },
    async mounted() {
      list.onPop(this.load);
      try {
        const [me, fields, procuratorates] = await Promise.all([this.$api("GET", "/api/v1/me/"), this.$api("GET", "/api/v1/fields/?active=true"),
          this.$api("GET", "/api/v1/procuratorates/?page_size=200")]);
        Object.assign(this, { me, fields, procuratorates: procuratorates.results });
      } catch (e) { PIL.notifyError(e); }
      this.load();
    },
    methods: {
      rowClass({ row }) { return row.overdue ? "row-overdue" : ""; },
      open(row) { window.location.href = "/cases/" + row.id + "/"; },
      sort({ prop, order }) {
        this.filters.ordering = order ? (order === "descending" ? "-" : "") + prop : DEFAULT_ORDERING;
        this.search();
      },
      ...list.methods("/api/v1/cases/"),
      /* 导出: the filters the list shows now (paging and ordering are the ledger's own). */
      exportQuery() { return list.query(); },
      fieldsFor(type) { return this.fields.filter((f) => !type || (f.case_types || []).includes(type)); },
      openNew() {
        const own = this.me && this.me.procuratorate ? this.me.procuratorate.id : null;
        this.form = { procuratorate: own, case_type: "administrative", field: null, title: "", agencies: [], location: "", summary: "", filed_on: TODAY };
        this.newOpen = true;
        this.loadAgencies();
      },
      async loadAgencies() {
        const p = this.procuratorates.find((x) => x.id === this.form.procuratorate) || (this.me && this.me.procuratorate);
        if (!p) return;
        try { this.agencies = (await this.$api("GET", "/api/v1/agencies/?page_size=200&region=" + p.region_code)).results; }
        catch (e) { PIL.notifyError(e); }
      },
      /* Run by the action dialog; a 400 lands at the fields. */
      async create() {
        const body = Object.assign({}, this.form);
        // Filing cannot be undone: ask first, naming the case and the procuratorate that will handle it.
        const office = (this.procuratorates.concat(this.me && this.me.procuratorate ? [this.me.procuratorate] : [])
          .find((p) => p.id === body.procuratorate) || {}).name || "";
        const sentence = interpolate(gettext("将由%(office)s对“%(title)s”立案，立案后不可撤销。"), { office, title: body.title.trim() }, true);
        if (!(await PIL.confirm(sentence, gettext("直接立案"), gettext("立案")))) throw PIL.CANCELLED;
        if (this.me && this.me.procuratorate && body.procuratorate === this.me.procuratorate.id) body.handler = this.me.id;
        const c = await this.$api("POST", "/api/v1/cases/", body);
        window.location.href = "/cases/" + c.id + "/";
      },
    },
  });
})();

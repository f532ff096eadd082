/* 专项监督活动 list (templates/mechanisms/campaign_list.html); search and page live in the URL.
 * Organisers create a campaign in a dialog whose errors show at the fields. */
(function () {
  "use strict";
  const PAGE_SIZE = 20;
  const list = PIL.listState({ search: "", page: 1 });

  PIL.mount({
    data() {
      return {
        ref: PIL.data("mx-ref"), rows: [], count: 0, pageSize: PAGE_SIZE, loading: true, filters: list.state, dlg: false, period: null,
        form: { name: "", organiser: PIL.data("mx-org"), fields: [], whole_subtree: true, participants: [], targets: [], description: "" },
        // The form's labels, for errors of fields the dialog does not show next to a field.
        labels: { name: gettext("活动名称"), organiser: gettext("组织检察院"), starts_on: gettext("活动期间"), ends_on: gettext("活动期间"),
                  fields: gettext("领域"), participants: gettext("参加检察院"), targets: gettext("活动目标"), description: gettext("活动内容"),
                  whole_subtree: gettext("参加范围") },
        L: PIL.LIMITS,
        // Checked in the browser before sending; the server checks the same.
        rules: { name: { required: true, max: PIL.LIMITS.title }, organiser: { required: true, type: "select" },
                 starts_on: { required: true, type: "date" }, description: { max: PIL.LIMITS.long } },
      };
    },
    computed: {
      draft() { return Object.assign({}, this.form, { starts_on: this.period && this.period[0], ends_on: this.period && this.period[1] }); },
    },
    mounted() {
      list.onPop(this.load);
      this.load();
    },
    methods: {
      go(page) {
        list.state.page = page;
        list.save({ push: page !== 1 });
        this.load();
      },
      async load() {
        this.loading = true;
        try {
          const data = await this.$api("GET", "/api/v1/campaigns/?" + list.query({ page_size: PAGE_SIZE }));
          this.rows = data.results; this.count = data.count;
        } catch (e) { PIL.notifyError(e); } finally { this.loading = false; }
      },
      async create() {
        const c = await this.$api("POST", "/api/v1/campaigns/", this.draft);
        location.href = "/campaigns/" + c.id + "/";
      },
    },
  });
})();

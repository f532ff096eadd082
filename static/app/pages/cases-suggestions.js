/* 诉前检察建议: every visible suggestion, filtered and paged in the URL (a statistic links here with its filter). */
(function () {
  "use strict";
  const list = PIL.listState({ search: "", rectification: "", field: null, procuratorate: null, reply_due_from: "", reply_due_to: "",
                               ordering: "", page: 1, page_size: 20 });

  PIL.mount({
    data() {
      return { choices: PIL.data("choices"), rows: [], count: 0, countEstimated: false, loading: false, fields: [], procuratorates: [], filters: list.state };
    },
    async mounted() {
      list.onPop(this.load);
      try {
        this.fields = await this.$api("GET", "/api/v1/fields/?active=true");
        this.procuratorates = (await this.$api("GET", "/api/v1/procuratorates/?page_size=200")).results;
      } catch (e) { PIL.notifyError(e); }
      this.load();
    },
    methods: {
      suggestionNumber(row) { return row.number || gettext("（草稿）"); },
      ...list.methods("/api/v1/suggestions/"),
      exportQuery() { return list.query(); },  // 导出: exactly the filters the list shows
    },
  });
})();

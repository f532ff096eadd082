/* 检察建议整改情况审查: the overdue replies first, the counts by rectification state, then every suggestion
 * (its filter and page kept in the URL). */
(function () {
  "use strict";
  const list = PIL.listState({ rectification: "", page: 1 });

  PIL.mount({
    data() {
      return { choices: PIL.data("choices"), overdue: [], rows: [], count: 0, countEstimated: false, loading: false, filters: list.state, counts: {}, total: 0, asOf: null };
    },
    computed: {
      counted() {
        return this.choices.rectification.filter((c) => c.value !== "overdue").map((c) => Object.assign({ count: this.counts[c.value] || 0 }, c));
      },
      rate() {
        // Replies among the suggestions whose reply is in or due: the waiting ones within their period are left out.
        const due = this.total - (this.counts.pending || 0);
        return due > 0 ? (100 * (due - (this.counts.overdue || 0)) / due).toFixed(1) + "%" : "—";
      },
    },
    async mounted() {
      list.onPop(this.load);
      try {
        // The counts come from the statistics rollups in one call (with "as of"); the lists stay live.
        const [board, overdue] = await Promise.all([
          this.$api("GET", "/api/v1/stats/rectification/"),
          this.$api("GET", "/api/v1/suggestions/?rectification=overdue&page_size=50&ordering=reply_due_date"),
        ]);
        this.counts = board.counts;
        this.total = board.total;
        this.asOf = board.as_of;
        this.overdue = overdue.results;
      } catch (e) { PIL.notifyError(e); }
      this.load();
    },
    methods: {
      suggestionNumber(row) { return row.number || gettext("（草稿）"); },
      // The board shows the overdue first, within one page ordered by reply date.
      ...list.methods("/api/v1/suggestions/", {
        extra: () => ({ page_size: 50, ordering: "reply_due_date" }),
        show(vm, d) { vm.rows = d.results.slice().sort((a, b) => Number(b.overdue) - Number(a.overdue)); vm.count = d.count; vm.countEstimated = !!d.count_estimated; },
      }),
    },
  });
})();

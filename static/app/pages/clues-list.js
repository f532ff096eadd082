/* 线索管理: the visible clues, filtered and paged in the URL; the ledger export takes the same filters. */
(function () {
  "use strict";
  const list = PIL.listState({ search: "", status: "", source: "", procuratorate: null, received_after: "", received_before: "",
                               overdue: false, ordering: "", page: 1 });

  PIL.mount({
    data() {
      return { rows: [], count: 0, countEstimated: false, pageSize: 20, loading: true, procuratorates: [],
               statuses: PIL.data("clue-statuses"), sources: PIL.data("clue-sources"), filters: list.state };
    },
    computed: {
      range: {
        get() { return this.filters.received_after ? [this.filters.received_after, this.filters.received_before] : null; },
        set(v) { this.filters.received_after = v ? v[0] : ""; this.filters.received_before = v ? v[1] : ""; },
      },
    },
    async mounted() {
      list.onPop(this.load);
      this.load();
      try { this.procuratorates = (await this.$api("GET", "/api/v1/procuratorates/?page_size=200")).results; } catch (e) { /* optional */ }
    },
    methods: {
      go(url) { window.location.href = url; },
      ...list.methods("/api/v1/clues/", { extra: (vm) => ({ page_size: vm.pageSize }) }),
      exportXlsx() {
        const q = new URLSearchParams(list.query());
        q.delete("page");
        location.href = "/api/v1/exports/clues/?" + q;  // the ledger of reporting, with the list's filters
      },
      nextDue(row) {
        const d = (row.deadlines || []).find((x) => x.kind === "clue_evaluate");
        if (!d) return "—";
        if (d.state === "met") return gettext("已完成");
        if (d.state === "cancelled") return "—";
        return d.due_date + (d.overdue ? " " + gettext("已超期") : "");
      },
    },
  });
})();

/* 协作机制 list (templates/mechanisms/mechanism_list.html). Search, type, status and page live in the
 * URL, so reload, Back and a shared link show the same list. */
(function () {
  "use strict";
  const PAGE_SIZE = 20;
  const list = PIL.listState({ search: "", kind: "", status: "", page: 1 });

  PIL.mount({
    data() {
      return { ref: PIL.data("mx-ref"), rows: [], count: 0, loading: true, filters: list.state };
    },
    computed: {
      page() { return list.state.page; },
    },
    mounted() {
      list.onPop(this.load);
      this.load();
    },
    methods: {
      /* A new filter starts at page 1; a page turn is a step Back can undo. */
      go(page) {
        const turning = page !== 1;
        list.state.page = page;
        list.save({ push: turning });
        this.load();
      },
      async load() {
        this.loading = true;
        try {
          const data = await this.$api("GET", "/api/v1/mechanisms/?" + list.query({ page_size: PAGE_SIZE }));
          this.rows = data.results; this.count = data.count;
        } catch (e) { PIL.notifyError(e); } finally { this.loading = false; }
      },
    },
  });
})();

/* 工作台: the signed-in user's open deadlines by urgency; a supervisor also sees the subtree's overdue ones.
 * The filters live in the URL so a reload or Back shows the same selection. */
(function () {
  "use strict";
  const KINDS = PIL.data("deadline-kinds").map(([value, label]) => ({ value, label }));
  const SUPERVISOR = PIL.data("workbench-supervisor");
  const list = PIL.listState({ urgency: "all", kind: "", search: "" });

  PIL.mount({
    data() {
      return { me: null, mine: [], subtree: [], kinds: KINDS, loading: true, filters: list.state,
               counts: { overdue: 0, within_3: 0, within_7: 0, all: 0 } };
    },
    methods: {
      query() {
        const p = new URLSearchParams({ mine: "true", state: "open", page_size: "200" });
        const f = this.filters;
        if (f.urgency === "overdue") p.set("overdue", "true");
        if (f.urgency === "within_3") p.set("due_within", "3");
        if (f.urgency === "within_7") p.set("due_within", "7");
        if (f.kind) p.set("kind", f.kind);
        if (f.search) p.set("search", f.search);
        return p.toString();
      },
      filtersChanged() { list.save(); this.loadMine(); },
      async loadMine() {
        this.loading = true;
        try { this.mine = (await this.$api("GET", "/api/v1/deadlines/?" + this.query())).results; }
        catch (e) { PIL.notifyError(e); }
        finally { this.loading = false; }
      },
      async loadCounts() {
        const all = (await this.$api("GET", "/api/v1/deadlines/?mine=true&state=open&page_size=200")).results;
        const c = { overdue: 0, within_3: 0, within_7: 0, all: all.length };
        for (const d of all) {
          if (d.urgency === "overdue") c.overdue++;
          if (d.urgency === "within_3") { c.within_3++; c.within_7++; }
          if (d.urgency === "within_7") c.within_7++;
        }
        this.counts = c;
      },
      deadlineStatus(row) { return row.status === "open" && row.urgency === "within_3" ? "due_soon" : row.status; },
    },
    async mounted() {
      list.onPop(this.loadMine);
      try {
        this.me = await this.$api("GET", "/api/v1/me/");
        await Promise.all([this.loadMine(), this.loadCounts()]);
        if (SUPERVISOR) this.subtree = (await this.$api("GET", "/api/v1/deadlines/?overdue=true&page_size=200")).results;
      } catch (e) { PIL.notifyError(e); }
      finally { this.loading = false; }
    },
  });
})();

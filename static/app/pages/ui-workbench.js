/* 工作台: the signed-in user's open deadlines by urgency; a supervisor also sees the subtree's overdue ones.
 * The filters live in the URL so a reload or Back shows the same selection. */
(function () {
  "use strict";
  const KINDS = PIL.data("deadline-kinds").map(([value, label]) => ({ value, label }));
  const SUPERVISOR = PIL.data("workbench-supervisor");
  const list = PIL.listState({ urgency: "all", kind: "", search: "" });
  const SUBTREE_SHOWN = 50;

  PIL.mount({
    data() {
      return { me: null, mine: [], subtree: [], subtreeCount: 0, subtreeEstimated: false, subtreeShown: SUBTREE_SHOWN, kinds: KINDS, loading: true, filters: list.state,
               counts: { overdue: 0, within_3: 0, within_7: 0, all: 0 },
               queue: [], submitted: [], returning: { open: false, row: null, opinion: "" } };
    },
    computed: {
      // Department heads and chief procurators decide what the approval table reserves to them.
      // "辖区逾期 约 12,000 件，下列逾期最久的 50 件": the list shows the oldest, the total the rest.
      subtreeTotal() {
        return interpolate(gettext("辖区逾期%(total)s，下列逾期最久的 %(shown)s 件。"),
                           { total: PIL.countText(this.subtreeCount, this.subtreeEstimated), shown: this.subtreeShown }, true);
      },
      approver() { return !!this.me && this.me.roles.some((r) => r.code === "head" || r.code === "chief"); },
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
        // One aggregate over all my open deadlines (not counted here from a page of them).
        this.counts = await this.$api("GET", "/api/v1/deadlines/counts/?mine=true&state=open");
      },
      async loadApprovals() {
        try {
          if (this.approver) this.queue = (await this.$api("GET", "/api/v1/approvals/?to_decide=true&page_size=200")).results;
          const mine = (await this.$api("GET", "/api/v1/approvals/?mine=true&ordering=-submitted_at&page_size=20")).results;
          this.submitted = mine.filter((r) => r.status !== "approved");
        } catch (e) { PIL.notifyError(e); }
      },
      async approve(row) {
        const sentence = interpolate(gettext("将批准对“%(label)s”的%(decision)s申请，批准后即生效（立案、分配文号、开始计算期限），不可撤销。"),
                                     { label: row.label, decision: row.decision_display }, true);
        if (!(await PIL.confirm(sentence, gettext("批准"), gettext("批准")))) return;
        try {
          await this.$api("POST", "/api/v1/approvals/" + row.id + "/approve/", {});
          ElementPlus.ElMessage.success(gettext("已批准"));
        } catch (e) { PIL.notifyError(e); }
        await this.loadApprovals();
      },
      openReturn(row) { this.returning = { open: true, row, opinion: "" }; },
      async doReturn() {
        const r = this.returning;
        await this.$api("POST", "/api/v1/approvals/" + r.row.id + "/return/", { opinion: r.opinion });
        ElementPlus.ElMessage.success(gettext("已退回"));
        await this.loadApprovals();
      },
      deadlineStatus(row) { return row.status === "open" && row.urgency === "within_3" ? "due_soon" : row.status; },
    },
    async mounted() {
      list.onPop(this.loadMine);
      try {
        this.me = await this.$api("GET", "/api/v1/me/");
        await Promise.all([this.loadMine(), this.loadCounts(), this.loadApprovals()]);
        if (SUPERVISOR) {
          // The longest overdue first; the total says how many more there are below.
          const d = await this.$api("GET", "/api/v1/deadlines/?overdue=true&page_size=" + SUBTREE_SHOWN);
          this.subtree = d.results;
          this.subtreeCount = d.count;
          this.subtreeEstimated = !!d.count_estimated;
        }
      } catch (e) { PIL.notifyError(e); }
      finally { this.loading = false; }
    },
  });
})();

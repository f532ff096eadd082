/* 督办与报告: the supervisors' board of supervised cases (status, last report, next report due) and the major
 * clues and cases reported upward, with the 批复 as an action. Filters and the tab are kept in the URL. */
(function () {
  "use strict";
  const list = PIL.listState({ tab: "supervisions", status: "", overdue: false, report_status: "", page: 1 });

  PIL.mount({
    data() {
      return { choices: PIL.data("choices"), f: list.state, tab: list.state.tab, supervisions: [], count: 0, page: list.state.page,
               reports: [], loading: false, LIMITS: PIL.LIMITS, dialog: { open: false, row: null, instruction: "", instructed_on: "" } };
    },
    mounted() { this.loadSupervisions(); this.loadReports(); },
    methods: {
      tabChanged(name) { this.f.tab = name; list.save(); },
      async loadSupervisions() {
        this.f.page = this.page;
        list.save();
        this.loading = true;
        const q = new URLSearchParams({ page: this.page, page_size: 20 });
        if (this.f.status) q.set("status", this.f.status);
        if (this.f.overdue) q.set("overdue", "true");
        try {
          const data = await this.$api("GET", "/api/v1/supervisions/?" + q);
          this.supervisions = data.results;
          this.count = data.count;
        } catch (e) { PIL.notifyError(e); } finally { this.loading = false; }
      },
      async loadReports() {
        list.save();
        const q = new URLSearchParams({ page_size: 200 });
        if (this.f.report_status) q.set("status", this.f.report_status);
        try { this.reports = (await this.$api("GET", "/api/v1/upward-reports/?" + q)).results; } catch (e) { PIL.notifyError(e); }
      },
      openInstruct(row) {
        this.dialog = { open: true, row, instruction: "", instructed_on: PIL.today() };
      },
      async instruct() {
        const row = this.dialog.row;
        // A 批复 cannot be withdrawn: ask first, naming the report.
        const sentence = interpolate(gettext("将对%(office)s关于“%(title)s”的报告作出批复，批复后不可撤销。"),
                                     { office: row.from_procuratorate.name, title: row.subject.title }, true);
        if (!(await PIL.confirm(sentence, gettext("批复")))) throw PIL.CANCELLED;
        const body = { instruction: this.dialog.instruction };
        if (this.dialog.instructed_on) body.instructed_on = this.dialog.instructed_on;
        await this.$api("POST", "/api/v1/upward-reports/" + this.dialog.row.id + "/instruct/", body);
        ElementPlus.ElMessage.success(gettext("已保存"));
        await this.loadReports();
      },
    },
  });
})();

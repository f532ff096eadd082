/* 导入台账 (templates/reporting/import.html): a clue or case ledger in Excel is checked row by row and
 * imported only when every row is right; otherwise the problems are listed and can be downloaded.
 * The work runs in the background (/api/v1/report-jobs/, kind clue_import / case_import): the page shows
 * its progress, and the requester is notified when it ends. */
(function () {
  "use strict";
  const KINDS = { clues: "clue_import", cases: "case_import" };

  PIL.mount({
    data() { return { kind: "clues", file: null, busy: false, jobId: null, created: null, problems: [], problemTotal: 0, reportUrl: null }; },
    computed: {
      createdText() { return interpolate(gettext("已导入 %(n)s 条记录"), { n: this.created }, true); },
      problemsText() { return interpolate(gettext("%(n)s 处问题"), { n: this.problemCount }, true); },
      problemCount() { return this.problemTotal || this.problems.length; },
    },
    methods: {
      picked(e) { this.file = e.target.files[0] || null; this.reset(); },
      reset() { this.created = null; this.problems = []; this.problemTotal = 0; this.reportUrl = null; this.jobId = null; },
      async upload() {
        // Imported records become clues or cases for good: ask first, naming the file.
        const sentence = interpolate(this.kind === "cases" ? gettext("将导入“%(file)s”中的全部案件（全部行无误时才导入），导入后不可撤销。")
                                                           : gettext("将导入“%(file)s”中的全部线索（全部行无误时才导入），导入后不可撤销。"),
                                     { file: this.file.name }, true);
        if (!(await PIL.confirm(sentence, gettext("校验并导入")))) return;
        this.busy = true; this.reset();
        const form = new FormData();
        form.append("kind", KINDS[this.kind]);
        form.append("file", this.file);
        try { this.jobId = (await this.$api("POST", "/api/v1/report-jobs/", form)).id; }
        catch (e) { PIL.notifyError(e); this.busy = false; }
      },
      /* The job has ended: what it imported, or why it imported nothing. */
      finished(job) {
        this.busy = false;
        const result = job.result || {};
        if (job.status === "done") this.created = result.created;
        else if (result.problems) {
          this.problems = result.problems;
          this.problemTotal = result.problem_count;
          this.reportUrl = job.download_url;
        } else if (job.status === "failed") PIL.notifyError(job.error);
      },
    },
  });
})();

/* 导入台账 (templates/reporting/import.html): a clue or case ledger in Excel is checked row by row and
 * imported only when every row is right; otherwise the problems are listed and can be downloaded. */
(function () {
  "use strict";
  PIL.mount({
    data() { return { kind: "clues", file: null, busy: false, created: null, problems: [] }; },
    computed: {
      createdText() { return interpolate(gettext("已导入 %(n)s 条记录"), { n: this.created }, true); },
      problemsText() { return interpolate(gettext("%(n)s 处问题"), { n: this.problems.length }, true); },
    },
    methods: {
      picked(e) { this.file = e.target.files[0] || null; this.created = null; this.problems = []; },
      form() { const f = new FormData(); f.append("file", this.file); return f; },
      async upload() {
        this.busy = true; this.created = null; this.problems = [];
        try { this.created = (await this.$api("POST", `/api/v1/imports/${this.kind}/`, this.form())).created; }
        catch (e) { if (e.body && e.body.problems) this.problems = e.body.problems; else PIL.notifyError(e); }
        finally { this.busy = false; }
      },
      async report() {
        const res = await fetch(`/api/v1/imports/${this.kind}/report/`, { method: "POST", body: this.form(), credentials: "same-origin",
          headers: { "X-CSRFToken": (document.cookie.match(/csrftoken=([^;]*)/) || [])[1] || "" } });
        const url = URL.createObjectURL(await res.blob());
        const a = document.createElement("a"); a.href = url; a.download = gettext("导入错误报告") + ".xlsx"; a.click(); URL.revokeObjectURL(url);
      },
    },
  });
})();

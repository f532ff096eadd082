/* Background exports and imports (/api/v1/report-jobs/, reporting/jobs.py).
 *
 * <pil-report-job :job-id="id" @finished="…">: one job's progress bar (percentage and rows done), 取消 while it
 *   runs, and the download link when its file is ready. It polls GET /api/v1/report-jobs/{id}/ until the job ends
 *   and emits `finished` with the job.
 * <pil-export-button kind="case_ledger" :params="() => list.query()">: 导出 — asks for a job with exactly the
 *   query the list shows (a query string or an object), then shows its <pil-report-job> on a line of its own (in a
 *   wrapping toolbar: below the filters).
 * PIL.reportJobParams("status=filed&search=x") → {"status": ["filed"], "search": ["x"]} (keys repeat in lists). */
(function () {
  "use strict";
  [gettext_noop("导出"), gettext_noop("取消"), gettext_noop("下载"), gettext_noop("已处理 %(done)s / %(total)s 行"),
   gettext_noop("已处理 %(done)s 行"), gettext_noop("排队中，等待后台处理…"),
   gettext_noop("正在取消…"), gettext_noop("后台生成完成后将通知您，可离开本页。"), gettext_noop("确定取消这项导出吗？")];

  const POLL_MS = 1000;

  function reportJobParams(query) {
    if (query && typeof query === "object") return query;
    const out = {};
    for (const [k, v] of new URLSearchParams(query || "")) (out[k] = out[k] || []).push(v);
    return out;
  }
  PIL.reportJobParams = reportJobParams;

  PIL.components["pil-report-job"] = {
    props: { jobId: { type: [Number, String], required: true } },
    emits: ["finished", "update"],
    data() { return { job: null, timer: null, cancelling: false }; },
    computed: {
      ended() { return this.job && ["done", "failed", "cancelled"].includes(this.job.status); },
      barStatus() {
        if (!this.job) return "";
        return { done: "success", failed: "exception", cancelled: "warning" }[this.job.status] || "";
      },
      rowsText() {
        const j = this.job;
        if (!j || j.status === "queued") return gettext("排队中，等待后台处理…");
        if (j.rows_total) return interpolate(gettext("已处理 %(done)s / %(total)s 行"), { done: j.rows_done, total: j.rows_total }, true);
        return interpolate(gettext("已处理 %(done)s 行"), { done: j.rows_done }, true);
      },
    },
    watch: { jobId() { this.stop(); this.poll(); } },
    mounted() { this.poll(); },
    beforeUnmount() { this.stop(); },
    methods: {
      stop() { if (this.timer) clearTimeout(this.timer); this.timer = null; },
      async poll() {
        try {
          this.job = await this.$api("GET", "/api/v1/report-jobs/" + this.jobId + "/");
          this.$emit("update", this.job);
        } catch (e) { PIL.notifyError(e); return; }
        if (this.ended) this.$emit("finished", this.job);
        else this.timer = setTimeout(this.poll, POLL_MS);
      },
      async cancel() {
        if (!(await PIL.confirm(gettext("确定取消这项导出吗？")))) return;
        this.cancelling = true;
        try { this.job = await this.$api("POST", "/api/v1/report-jobs/" + this.jobId + "/cancel/"); }
        catch (e) { PIL.notifyError(e); }
        finally { this.cancelling = false; }
      },
    },
    template: `
<div class="pil-report-job" v-if="job" :data-status="job.status" :data-job="job.id" style="display:flex;align-items:center;gap:12px;flex-wrap:wrap;margin:8px 0">
  <span style="font-weight:600">[[ job.kind_display ]]</span>
  <el-progress class="report-job-progress" :percentage="job.progress" :status="barStatus" :stroke-width="14" text-inside
    style="width:260px" role="progressbar" :aria-valuenow="job.progress" aria-valuemin="0" aria-valuemax="100" :aria-label="job.kind_display"></el-progress>
  <span class="muted report-job-rows">[[ rowsText ]]</span>
  <pil-status-tag kind="report-job" :status="job.status" :label="job.status_display"></pil-status-tag>
  <el-button v-if="!ended" size="small" :loading="cancelling || job.cancel_requested" @click="cancel" class="report-job-cancel">[[ job.cancel_requested ? gettext("正在取消…") : gettext("取消") ]]</el-button>
  <a v-if="job.download_url" :href="job.download_url" class="report-job-download" download><el-button size="small" type="primary">[[ gettext("下载") ]] [[ job.filename ]]</el-button></a>
  <span v-if="!ended" class="muted">[[ gettext("后台生成完成后将通知您，可离开本页。") ]]</span>
</div>`,
  };

  PIL.components["pil-export-button"] = {
    props: {
      kind: { type: String, required: true },
      // A function, so that the query is read when the button is pressed (the filters as they are then).
      params: { type: Function, required: true },
      label: { type: String, default: "" },
    },
    data() { return { jobId: null, busy: false }; },
    methods: {
      async start() {
        this.busy = true;
        try {
          const job = await this.$api("POST", "/api/v1/report-jobs/", { kind: this.kind, params: reportJobParams(this.params()) });
          this.jobId = job.id;
        } catch (e) { PIL.notifyError(e); }
        finally { this.busy = false; }
      },
    },
    template: `
<span class="pil-export" style="display:contents">
  <el-button :loading="busy" @click="start" class="export-button" icon="Download">[[ label || gettext("导出") ]]</el-button>
  <div v-if="jobId" style="flex-basis:100%"><pil-report-job :job-id="jobId"></pil-report-job></div>
</span>`,
  };
})();

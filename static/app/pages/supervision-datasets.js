/* 数据集: the list (templates/supervision_models/dataset_list.html) and one dataset with its import
 * (dataset_detail.html): pick a file, check the mapping the preview suggests, import, watch the job. */
(function () {
  "use strict";
  const root = document.getElementById("app");
  const datasetId = root.dataset.dataset;

  if (!datasetId) {
    PIL.mount({
      data() {
        const L = PIL.LIMITS;
        return { rows: [], loading: true, dialog: false, form: { name: "", source_agency: "", description: "" },
                 // The shared action dialog checks these before sending and shows the server's errors at the same fields.
                 fields: [{ key: "name", label: gettext("数据集名称"), type: "text", required: true, max: 100, id: "f-ds-name" },
                          { key: "source_agency", label: gettext("来源单位"), type: "text", required: true, max: 100, id: "f-ds-agency",
                            placeholder: gettext("如：金川县市场监督管理局") },
                          { key: "description", label: gettext("说明"), type: "textarea", max: L.text }] };
      },
      mounted() { this.load(); },
      methods: {
        async load() {
          this.loading = true;
          try { this.rows = (await this.$api("GET", "/api/v1/datasets/?page_size=100")).results; }
          catch (e) { PIL.notifyError(e); } finally { this.loading = false; }
        },
        async create() {  // run by the action dialog: a 400 stands at the fields
          const ds = await this.$api("POST", "/api/v1/datasets/", this.form);
          window.location.href = "/supervision/datasets/" + ds.id + "/";
        },
      },
    });
    return;
  }

  PIL.mount({
    data() {
      return { ref: PIL.data("sm-ref"), ds: null, rows: [], rowCount: 0, page: 1, unmasked: false, file: null, preview: null,
        keySource: null, obtainedOn: "", job: null, importing: false };
    },
    mounted() { this.load(); },
    methods: {
      async load() {
        try { this.ds = await this.$api("GET", "/api/v1/datasets/" + datasetId + "/"); this.loadRows(); }
        catch (e) { PIL.notifyError(e); }
      },
      async loadRows() {
        if (!this.ds || !this.ds.current_version) return;
        const q = "?page=" + this.page + (this.unmasked ? "&unmask=1" : "");
        try { const data = await this.$api("GET", "/api/v1/datasets/" + datasetId + "/rows/" + q); this.rows = data.results; this.rowCount = data.count; }
        catch (e) { PIL.notifyError(e); }
      },
      async picked(ev) {
        this.file = ev.target.files[0];
        this.preview = null; this.job = null;
        if (!this.file) return;
        const body = new FormData();
        body.append("file", this.file);
        try {
          const p = await this.$api("POST", "/api/v1/datasets/" + datasetId + "/preview/", body);
          p.columns.forEach((c) => { c.use = true; c.name = c.heading; });
          const key = p.columns.find((c) => c.type === "identifier");
          this.keySource = key ? key.source : null;
          this.preview = p;
        } catch (e) { PIL.notifyError(e); }
      },
      async startImport() {
        // An import becomes the dataset's current version, and a version is never taken back: ask first.
        const sentence = interpolate(gettext("将把“%(file)s”导入数据集“%(name)s”，成为其新的版本，导入后不可撤销。"),
                                     { file: this.file.name, name: this.ds.name }, true);
        if (!(await PIL.confirm(sentence, gettext("开始导入")))) return;
        const columns = this.preview.columns.filter((c) => c.use).map((c) => ({
          source: c.source, name: c.name, type: c.type, id_kind: c.type === "identifier" ? c.id_kind || "other" : "", is_key: c.source === this.keySource,
        }));
        const body = new FormData();
        body.append("file", this.file);
        body.append("obtained_on", this.obtainedOn || "");
        body.append("columns", JSON.stringify(columns));
        this.importing = true;
        try {
          this.job = await this.$api("POST", "/api/v1/datasets/" + datasetId + "/import/", body);
          this.poll();
        } catch (e) { PIL.notifyError(e, { obtained_on: gettext("获取日期"), columns: gettext("字段映射"), file: gettext("文件") }); this.importing = false; }
      },
      async poll() {
        const versions = await this.$api("GET", "/api/v1/datasets/" + datasetId + "/versions/");
        this.job = versions.find((v) => v.id === this.job.id) || this.job;
        if (this.job.status === "pending" || this.job.status === "running") { setTimeout(this.poll, 1000); return; }
        this.importing = false;
        if (this.job.status === "ready") { ElementPlus.ElMessage.success(gettext("导入完成")); this.preview = null; this.load(); }
      },
    },
  });
})();

/* One supervision model (templates/supervision_models/model_detail.html): run it and watch the progress, review the
 * hits (filter, sort, select several) and convert them to clues or dismiss them with a reason; publish, bind, adapt. */
(function () {
  "use strict";
  const id = document.getElementById("app").dataset.model;
  const url = "/api/v1/supervision-models/" + id + "/";

  PIL.mount({
    data() {
      return { m: null, datasets: [], bind: { dataset_a: null, dataset_b: null }, current: null, runs: [], hits: [], hitCount: 0,
        page: 1, status: "", search: "", ordering: "-id", selected: [] };
    },
    computed: {
      running() { return !!this.current && (this.current.status === "queued" || this.current.status === "running"); },
    },
    async mounted() {
      await this.load();
      this.loadHits();
      try { this.datasets = (await this.$api("GET", "/api/v1/datasets/?page_size=200")).results.filter((d) => d.current_version); }
      catch (e) { PIL.notifyError(e); }
    },
    methods: {
      async load() {
        try {
          this.m = await this.$api("GET", url);
          if (this.m.binding) this.bind = { dataset_a: this.m.binding.dataset_a, dataset_b: this.m.binding.dataset_b };
          this.runs = (await this.$api("GET", "/api/v1/supervision-runs/?model=" + id + "&ordering=-requested_at")).results;
          if (!this.current && this.runs.length) this.current = this.runs[0];
        } catch (e) { PIL.notifyError(e); }
      },
      async loadHits() {
        const q = new URLSearchParams({ model: id, page: this.page, ordering: this.ordering });
        if (this.status) q.set("status", this.status);
        if (this.search) q.set("search", this.search);
        try { const data = await this.$api("GET", "/api/v1/supervision-hits/?" + q); this.hits = data.results; this.hitCount = data.count; }
        catch (e) { PIL.notifyError(e); }
      },
      sortBy({ prop, order }) {
        this.ordering = order ? (order === "descending" ? "-" : "") + prop : "-id";
        this.loadHits();
      },
      async run() {
        try { this.current = await this.$api("POST", url + "run/"); this.poll(); }
        catch (e) { PIL.notifyError(e); }
      },
      async poll() {
        this.current = await this.$api("GET", "/api/v1/supervision-runs/" + this.current.id + "/");
        if (this.running) { setTimeout(this.poll, 1000); return; }
        this.load(); this.loadHits();
      },
      async cancel() {
        try { this.current = await this.$api("POST", "/api/v1/supervision-runs/" + this.current.id + "/cancel/"); }
        catch (e) { PIL.notifyError(e); }
      },
      async publish() {
        if (!(await PIL.confirm(interpolate(gettext("发布“%(name)s”后，下级院均可在本院数据上运行该模型。"), { name: this.m.name }, true)))) return;
        try { this.m = await this.$api("POST", url + "publish/"); } catch (e) { PIL.notifyError(e); }
      },
      async adapt() {
        try { const copy = await this.$api("POST", url + "adapt/", {}); window.location.href = "/supervision/models/" + copy.id + "/"; }
        catch (e) { PIL.notifyError(e); }
      },
      async saveBinding() {
        try { this.m = await this.$api("POST", url + "bind/", this.bind); ElementPlus.ElMessage.success(gettext("已保存")); }
        catch (e) { PIL.notifyError(e, { dataset_a: gettext("数据集 A"), dataset_b: gettext("数据集 B"), rule: gettext("规则") }); }
      },
      async convert() {
        try {
          const data = await this.$api("POST", "/api/v1/supervision-hits/convert/", { hits: this.selected.map((h) => h.id) });
          ElementPlus.ElMessage.success(interpolate(gettext("已转为 %(n)s 条线索"), { n: data.clues.length }, true));
          this.loadHits();
        } catch (e) { PIL.notifyError(e); }
      },
      async dismiss() {
        let reason;
        try {
          reason = (await ElementPlus.ElMessageBox.prompt(gettext("请填写排除理由"), gettext("排除命中"), {
            confirmButtonText: gettext("确定"), cancelButtonText: gettext("取消"), inputValidator: PIL.promptRule(gettext("排除理由"), { required: true, max: PIL.LIMITS.text }),
            customClass: "dismiss-box",
          })).value;
        } catch (e) { return; }
        try {
          await this.$api("POST", "/api/v1/supervision-hits/dismiss/", { hits: this.selected.map((h) => h.id), reason });
          this.loadHits();
        } catch (e) { PIL.notifyError(e); }
      },
    },
  });
})();

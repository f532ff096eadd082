/* One supervision model (templates/supervision_models/model_detail.html): run it and watch the progress, review the
 * hits (filter, sort, select several) and convert them to clues or dismiss them with a reason; publish, bind, adapt. */
(function () {
  "use strict";
  const root = document.getElementById("app");
  const id = root.dataset.model;
  const office = Number(root.dataset.office);  // the run shown with its progress is this office's latest one
  const url = "/api/v1/supervision-models/" + id + "/";

  PIL.mount({
    data() {
      return { m: null, datasets: [], bind: { dataset_a: null, dataset_b: null }, current: null, runs: [], hits: [], hitCount: 0,
        page: 1, status: "", search: "", ordering: "-id", selected: [] };
    },
    computed: {
      running() { return !!this.current && (this.current.status === "queued" || this.current.status === "running"); },
      runHits() {
        return interpolate(gettext("命中 %(n)s 条，其中新命中 %(m)s 条"), { n: this.current.hit_count, m: this.current.new_hit_count }, true);
      },
    },
    async mounted() {
      await this.load();
      if (this.running) this.poll();  // a run started earlier (here or in another tab) is still going: follow it
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
          if (!this.current) this.current = this.runs.find((r) => r.procuratorate === office) || null;
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
        const b = this.m.binding || {};
        const sentence = interpolate(gettext("将在“%(a)s”和“%(b)s”上运行“%(name)s”，命中结果保存在本院，运行后不可撤销。"),
                                     { a: b.dataset_a_name, b: b.dataset_b_name, name: this.m.name }, true);
        if (!(await PIL.confirm(sentence, gettext("运行模型")))) return;
        try { this.current = await this.$api("POST", url + "run/"); this.poll(); }
        catch (e) { PIL.notifyError(e); }
      },
      async poll() {
        try { this.current = await this.$api("GET", "/api/v1/supervision-runs/" + this.current.id + "/"); }
        catch (e) { PIL.notifyError(e); return; }
        if (this.running) { setTimeout(this.poll, 1000); return; }
        this.load(); this.loadHits();
      },
      async cancel() {
        try { this.current = await this.$api("POST", "/api/v1/supervision-runs/" + this.current.id + "/cancel/"); }
        catch (e) { PIL.notifyError(e); }
      },
      async publish() {
        if (!(await PIL.confirm(interpolate(gettext("将把“%(name)s”发布到下级院，下级院均可在本院数据上运行该模型，发布后不可撤回。"), { name: this.m.name }, true),
                                gettext("发布到下级院")))) return;
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
        const sentence = interpolate(gettext("将把所选%(n)s条“%(name)s”的命中转为线索，登记到本院线索库，转换后不可撤销。"),
                                     { n: this.selected.length, name: this.m.name }, true);
        if (!(await PIL.confirm(sentence, gettext("转为线索")))) return;
        try {
          const data = await this.$api("POST", "/api/v1/supervision-hits/convert/", { hits: this.selected.map((h) => h.id) });
          ElementPlus.ElMessage.success(interpolate(gettext("已转为 %(n)s 条线索"), { n: data.clues.length }, true));
          this.loadHits();
        } catch (e) { PIL.notifyError(e); }
      },
      async dismiss() {
        let reason;
        try {
          // The prompt is the confirmation: it names what will be dismissed, for good.
          const sentence = interpolate(gettext("将排除所选%(n)s条“%(name)s”的命中，排除后不可撤销。请填写排除理由。"),
                                       { n: this.selected.length, name: this.m.name }, true);
          reason = (await ElementPlus.ElMessageBox.prompt(sentence, gettext("排除命中"), {
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

/* 新建监督模型 (templates/supervision_models/model_form.html): datasets, the join and the conditions are chosen,
 * never typed as SQL; the server says in words what the rule will find (/describe/) and checks it on save. */
(function () {
  "use strict";
  PIL.mount({
    data() {
      return { ref: PIL.data("sm-ref"), datasets: [], errors: {}, description: "",
        form: { name: "", field: null, purpose: "", dataset_a: null, dataset_b: null },
        rule: { join: "mismatch", a_key: "", b_key: "", conditions: [] } };
    },
    async mounted() {
      try { this.datasets = (await this.$api("GET", "/api/v1/datasets/?page_size=200")).results.filter((d) => d.current_version); }
      catch (e) { PIL.notifyError(e); }
    },
    methods: {
      columns(side) {
        const id = side === "a" ? this.form.dataset_a : this.form.dataset_b;
        const ds = this.datasets.find((d) => d.id === id);
        return ds ? ds.current_version.columns : [];
      },
      ruleBody() {
        return Object.assign({}, this.rule, { conditions: this.rule.conditions.filter((c) => c.column) });
      },
      async describe() {
        if (!this.rule.a_key || !this.rule.b_key) return;
        try {
          const data = await this.$api("POST", "/api/v1/supervision-models/describe/", { rule: this.ruleBody(), dataset_a: this.form.dataset_a, dataset_b: this.form.dataset_b });
          this.description = data.description; this.errors = {};
        } catch (e) { this.errors = e.fieldErrors || {}; }
      },
      async save() {
        this.errors = {};
        try {
          const model = await this.$api("POST", "/api/v1/supervision-models/", Object.assign({}, this.form, { rule: this.ruleBody() }));
          window.location.href = "/supervision/models/" + model.id + "/";
        } catch (e) {
          this.errors = e.fieldErrors || {};
          PIL.notifyError(e, { name: gettext("模型名称"), field: gettext("领域"), purpose: gettext("监督目的"), rule: gettext("规则"), dataset_a: gettext("数据集 A"), dataset_b: gettext("数据集 B") });
        }
      },
    },
  });
})();

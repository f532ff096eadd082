/* 监督模型 list (templates/supervision_models/model_list.html). */
(function () {
  "use strict";
  PIL.mount({
    data() { return { rows: [], loading: true }; },
    async mounted() {
      try { this.rows = (await this.$api("GET", "/api/v1/supervision-models/?page_size=100")).results; }
      catch (e) { PIL.notifyError(e); } finally { this.loading = false; }
    },
  });
})();

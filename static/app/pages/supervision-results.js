/* 模型成效 (templates/supervision_models/results.html): per model and procuratorate, best first; the chart compares
 * hits, clues and cases so that a supervisor sees which models work across the subtree. */
(function () {
  "use strict";
  PIL.mount({
    data() { return { rows: [] }; },
    async mounted() {
      try { this.rows = (await this.$api("GET", "/api/v1/stats/supervision-models/")).results; }
      catch (e) { PIL.notifyError(e); return; }
      const labels = this.rows.map((r) => r.model_name + "\n" + r.procuratorate_name);
      const chart = echarts.init(document.getElementById("results-chart"));
      chart.setOption({
        tooltip: { trigger: "axis" },
        legend: { data: [gettext("命中"), gettext("转为线索"), gettext("立案")] },
        grid: { left: 50, right: 20, bottom: 60 },
        xAxis: { type: "category", data: labels, axisLabel: { interval: 0, fontSize: 11 } },
        yAxis: { type: "value" },
        series: [
          { name: gettext("命中"), type: "bar", data: this.rows.map((r) => r.hits) },
          { name: gettext("转为线索"), type: "bar", data: this.rows.map((r) => r.converted) },
          { name: gettext("立案"), type: "bar", data: this.rows.map((r) => r.cases) },
        ],
      });
      window.addEventListener("resize", () => chart.resize());
    },
  });
})();

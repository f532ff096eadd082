/* 统计分析 overview (templates/reporting/overview.html): the selection in the URL, the figures of
 * /api/v1/stats/overview/, charts, and every figure linked to the records behind it — the real list
 * where its filters can say the same (StatsQuery.listUrl), else /statistics/drill/. */
(function () {
  "use strict";
  const NAVY = "#1d4e89", RED = "#b3261e", GREEN = "#2e7d32";
  window.statsCharts = {};  // the browser tests read the drawn charts here

  PIL.mount({
    data() {
      const f = StatsQuery.read();
      return {
        choices: PIL.data("choices"),
        // The period is picked in whole months: the rollups answer those (a link may still carry any dates).
        filters: f, period: f.date_from || f.date_to ? [(f.date_from || f.date_to).slice(0, 7), (f.date_to || f.date_from).slice(0, 7)] : null,
        procuratorates: [], fields: [], campaigns: [], mechanisms: [], data: null, rateHeight: 320,
        rateColumns: [
          { key: "issued", label: gettext("制发"), width: 60 }, { key: "served", label: gettext("送达"), width: 60 },
          { key: "due", label: gettext("回复期满"), width: 80 }, { key: "replied_on_time", label: gettext("按期回复"), width: 80 },
          { key: "rectified", label: gettext("已整改"), width: 70 }, { key: "overdue", label: gettext("逾期未回复"), width: 90 },
          { key: "replied_and_rectified", label: gettext("按期回复且整改"), width: 115 },
        ],
        clueColumns: [
          { key: "received", label: gettext("受理"), width: 60 }, { key: "open", label: gettext("待处理"), width: 70 },
          { key: "filed", label: gettext("立案"), width: 60 }, { key: "not_filed", label: gettext("不立案"), width: 70 },
          { key: "transferred", label: gettext("移送"), width: 60 }, { key: "merged", label: gettext("合并"), width: 60 },
        ],
      };
    },
    computed: {
      t() { return this.data ? this.data.totals : {}; },
      query() { return StatsQuery.params(this.filters).toString(); },
      suitRows() {
        if (!this.data) return [];
        const rows = this.choices.suits.map((s) => ({ key: s.value, label: s.label, count: this.data.suits[s.value] }));
        return rows.concat([{ key: "supported", label: gettext("支持起诉"), count: this.data.suits.supported }]);
      },
    },
    async mounted() {
      const load = async (url) => { try { const d = await this.$api("GET", url); return d.results || d; } catch (e) { return []; } };
      [this.procuratorates, this.fields, this.campaigns, this.mechanisms] = await Promise.all([
        load("/api/v1/procuratorates/?page_size=200"), load("/api/v1/fields/?active=true"),
        load("/api/v1/campaigns/?page_size=200"), load("/api/v1/mechanisms/?page_size=200"),
      ]);
      await this.load();
    },
    methods: {
      fmtRate: (v) => StatsQuery.fmtRate(v),
      dash: (v) => (v === null || v === undefined ? "—" : v),
      apply() {
        const lastDay = (month) => { const [y, m] = month.split("-").map(Number); return month + "-" + String(new Date(y, m, 0).getDate()).padStart(2, "0"); };
        this.filters.date_from = this.period ? this.period[0] + "-01" : "";
        this.filters.date_to = this.period ? lastDay(this.period[1]) : "";
        history.replaceState(null, "", "?" + this.query);
        this.load();
      },
      /* The records behind a figure of cases or suggestions. */
      drill(kind, extra) { return StatsQuery.figureUrl(kind, this.filters, extra); },
      /* Clues have no drill-down page: a count links to the clue list when the list can say it. */
      clueList(row, outcome) { return StatsQuery.listUrl("clues", this.filters, { source: row.source, outcome }); },
      overviewOf(row) { return "?" + StatsQuery.params(Object.assign({}, this.filters, { procuratorate: row.procuratorate })); },
      async copyLink() {
        try { await navigator.clipboard.writeText(window.location.href); ElementPlus.ElMessage.success(gettext("链接已复制")); }
        catch (e) { ElementPlus.ElMessage.info(window.location.href); }
      },
      async load() {
        try { this.data = await this.$api("GET", "/api/v1/stats/overview/?" + this.query); }
        catch (e) { PIL.notifyError(e); return; }
        if (!this.filters.procuratorate) this.filters.procuratorate = this.data.scope.procuratorate.id;
        this.$nextTick(() => this.draw());
      },
      chart(id) {
        const el = document.getElementById(id);
        const chart = echarts.getInstanceByDom(el) || echarts.init(el);
        chart.off("click");
        return chart;
      },
      rateTooltip(r) {
        return interpolate(gettext("%(name)s<br>回复整改率：%(rate)s<br>按期回复且整改 %(done)s / 回复期满 %(due)s<br>制发 %(issued)s，逾期未回复 %(overdue)s"),
          { name: r.name, rate: StatsQuery.fmtRate(r.rate), done: r.replied_and_rectified, due: r.due, issued: r.issued, overdue: r.overdue }, true);
      },
      draw() {
        const d = this.data;
        // Ranked bar chart of the reply-and-rectification rate per procuratorate (highest on top).
        const ranked = d.suggestions_by_procuratorate.slice().reverse();
        this.rateHeight = Math.max(220, 60 + ranked.length * 38);
        this.$nextTick(() => {
          const rate = this.chart("chart-rate");
          rate.resize();
          rate.setOption({
            grid: { left: 170, right: 90, top: 20, bottom: 30 },
            tooltip: { trigger: "item", formatter: (p) => this.rateTooltip(ranked[p.dataIndex]) },
            xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
            yAxis: { type: "category", data: ranked.map((r) => r.name), axisLabel: { width: 160, overflow: "truncate" } },
            series: [{ type: "bar", barMaxWidth: 22, data: ranked.map((r) => ({ value: r.rate === null ? 0 : r.rate,
                itemStyle: { color: r.rate === null ? "#c0c4cc" : r.rate >= 90 ? GREEN : r.rate >= 60 ? NAVY : RED } })),
              label: { show: true, position: "right", formatter: (p) => StatsQuery.fmtRate(ranked[p.dataIndex].rate) } }],
          }, true);
          rate.on("click", (p) => {
            const r = ranked[p.dataIndex];
            window.location.href = this.drill("suggestions", { figure: "due", procuratorate: r.procuratorate, own_office: 1 });
          });
          window.statsCharts.rate = rate;
          window.statsCharts.rateRows = ranked;
        });
        // Monthly trend: cases filed and suggestions issued.
        const monthly = this.chart("chart-monthly");
        monthly.setOption({
          tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: { left: 40, right: 20, top: 40, bottom: 30 },
          xAxis: { type: "category", data: d.monthly.map((m) => m.month) }, yAxis: { type: "value", minInterval: 1 },
          series: [
            { name: gettext("立案"), type: "line", data: d.monthly.map((m) => m.cases_filed), itemStyle: { color: NAVY } },
            { name: gettext("制发检察建议"), type: "bar", barMaxWidth: 24, data: d.monthly.map((m) => m.suggestions_issued), itemStyle: { color: "#b8860b" } },
          ],
        }, true);
        monthly.on("click", (p) => {
          const month = d.monthly[p.dataIndex].month;
          window.location.href = p.seriesIndex === 0 ? this.drill("cases", { figure: "filed", month }) : this.drill("suggestions", { figure: "issued", month });
        });
        window.statsCharts.monthly = monthly;
        // Field breakdown of the cases filed.
        const field = this.chart("chart-field");
        field.setOption({
          tooltip: { trigger: "item", formatter: gettext("{b}：{c} 件（{d}%）") },
          legend: { type: "scroll", orient: "vertical", right: 0, top: 10, bottom: 10 },
          series: [{ type: "pie", radius: ["35%", "65%"], center: ["35%", "50%"], label: { formatter: gettext("{b}\n{c}件") },
            data: d.cases_by_field.map((r) => ({ name: r.label, value: r.count, field: r.field })) }],
        }, true);
        field.on("click", (p) => { window.location.href = this.drill("cases", { figure: "filed", field: p.data.field }); });
        window.statsCharts.field = field;
        window.addEventListener("resize", () => Object.values(window.statsCharts).forEach((c) => c.resize && c.resize()));
      },
    },
  });
})();

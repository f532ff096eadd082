/* A 专项监督活动 (templates/mechanisms/campaign_detail.html): its targets and progress, and each
 * procuratorate's cases and clues tagged to it; a member tags its own cases and clues. */
(function () {
  "use strict";
  PIL.mount({
    data() {
      return { id: PIL.data("cp-id"), myOrg: PIL.data("cp-org"), c: null, p: null, dlg: false, myCases: [], myClues: [],
               tag: { cases: [], clues: [] }, tagLabels: { cases: gettext("案件"), clues: gettext("线索") },
               // At least one case or clue: the message stands at 案件 while both are empty (the server says the same).
               tagRules: { cases: { required: true, type: "select", label: gettext("至少一件案件或线索"), when: (t) => !t.clues.length } } };
    },
    mounted() { this.reload(); },
    methods: {
      async openTag() {
        this.dlg = true;
        const own = (x) => x.procuratorate && (x.procuratorate.id || x.procuratorate) === this.myOrg;
        try {
          const [cases, clues] = await Promise.all([this.$api("GET", "/api/v1/cases/?page_size=200"), this.$api("GET", "/api/v1/clues/?page_size=200")]);
          this.myCases = cases.results.filter(own); this.myClues = clues.results.filter(own);
        } catch (e) { PIL.notifyError(e); }
      },
      async sendTag() {
        await this.$api("POST", `/api/v1/campaigns/${this.id}/tag/`, this.tag);
        this.tag = { cases: [], clues: [] };
        this.reload();
      },
      async reload() {
        try {
          [this.c, this.p] = await Promise.all([this.$api("GET", `/api/v1/campaigns/${this.id}/`), this.$api("GET", `/api/v1/campaigns/${this.id}/progress/`)]);
          this.$nextTick(this.chart);
        } catch (e) { PIL.notifyError(e); }
      },
      num(x) { return Number(x).toLocaleString("zh-CN"); },
      chart() {
        const el = document.getElementById("campaign-chart");
        if (!el || !window.echarts || !this.p.by_procuratorate.length) return;
        const rows = this.p.by_procuratorate;
        (echarts.getInstanceByDom(el) || echarts.init(el)).setOption({
          animation: false, tooltip: {}, legend: { top: 0 }, grid: { left: 120, right: 20, top: 30, bottom: 20 },
          yAxis: { type: "category", data: rows.map((r) => r.procuratorate) }, xAxis: { type: "value", minInterval: 1 },
          series: [{ name: gettext("案件"), type: "bar", data: rows.map((r) => r.cases), itemStyle: { color: "#1d4e89" } },
                   { name: gettext("线索"), type: "bar", data: rows.map((r) => r.clues), itemStyle: { color: "#b3261e" } }],
        });
      },
    },
  });
})();

/* 法定期间与节假日 (templates/deadlines/calendar.html): the calculator, the periods table, the year view
 * and, for calendar managers, importing the State Council notice and correcting single days. */
(function () {
  "use strict";
  const json = (id) => JSON.parse(document.getElementById(id).textContent);

  // A year as twelve month grids: rest days red, make-up working days blue with "班".
  const CalendarMonths = {
    props: { year: Number, days: Array, clickable: Boolean },
    emits: ["pick"],
    data() {
      return {
        weekdays: gettext("一二三四五六日").split(""),
        legend: { rest: gettext("放假"), workday: gettext("调休上班"), weekend: gettext("灰色：普通周末") },
      };
    },
    computed: {
      marks() { return Object.fromEntries(this.days.map((d) => [d.date, d])); },
      months() {
        const out = [];
        for (let m = 0; m < 12; m++) {
          const first = new Date(Date.UTC(this.year, m, 1));
          const blanks = (first.getUTCDay() + 6) % 7; // weeks start on Monday
          const count = new Date(Date.UTC(this.year, m + 1, 0)).getUTCDate();
          const cells = [];
          for (let i = 0; i < blanks; i++) cells.push(null);
          for (let d = 1; d <= count; d++) {
            const iso = `${this.year}-${String(m + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
            const weekday = (blanks + d - 1) % 7;
            const mark = this.marks[iso];
            cells.push({ iso, d, weekend: weekday >= 5, kind: mark ? mark.kind : "", name: mark ? mark.name : "" });
          }
          out.push({ m: m + 1, title: interpolate(gettext("%(month)s月"), { month: m + 1 }, true), cells });
        }
        return out;
      },
    },
    template: `
      <div class="cal-months">
        <div class="cal-month" v-for="month in months" :key="month.m">
          <h3>[[ month.title ]]</h3>
          <div class="cal-grid">
            <span class="wd" v-for="w in weekdays" :key="w">[[ w ]]</span>
            <template v-for="(c, i) in month.cells" :key="i">
              <span v-if="!c"></span>
              <span v-else class="d" :class="[c.kind, { weekend: c.weekend, clickable }]" :data-date="c.iso"
                    :title="c.name ? c.iso + ' ' + c.name : c.iso" @click="clickable && $emit('pick', c)">[[ c.d ]]</span>
            </template>
          </div>
        </div>
      </div>
      <div class="cal-legend">
        <span><i style="background:#fdecea"></i>[[ legend.rest ]]</span>
        <span><i style="background:#e8f0fe"></i>[[ legend.workday ]]</span>
        <span>[[ legend.weekend ]]</span>
      </div>`,
    compilerOptions: { delimiters: ["[[", "]]"] },
  };

  const thisYear = json("cal-this-year");

  PIL.mount({
    components: { CalendarMonths },
    data() {
      return {
        canManage: json("cal-can-manage"),
        // From November on, next year's arrangement is what people look for.
        year: thisYear + (new Date().getMonth() >= 10 ? 1 : 0),
        calendar: null, periods: [], result: null,
        calc: { start: "", length: 2, unit: "months" },
        importing: false, preview: null, form: { year: thisYear + 1, text: "" }, errors: {},
        dayDialog: false, day: { date: "", kind: "rest", name: "" },
      };
    },
    computed: {
      presets() {
        const wanted = ["suggestion_reply", "sue_decision", "announcement_end", "appeal", "filing_service"];
        const out = [];
        for (const p of this.periods.filter((p) => wanted.includes(p.kind))) {
          out.push({ key: p.kind, label: p.label, text: p.length.label, length: p.length });
          for (const v of p.variants) out.push({ key: p.kind + ":" + v.key, label: interpolate(gettext("%(period)s·%(variant)s"), { period: p.label, variant: v.label }, true), text: v.length.label, length: v.length });
        }
        return out;
      },
      noticeMissing() {
        return interpolate(gettext("%(year)s年国务院办公厅节假日安排尚未发布或尚未导入：本年度按《全国年节及纪念日放假办法》规定的法定节假日推算，据此计算的届满日均为暂定。"),
          { year: this.year }, true);
      },
    },
    methods: {
      async loadYear(year) {
        try { this.calendar = await this.$api("GET", `/api/v1/calendar/years/${year}/`); this.year = year; }
        catch (e) { PIL.notifyError(e); }
      },
      usePreset(p) { this.calc.unit = p.length.months ? "months" : "days"; this.calc.length = p.length.months || p.length.days; },
      async compute() {
        const q = new URLSearchParams({ start: this.calc.start || "" });
        q.set(this.calc.unit, this.calc.length);
        try { this.result = await this.$api("GET", "/api/v1/calendar/due-date/?" + q); }
        catch (e) { this.result = null; this.showErrors(e); }
      },
      // Errors go next to their fields; the message box says only the sentence, never a field's API name.
      showErrors(e) {
        const errs = (e.body && e.body.errors) || {};
        this.errors = Object.fromEntries(Object.entries(errs).map(([k, v]) => [k, [].concat(v).join("；")]));
        const first = Object.values(this.errors)[0];
        ElementPlus.ElMessage.error(first || e.message);
      },
      openImport() { this.importing = true; this.preview = null; this.errors = {}; },
      /* The simple rules, checked before anything is sent (the server checks them too): each message stands at its field. */
      checked(model, rules) {
        this.errors = PIL.checkForm(model, rules);
        return !Object.keys(this.errors).length;
      },
      async submitNotice(dryRun) {
        if (!this.checked(this.form, { year: { required: true, label: gettext("年度") },
                                       text: { required: true, max: PIL.LIMITS.long, label: gettext("通知正文") } })) { this.preview = null; return; }
        if (!dryRun) {
          // Importing moves the due dates of the year's open deadlines: ask first, naming the year.
          const sentence = interpolate(gettext("将导入%(year)s年节假日安排，受影响的期限随即重新计算并通知承办人，导入后不可撤销。"), { year: this.preview.year }, true);
          if (!(await PIL.confirm(sentence, gettext("确认导入")))) return;
        }
        try {
          const data = await this.$api("POST", "/api/v1/calendar/notices/", { year: this.form.year, text: this.form.text, dry_run: dryRun });
          if (dryRun) { this.preview = data; return; }
          this.importing = false;
          ElementPlus.ElMessage.success(interpolate(gettext("%(year)s年节假日安排已导入；受影响的期限正在后台重新计算，变更将通知承办人。"), { year: data.year }, true));
          await this.loadYear(data.year);
        } catch (e) { this.preview = null; this.showErrors(e); }
      },
      openDay(c) { this.day = { date: c.iso, kind: c.kind || "rest", name: c.name || "" }; this.errors = {}; this.dayDialog = true; },
      async saveDay() {
        if (!this.checked(this.day, { kind: { required: true, type: "select", label: gettext("类型") },
                                      name: { required: true, max: 50, label: gettext("名称") } })) return;
        try {
          this.calendar = await this.$api("POST", "/api/v1/calendar/days/", this.day);
          this.dayDialog = false;
          ElementPlus.ElMessage.success(gettext("已更正；受影响的期限将在后台重新计算。"));
        } catch (e) { this.showErrors(e); }
      },
      async clearDay() {
        try { this.calendar = await this.$api("DELETE", `/api/v1/calendar/days/${this.day.date}/`); this.dayDialog = false; }
        catch (e) {
          if (e.status !== 404) { this.showErrors(e); return; }
          // 404: nothing stored for that day, so it already is what the year's source says.
          this.dayDialog = false;
          ElementPlus.ElMessage.info(gettext("该日没有更正，保持年度安排。"));
        }
      },
    },
    async mounted() {
      try { this.periods = await this.$api("GET", "/api/v1/calendar/periods/"); } catch (e) { PIL.notifyError(e); }
      await this.loadYear(this.year);
    },
  });
})();

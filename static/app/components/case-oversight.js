/* <pil-case-oversight :case-id="c.id" @changed="load">: the superiors' oversight of one case on its page
 * (or of a clue on its page: <pil-case-oversight subject="clue" :case-id="clue.id">, 指定管辖 and reports upward) —
 * 提办, 指定管辖, 督办 (with its progress reports and report-back due date), 领办 and reports upward with the
 * 批复 — and the actions the signed-in user may take now, each a form in a dialog. Reads
 * GET /api/v1/cases/{id}/oversight/ → {take_ups, designations, supervisions, leaderships, upward_reports,
 * may: {take_up, designate, supervise, lead, report_up, report_progress}, handlers, targets}. */
(function () {
  "use strict";
  [gettext_noop("上级院监督"), gettext_noop("提办"), gettext_noop("指定管辖"), gettext_noop("督办"), gettext_noop("领办"),
   gettext_noop("报告上级院"), gettext_noop("报告督办进展"), gettext_noop("撤销督办"), gettext_noop("批复"),
   gettext_noop("提办决定书"), gettext_noop("督办通知书"), gettext_noop("督办要求"), gettext_noop("报告周期"),
   gettext_noop("下次报告期限"), gettext_noop("逾期"), gettext_noop("进展报告"), gettext_noop("暂无进展报告"),
   gettext_noop("领办领导"), gettext_noop("重大事项报告"), gettext_noop("待批复"), gettext_noop("%(n)s日"),
   gettext_noop("暂无上级院监督记录"), gettext_noop("已保存"), gettext_noop("日期"), gettext_noop("理由"),
   gettext_noop("依据"), gettext_noop("承办人"), gettext_noop("被指定检察院"), gettext_noop("报告周期（日）"),
   gettext_noop("进展情况"), gettext_noop("领办说明"), gettext_noop("报告内容"), gettext_noop("批复意见"),
   gettext_noop("撤销理由"), gettext_noop("提办理由"), gettext_noop("指定理由"), gettext_noop("下载")];

  const fmt = (text, values) => interpolate(text, values, true);
  // Acts that cannot be undone ask first, in one sentence naming the case (or clue) and what will happen; each
  // is given the subject's title, the dialog's fields and values, and the row it is about.
  const optionLabel = (fields, key, value) => ((fields.find((f) => f.key === key) || {}).options || []).find((o) => o.value === value);
  const CONFIRMATIONS = {
    "take-up": (title) => fmt(gettext("将把“%(title)s”提至本院办理，原办案检察院不再办理，提办后不可撤销。"), { title }),
    "designate": (title, fields, d) => fmt(gettext("将指定%(to)s管辖“%(title)s”，指定后不可撤销。"),
      { title, to: (optionLabel(fields, "to_procuratorate", d.to_procuratorate) || {}).label || "" }),
    "lead": (title) => fmt(gettext("将由您领办“%(title)s”，领办后不可撤销。"), { title }),
    "report-major": (title) => fmt(gettext("将就“%(title)s”向上级院报告重大事项，报告后不可撤回。"), { title }),
    "cancel": (title, fields, d, row) => fmt(gettext("将撤销%(office)s对“%(title)s”的督办，撤销后不可恢复。"), { title, office: row.procuratorate.name }),
    "instruct": (title, fields, d, row) => fmt(gettext("将对%(office)s关于“%(title)s”的报告作出批复，批复后不可撤销。"),
      { title, office: row.from_procuratorate.name }),
  };

  const today = () => new Date().toLocaleDateString("en-CA", { timeZone: document.documentElement.dataset.tz || "Asia/Shanghai" });

  PIL.components["pil-case-oversight"] = {
    props: { caseId: { type: Number, required: true }, subject: { type: String, default: "case" },
             // The case's or clue's title: the confirmation of an irreversible act names it.
             subjectTitle: { type: String, default: "" } },
    emits: ["changed"],
    data() { return { o: null, dialog: { open: false, title: "", fields: [], data: {}, url: "", kind: "", row: null } }; },
    mounted() { this.load(); },
    computed: {
      empty() {
        const o = this.o;
        return o && ![o.take_ups, o.designations, o.supervisions, o.leaderships, o.upward_reports].some((rows) => rows && rows.length);
      },
    },
    methods: {
      base() { return "/api/v1/" + (this.subject === "clue" ? "clues/" : "cases/") + this.caseId + "/"; },
      async load() {
        try {
          const o = await this.$api("GET", this.base() + "oversight/");
          ["take_ups", "supervisions", "leaderships"].forEach((k) => { o[k] = o[k] || []; });
          this.o = o;
        } catch (e) { PIL.notifyError(e); }
      },
      open(kind, row) {
        // Dates of decisions and reports already made (none after today); lengths are the server's.
        const L = PIL.LIMITS;
        const D = (key, label) => ({ key, label, type: "date", default: today(), required: true, notFuture: true });
        const A = (key, label, required, max) => ({ key, label, type: "textarea", required, max: max || L.text });
        const T = (key, label) => ({ key, label, type: "text", max: 300 });
        const people = (this.o.handlers || []).map((h) => ({ value: h.id, label: h.name }));
        const places = (this.o.targets || []).map((p) => ({ value: p.id, label: p.name }));
        const base = this.base();
        const forms = {
          "take-up": [gettext("提办"), base + "take-up/", [D("decided_on", gettext("日期")),
            { key: "handler", label: gettext("承办人"), type: "select", options: people }, A("reason", gettext("提办理由"), true), T("basis", gettext("依据"))]],
          "designate": [gettext("指定管辖"), base + "designate/", [
            { key: "to_procuratorate", label: gettext("被指定检察院"), type: "select", options: places, required: true },
            D("decided_on", gettext("日期")), A("reason", gettext("指定理由"), true), T("basis", gettext("依据"))]],
          "supervise": [gettext("督办"), base + "supervise/", [D("started_on", gettext("日期")), A("requirements", gettext("督办要求"), true),
            { key: "report_every_days", label: gettext("报告周期（日）"), type: "number", default: 30, required: true, min: 1, precision: 0 }]],
          "lead": [gettext("领办"), base + "lead/", [D("started_on", gettext("日期")), A("note", gettext("领办说明"))]],
          "report-major": [gettext("报告上级院"), base + "report-major/", [D("reported_on", gettext("日期")), A("content", gettext("报告内容"), true, L.long)]],
          "report-progress": [gettext("报告督办进展"), row && "/api/v1/supervisions/" + row.id + "/reports/",
            [D("reported_on", gettext("日期")), A("progress", gettext("进展情况"), true, L.long)]],
          "cancel": [gettext("撤销督办"), row && "/api/v1/supervisions/" + row.id + "/cancel/", [D("on", gettext("日期")), A("reason", gettext("撤销理由"), true)]],
          "instruct": [gettext("批复"), row && "/api/v1/upward-reports/" + row.id + "/instruct/",
            [D("instructed_on", gettext("日期")), A("instruction", gettext("批复意见"), true)]],
        };
        const [title, url, fields] = forms[kind];
        const data = {};
        fields.forEach((f) => { data[f.key] = f.default !== undefined ? f.default : ""; });
        this.dialog = { open: true, title, fields, data, url, kind, row: row || null };
      },
      activeSupervision() { return this.o.supervisions.find((s) => s.status === "active"); },
      async submit() {
        const body = {};
        for (const [k, v] of Object.entries(this.dialog.data)) if (v !== "" && v !== null) body[k] = v;
        const d = this.dialog, ask = CONFIRMATIONS[d.kind];
        if (ask && !(await PIL.confirm(ask(this.subjectTitle, d.fields, d.data, d.row), d.title))) throw PIL.CANCELLED;
        await this.$api("POST", this.dialog.url, body);
        ElementPlus.ElMessage.success(gettext("已保存"));
        await this.load();
        this.$emit("changed");
      },
      every(s) { return interpolate(gettext("%(n)s日"), { n: s.report_every_days }, true); },
    },
    template: `
<div class="pil-card" id="case-oversight" v-if="o">
  <div style="display:flex;align-items:center;gap:8px;flex-wrap:wrap">
    <h2 style="margin:0">[[ gettext("上级院监督") ]]</h2>
    <span style="flex:1"></span>
    <el-button v-if="o.may.take_up" size="small" type="warning" plain data-oversight="take-up" @click="open('take-up')">[[ gettext("提办") ]]</el-button>
    <el-button v-if="o.may.designate" size="small" plain data-oversight="designate" @click="open('designate')">[[ gettext("指定管辖") ]]</el-button>
    <el-button v-if="o.may.supervise" size="small" type="warning" plain data-oversight="supervise" @click="open('supervise')">[[ gettext("督办") ]]</el-button>
    <el-button v-if="o.may.lead" size="small" plain data-oversight="lead" @click="open('lead')">[[ gettext("领办") ]]</el-button>
    <el-button v-if="o.may.report_up" size="small" plain data-oversight="report-major" @click="open('report-major')">[[ gettext("报告上级院") ]]</el-button>
    <el-button v-if="o.may.report_progress" size="small" type="primary" plain data-oversight="report-progress" @click="open('report-progress', activeSupervision())">[[ gettext("报告督办进展") ]]</el-button>
  </div>
  <div v-if="empty" class="muted" style="margin-top:6px">[[ gettext("暂无上级院监督记录") ]]</div>
  <div v-for="t in o.take_ups" :key="'t' + t.id" class="oversight-take-up" style="margin-top:8px">
    <el-tag size="small" type="warning">[[ gettext("提办") ]]</el-tag>
    [[ t.decided_on ]] [[ t.from_procuratorate.name ]] → [[ t.to_procuratorate.name ]] · [[ t.reason ]]
    <a :href="t.document_url" style="margin-left:6px">[[ gettext("提办决定书") ]]</a> <span v-if="t.number" class="pil-num muted">[[ t.number ]]</span>
  </div>
  <div v-for="d in o.designations" :key="'d' + d.id" class="oversight-designation" style="margin-top:8px">
    <el-tag size="small">[[ gettext("指定管辖") ]]</el-tag>
    [[ d.decided_on ]] [[ d.designated_by.name ]]：[[ d.from_procuratorate.name ]] → [[ d.to_procuratorate.name ]] · [[ d.reason ]]（[[ d.basis ]]）
  </div>
  <div v-for="s in o.supervisions" :key="'s' + s.id" class="oversight-supervision" :data-supervision="s.id" style="margin-top:8px">
    <el-tag size="small" :type="s.status === 'active' ? 'danger' : 'info'">[[ gettext("督办") ]] · [[ s.status_display ]]</el-tag>
    [[ s.started_on ]] [[ s.procuratorate.name ]] · [[ gettext("报告周期") ]] [[ every(s) ]]
    <template v-if="s.next_report_due"> · [[ gettext("下次报告期限") ]] <b :class="{overdue: s.overdue}" class="supervision-due">[[ s.next_report_due ]]</b>
      <el-tag v-if="s.overdue" size="small" type="danger">[[ gettext("逾期") ]]</el-tag></template>
    <a :href="s.document_url" style="margin-left:6px">[[ gettext("督办通知书") ]]</a> <span v-if="s.number" class="pil-num muted">[[ s.number ]]</span>
    <el-button v-if="s.may_cancel" size="small" link type="danger" data-oversight="cancel" @click="open('cancel', s)">[[ gettext("撤销督办") ]]</el-button>
    <div class="muted">[[ gettext("督办要求") ]]：[[ s.requirements ]]</div>
    <div v-if="s.cancel_reason" class="muted">[[ gettext("撤销理由") ]]：[[ s.cancelled_on ]] [[ s.cancel_reason ]]</div>
    <div v-for="r in s.reports" :key="r.id" class="supervision-report muted" style="margin-left:12px">· [[ r.reported_on ]] [[ r.progress ]]</div>
  </div>
  <div v-for="l in o.leaderships" :key="'l' + l.id" class="oversight-leadership" style="margin-top:8px">
    <el-tag size="small" type="success">[[ gettext("领办") ]]</el-tag> [[ l.started_on ]] [[ l.procuratorate.name ]] [[ l.leader.name ]] [[ l.note ]]
  </div>
  <div v-for="u in o.upward_reports" :key="'u' + u.id" class="oversight-upward" style="margin-top:8px">
    <el-tag size="small" :type="u.status === 'instructed' ? 'success' : 'warning'">[[ gettext("重大事项报告") ]] · [[ u.status_display ]]</el-tag>
    [[ u.reported_on ]] [[ u.from_procuratorate.name ]] → [[ u.to_procuratorate.name ]] · [[ u.content ]]
    <el-button v-if="u.may_instruct" size="small" link type="primary" data-oversight="instruct" @click="open('instruct', u)">[[ gettext("批复") ]]</el-button>
    <div v-if="u.instruction" class="muted">[[ gettext("批复意见") ]]：[[ u.instructed_on ]] [[ u.instruction ]]</div>
  </div>
  <pil-action-dialog v-model="dialog.open" :title="dialog.title" :form="dialog.fields" :model="dialog.data" @submit="submit"
                     id="oversight-dialog" submit-id="oversight-submit"></pil-action-dialog>
</div>`,
  };
})();

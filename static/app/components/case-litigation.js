/* <pil-case-litigation :case-data="c" :choices="choices" @changed="load">: litigation to the end on the case
 * page (R 49–66) — the 起诉书 filed upward, court sessions, the judgment's service and outcome, the appeal
 * (上诉) or the superior's protest (抗诉) and the second-instance result, enforcement supervision (the
 * enforcement case, its status, what was recovered, suggestions to the court). It reads
 * GET /api/v1/cases/{id}/litigation/ (reloaded whenever the page reloads the case) and offers as buttons
 * only the moves that answer lists in `allowed_actions`; `blocked_actions` are shown disabled with the rule. */
(function () {
  "use strict";
  // xgettext does not read inside template literals: the template's strings are named here so that
  // they reach the JavaScript catalog; the template translates them with gettext() at render time.
  [gettext_noop("起诉书报上级院备案"), gettext_noop("未报备"), gettext_noop("裁判文书送达"), gettext_noop("诉讼请求支持情况"),
   gettext_noop("庭审"), gettext_noop("暂无庭审记录"), gettext_noop("开庭日期"), gettext_noop("审级"), gettext_noop("法院"),
   gettext_noop("庭审情况"), gettext_noop("上诉（抗诉）"), gettext_noop("提出的检察院"), gettext_noop("提出日期"),
   gettext_noop("二审法院"), gettext_noop("理由"), gettext_noop("二审结果"), gettext_noop("下载上诉状/抗诉书"),
   gettext_noop("执行监督"), gettext_noop("执行案号"), gettext_noop("执行法院"), gettext_noop("执行状态"),
   gettext_noop("尚未登记执行案件"), gettext_noop("执行到位"), gettext_noop("暂无执行到位记录"), gettext_noop("指标"),
   gettext_noop("数量"), gettext_noop("说明"), gettext_noop("执行监督检察建议"), gettext_noop("暂无执行监督检察建议"),
   gettext_noop("建议内容"), gettext_noop("日期"), gettext_noop("已保存")];

  const fmt = (text, values) => interpolate(text, values, true);
  const optionLabel = (options, value) => ((options || []).find((o) => o.value === value) || {}).label || "";

  // Acts that cannot be undone ask first, in one sentence naming the case and what will happen
  // (given the case, the choices and the dialog's values).
  const CONFIRMATIONS = {
    "file-complaint-up": (c) => fmt(gettext("将把“%(title)s”的起诉书报上级院备案，报备后不可撤销。"), { title: c.title }),
    "appeal": (c, C, d) => fmt(gettext("将就“%(title)s”的一审裁判向%(court)s提出上诉，提出后不可撤销。"), { title: c.title, court: d.court }),
    "protest": (c, C, d) => fmt(gettext("将就“%(title)s”的一审裁判向%(court)s提出抗诉，提出后不可撤销。"), { title: c.title, court: d.court }),
    "second-instance": (c, C, d) => fmt(gettext("将登记“%(title)s”的二审结果“%(result)s”，登记后不可撤销。"),
      { title: c.title, result: optionLabel(C.appeal_result, d.result) }),
    "enforcement-suggestion": (c, C, d) => fmt(gettext("将就“%(title)s”的执行向%(court)s提出检察建议，提出后不可撤销。"), { title: c.title, court: d.court }),
  };

  PIL.components["pil-case-litigation"] = {
    props: {
      caseData: { type: Object, required: true },
      choices: { type: Object, required: true },
      today: { type: String, required: true },
    },
    emits: ["changed"],
    data() { return { lit: null, dialog: { open: false, title: "", fields: [], data: {}, url: "", action: "" } }; },
    watch: { caseData() { this.load(); } },
    mounted() { this.load(); },
    computed: {
      base() { return "/api/v1/cases/" + this.caseData.id + "/"; },
    },
    methods: {
      async load() {
        try { this.lit = await this.$api("GET", this.base + "litigation/"); } catch (e) { PIL.notifyError(e); }
      },
      forms() {
        const today = this.today, c = this.caseData, C = this.choices;
        // Every date here is of something that happened (none after today); lengths are the server's.
        const L = PIL.LIMITS;
        const D = (key, label) => ({ key, label, type: "date", default: today, required: true, notFuture: true });
        const T = (key, label, required, value, max) => ({ key, label, type: "text", required, default: value, max: max || 100 });
        const A = (key, label, required, max) => ({ key, label, type: "textarea", required, max: max || L.long });
        const S = (key, label, options, required) => ({ key, label, type: "select", options, required });
        const metrics = C.metric_kind.map((m) => ({ value: m.kind, label: fmt(gettext("%(label)s（%(unit)s）"), m) }));
        const appeal = () => [D("filed_on", gettext("提出日期")), T("court", gettext("二审法院"), true),
                              A("grounds", gettext("上诉（抗诉）理由"), true)];
        return {
          "file-complaint-up": ["file-complaint-up/", () => [D("on", gettext("报备日期"))]],
          "court-hearing": ["court-hearings/", () => [
            S("instance", gettext("审级"), C.court_instance, true), D("held_on", gettext("开庭日期")),
            T("court", gettext("法院"), true, c.court), A("note", gettext("庭审情况"))]],
          "appeal": ["appeal/", appeal],
          "protest": ["protest/", appeal],
          "second-instance": ["second-instance/", () => [S("result", gettext("二审结果"), C.appeal_result, true),
            D("decided_on", gettext("二审裁判日期")), A("note", gettext("二审裁判内容"))]],
          "enforcement-case": ["enforcement-case/", () => [T("number", gettext("执行案号"), true, undefined, 80), T("court", gettext("执行法院"), true),
            D("opened_on", gettext("立案执行日期")), A("note", gettext("说明"), false, L.text)]],
          "enforcement-status": ["enforcement-status/", () => [S("status", gettext("执行状态"), C.enforcement_status, true),
            D("on", gettext("日期")), A("note", gettext("说明"), false, L.text)]],
          "enforcement-recovery": ["enforcement-recoveries/", () => [D("recovered_on", gettext("执行到位日期")),
            S("kind", gettext("指标"), metrics, true), { key: "quantity", label: gettext("数量"), type: "number", required: true },
            T("note", gettext("说明"), false, undefined, L.line)]],
          "enforcement-suggestion": ["enforcement-suggestions/", () => [D("issued_on", gettext("提出日期")),
            T("court", gettext("法院"), true, c.court), A("content", gettext("建议内容"), true)]],
        };
      },
      open(action) {
        const [path, fields] = this.forms()[action];
        const list = fields();
        const data = {};
        list.forEach((f) => { data[f.key] = f.default !== undefined ? f.default : (f.type === "number" ? 0 : ""); });
        if (action === "court-hearing") data.instance = this.caseData.status === "judged" ? "second" : "first";
        const label = this.lit.allowed_actions.find((a) => a.action === action).label;
        this.dialog = { open: true, title: label, fields: list, data, url: this.base + path, action };
      },
      async submit() {
        const body = {};
        for (const [k, v] of Object.entries(this.dialog.data)) if (v !== "" && v !== null && v !== undefined) body[k] = v;
        const ask = CONFIRMATIONS[this.dialog.action];
        if (ask && !(await PIL.confirm(ask(this.caseData, this.choices, this.dialog.data), this.dialog.title))) throw PIL.CANCELLED;
        await this.$api("POST", this.dialog.url, body);
        ElementPlus.ElMessage.success(gettext("已保存"));
        this.$emit("changed");  // the page reloads the case (deadlines, status, history) and so this component
      },
      quantity(row) { return Number(row.quantity).toLocaleString("zh-CN") + " " + row.unit; },
    },
    template: `
<div class="pil-litigation" v-if="lit" id="case-litigation">
  <div class="pil-actions" id="litigation-actions" style="margin:10px 0;display:flex;flex-wrap:wrap;gap:8px;justify-content:flex-start">
    <el-button v-for="a in lit.allowed_actions" :key="a.action" :data-litigation-action="a.action" type="primary" plain
               @click="open(a.action)">[[ a.label ]]</el-button>
    <el-tooltip v-for="a in lit.blocked_actions" :key="'blocked-' + a.action" :content="a.reason" placement="bottom">
      <span class="blocked-action" :data-blocked-litigation-action="a.action" tabindex="0" :aria-label="a.label + '：' + a.reason">
        <el-button plain disabled>[[ a.label ]]</el-button></span>
    </el-tooltip>
  </div>
  <el-descriptions :column="3" border size="small">
    <el-descriptions-item :label="gettext('起诉书报上级院备案')">
      <span id="complaint-filed-up">[[ lit.complaint_filed_up_on || gettext("未报备") ]]</span></el-descriptions-item>
    <el-descriptions-item :label="gettext('裁判文书送达')">[[ lit.judgment_served_on || "—" ]]</el-descriptions-item>
    <el-descriptions-item :label="gettext('诉讼请求支持情况')">[[ lit.judgment_outcome_display || "—" ]]</el-descriptions-item>
  </el-descriptions>

  <h3>[[ gettext("庭审") ]]</h3>
  <el-table :data="lit.court_hearings" size="small" :empty-text="gettext('暂无庭审记录')" id="court-hearings">
    <el-table-column prop="held_on" :label="gettext('开庭日期')" width="110"></el-table-column>
    <el-table-column prop="instance_display" :label="gettext('审级')" width="80"></el-table-column>
    <el-table-column prop="court" :label="gettext('法院')" width="240"></el-table-column>
    <el-table-column prop="note" :label="gettext('庭审情况')"></el-table-column>
  </el-table>

  <template v-if="lit.appeals.length">
    <h3>[[ gettext("上诉（抗诉）") ]]
      <el-button size="small" tag="a" :href="base + 'appeal-document/'">[[ gettext("下载上诉状/抗诉书") ]]</el-button></h3>
    <el-table :data="lit.appeals" size="small" id="appeals">
      <el-table-column prop="kind_display" width="70"></el-table-column>
      <el-table-column prop="procuratorate_name" :label="gettext('提出的检察院')" width="180"></el-table-column>
      <el-table-column prop="filed_on" :label="gettext('提出日期')" width="110"></el-table-column>
      <el-table-column prop="court" :label="gettext('二审法院')" width="180"></el-table-column>
      <el-table-column prop="grounds" :label="gettext('理由')"></el-table-column>
      <el-table-column :label="gettext('二审结果')" width="220"><template #default="{row}">
        <span class="appeal-result">[[ row.result_display ]]</span> [[ row.decided_on || "" ]]</template></el-table-column>
    </el-table>
  </template>

  <template v-if="caseData.status === 'enforcing' || lit.enforcement_case">
    <h3>[[ gettext("执行监督") ]]</h3>
    <el-descriptions v-if="lit.enforcement_case" :column="3" border size="small" id="enforcement-case">
      <el-descriptions-item :label="gettext('执行案号')">[[ lit.enforcement_case.number ]]</el-descriptions-item>
      <el-descriptions-item :label="gettext('执行法院')">[[ lit.enforcement_case.court ]]</el-descriptions-item>
      <el-descriptions-item :label="gettext('执行状态')"><span id="enforcement-status">[[ lit.enforcement_case.status_display ]]</span>
        [[ lit.enforcement_case.status_on || "" ]]</el-descriptions-item>
    </el-descriptions>
    <div v-else class="muted">[[ gettext("尚未登记执行案件") ]]</div>
    <h3>[[ gettext("执行到位") ]]</h3>
    <el-table :data="lit.enforcement_recoveries" size="small" :empty-text="gettext('暂无执行到位记录')" id="enforcement-recoveries">
      <el-table-column prop="recovered_on" :label="gettext('日期')" width="110"></el-table-column>
      <el-table-column prop="kind_display" :label="gettext('指标')" width="240"></el-table-column>
      <el-table-column :label="gettext('数量')" width="200"><template #default="{row}">[[ quantity(row) ]]</template></el-table-column>
      <el-table-column prop="note" :label="gettext('说明')"></el-table-column>
    </el-table>
    <h3>[[ gettext("执行监督检察建议") ]]</h3>
    <el-table :data="lit.enforcement_suggestions" size="small" :empty-text="gettext('暂无执行监督检察建议')">
      <el-table-column prop="issued_on" :label="gettext('日期')" width="110"></el-table-column>
      <el-table-column prop="court" :label="gettext('法院')" width="200"></el-table-column>
      <el-table-column prop="content" :label="gettext('建议内容')"></el-table-column>
    </el-table>
  </template>

  <pil-action-dialog v-model="dialog.open" :title="dialog.title" :form="dialog.fields" :model="dialog.data" @submit="submit" id="litigation-dialog"
                     submit-id="litigation-submit"></pil-action-dialog>
</div>`,
  };
})();

/* <pil-case-civil ref="civil" :case-id="c.id" :case-type="c.case_type" @changed="load">: the civil stages of a
 * case page (DOMAIN.md §5 civil stages, §5a), against GET /api/v1/cases/{id}/civil/ →
 * {"settlements": [{id, kind_display, status, status_display, concluded_on, parties, content, published_on,
 *   publication_media, confirmed_on, confirmation, objections: [...], deadlines: [...]}], "criminal_link": {...}|null,
 *  "supported_plaintiff", "support_acts": [...], "support_result": {...}|null,
 *  "allowed_actions": [{action, label, settlement?}], "blocked_actions": [{action, label, settlement?, reason}],
 *  "choices": {settlement_kind, support_form, support_outcome}}.
 * Buttons are exactly the moves the server allows; each opens a dialog whose 400 errors show at the fields.
 * After a change it emits `changed` (the page reloads the case); the page calls `reload()` after its own. */
(function () {
  "use strict";
  // xgettext does not read inside template literals: the template's strings are named here so that
  // they reach the JavaScript catalog; the template translates them with gettext() at render time.
  [gettext_noop("民事公益诉讼专项"), gettext_noop("关联刑事案件"), gettext_noop("刑事案件案号"), gettext_noop("审理法院"),
   gettext_noop("被告人"), gettext_noop("公诉部门"), gettext_noop("提起公诉日期"), gettext_noop("随刑事案件一并提起"),
   gettext_noop("尚未关联刑事案件。"), gettext_noop("和解（调解）协议"), gettext_noop("达成日期"), gettext_noop("协议各方"),
   gettext_noop("协议内容"), gettext_noop("公告"), gettext_noop("法院确认"), gettext_noop("公告期内异议"),
   gettext_noop("暂无异议"), gettext_noop("收到日期"), gettext_noop("异议人"), gettext_noop("异议内容"),
   gettext_noop("支持起诉"), gettext_noop("支持起诉的原告"), gettext_noop("支持方式"), gettext_noop("日期"),
   gettext_noop("说明"), gettext_noop("支持起诉结果"), gettext_noop("尚未登记"), gettext_noop("暂无和解（调解）协议")];

  // Every date here is of something that happened (none after today); lengths are the server's (PIL.LIMITS, model max_length).
  const D = (key, label, required) => ({ key, label, type: "date", required: required !== false, today: true, notFuture: true });
  const T = (key, label, required, max) => ({ key, label, type: "text", required, max: max || 100 });
  const A = (key, label, required, max) => ({ key, label, type: "textarea", required, max: max || PIL.LIMITS.text });
  const S = (key, label, options, required) => ({ key, label, type: "select", options, required });

  const SETTLEMENT_TAG = { recorded: "info", publishing: "warning", confirmed: "success" };

  PIL.components["pil-case-civil"] = {
    props: {
      caseId: { type: Number, required: true },
      caseType: { type: String, required: true },
    },
    emits: ["changed"],
    data() {
      return { civil: null, dialog: { open: false, title: "", fields: [], data: {}, url: "", action: "", settlement: null } };
    },
    computed: {
      today() { return PIL.data("today"); },
      caseActions() { return this.civil.allowed_actions.filter((a) => !a.settlement); },
      criminal() { return this.caseType === "criminal_civil"; },
      supporting() { return !!(this.civil.supported_plaintiff || this.civil.support_acts.length); },
      visible() {
        const c = this.civil;
        return c && (this.criminal || c.settlements.length || this.supporting || c.allowed_actions.length);
      },
    },
    mounted() { this.reload(); },
    methods: {
      async reload() {
        try { this.civil = await this.$api("GET", "/api/v1/cases/" + this.caseId + "/civil/"); }
        catch (e) { PIL.notifyError(e); }
      },
      settlementActions(s) { return this.civil.allowed_actions.filter((a) => a.settlement === s.id); },
      settlementBlocked(s) { return this.civil.blocked_actions.filter((a) => a.settlement === s.id); },
      settlementTag(s) { return SETTLEMENT_TAG[s.status] || "info"; },
      publication(s) { return s.deadlines.find((d) => d.kind === "settlement_publication"); },
      fields(action) {
        const ch = this.civil.choices, link = this.civil.criminal_link || {};
        const forms = {
          "link-criminal": () => [T("criminal_case_number", gettext("刑事案件案号"), true, 80), T("court", gettext("审理法院"), true),
            T("defendants", gettext("被告人"), true, 300), T("prosecution_department", gettext("公诉部门"), true),
            Object.assign(D("prosecuted_on", gettext("提起公诉日期"), false), { today: false })],
          "settlement": () => [S("kind", gettext("协议类型"), ch.settlement_kind, true), D("concluded_on", gettext("达成日期")),
            T("parties", gettext("协议各方"), true, 300), A("content", gettext("协议内容"), true, PIL.LIMITS.long)],
          "support-act": () => [S("form", gettext("支持方式"), ch.support_form, true), D("acted_on", gettext("日期")), A("note", gettext("说明"))],
          "support-outcome": () => [S("outcome", gettext("支持起诉结果"), ch.support_outcome, true), D("decided_on", gettext("裁判（结案）日期")),
            T("court", gettext("审理法院")), A("note", gettext("说明"))],
          "publish": () => [D("published_on", gettext("公告日期")), T("media", gettext("公告媒体"), true)],
          "objections": () => [D("received_on", gettext("收到日期")), T("objector", gettext("异议人"), true, 150), A("content", gettext("异议内容"), true)],
          "confirm": () => [D("confirmed_on", gettext("法院确认日期")), A("note", gettext("法院确认情况（收到异议的，写明对异议的处理）"))],
        };
        const list = forms[action]();
        const data = {};
        list.forEach((f) => { data[f.key] = f.today ? this.today : (action === "link-criminal" && link[f.key]) || ""; });
        return { list, data };
      },
      open(a) {
        const { list, data } = this.fields(a.action);
        const paths = { "settlement": "settlements", "support-act": "support-acts" };
        const url = a.settlement
          ? "/api/v1/settlements/" + a.settlement + "/" + a.action + "/"
          : "/api/v1/cases/" + this.caseId + "/" + (paths[a.action] || a.action) + "/";
        this.dialog = { open: true, title: a.label, fields: list, data, url, action: a.action,
                        settlement: a.settlement ? this.civil.settlements.find((s) => s.id === a.settlement) : null };
      },
      /* Acts that cannot be undone ask first, in one sentence naming the agreement (or the plaintiff) and what
       * will happen; null for the others. */
      confirmation() {
        const d = this.dialog, s = d.settlement, fmt = (text, values) => interpolate(text, values, true);
        const agreement = s ? { kind: s.kind_display, parties: s.parties } : {};
        if (d.action === "publish") return fmt(gettext("将公告%(parties)s达成的%(kind)s，公告期随即起算，公告后不可撤销。"), agreement);
        if (d.action === "confirm") return fmt(gettext("将登记法院已确认%(parties)s达成的%(kind)s，协议即为本案诉讼结果，登记后不可撤销。"), agreement);
        if (d.action === "support-outcome") {
          const outcome = ((this.civil.choices.support_outcome || []).find((o) => o.value === d.data.outcome) || {}).label || "";
          return fmt(gettext("将登记支持%(plaintiff)s起诉的结果“%(outcome)s”，登记后不可撤销。"), { plaintiff: this.civil.supported_plaintiff, outcome });
        }
        return null;
      },
      async submit() {
        const body = {};
        for (const [k, v] of Object.entries(this.dialog.data)) if (v !== "" && v !== null) body[k] = v;
        const sentence = this.confirmation();
        if (sentence && !(await PIL.confirm(sentence, this.dialog.title))) throw PIL.CANCELLED;
        await this.$api("POST", this.dialog.url, body);
        ElementPlus.ElMessage.success(gettext("已保存"));
        this.$emit("changed");  // the page reloads the case, and this component with it
      },
    },
    template: `
<div class="pil-card" id="case-civil" v-if="visible">
  <div style="display:flex;align-items:center;gap:8px;flex-wrap:wrap">
    <h2 style="margin:0;flex:1">[[ gettext("民事公益诉讼专项") ]]</h2>
    <el-button v-for="a in caseActions" :key="a.action" :data-civil-action="a.action" type="primary" plain @click="open(a)">[[ a.label ]]</el-button>
  </div>

  <div v-if="criminal" id="civil-criminal" style="margin-top:12px">
    <h3>[[ gettext("关联刑事案件") ]]</h3>
    <div v-if="!civil.criminal_link" class="muted">[[ gettext("尚未关联刑事案件。") ]]</div>
    <el-descriptions v-else :column="2" border size="small">
      <el-descriptions-item :label="gettext('刑事案件案号')"><span class="pil-num">[[ civil.criminal_link.criminal_case_number ]]</span></el-descriptions-item>
      <el-descriptions-item :label="gettext('审理法院')">[[ civil.criminal_link.court ]]</el-descriptions-item>
      <el-descriptions-item :label="gettext('被告人')">[[ civil.criminal_link.defendants ]]</el-descriptions-item>
      <el-descriptions-item :label="gettext('公诉部门')">[[ civil.criminal_link.prosecution_department ]]</el-descriptions-item>
      <el-descriptions-item :label="gettext('提起公诉日期')">[[ civil.criminal_link.prosecuted_on || "—" ]]
        <el-tag v-if="civil.criminal_link.prosecuted_on" size="small" type="success">[[ gettext("随刑事案件一并提起") ]]</el-tag></el-descriptions-item>
    </el-descriptions>
  </div>

  <div v-if="civil.settlements.length" id="civil-settlements" style="margin-top:12px">
    <h3>[[ gettext("和解（调解）协议") ]]</h3>
    <div v-for="s in civil.settlements" :key="s.id" class="pil-sugg" :data-settlement="s.id">
      <h3>
        <span>[[ s.kind_display ]]</span>
        <el-tag size="small" :type="settlementTag(s)" :data-status="s.status" class="settlement-status">[[ s.status_display ]]</el-tag>
        <span style="flex:1"></span>
        <el-button v-for="a in settlementActions(s)" :key="a.action" size="small" type="primary" plain :data-settlement-action="a.action"
                   @click="open(a)">[[ a.label ]]</el-button>
        <el-tooltip v-for="a in settlementBlocked(s)" :key="'blocked-' + a.action" :content="a.reason" placement="bottom">
          <span class="blocked-action" :data-blocked-settlement-action="a.action" tabindex="0" :aria-label="a.label + '：' + a.reason">
            <el-button size="small" plain disabled>[[ a.label ]]</el-button></span>
        </el-tooltip>
      </h3>
      <el-descriptions :column="2" border size="small">
        <el-descriptions-item :label="gettext('达成日期')">[[ s.concluded_on ]]</el-descriptions-item>
        <el-descriptions-item :label="gettext('协议各方')">[[ s.parties ]]</el-descriptions-item>
        <el-descriptions-item :label="gettext('协议内容')" :span="2">[[ s.content ]]</el-descriptions-item>
        <el-descriptions-item :label="gettext('公告')">[[ s.published_on ? s.published_on + " " + s.publication_media : "—" ]]</el-descriptions-item>
        <el-descriptions-item :label="gettext('法院确认')">[[ s.confirmed_on ? s.confirmed_on + " " + s.confirmation : "—" ]]</el-descriptions-item>
      </el-descriptions>
      <div v-if="publication(s)" class="pil-deadline-explain settlement-publication" :data-deadline="publication(s).kind">
        [[ publication(s).kind_display ]]：[[ publication(s).due_date ]] [[ publication(s).explanation ]]
      </div>
      <div style="margin-top:6px"><b>[[ gettext("公告期内异议") ]]</b></div>
      <el-table :data="s.objections" size="small" :empty-text="gettext('暂无异议')" class="settlement-objections">
        <el-table-column prop="received_on" :label="gettext('收到日期')" width="110"></el-table-column>
        <el-table-column prop="objector" :label="gettext('异议人')" width="200"></el-table-column>
        <el-table-column prop="content" :label="gettext('异议内容')"></el-table-column>
      </el-table>
    </div>
  </div>

  <div v-if="supporting" id="civil-support" style="margin-top:12px">
    <h3>[[ gettext("支持起诉") ]]</h3>
    <el-descriptions :column="2" border size="small">
      <el-descriptions-item :label="gettext('支持起诉的原告')">[[ civil.supported_plaintiff || "—" ]]</el-descriptions-item>
      <el-descriptions-item :label="gettext('支持起诉结果')"><span id="support-result">[[ civil.support_result
        ? civil.support_result.decided_on + " " + civil.support_result.outcome_display + (civil.support_result.note ? "：" + civil.support_result.note : "")
        : gettext("尚未登记") ]]</span></el-descriptions-item>
    </el-descriptions>
    <el-table :data="civil.support_acts" size="small" :empty-text="gettext('尚未登记')" id="support-acts" style="margin-top:6px">
      <el-table-column prop="acted_on" :label="gettext('日期')" width="110"></el-table-column>
      <el-table-column prop="form_display" :label="gettext('支持方式')" width="160"></el-table-column>
      <el-table-column prop="note" :label="gettext('说明')"></el-table-column>
    </el-table>
  </div>

  <pil-action-dialog v-model="dialog.open" :title="dialog.title" :form="dialog.fields" :model="dialog.data" label-width="130px" @submit="submit"
                     id="civil-dialog" submit-id="civil-submit"></pil-action-dialog>
</div>`,
  };
})();

/* 线索详情: the clue, its evaluation, transfer and duplicates, the reporter (viewing is logged) and its history. */
(function () {
"use strict";
const CLUE_ID = PIL.data("clue-id");
// The evaluation dialog starts empty: a decision is chosen, never pre-selected (one click must not file a case).
const emptyEvaluation = () => ({ open: false, decision: "", case_type: "", to_procuratorate: null, target: null, reason: "",
                                  title: "", agencies: [] });
PIL.mount({
  data() {
    return { clue: null, duplicates: [], handlers: [], targets: [], agencies: [], reporter: null, busy: false, LIMITS: PIL.LIMITS,
             labels: { assign: { handler: gettext("承办人") }, reportUp: { reason: gettext("理由") },
                       feedback: { text: gettext("反馈内容"), public_feedback: gettext("反馈内容") },
                       // The API names the merge target merge_into / merge_into_case: its errors stand at 合并到.
                       evaluate: { decision: gettext("处理决定"), case_type: gettext("案件类型"), title: gettext("案件名称"),
                                   agencies: gettext("涉及行政机关"), to_procuratorate: gettext("接收检察院"), target: gettext("合并到"),
                                   merge_into: gettext("合并到"), merge_into_case: gettext("合并到"), reason: gettext("理由") } },
             assign: { open: false, handler: null }, reportUp: { open: false, reason: "" }, feedback: { open: false, text: "" },
             evaluation: emptyEvaluation() };
  },
  computed: {
    registeredBy() {
      const c = this.clue;
      if (c.registered_by) return c.registered_by.full_name || c.registered_by.username;
      if (c.incoming_transfer) return gettext("接收移送");
      return gettext("群众在线提交");
    },
    handlerName() { const h = this.clue.handler; return h ? (h.full_name || h.username) : gettext("未指派"); },
    incomingTitle() {
      const t = this.clue.incoming_transfer;
      return interpolate(gettext("本线索由%(from)s%(kind)s而来（%(on)s）"), { from: t.from_procuratorate.name, kind: t.kind_display, on: t.sent_on }, true);
    },
    incomingDescription() {
      const t = this.clue.incoming_transfer, reason = t.reason.replace(/[。.]$/, "");
      // A transferred clue may be neither sent back nor passed on (规则第二十六条); a report-up is the only way out.
      if (t.kind === "transfer") {
        return interpolate(gettext("理由：%(reason)s。依《人民检察院公益诉讼办案规则》第26条，不得退回或再行移送；如认为不属本院管辖，可报请上级检察院。"), { reason }, true);
      }
      return interpolate(gettext("理由：%(reason)s"), { reason }, true);
    },
    outgoingTitle() {
      const t = this.clue.outgoing_transfer;
      return interpolate(gettext("已%(kind)s：%(to)s（%(on)s）"), { kind: t.kind_display, to: t.to_procuratorate.name, on: t.sent_on }, true);
    },
    /* Checked by the action dialog before anything is sent; each field's rule applies only to the decisions that show it. */
    evaluationRules() {
      const filing = (ev) => ev.decision === "file_case";
      return {
        decision: { required: true, type: "select" },
        case_type: { required: true, type: "select", when: filing },
        title: { required: true, max: PIL.LIMITS.title, when: filing },
        to_procuratorate: { required: true, type: "select", when: (ev) => ev.decision === "transfer" },
        target: { required: true, type: "select", label: gettext("要合并到的线索或案件"), when: (ev) => ev.decision === "merge" },
        reason: { required: true, max: PIL.LIMITS.text, label: this.reasonLabel },
      };
    },
    reasonLabel() { return this.evaluation.decision === "file_case" ? gettext("立案意见") : gettext("理由"); },
    reasonPlaceholder() { return this.evaluation.decision === "no_case" ? gettext("不立案须说明理由") : ""; },
    pending() { return (this.clue.approvals || []).find((a) => a.status === "pending") || null; },
    returned() {
      // A returned request matters while the clue still waits for its decision.
      const open = this.clue.status === "received" || this.clue.status === "evaluating";
      return open ? (this.clue.approvals || []).filter((a) => a.status === "returned") : [];
    },
    pendingTitle() {
      const a = this.pending;
      return interpolate(gettext("%(decision)s待%(role)s审批：%(who)s于%(at)s提请，批准后生效"),
        { decision: a.decision_display, role: a.approver_role_display, who: a.submitted_by.full_name || a.submitted_by.username, at: PIL.formatTime(a.submitted_at) }, true);
    },
    returnedTitle() {
      return (a) => interpolate(gettext("%(decision)s申请已被%(who)s退回（%(at)s）"),
        { decision: a.decision_display, who: a.decided_by ? (a.decided_by.full_name || a.decided_by.username) : "", at: PIL.formatTime(a.decided_at) }, true);
    },
    chosenHandler() { return this.handlers.find((u) => u.id === this.assign.handler) || null; },
    photos() { return this.clue.attachments.filter((a) => a.kind === "photo"); },
    others() { return this.clue.attachments.filter((a) => a.kind !== "photo"); },
  },
  async mounted() { await this.load(); },
  methods: {
    go(url) { window.location.href = url; },
    url(tail) { return "/api/v1/clues/" + CLUE_ID + "/" + (tail || ""); },
    async load() {
      try {
        this.clue = await this.$api("GET", this.url());
        this.duplicates = await this.$api("GET", this.url("duplicates/"));
        if (this.$refs.history) this.$refs.history.reload();
      } catch (e) { PIL.notifyError(e); }
    },
    fmt(ts) { return PIL.formatTime(ts); },
    yesNo(flag) { return flag ? gettext("是") : gettext("否"); },
    kindLabel(d) { return d.kind === "case" ? gettext("案件") : gettext("线索"); },
    deadlineState(d) {
      if (d.state === "met") return gettext("已完成");
      if (d.state === "cancelled") return gettext("已撤销");
      return d.overdue ? gettext("已超期") : gettext("未完成");
    },
    hasOpen(kind) { return this.clue.deadlines.some((d) => d.kind === kind && d.state === "open"); },
    async openAssign() {
      this.assign.handler = this.clue.handler ? this.clue.handler.id : null;
      try { this.handlers = await this.$api("GET", "/api/v1/clues/handlers/?procuratorate=" + this.clue.procuratorate.id); } catch (e) { PIL.notifyError(e); }
      this.assign.open = true;
    },
    /* "承办检察官/助理 · 在办线索 2 件 · 在办案件 1 件": who is free, shown in the assign dialog. */
    caseload(u) {
      return [(u.roles || []).join("、"), interpolate(gettext("在办线索 %(clues)s 件 · 在办案件 %(cases)s 件"), { clues: u.open_clues, cases: u.open_cases }, true)]
        .filter(Boolean).join(" · ");
    },
    /* Run by the action dialog: errors stand at the field. */
    async doAssign() {
      await this.$api("POST", this.url("assign/"), { handler: this.assign.handler });
      ElementPlus.ElMessage.success(gettext("已指派"));
      await this.load();
    },
    async openEvaluate() {
      if (!this.targets.length) {
        try { this.targets = (await this.$api("GET", "/api/v1/public/procuratorates/?page_size=200")).results.filter((p) => p.id !== this.clue.procuratorate.id); }
        catch (e) { PIL.notifyError(e); }
      }
      if (!this.agencies.length) {
        const own = this.clue.agencies.map((a) => ({ id: a.id, name: a.name }));
        try {
          const more = (await this.$api("GET", "/api/v1/agencies/?page_size=200&region=" + (this.clue.region_code || "").slice(0, 4))).results;
          more.forEach((a) => { if (!own.find((o) => o.id === a.id)) own.push({ id: a.id, name: a.name }); });
        } catch (e) { /* the clue's own agencies are enough to go on */ }
        this.agencies = own;
      }
      // The decision starts empty; what filing needs is pre-filled from the clue (its title, its agencies).
      this.evaluation = Object.assign(emptyEvaluation(), { open: true, title: this.clue.title, agencies: this.clue.agencies.map((a) => a.id) });
    },
    /* The sentence that says what the decision will do, naming the clue: each is final once sent. */
    evaluationConfirmation(ev) {
      const title = this.clue.title;
      if (ev.decision === "file_case") return interpolate(gettext("将对“%(title)s”立案，案件名称为“%(name)s”，立案后不可撤销。"), { title, name: ev.title }, true)
        + this.approvalNote();
      if (ev.decision === "no_case") return interpolate(gettext("将对“%(title)s”作出不立案决定，决定后不可撤销。"), { title }, true) + this.approvalNote();
      if (ev.decision === "transfer") {
        const to = (this.targets.find((p) => p.id === ev.to_procuratorate) || {}).name || "";
        return interpolate(gettext("将把“%(title)s”移送%(to)s，移送后不可撤销。"), { title, to }, true);
      }
      return interpolate(gettext("将把“%(title)s”合并到所选线索或案件，合并后不可撤销。"), { title }, true);
    },
    approvalNote() {
      // Where the procuratorate's table reserves the decision, the sentence says who approves it.
      const approver = (this.clue.approval_roles || {})[this.evaluation.decision];
      return approver ? interpolate(gettext("提交后须经%(role)s审批，批准后生效。"), { role: approver }, true) : "";
    },
    /* Run by the action dialog once its rules pass: a 400 answer stands at the fields, and the dialog closes on success. */
    async doEvaluate() {
      const ev = this.evaluation;
      if (!(await PIL.confirm(this.evaluationConfirmation(ev), gettext("评估处理")))) throw PIL.CANCELLED;
      const body = { decision: ev.decision, reason: ev.reason };
      if (ev.decision === "file_case") Object.assign(body, { case_type: ev.case_type, title: (ev.title || "").trim(), agencies: ev.agencies });
      if (ev.decision === "transfer") body.to_procuratorate = ev.to_procuratorate;
      if (ev.decision === "merge" && ev.target) {
        const [kind, id] = ev.target.split(":");
        body[kind === "case" ? "merge_into_case" : "merge_into"] = Number(id);
      }
      await this.decided(await this.$api("POST", this.url("evaluate/"), body));
    },
    async decided(result) {
      if (result.approval) ElementPlus.ElMessage.success(interpolate(gettext("已提请%(role)s审批，批准后生效"), { role: result.approval.approver_role_display }, true));
      else ElementPlus.ElMessage.success(gettext("处理决定已保存"));
      await this.load();
      if (result.case_id) ElementPlus.ElMessage.info(interpolate(gettext("已立案，案件编号 #%(id)s"), { id: result.case_id }, true));
    },
    async send(body) {
      this.busy = true;
      try { await this.decided(await this.$api("POST", this.url("evaluate/"), body)); }
      catch (e) { PIL.notifyError(e, this.labels.evaluate); } finally { this.busy = false; }
    },
    async merge(d) {
      const sentence = interpolate(d.kind === "case" ? gettext("将把“%(title)s”合并到案件“%(target)s”，合并后不可撤销。")
                                                     : gettext("将把“%(title)s”合并到线索“%(target)s”，合并后不可撤销。"),
                                   { title: this.clue.title, target: d.title }, true);
      if (!(await PIL.confirm(sentence, gettext("合并")))) return;
      await this.send(d.kind === "case" ? { decision: "merge", merge_into_case: d.id, reason: gettext("疑似重复，一键合并") }
                                        : { decision: "merge", merge_into: d.id, reason: gettext("疑似重复，一键合并") });
    },
    async doReportUp() {
      const sentence = interpolate(gettext("将把“%(title)s”报请上级院处理，报请后不可撤回。"), { title: this.clue.title }, true);
      if (!(await PIL.confirm(sentence, gettext("报请上级院")))) throw PIL.CANCELLED;
      await this.$api("POST", this.url("report-up/"), { reason: this.reportUp.reason });
      await this.load();
    },
    openFeedback() { this.feedback.text = this.clue.public_feedback || ""; this.feedback.open = true; },
    async doFeedback() {
      // The API names the field public_feedback; the dialog shows it under the same label.
      await this.$api("POST", this.url("feedback/"), { public_feedback: this.feedback.text });
      await this.load();
    },
    async acknowledge() {
      const sentence = interpolate(gettext("将登记已就“%(title)s”答复举报人收悉，登记后不可撤销。"), { title: this.clue.title }, true);
      if (!(await PIL.confirm(sentence, gettext("已答复举报人收悉")))) return;
      try { await this.$api("POST", this.url("acknowledge/")); await this.load(); } catch (e) { PIL.notifyError(e); }
    },
    async showReporter() {
      try {
        await ElementPlus.ElMessageBox.confirm(gettext("查看举报人信息将被记录（查看人、时间）。确定查看？"), gettext("显示举报人信息"), { type: "warning" });
      } catch (e) { return; }
      try { this.reporter = await this.$api("GET", this.url("reporter/")); } catch (e) { PIL.notifyError(e); }
    },
    async upload(opt) {
      const fd = new FormData(); fd.append("files", opt.file);
      try { await this.$api("POST", this.url("attachments/"), fd); await this.load(); } catch (e) { PIL.notifyError(e); }
    },
  },
});
})();

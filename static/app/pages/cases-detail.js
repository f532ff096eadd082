/* 案件详情: the case, its deadlines, suggestions and history; every legal step is an action dialog. */
(function () {
  "use strict";
  const CASE_ID = PIL.data("case-id");
  const TODAY = PIL.data("today");
  const C = PIL.data("choices");
  const fmt = (text, values) => interpolate(text, values, true);

  // Field descriptors for the shared action dialog (components/action-dialog.js): it draws the inputs, checks
  // the rules before sending and shows the server's errors at the same fields. Every date here is the date of
  // something that has happened, so none may be after today; lengths are the server's (PIL.LIMITS).
  const L = PIL.LIMITS;
  const D = (key, label) => ({ key, label, type: "date", default: TODAY, required: true, notFuture: true });
  const T = (key, label, required, max) => ({ key, label, type: "text", required, max: max || L.line });
  const A = (key, label, required, max) => ({ key, label, type: "textarea", required, max: max || L.text });
  const S = (key, label, options, required) => ({ key, label, type: "select", options, required });
  const metricOptions = C.metric_kind.map((m) => ({ value: m.kind, label: fmt(gettext("%(label)s（%(unit)s）"), m) }));

  let PERIODS = {};  // the periods table by kind, loaded once from the API
  function periodText(kind, variant) {
    const p = PERIODS[kind];
    if (!p) return "";
    const v = variant && p.variants.find((x) => x.key === variant);
    return (v || p).length.label;
  }
  function extensionText(kind) { const p = PERIODS[kind]; return p && p.extension ? p.extension.label : ""; }

  const FORMS = {
    "investigate": () => [D("on", gettext("开始调查日期")), A("reason", gettext("说明"))],
    "serve-filing": () => [D("served_on", gettext("送达日期"))],
    "records": () => [S("kind", gettext("记录类型"), C.record_kind, true), D("recorded_on", gettext("日期")), T("title", gettext("标题"), true),
                      T("participants", gettext("参加人员"), false, 300), A("content", gettext("内容"), false, L.long)],
    "suspend": () => [D("on", gettext("中止日期")), A("reason", gettext("中止理由"), true)],
    "resume": () => [D("on", gettext("恢复日期")), A("reason", gettext("说明"))],
    "announce": () => [D("announced_on", gettext("公告日期")), T("media", gettext("公告媒体"), true, 100)],
    // Labels that name a period read it from the periods table (GET /api/v1/calendar/periods/), never a literal.
    "extend": () => [S("approval", gettext("批准"), [
      { value: "chief", label: fmt(gettext("检察长批准（延长%(period)s）"), { period: extensionText("sue_decision") }) },
      { value: "superior", label: gettext("上级院批准") }], true), A("reason", gettext("延长理由"), true)],
    "sue": () => [D("sued_on", gettext("起诉日期")), T("court", gettext("受理法院"), true, 100), A("claims", gettext("诉讼请求"), false, L.long)],
    "support-suit": () => [D("on", gettext("日期")), T("plaintiff", gettext("支持起诉的原告"), true, 150), A("reason", gettext("说明"))],
    "record-judgment": () => [D("judgment_on", gettext("裁判日期")), S("kind", gettext("裁判类型"), [
      { value: "judgment", label: fmt(gettext("判决（上诉期%(period)s）"), { period: periodText("appeal") }) },
      { value: "ruling", label: fmt(gettext("裁定（上诉期%(period)s）"), { period: periodText("appeal", "ruling") }) }], true),
      A("result", gettext("裁判结果"), true, L.long), S("outcome", gettext("诉讼请求支持情况"), C.judgment_outcome),
      { key: "served_on", label: gettext("裁判文书送达日期（上诉期自次日起算）"), type: "date", default: TODAY, notFuture: true }],
    "appraisal-start": () => [D("on", gettext("开始日期")),
      A("reason", gettext("鉴定、检测、评估、审计事项（规则第四十八条：期间不计入决定是否起诉期限）"), true, 300)],
    "appraisal-end": () => [D("on", gettext("结束日期")), A("reason", gettext("说明"))],
    "enforce": () => [D("on", gettext("日期")), A("note", gettext("执行监督情况"))],
    // Only the closing reasons allowed for the case's type (R 73, 90: pil_cases.workflow.CLOSING_REASON_CASE_TYPES).
    "close": (c) => [D("closed_on", gettext("结案日期")), S("reason", gettext("结案理由"),
      C.closing_reason.filter((o) => C.closing_reason_by_type[c.case_type].includes(o.value)), true), A("note", gettext("说明"))],
    "metrics": () => [S("kind", gettext("指标"), metricOptions, true), { key: "quantity", label: gettext("数量"), type: "number", required: true },
                      T("note", gettext("说明"))],
    "consult": () => [D("held_on", gettext("磋商日期")), S("form", gettext("磋商方式"), C.consultation_form, true),
                      T("agency_participants", gettext("行政机关参加人员")), A("commitments", gettext("行政机关承诺事项")),
                      { key: "agreed_rectification_on", label: gettext("约定整改日期"), type: "date", default: "" }, A("minutes", gettext("磋商纪要"))],
    "lookback": () => [D("reviewed_on", gettext("复查日期")), S("finding", gettext("复查结论"), C.lookback_finding, true), A("note", gettext("说明"))],
  };
  const SUGGESTION_FORMS = {
    "issue": () => [D("issued_on", gettext("制发日期"))],
    "serve": () => [D("served_on", gettext("送达日期"))],
    "reply": () => [D("replied_on", gettext("回复日期")), A("content", gettext("回复内容"), true, L.long), A("measures", gettext("称已采取的整改措施"), false, L.long)],
    "review": () => [D("reviewed_on", gettext("跟进调查日期")), S("method", gettext("调查方式"), C.review_method, true),
                     S("finding", gettext("整改结论"), C.review_finding, true),
                     S("non_performance", gettext("不依法履职情形（规则第八十二条）"), C.non_performance), A("note", gettext("说明"))],
    "file-up": () => [D("on", gettext("报备日期"))],
  };
  const CONSULTATION_FORMS = {
    "follow-up": () => [D("followed_up_on", gettext("跟进日期")), S("result", gettext("跟进结论"), C.consultation_result, true),
                        A("note", gettext("说明"))],
  };
  const SUGGESTION_ACTION_LABELS = { "issue": gettext("制发"), "serve": gettext("登记送达"), "reply": gettext("登记回复"),
                                     "review": gettext("跟进调查"), "file-up": gettext("报上级院备案") };
  // Dialog titles: the workflow's action labels, plus the actions it does not name.
  const ACTION_TITLES = Object.assign(PIL.data("action-labels"), {
    "file": gettext("立案"), "issue": gettext("制发检察建议"), "issue-suggestion": gettext("进入诉前程序"), "serve": gettext("送达检察建议"),
    "reply": gettext("登记行政机关回复"), "review": gettext("跟进调查"), "file-up": gettext("检察建议报上级院备案"),
    "edit": gettext("修改案件信息"), "draft-suggestion": gettext("起草检察建议"), "cancel-deadlines": gettext("结案撤销期限"),
  });

  // Acts that cannot be undone ask first, in one sentence naming the case (or the suggestion's agency) and
  // saying what will happen; each is given the case, the suggestion (or consultation) and the dialog's values.
  const optionLabel = (options, value) => ((options || []).find((o) => o.value === value) || {}).label || "";
  const suggestionName = (s) => s.number || s.agency_name;
  const CONFIRMATIONS = {
    "case:serve-filing": (c, s, d) => fmt(gettext("将登记“%(title)s”的立案决定书已于%(on)s送达，登记后不可撤销。"), { title: c.title, on: d.served_on }),
    "case:announce": (c, s, d) => fmt(gettext("将就“%(title)s”在%(media)s发布公告，公告期随即起算，发布后不可撤销。"), { title: c.title, media: d.media }),
    "case:extend": (c) => fmt(gettext("将延长“%(title)s”的决定是否起诉期限，延长后不可撤销。"), { title: c.title }),
    "case:close": (c) => fmt(gettext("将对“%(title)s”结案，结案后不可撤销。"), { title: c.title }),
    "case:sue": (c) => fmt(gettext("将就“%(title)s”提起公益诉讼，起诉后不可撤销。"), { title: c.title }),
    "case:support-suit": (c) => fmt(gettext("将就“%(title)s”支持起诉，决定后不可撤销。"), { title: c.title }),
    "case:record-judgment": (c) => fmt(gettext("将登记“%(title)s”的裁判结果，上诉期自裁判文书送达次日起算，登记后不可撤销。"), { title: c.title }),
    "case:enforce": (c) => fmt(gettext("将使“%(title)s”转入执行监督，转入后不可撤销。"), { title: c.title }),
    "suggestion:issue": (c, s) => fmt(gettext("将向%(agency)s制发“%(title)s”的检察建议，制发后不可撤销。"), { agency: s.agency_name, title: c.title }),
    "suggestion:serve": (c, s) => fmt(gettext("将登记致%(agency)s的检察建议（%(number)s）已送达，回复期限随即起算，登记后不可撤销。"),
      { agency: s.agency_name, number: suggestionName(s) }),
    "suggestion:reply": (c, s) => fmt(gettext("将登记%(agency)s对检察建议（%(number)s）的书面回复，登记后不可撤销。"),
      { agency: s.agency_name, number: suggestionName(s) }),
    "suggestion:review": (c, s, d) => fmt(gettext("将登记对%(agency)s整改情况的跟进调查结论“%(finding)s”，登记后不可撤销。"),
      { agency: s.agency_name, finding: optionLabel(C.review_finding, d.finding) }),
    "suggestion:file-up": (c, s) => fmt(gettext("将把检察建议（%(number)s）报上级院备案，报备后不可撤销。"), { number: suggestionName(s) }),
    "consultation:follow-up": (c, s, d) => fmt(gettext("将登记%(on)s与%(agency)s磋商的跟进结论“%(result)s”，登记后不可撤销。"),
      { on: s.held_on, agency: s.agency_name || gettext("行政机关"), result: optionLabel(C.consultation_result, d.result) }),
  };
  // The decisions the approval table may reserve to the department head or the chief procurator.
  const RESERVED = { "case:close": "close", "case:sue": "sue", "case:support-suit": "support_suit", "suggestion:issue": "issue_suggestion" };

  PIL.mount({
    data() {
      // A notification may open a given tab (?tab=integrated).
      return { c: null, tab: new URLSearchParams(location.search).get("tab") || "info", choices: C, suggestionActionLabels: SUGGESTION_ACTION_LABELS, today: TODAY,
        primaryActions: ["investigate", "draft-suggestion", "announce", "sue", "record-judgment", "enforce", "lookback"],
        dialog: { open: false, title: "", fields: [], data: {}, url: "", key: "", subject: null } };
    },
    computed: {
      steps() {
        // A case closed without a suit skips the litigation step.
        return this.allSteps.filter((s) => !(s.litigation && this.c.status === "closed" && !this.c.sued_on && !this.c.supported_plaintiff));
      },
      allSteps() {
        const c = this.c;
        if (c.case_type === "administrative") {
          const sugg = c.suggestions.find((s) => s.issued_on);
          // 磋商 (R 70–72) is part of the investigation stage: the step names it once the agency was consulted.
          const consulted = (c.consultations || []).length ? c.consultations[c.consultations.length - 1].held_on : "";
          return [{ title: gettext("立案"), date: c.filed_on }, { title: consulted ? gettext("调查与磋商") : gettext("调查"), date: consulted },
                  { title: gettext("诉前检察建议"), date: sugg ? sugg.issued_on : "" },
                  { title: gettext("提起诉讼"), date: c.sued_on, litigation: true }, { title: gettext("结案"), date: c.closed_on }];
        }
        return [{ title: gettext("立案"), date: c.filed_on }, { title: gettext("调查"), date: "" }, { title: gettext("公告"), date: c.announced_on },
                { title: c.supported_plaintiff ? gettext("支持起诉") : gettext("提起诉讼"), date: c.sued_on, litigation: true },
                { title: gettext("结案"), date: c.closed_on }];
      },
      stepIndex() {
        const order = { filed: 1, investigating: 1, pre_litigation: 2, announcing: 2, litigating: 3, judged: 3, enforcing: 3, supporting: 3, closed: 5 };
        // A suspended case stands on the step it was suspended from (the case says which: status_before_suspension).
        const s = this.c.status === "suspended" ? this.c.status_before_suspension : this.c.status;
        return s === "closed" ? this.steps.length + 1 : (order[s] || 0);
      },
      reviews() {
        return this.c.suggestions.flatMap((s) => s.reviews.map((r) => Object.assign({ number: s.number }, r)));
      },
      documents() {
        const c = this.c, rows = [{ name: gettext("立案决定书"), number: c.filing_number, url: "/api/v1/cases/" + c.id + "/filing-decision/" }];
        c.suggestions.filter((s) => s.number).forEach((s) => rows.push({
          name: fmt(gettext("检察建议书（%(agency)s）"), { agency: s.agency_name }), number: s.number, url: "/api/v1/suggestions/" + s.id + "/document/" }));
        if (c.announcement_number) rows.push({ name: gettext("公告"), number: c.announcement_number });
        if (c.complaint_number) rows.push({ name: gettext("起诉书"), number: c.complaint_number });
        if (c.closing_number) rows.push({ name: gettext("终结审查决定书"), number: c.closing_number });
        return rows;
      },
      notServed() { return gettext("未送达"); },
      sharedDescription() {
        return fmt(gettext("本案由%(office)s承办，经协作机制共享给本院，仅供查看。"), { office: this.c.procuratorate.name });
      },
      recordsTab() { return fmt(gettext("调查（%(n)s）"), { n: this.c.records.length }); },
      consultationsTab() { return fmt(gettext("磋商（%(n)s）"), { n: (this.c.consultations || []).length }); },
      // Hearings are held while the case is open and not suspended, by those who act on it.
      canHoldHearings() {
        return !["closed", "suspended"].includes(this.c.status) && this.c.allowed_actions.some((a) => a.action === "metrics");
      },
      suggestionsTab() { return fmt(gettext("检察建议（%(n)s）"), { n: this.c.suggestions.length }); },
    },
    async mounted() {
      try { PERIODS = Object.fromEntries((await this.$api("GET", "/api/v1/calendar/periods/")).map((p) => [p.kind, p])); }
      catch (e) { /* labels then go without the length; the server still applies it */ }
      await this.load();
    },
    methods: {
      periodText,
      suggestionNumber(s) { return s.number || gettext("（草稿，未编号）"); },
      deadlineState(d) { return d.state === "met" ? gettext("已完成") : d.state === "cancelled" ? gettext("已撤销") : gettext("计算中"); },
      /* Without a period of its own the suggestion asks for the reply within the statutory one (规则第七十五条). */
      rectificationPeriod(s) {
        return s.rectification_period || fmt(gettext("收到之日起%(period)s内书面回复"), { period: periodText("suggestion_reply", s.urgent ? "urgent" : "") });
      },
      async load() {
        try {
          this.c = await this.$api("GET", "/api/v1/cases/" + CASE_ID + "/");
          if (this.$refs.history) this.$refs.history.reload();
          if (this.$refs.civil) this.$refs.civil.reload();  // the civil stages (components/case-civil.js)
        } catch (e) { PIL.notifyError(e); }
      },
      async agencyOptions() {
        const own = this.c.agencies.map((a) => ({ value: a.id, label: a.name }));
        try {
          const region = (await this.$api("GET", "/api/v1/procuratorates/" + this.c.procuratorate.id + "/")).region_code;
          const more = (await this.$api("GET", "/api/v1/agencies/?page_size=200&region=" + region)).results;
          more.forEach((a) => { if (!own.find((o) => o.value === a.id)) own.push({ value: a.id, label: a.name }); });
        } catch (e) { /* the case's own agencies are enough to go on */ }
        return own;
      },
      async draftSuggestionFields() {
        return [S("agency", gettext("行政机关"), await this.agencyOptions(), true),
          { key: "urgent", label: fmt(gettext("紧急（%(period)s内回复）"), { period: periodText("suggestion_reply", "urgent") }), type: "switch" },
          A("case_source", gettext("案件来源"), true, L.long), A("harm_facts", gettext("公益受侵害的事实"), true, L.long),
          A("duty_facts", gettext("不依法履职的事实和理由"), true, L.long), A("legal_basis", gettext("法律依据"), true, L.long),
          A("recommendations", gettext("具体建议"), true, L.long), T("rectification_period", gettext("整改期限")),
          A("other_matters", gettext("其他事项"), false, L.long)];
      },
      /* 变更承办人: the procuratorate's handlers, each with roles and open caseload (one request, one query). */
      async reassignFields() {
        let people = [];
        try { people = await this.$api("GET", "/api/v1/clues/handlers/?procuratorate=" + this.c.procuratorate.id); } catch (e) { PIL.notifyError(e); }
        const options = people.map((u) => ({ value: u.id, label: fmt(gettext("%(name)s（%(roles)s · 在办线索 %(clues)s 件 · 在办案件 %(cases)s 件）"),
          { name: u.full_name || u.username, roles: (u.roles || []).join("、"), clues: u.open_clues, cases: u.open_cases }) }));
        return [S("handler", gettext("承办人"), options, true), A("reason", gettext("理由"))];
      },
      async openAction(scope, action, suggestion) {
        let fields, url, title;
        if (scope === "case") {
          title = ACTION_TITLES[action] || action;
          if (action === "draft-suggestion") {
            fields = await this.draftSuggestionFields();
            url = "/api/v1/cases/" + CASE_ID + "/suggestions/";
          } else if (action === "reassign") {
            fields = await this.reassignFields();
            url = "/api/v1/cases/" + CASE_ID + "/reassign/";
          } else if (action === "consult") {
            fields = FORMS[action]();
            fields.splice(2, 0, S("agency", gettext("行政机关"), await this.agencyOptions(), false));
            url = "/api/v1/cases/" + CASE_ID + "/consultations/";
          } else {
            fields = FORMS[action](this.c);
            url = "/api/v1/cases/" + CASE_ID + "/" + action + "/";
          }
        } else if (scope === "consultation") {
          title = gettext("登记磋商跟进结论");
          fields = CONSULTATION_FORMS[action]();
          url = "/api/v1/consultations/" + suggestion.id + "/" + action + "/";
        } else {
          title = fmt(gettext("%(label)s：%(text)s"), { label: SUGGESTION_ACTION_LABELS[action], text: suggestion.number || suggestion.agency_name });
          fields = SUGGESTION_FORMS[action]();
          url = "/api/v1/suggestions/" + suggestion.id + "/" + (action === "review" ? "reviews" : action) + "/";
        }
        const data = {};
        fields.forEach((f) => { data[f.key] = f.default !== undefined ? f.default : (f.type === "switch" ? false : (f.type === "number" ? 0 : (f.type === "select" ? null : ""))); });
        if (action === "reassign" && this.c.handler) data.handler = this.c.handler.id;
        if (action === "draft-suggestion") {
          data.case_source = fmt(gettext("本院在履行职责中发现%(subject)s问题线索，于%(filed_on)s立案调查。"),
                                 { subject: this.c.title.replace(/(行政|民事)?公益诉讼案$/, ""), filed_on: this.c.filed_on });
        }
        this.dialog = { open: true, title, fields, data, url, key: scope + ":" + action, subject: suggestion || null };
      },
      /* The sentence an irreversible act asks with, from the values about to be sent; null for the others. */
      confirmation() {
        const d = this.dialog, ask = CONFIRMATIONS[d.key];
        if (!ask) return null;
        let sentence = ask(this.c, d.subject, d.data);
        // Where the procuratorate's table reserves the decision, the sentence says who approves it.
        const approver = (this.c.approval_roles || {})[RESERVED[d.key]];
        if (approver) sentence += fmt(gettext("提交后须经%(role)s审批，批准后生效。"), { role: approver });
        return sentence;
      },
      /* Run by the action dialog: it spins meanwhile, closes on success and shows a 400 at the fields. */
      async submit() {
        const body = {};
        for (const [k, v] of Object.entries(this.dialog.data)) if (v !== "" && v !== null) body[k] = v;
        const sentence = this.confirmation();
        if (sentence && !(await PIL.confirm(sentence, this.dialog.title))) throw PIL.CANCELLED;
        const pendingBefore = this.pendingCount();
        await this.$api("POST", this.dialog.url, body);
        await this.load();
        // A reserved decision answered 202: it waits for approval, and the banner above says so.
        if (this.pendingCount() > pendingBefore) ElementPlus.ElMessage.success(gettext("已提请审批，批准后生效"));
        else ElementPlus.ElMessage.success(gettext("已保存"));
      },
      pendingCount() { return (this.c.approvals || []).filter((a) => a.status === "pending").length; },
      approvalTitle(a) {
        const who = (u) => (u ? u.full_name || u.username : "");
        if (a.status === "pending") {
          return fmt(gettext("%(decision)s待%(role)s审批（%(label)s）：%(who)s于%(at)s提请，批准后生效"),
            { decision: a.decision_display, role: a.approver_role_display, label: a.label, who: who(a.submitted_by), at: PIL.formatTime(a.submitted_at) });
        }
        return fmt(gettext("%(decision)s申请已被%(who)s退回（%(at)s）"), { decision: a.decision_display, who: who(a.decided_by), at: PIL.formatTime(a.decided_at) });
      },
    },
  });
})();

/* A 协作机制 (templates/mechanisms/mechanism_detail.html): overview and members, meetings, clue transfers,
 * joint cases, commissioned investigation, figures and history, each tab loaded when first opened.
 * Every action runs in the shared action dialog, whose errors show at the fields. */
(function () {
  "use strict";
  // The mechanism's moves and the acts that cannot be undone ask first, in a sentence naming their object.
  const fmt = (text, values) => interpolate(text, values, true);
  const T = {
    confirm: { activate: gettext("将使“%(name)s”生效，生效后成员单位即可依机制开展协作。"),
               suspend: gettext("将暂停“%(name)s”：新的移送、委托和联合办案将不能进行，共享的案件不再对协作单位开放。请填写暂停理由。"),
               expire: gettext("将终止“%(name)s”，失效后不能再恢复。请填写终止理由。") },
    returnReason: gettext("将把移送的线索“%(title)s”退回%(office)s，退回后不可撤销。请填写退回理由。"),
    feedback: gettext("反馈意见（可选）"), done: gettext("操作成功"),
    transfer: gettext("将把线索“%(title)s”移送%(office)s，移送后不可撤销。"),
    joint: gettext("将与%(offices)s联合办理“%(title)s”，案件随即向其共享，关联后不可撤销。"),
    assist: gettext("将委托%(office)s调查取证“%(subject)s”，委托发出后不可撤回。"),
    reply: gettext("将答复%(office)s委托的“%(subject)s”，答复后不可撤销。"),
    kinds: { procuratorate: gettext("检察院"), agency: gettext("行政机关/法院"), other: gettext("其他单位") },
  };
  // The dialogs' field labels: an error of a field is shown at it, and named by its label elsewhere.
  const LABELS = {
    transfer: { clue: gettext("线索"), to_procuratorate: gettext("接收检察院"), reason: gettext("移送理由") },
    joint: { case: gettext("本院案件"), collaborators: gettext("协作检察院"), note: gettext("协作说明") },
    record: { kind: gettext("类型"), recorded_on: gettext("日期"), title: gettext("标题"), content: gettext("内容") },
    assist: { to_procuratorate: gettext("受托检察院"), subject: gettext("委托事项"), content: gettext("具体要求") },
    reply: { reply: gettext("调查取证情况"), files: gettext("附件") },
    hold: { held_on: gettext("召开日期"), place: gettext("地点"), attendance: gettext("参会情况"), minutes: gettext("会议纪要"),
            resolutions: gettext("议定事项") },
    meeting: { scheduled_on: gettext("计划日期"), place: gettext("地点"), agenda: gettext("议程") },
  };
  // Checked in the browser before sending; the server checks the same (mechanisms/serializers.py).
  const L = PIL.LIMITS, req = { required: true }, pick = { required: true, type: "select" }, day = { required: true, type: "date" };
  const RULES = {
    transfer: { clue: pick, to_procuratorate: pick, reason: { required: true, max: L.text } },
    joint: { case: pick, collaborators: pick, note: { max: 300 } },
    record: { kind: pick, recorded_on: Object.assign({ notFuture: true }, day), title: { required: true, max: L.title }, content: { max: L.long } },
    assist: { to_procuratorate: pick, subject: { required: true, max: L.title }, content: { required: true, max: L.long } },
    reply: { text: Object.assign({ label: LABELS.reply.reply, max: L.long }, req) },
    hold: { held_on: Object.assign({ notFuture: true }, day), place: { max: L.line }, attendance: { max: L.text },
            minutes: { required: true, max: L.long }, resolutions: { max: L.text } },
    meeting: { scheduled_on: day, place: { max: L.line }, agenda: { max: L.text } },
  };
  const TABS = { meetings: "meetings/", transfers: "transfers/", joint: "joint-cases/", assistance: "assistance-requests/", figures: "figures/" };
  const KEYS = { meetings: "meetings", transfers: "transfers", joint: "jointCases", assistance: "requests", figures: "figures" };
  const cancelled = (e) => e === "cancel" || e === "close";

  PIL.mount({
    data() {
      return {
        id: PIL.data("mx-id"), myOrg: PIL.data("mx-org"), labels: LABELS, rules: RULES, L,
        m: null, tab: "overview", meetings: [], transfers: [], jointCases: [], requests: [], figures: null, historyShown: false,
        myClues: [], myCases: [],
        dlg: { transfer: false, joint: false, record: false, assist: false, reply: false, hold: false, meeting: false },
        tf: { clue: null, to_procuratorate: null, reason: "" }, jc: { case: null, collaborators: [], note: "" },
        rec: { kind: "inspection", recorded_on: null, title: "", content: "", joint: null }, asg: { to_procuratorate: null, subject: "", content: "" },
        reply: { text: "", row: null }, hold: { held_on: null, place: "", attendance: "", minutes: "", resolutions: "", row: null },
        meet: { scheduled_on: null, place: "", agenda: "" },
        recordKinds: [["interview", gettext("询问笔录")], ["evidence", gettext("调取证据")], ["inspection", gettext("现场勘验/检查")],
                      ["testing", gettext("检测鉴定")], ["other", gettext("其他")]],
      };
    },
    computed: {
      base() { return `/api/v1/mechanisms/${this.id}/`; },
      memberOrgs() { return this.m ? this.m.members.filter((x) => x.procuratorate && x.procuratorate !== this.myOrg) : []; },
      nextMeeting() { return this.m && this.m.deadlines.find((d) => d.kind === "meeting" && d.state === "open"); },
      meetingText() {
        const n = this.m && this.m.meeting_interval_months;
        return n ? interpolate(gettext("每%(n)s个月一次"), { n }, true) : gettext("不定期");
      },
    },
    async mounted() {
      await this.reload();
      const hash = location.hash.replace("#", "");
      if (hash) { this.tab = hash; this.openTab(hash); }
    },
    methods: {
      async reload() { try { this.m = await this.$api("GET", this.base); } catch (e) { PIL.notifyError(e); } },
      has(item) { return this.m.items.includes(item); },
      kindLabel(k) { return T.kinds[k]; },
      /* The tab stays in the URL's hash, so a reload or a shared link opens it again. */
      openTab(name) {
        history.replaceState(history.state, "", location.pathname + location.search + (name === "overview" ? "" : "#" + name));
        if (name === "history") {
          if (this.historyShown && this.$refs.history) this.$refs.history.reload();
          this.historyShown = true;
          return;
        }
        this.loadTab(name);
      },
      async loadTab(name) {
        if (!TABS[name]) return;
        try {
          const data = await this.$api("GET", this.base + TABS[name] + (name === "figures" ? "" : "?page_size=200"));
          this[KEYS[name]] = data && data.results !== undefined ? data.results : data;
        } catch (e) { PIL.notifyError(e); }
        if (name === "figures") this.$nextTick(this.chart);
      },
      chart() {
        const el = document.getElementById("figures-chart");
        if (!el || !window.echarts || !this.figures) return;
        const f = this.figures, c = echarts.getInstanceByDom(el) || echarts.init(el);
        c.setOption({
          animation: false, tooltip: {}, grid: { left: 40, right: 20, top: 30, bottom: 30 },
          xAxis: { type: "category", data: [gettext("已接收"), gettext("已退回"), gettext("待反馈"), gettext("委托已回复"), gettext("委托办理中"), gettext("已开会议")] },
          yAxis: { type: "value", minInterval: 1 },
          series: [{ type: "bar", barWidth: 32, itemStyle: { color: "#1d4e89" },
                     data: [f.transfers.accepted, f.transfers.returned, f.transfers.pending, f.assistance.answered, f.assistance.pending, f.meetings.held] }],
        });
      },
      async move(action) {
        try {
          let reason = "";
          const sentence = fmt(T.confirm[action], { name: this.m.name });
          if (action === "activate") { if (!(await PIL.confirm(sentence, gettext("生效")))) return; }
          else {
            reason = (await ElementPlus.ElMessageBox.prompt(sentence, gettext("理由"),
              { inputValidator: PIL.promptRule(gettext("理由"), { required: true, max: L.text }), customClass: "mx-reason-box" })).value;
          }
          this.m = await this.$api("POST", this.base + action + "/", { reason });
          ElementPlus.ElMessage.success(T.done);
        } catch (e) { if (!cancelled(e)) PIL.notifyError(e, { reason: gettext("理由") }); }
      },
      async openTransfer() {
        try { this.myClues = (await this.$api("GET", "/api/v1/clues/?page_size=200&decidable=true")).results.filter((c) => c.procuratorate.id === this.myOrg); } catch (e) { PIL.notifyError(e); }
        this.dlg.transfer = true;
      },
      // The dialogs' submit handlers: a thrown error stays in the dialog, shown at its field.
      /* Ask before an act that cannot be undone; declining leaves the dialog open and sends nothing. */
      async ask(sentence, title) { if (!(await PIL.confirm(sentence, title))) throw PIL.CANCELLED; },
      orgName(id) { return (this.memberOrgs.find((x) => x.procuratorate === id) || {}).name || ""; },
      async sendTransfer() {
        const clue = this.myClues.find((c) => c.id === this.tf.clue) || {};
        await this.ask(fmt(T.transfer, { title: clue.title || "", office: this.orgName(this.tf.to_procuratorate) }), gettext("移送线索"));
        await this.$api("POST", this.base + "transfers/", this.tf);
        this.loadTab("transfers"); ElementPlus.ElMessage.success(T.done);
      },
      async answer(row, action) {
        // Accepting registers the clue here for good (it can no longer be returned): ask first, naming the clue.
        if (action === "accept" && !(await PIL.confirm(interpolate(gettext("将接收移送的线索“%(title)s”，接收后不可退回。"), { title: row.from_clue_title }, true), gettext("接收")))) return;
        try {
          const ask = action === "return" ? fmt(T.returnReason, { title: row.from_clue_title, office: row.from_procuratorate.name }) : T.feedback;
          const rule = action === "return" ? PIL.promptRule(gettext("退回理由"), { required: true, max: L.text }) : PIL.promptRule(gettext("反馈意见"), { max: L.text });
          const value = (await ElementPlus.ElMessageBox.prompt(ask, action === "return" ? gettext("退回") : gettext("接收"),
            { inputValidator: rule, customClass: "mx-answer-box" })).value || "";
          await this.$api("POST", `${this.base}transfers/${row.id}/${action}/`, action === "return" ? { reason: value } : { feedback: value });
          this.loadTab("transfers"); ElementPlus.ElMessage.success(T.done);
        } catch (e) { if (!cancelled(e)) PIL.notifyError(e, { reason: gettext("退回理由"), feedback: gettext("反馈意见") }); }
      },
      async linkCase() {
        const kase = this.myCases.find((c) => c.id === this.jc.case) || {};
        await this.ask(fmt(T.joint, { title: kase.title || "", offices: this.jc.collaborators.map(this.orgName).join("、") }), gettext("关联本院案件"));
        await this.$api("POST", this.base + "joint-cases/", this.jc);
        this.loadTab("joint");
      },
      openRecord(row) { this.rec.joint = row.id; this.dlg.record = true; },
      async addRecord() {
        const { joint, ...body } = this.rec;
        await this.$api("POST", `${this.base}joint-cases/${joint}/records/`, body);
        ElementPlus.ElMessage.success(T.done);
      },
      async sendAssist() {
        await this.ask(fmt(T.assist, { office: this.orgName(this.asg.to_procuratorate), subject: this.asg.subject }), gettext("发起委托"));
        await this.$api("POST", this.base + "assistance-requests/", this.asg);
        this.loadTab("assistance");
      },
      openReply(row) { this.reply.row = row; this.dlg.reply = true; },
      async sendReply() {
        const row = this.reply.row;
        await this.ask(fmt(T.reply, { office: row.from_procuratorate.name, subject: row.subject }), gettext("回复"));
        const fd = new FormData(); fd.append("reply", this.reply.text);
        for (const f of this.$refs.replyFiles.files) fd.append("files", f);
        await this.$api("POST", `${this.base}assistance-requests/${this.reply.row.id}/reply/`, fd);
        this.loadTab("assistance");
      },
      openHold(row) { this.hold.row = row; this.hold.held_on = row.scheduled_on; this.hold.place = row.place; this.dlg.hold = true; },
      async sendHold() {
        const { row, ...body } = this.hold;
        await this.$api("POST", `${this.base}meetings/${row.id}/hold/`, body);
        this.loadTab("meetings"); this.reload();
      },
      async sendMeeting() {
        await this.$api("POST", this.base + "meetings/", this.meet);
        this.loadTab("meetings"); this.reload();
      },
    },
    watch: {
      "dlg.joint"(open) {
        if (open && !this.myCases.length) this.$api("GET", "/api/v1/cases/?page_size=200").then((d) => { this.myCases = d.results.filter((c) => (c.procuratorate && (c.procuratorate.id || c.procuratorate)) === this.myOrg); }).catch(PIL.notifyError);
      },
    },
  });
})();

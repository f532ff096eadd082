/* New or edited 协作机制 (templates/mechanisms/mechanism_form.html): four steps, saved in one request;
 * errors show at their fields and the form opens the first step that has one. */
(function () {
  "use strict";
  // Which step shows which field, to open the step of the first error.
  const STEP_OF = { name: 0, kind: 0, convener: 0, signed_on: 0, signed_at: 0, valid_from: 0, valid_until: 0, summary: 0,
                    fields: 1, items: 1, scope_regions: 1, members: 2 };
  // Labels for the message box, which never names a field by its API name.
  const LABELS = {
    name: gettext("机制名称"), kind: gettext("机制类型"), convener: gettext("牵头检察院"), signed_on: gettext("签署日期"),
    signed_at: gettext("签署地点"), valid_from: gettext("有效期"), valid_until: gettext("有效期"), summary: gettext("主要内容"),
    fields: gettext("协作领域"), scope_regions: gettext("协作区域/流域"), items: gettext("协作事项"), members: gettext("成员单位"),
    meeting_interval_months: gettext("联席会议"), transfer_feedback_days: gettext("移送反馈期限"), document: gettext("协议文本"),
  };

  PIL.mount({
    data() {
      return {
        ref: PIL.data("mx-ref"), step: 0, saving: false, loading: false, errors: {}, noMeetings: false, status: "draft",
        mechanismId: PIL.data("mx-id"),
        pick: { procuratorate: null, agency: null, other_name: "" },
        form: { name: "", kind: "cross_regional", convener: PIL.data("mx-convener"), signed_on: null,
                signed_at: "", valid_from: null, valid_until: null, summary: "", fields: [], scope_regions: "", items: [], members: [],
                meeting_interval_months: 6, transfer_feedback_days: 15 },
      };
    },
    async mounted() {
      if (!this.mechanismId) return;
      this.loading = true;
      try {
        const m = await this.$api("GET", `/api/v1/mechanisms/${this.mechanismId}/`);
        this.status = m.status; this.version = m.version;
        for (const key of Object.keys(this.form)) if (key in m) this.form[key] = m[key];
        this.form.members = m.members.map((x) => ({ procuratorate: x.procuratorate, agency: x.agency, other_name: x.other_name, role: x.role, joined_on: x.joined_on, name: x.name }));
        this.noMeetings = !m.meeting_interval_months;
        if (!m.meeting_interval_months) this.form.meeting_interval_months = 6;
      } catch (e) { PIL.notifyError(e); } finally { this.loading = false; }
    },
    methods: {
      afterToday(d) { return PIL.dateString(d) > PIL.today(); },  // an agreement is signed on a day that has come
      err(...fields) { return fields.map((f) => this.errors[f]).filter(Boolean).join("；"); },
      next() {
        if (this.step === 0) {
          // The first step's rules, checked here so the messages stand at the fields before moving on.
          this.errors = PIL.checkForm(this.form, { name: { required: true, max: 200, label: gettext("机制名称") },
            convener: { required: true, type: "select", label: gettext("牵头检察院") }, signed_on: { notFuture: true } });
          if (Object.keys(this.errors).length) return;
        }
        this.step++;
      },
      nameOf(list, id) { const x = list.find((p) => p.id === id); return x ? x.name : ""; },
      memberName(row) { return row.name || (row.procuratorate ? this.nameOf(this.ref.procuratorates, row.procuratorate) : row.agency ? this.nameOf(this.ref.agencies, row.agency) : row.other_name); },
      memberKind(row) { return row.procuratorate ? gettext("检察院") : row.agency ? gettext("行政机关") : gettext("其他单位"); },
      addMember(type) {
        const m = { procuratorate: null, agency: null, other_name: "", role: "member", joined_on: this.form.signed_on };
        if (type === "procuratorate") { if (!this.pick.procuratorate || this.form.members.some((x) => x.procuratorate === this.pick.procuratorate)) return; m.procuratorate = this.pick.procuratorate; this.pick.procuratorate = null; }
        else if (type === "agency") { if (!this.pick.agency || this.form.members.some((x) => x.agency === this.pick.agency)) return; m.agency = this.pick.agency; this.pick.agency = null; }
        else { if (!this.pick.other_name.trim()) return; m.other_name = this.pick.other_name.trim(); this.pick.other_name = ""; }
        if (m.procuratorate === this.form.convener) m.role = "convener";
        this.form.members.push(m);
      },
      payload() {
        const body = Object.assign({}, this.form);
        body.members = this.form.members.map(({ procuratorate, agency, other_name, role, joined_on }) => ({ procuratorate, agency, other_name, role, joined_on }));
        if (this.noMeetings) body.meeting_interval_months = null;
        return body;
      },
      async save(activate) {
        this.saving = true; this.errors = {};
        try {
          let m;
          if (this.mechanismId) m = await this.$api("PATCH", `/api/v1/mechanisms/${this.mechanismId}/`, this.payload(), { "If-Match": `"${this.version}"` });
          else m = await this.$api("POST", "/api/v1/mechanisms/", this.payload());
          const file = this.$refs.doc && this.$refs.doc.files[0];
          if (file) { const fd = new FormData(); fd.append("document", file); await this.$api("POST", `/api/v1/mechanisms/${m.id}/document/`, fd); }
          if (activate) await this.$api("POST", `/api/v1/mechanisms/${m.id}/activate/`, { reason: gettext("协议签署生效") });
          location.href = `/mechanisms/${m.id}/`;
        } catch (e) {
          this.errors = e instanceof PIL.ApiError ? e.fieldErrors : {};
          const steps = Object.keys(this.errors).map((k) => (k in STEP_OF ? STEP_OF[k] : 3));
          if (steps.length) this.step = Math.min(...steps);
          PIL.notifyError(e, LABELS);
        } finally { this.saving = false; }
      },
      cancel() { location.href = this.mechanismId ? `/mechanisms/${this.mechanismId}/` : "/mechanisms/"; },
    },
  });
})();

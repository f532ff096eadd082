/* <pil-case-hearings :case-id="c.id" :can-act="…" @changed="load">: the public hearings (听证) of a case,
 * against GET,POST /api/v1/cases/{id}/hearings/ and /api/v1/hearings/{id}/<action>/: schedule a hearing with
 * officers from the procuratorate's roster (GET /api/v1/hearing-officers/), invite more officers or a volunteer
 * registered through the portal (by volunteer code), record each officer's opinion, the outcome and the
 * minutes, cancel; download the 听证公告. Buttons follow the hearing's `allowed_actions`. */
(function () {
  "use strict";
  // xgettext does not read inside template literals: the template's strings are named here so that
  // they reach the JavaScript catalog; the template translates them with gettext() at render time.
  [gettext_noop("安排听证"), gettext_noop("暂无听证"), gettext_noop("听证员"), gettext_noop("其他参加人"), gettext_noop("听证结论"),
   gettext_noop("听证笔录"), gettext_noop("下载听证公告"), gettext_noop("邀请听证员"), gettext_noop("邀请志愿者"), gettext_noop("登记听证结果"),
   gettext_noop("取消听证"), gettext_noop("听证环节"), gettext_noop("听证事项"), gettext_noop("听证日期"), gettext_noop("听证地点"),
   gettext_noop("公开听证"), gettext_noop("举行日期"), gettext_noop("意见倾向"), gettext_noop("听证员意见"), gettext_noop("志愿者编号"),
   gettext_noop("取消理由"), gettext_noop("撤回"), gettext_noop("尚未发表意见"), gettext_noop("取消原因"), gettext_noop("同意检察机关意见"),
   gettext_noop("不同意检察机关意见"), gettext_noop("其他意见"), gettext_noop("立案审查"), gettext_noop("整改评估"), gettext_noop("结案前"),
   gettext_noop("请为每位听证员填写意见"), gettext_noop("已保存")];

  const STAGES = () => [{ value: "filing", label: gettext("立案审查") }, { value: "rectification", label: gettext("整改评估") },
                        { value: "closing", label: gettext("结案前") }];
  const STANCES = () => [{ value: "agree", label: gettext("同意检察机关意见") }, { value: "disagree", label: gettext("不同意检察机关意见") },
                         { value: "other", label: gettext("其他意见") }];

  PIL.components["pil-case-hearings"] = {
    props: {
      caseId: { type: Number, required: true },
      // The case's procuratorate: officers come from its roster only.
      procuratorateId: { type: Number, default: null },
      canAct: { type: Boolean, default: false },
      today: { type: String, default: "" },
    },
    emits: ["changed"],
    data() {
      return { rows: [], roster: [], loading: false, stages: STAGES(), stances: STANCES(),
               dialog: { open: false, kind: "", title: "", url: "", data: {}, hearing: null } };
    },
    computed: {
      labels() {
        return { stage: gettext("听证环节"), topic: gettext("听证事项"), scheduled_on: gettext("听证日期"), place: gettext("听证地点"),
                 participants: gettext("其他参加人"), officers: gettext("听证员"), officer: gettext("听证员"), code: gettext("志愿者编号"),
                 held_on: gettext("举行日期"), outcome: gettext("听证结论"), minutes: gettext("听证笔录"), opinions: gettext("听证员意见"),
                 reason: gettext("取消理由") };
      },
      // Checked in the browser before sending (the server checks the same: hearings/serializers.py).
      rules() {
        const L = PIL.LIMITS, pick = { required: true, type: "select" };
        return {
          schedule: { stage: pick, topic: { required: true, max: 200 }, scheduled_on: { required: true, type: "date" },
                      place: { required: true, max: 200 }, participants: { max: L.text } },
          invite: { officer: pick },
          "invite-volunteer": { code: { required: true, max: 20 } },
          record: { held_on: { required: true, type: "date", notFuture: true }, outcome: { required: true, max: L.text }, minutes: { max: L.long } },
          cancel: { reason: { required: true, max: 300 } },
        }[this.dialog.kind] || {};
      },
    },
    mounted() { this.load(); },
    methods: {
      async load() {
        this.loading = true;
        try { this.rows = await this.$api("GET", "/api/v1/cases/" + this.caseId + "/hearings/"); }
        catch (err) { PIL.notifyError(err); }
        finally { this.loading = false; }
      },
      async loadRoster() {
        const own = this.procuratorateId ? "&procuratorate=" + this.procuratorateId : "";
        try { this.roster = (await this.$api("GET", "/api/v1/hearing-officers/?active=true&page_size=200" + own)).results; }
        catch (err) { this.roster = []; }
      },
      officerLabel(o) { return o.name + "（" + o.kind_display + (o.organisation ? "，" + o.organisation : "") + "）"; },
      async open(kind, hearing) {
        const base = hearing ? "/api/v1/hearings/" + hearing.id + "/" : "/api/v1/cases/" + this.caseId + "/hearings/";
        let data = {}, title = "", url = base;
        if (kind === "schedule" || kind === "invite") await this.loadRoster();
        if (kind === "schedule") {
          title = gettext("安排听证");
          data = { stage: "rectification", topic: "", scheduled_on: this.today, place: "", public: true, participants: "", officers: [] };
        } else if (kind === "invite") {
          title = gettext("邀请听证员"); url = base + "invite/"; data = { officer: "" };
        } else if (kind === "invite-volunteer") {
          title = gettext("邀请志愿者"); url = base + "invite-volunteer/"; data = { code: "" };
        } else if (kind === "record") {
          title = gettext("登记听证结果"); url = base + "record/";
          data = { held_on: this.today, outcome: "", minutes: "",
                   opinions: hearing.seats.map((s) => ({ officer: s.officer.id, name: s.officer.name, stance: "agree", opinion: "" })) };
        } else if (kind === "cancel") {
          title = gettext("取消听证"); url = base + "cancel/"; data = { reason: "" };
        }
        this.dialog = { open: true, kind, title, url, data, hearing: hearing || null };
      },
      async submit() {
        const d = this.dialog.data, body = {};
        for (const [k, v] of Object.entries(d)) if (v !== "" && v !== null) body[k] = v;
        if (this.dialog.kind === "record") body.opinions = d.opinions.map((o) => ({ officer: o.officer, stance: o.stance, opinion: o.opinion }));
        const sentence = this.confirmation();
        if (sentence && !(await PIL.confirm(sentence, this.dialog.title))) throw PIL.CANCELLED;
        await this.$api("POST", this.dialog.url, body);
        ElementPlus.ElMessage.success(gettext("已保存"));
        await this.load();
        this.$emit("changed");
      },
      /* Recording the result and cancelling cannot be undone: the sentence names the hearing. */
      confirmation() {
        const h = this.dialog.hearing, values = h ? { topic: h.topic, on: h.scheduled_on } : {};
        if (this.dialog.kind === "record") return interpolate(gettext("将登记%(on)s听证“%(topic)s”的结果和听证员意见，登记后不可撤销。"), values, true);
        if (this.dialog.kind === "cancel") return interpolate(gettext("将取消%(on)s的听证“%(topic)s”，取消后不可恢复。"), values, true);
        return null;
      },
      async removeOfficer(hearing, seat) {
        try {
          await this.$api("POST", "/api/v1/hearings/" + hearing.id + "/remove-officer/", { officer: seat.officer.id });
          await this.load();
          this.$emit("changed");
        } catch (err) { PIL.notifyError(err); }
      },
      allowed(hearing, action) { return hearing.allowed_actions.includes(action); },
    },
    template: `
<div class="pil-case-hearings" v-loading="loading">
  <div style="margin-bottom:8px" v-if="canAct">
    <el-button type="primary" plain size="small" id="hearing-schedule" @click="open('schedule')">[[ gettext("安排听证") ]]</el-button>
  </div>
  <el-empty v-if="!loading && !rows.length" :image-size="60" :description="gettext('暂无听证')"></el-empty>
  <div v-for="h in rows" :key="h.id" class="pil-sugg hearing" :id="'hearing-' + h.id" :data-hearing="h.id">
    <h3>
      <span>[[ h.scheduled_on ]] [[ h.topic ]]</span>
      <el-tag size="small">[[ h.stage_display ]]</el-tag>
      <el-tag size="small" class="hearing-status" :type="h.status === 'held' ? 'success' : (h.status === 'cancelled' ? 'info' : 'warning')">[[ h.status_display ]]</el-tag>
      <span style="flex:1"></span>
      <el-button v-if="allowed(h, 'invite')" size="small" plain data-hearing-action="invite" @click="open('invite', h)">[[ gettext("邀请听证员") ]]</el-button>
      <el-button v-if="allowed(h, 'invite-volunteer')" size="small" plain data-hearing-action="invite-volunteer" @click="open('invite-volunteer', h)">[[ gettext("邀请志愿者") ]]</el-button>
      <el-button v-if="allowed(h, 'record')" size="small" type="primary" plain data-hearing-action="record" @click="open('record', h)">[[ gettext("登记听证结果") ]]</el-button>
      <el-button v-if="allowed(h, 'cancel')" size="small" type="danger" plain data-hearing-action="cancel" @click="open('cancel', h)">[[ gettext("取消听证") ]]</el-button>
      <el-button size="small" tag="a" :href="'/api/v1/hearings/' + h.id + '/announcement/'">[[ gettext("下载听证公告") ]]</el-button>
    </h3>
    <div class="muted" style="font-size:13px;margin-bottom:6px">[[ h.place ]]<template v-if="h.held_on"> · [[ gettext("举行日期") ]] [[ h.held_on ]]</template></div>
    <div v-if="h.participants" class="pil-part"><b>[[ gettext("其他参加人") ]]：</b>[[ h.participants ]]</div>
    <el-table :data="h.seats" size="small" class="hearing-seats">
      <el-table-column :label="gettext('听证员')" width="260"><template #default="{row}">[[ officerLabel(row.officer) ]]</template></el-table-column>
      <el-table-column :label="gettext('意见倾向')" width="170"><template #default="{row}">[[ row.stance_display || "—" ]]</template></el-table-column>
      <el-table-column :label="gettext('听证员意见')"><template #default="{row}"><span class="hearing-opinion">[[ row.opinion || gettext("尚未发表意见") ]]</span></template></el-table-column>
      <el-table-column v-if="allowed(h, 'remove-officer')" width="80"><template #default="{row}">
        <el-button link type="danger" size="small" @click="removeOfficer(h, row)">[[ gettext("撤回") ]]</el-button></template></el-table-column>
    </el-table>
    <div v-if="h.outcome" class="pil-part hearing-outcome" style="margin-top:6px"><b>[[ gettext("听证结论") ]]：</b>[[ h.outcome ]]</div>
    <div v-if="h.minutes" class="pil-part"><b>[[ gettext("听证笔录") ]]：</b>[[ h.minutes ]]</div>
    <div v-if="h.cancel_reason" class="pil-part"><b>[[ gettext("取消原因") ]]：</b>[[ h.cancel_reason ]]</div>
  </div>

  <pil-action-dialog v-model="dialog.open" :title="dialog.title" :labels="labels" :model="dialog.data" :rules="rules" @submit="submit" id="hearing-dialog" submit-id="hearing-submit" width="720px">
    <template #default="{ errors }">
      <el-form label-width="120px" :model="dialog.data">
        <template v-if="dialog.kind === 'schedule'">
          <el-form-item :label="labels.stage" required :error="errors.stage" data-field="stage">
            <el-select v-model="dialog.data.stage" style="width:100%"><el-option v-for="s in stages" :key="s.value" :value="s.value" :label="s.label"></el-option></el-select></el-form-item>
          <el-form-item :label="labels.topic" required :error="errors.topic" data-field="topic"><el-input v-model="dialog.data.topic"></el-input></el-form-item>
          <el-form-item :label="labels.scheduled_on" required :error="errors.scheduled_on" data-field="scheduled_on"><pil-field :field="{ key: 'scheduled_on', type: 'date', label: labels.scheduled_on }" v-model="dialog.data.scheduled_on"></pil-field></el-form-item>
          <el-form-item :label="labels.place" required :error="errors.place" data-field="place"><el-input v-model="dialog.data.place"></el-input></el-form-item>
          <el-form-item :label="gettext('公开听证')"><el-switch v-model="dialog.data.public"></el-switch></el-form-item>
          <el-form-item :label="labels.officers" :error="errors.officers" data-field="officers">
            <el-select v-model="dialog.data.officers" multiple filterable style="width:100%">
              <el-option v-for="o in roster" :key="o.id" :value="o.id" :label="officerLabel(o)"></el-option></el-select></el-form-item>
          <el-form-item :label="labels.participants" :error="errors.participants" data-field="participants"><el-input v-model="dialog.data.participants" type="textarea" :rows="2"></el-input></el-form-item>
        </template>
        <el-form-item v-if="dialog.kind === 'invite'" :label="labels.officer" required :error="errors.officer" data-field="officer">
          <el-select v-model="dialog.data.officer" filterable style="width:100%">
            <el-option v-for="o in roster" :key="o.id" :value="o.id" :label="officerLabel(o)"></el-option></el-select></el-form-item>
        <el-form-item v-if="dialog.kind === 'invite-volunteer'" :label="labels.code" required :error="errors.code" data-field="code">
          <el-input v-model="dialog.data.code" placeholder="YX-XXXXXX"></el-input></el-form-item>
        <template v-if="dialog.kind === 'record'">
          <el-form-item :label="labels.held_on" required :error="errors.held_on" data-field="held_on"><pil-field :field="{ key: 'held_on', type: 'date', notFuture: true, label: labels.held_on }" v-model="dialog.data.held_on"></pil-field></el-form-item>
          <el-form-item v-for="(o, i) in dialog.data.opinions" :key="o.officer" :label="o.name" required :error="i === 0 ? errors.opinions : ''" :data-opinion="i">
            <el-select v-model="o.stance" style="width:200px;margin-bottom:4px"><el-option v-for="s in stances" :key="s.value" :value="s.value" :label="s.label"></el-option></el-select>
            <el-input v-model="o.opinion" type="textarea" :rows="2" :placeholder="gettext('听证员意见')"></el-input></el-form-item>
          <el-form-item :label="labels.outcome" required :error="errors.outcome" data-field="outcome"><el-input v-model="dialog.data.outcome" type="textarea" :rows="2"></el-input></el-form-item>
          <el-form-item :label="labels.minutes" :error="errors.minutes" data-field="minutes"><el-input v-model="dialog.data.minutes" type="textarea" :rows="3"></el-input></el-form-item>
        </template>
        <el-form-item v-if="dialog.kind === 'cancel'" :label="labels.reason" required :error="errors.reason" data-field="reason"><el-input v-model="dialog.data.reason"></el-input></el-form-item>
      </el-form>
    </template>
  </pil-action-dialog>
</div>`,
  };
})();

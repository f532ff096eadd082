/* <pil-case-integrated :case-id="c.id" :case-status="c.status" @changed="load">: integrated handling of a case
 * (一体化办案, DOMAIN.md §5a) on its page — its track (繁简分流), its task force (专案组) and the prosecutors called
 * into it, and the superior's quality evaluations (案件质量评查) — against GET /api/v1/cases/<id>/integrated/. */
(function () {
  "use strict";
  // xgettext does not read inside template literals: the template's strings are named here.
  [gettext_noop("繁简分流"), gettext_noop("依据"), gettext_noop("调整繁简"), gettext_noop("尚未分流"), gettext_noop("专案组"),
   gettext_noop("组建专案组"), gettext_noop("暂无专案组"), gettext_noop("组长"), gettext_noop("成员"), gettext_noop("组建日期"),
   gettext_noop("调入检察官"), gettext_noop("调出"), gettext_noop("解散专案组"), gettext_noop("工作任务"), gettext_noop("案件质量评查"),
   gettext_noop("评查"), gettext_noop("暂无评查"), gettext_noop("评查检察院"), gettext_noop("得分"), gettext_noop("评查结论"),
   gettext_noop("评查意见"), gettext_noop("专案组名称"), gettext_noop("组内职责"), gettext_noop("检察人员"), gettext_noop("输入姓名或检察院搜索"),
   gettext_noop("评查日期"), gettext_noop("扣分说明"), gettext_noop("解散日期"), gettext_noop("解散原因"), gettext_noop("理由"),
   gettext_noop("繁简"), gettext_noop("人工调整"), gettext_noop("评查人"), gettext_noop("调入日期"), gettext_noop("评分")];

  const today = () => PIL.data("today");

  PIL.components["pil-case-integrated"] = {
    props: { caseId: { type: Number, required: true }, caseTitle: { type: String, default: "" } },
    emits: ["changed"],
    data() {
      return { info: null, people: [], searching: false, dialog: "", form: {}, duties: [], tracks: [] };
    },
    computed: {
      active() { return this.info && this.info.task_forces.find((t) => t.status === "active"); },
      labels() {
        return { name: gettext("专案组名称"), leader: gettext("组长"), members: gettext("成员"), formed_on: gettext("组建日期"),
                 purpose: gettext("工作任务"), user: gettext("检察人员"), duty: gettext("组内职责"), joined_on: gettext("调入日期"),
                 disbanded_on: gettext("解散日期"), reason: gettext("理由"), track: gettext("繁简"), evaluated_on: gettext("评查日期"),
                 scores: gettext("评分"), comment: gettext("评查意见"), version: gettext("专案组") };
      },
      // Checked in the browser before sending; the server checks the same (integrated/serializers.py).
      rules() {
        const pick = { required: true, type: "select" }, day = { required: true, type: "date", notFuture: true };
        return {
          form: { name: { required: true, max: 100 }, leader: pick, members: pick, formed_on: day, purpose: { max: 2000 } },
          add: { user: pick, duty: pick, joined_on: day },
          disband: { disbanded_on: day, reason: { required: true, max: 300, label: gettext("解散原因") } },
          track: { track: pick, reason: { required: true, max: 500 } },
          evaluate: { evaluated_on: day, comment: { required: true, max: 2000 } },
        }[this.dialog] || {};
      },
    },
    mounted() {
      this.duties = [{ value: "member", label: gettext("成员") }, { value: "deputy", label: gettext("副组长") },
                     { value: "reader", label: gettext("联络员（只读）") }];
      this.tracks = [{ value: "simple", label: gettext("简案") }, { value: "complicated", label: gettext("繁案") }];
      this.load();
    },
    methods: {
      async load() { this.info = await this.$api("GET", "/api/v1/cases/" + this.caseId + "/integrated/"); },
      async search(q) {
        this.searching = true;
        try { this.people = await this.$api("GET", "/api/v1/task-forces/candidates/?q=" + encodeURIComponent(q || "")); }
        finally { this.searching = false; }
      },
      personLabel(p) { return p.procuratorate ? p.name + "（" + p.procuratorate + "）" : p.name; },
      open(kind) {
        this.dialog = kind;
        const t = this.active;
        if (kind === "form") this.form = { name: "", leader: null, members: [], purpose: "", formed_on: today() };
        if (kind === "add") this.form = { user: null, duty: "member", joined_on: today(), version: t.version };
        if (kind === "disband") this.form = { disbanded_on: today(), reason: "", version: t.version };
        if (kind === "track") this.form = { track: this.info.track && this.info.track.track === "simple" ? "complicated" : "simple", reason: "" };
        if (kind === "evaluate") {
          this.form = { evaluated_on: today(), comment: "", scores: this.info.checklist.map((c) => ({ criterion: c.id, text: c.text, max: c.max_score, score: c.max_score, note: "" })) };
        }
        if (kind === "form" || kind === "add") this.search("");
      },
      async confirmDisband() {
        const message = interpolate(gettext("将解散专案组“%(team)s”，其成员对本案的办理权限随即结束。"), { team: this.active.name }, true);
        if (!(await PIL.confirm(message))) throw PIL.CANCELLED;
      },
      async submit() {
        const f = this.form, t = this.active, base = "/api/v1/cases/" + this.caseId;
        if (this.dialog === "form") {
          await this.$api("POST", base + "/task-forces/", { name: f.name, leader: f.leader, purpose: f.purpose, formed_on: f.formed_on,
                                                            members: f.members.map((u) => ({ user: u, duty: "member" })) });
        } else if (this.dialog === "add") {
          await this.$api("POST", "/api/v1/task-forces/" + t.id + "/members/", f);
        } else if (this.dialog === "disband") {
          await this.confirmDisband();
          await this.$api("POST", "/api/v1/task-forces/" + t.id + "/disband/", f);
        } else if (this.dialog === "track") {
          await this.$api("POST", base + "/track/", f);
        } else if (this.dialog === "evaluate") {
          await this.$api("POST", base + "/quality-evaluations/", { evaluated_on: f.evaluated_on, comment: f.comment,
            scores: f.scores.map((s) => ({ criterion: s.criterion, score: s.score, note: s.note })) });
        }
        await this.load();
        this.$emit("changed");
      },
      async removeMember(m) {
        const message = interpolate(gettext("将把%(name)s调出专案组，其对本案的办理权限随即结束。"), { name: m.user.name }, true);
        if (!(await PIL.confirm(message))) return;
        try {
          await this.$api("POST", "/api/v1/task-forces/" + this.active.id + "/members/remove/", { user: m.user.id, version: this.active.version });
        } catch (err) { PIL.notifyError(err, this.labels); }
        await this.load();
      },
      dialogTitle() {
        return { form: gettext("组建专案组"), add: gettext("调入检察官"), disband: gettext("解散专案组"), track: gettext("调整繁简"),
                 evaluate: gettext("案件质量评查") }[this.dialog] || "";
      },
    },
    template: `
<div class="pil-integrated" v-loading="!info">
  <template v-if="info">
    <section id="case-track" style="margin-bottom:16px">
      <h3>[[ gettext("繁简分流") ]]</h3>
      <div v-if="info.track">
        <el-tag :type="info.track.track === 'simple' ? 'success' : 'warning'" class="track-tag">[[ info.track.track_display ]]</el-tag>
        <el-tag v-if="info.track.overridden" size="small" type="info" style="margin-left:6px">[[ gettext("人工调整") ]]</el-tag>
        <span class="muted" style="margin-left:8px">[[ gettext("依据") ]]：[[ info.track.reasons || "—" ]]</span>
      </div>
      <div v-else class="muted">[[ gettext("尚未分流") ]]</div>
      <el-button v-if="info.can_set_track" size="small" plain style="margin-top:6px" id="track-set" @click="open('track')">[[ gettext("调整繁简") ]]</el-button>
    </section>

    <section id="case-task-force" style="margin-bottom:16px">
      <h3>[[ gettext("专案组") ]]
        <el-button v-if="info.can_form && !active" size="small" type="primary" plain id="task-force-form" @click="open('form')">[[ gettext("组建专案组") ]]</el-button>
      </h3>
      <div v-if="!info.task_forces.length" class="muted">[[ gettext("暂无专案组") ]]</div>
      <div v-for="t in info.task_forces" :key="t.id" class="task-force" :data-task-force="t.id" style="margin-bottom:10px">
        <b>[[ t.name ]]</b>
        <el-tag size="small" :type="t.status === 'active' ? 'success' : 'info'" style="margin:0 6px">[[ t.status_display ]]</el-tag>
        <span class="muted">[[ t.procuratorate ]] · [[ gettext("组建日期") ]] [[ t.formed_on ]]<template v-if="t.disbanded_on"> · [[ t.disbanded_on ]] [[ t.disband_reason ]]</template></span>
        <div v-if="t.purpose" class="muted">[[ gettext("工作任务") ]]：[[ t.purpose ]]</div>
        <el-table :data="[{ user: t.leader, duty_display: gettext('组长'), joined_on: t.formed_on, leader: true }].concat(t.members)" size="small" style="margin-top:6px">
          <el-table-column :label="gettext('检察人员')"><template #default="{row}">[[ personLabel(row.user) ]]</template></el-table-column>
          <el-table-column prop="duty_display" :label="gettext('组内职责')" width="160"></el-table-column>
          <el-table-column prop="joined_on" :label="gettext('调入日期')" width="120"></el-table-column>
          <el-table-column v-if="info.can_form && t.status === 'active'" width="90">
            <template #default="{row}"><el-button v-if="!row.leader" link type="danger" size="small" @click="removeMember(row)">[[ gettext("调出") ]]</el-button></template>
          </el-table-column>
        </el-table>
        <div v-if="info.can_form && t.status === 'active'" style="margin-top:6px">
          <el-button size="small" plain id="task-force-add" @click="open('add')">[[ gettext("调入检察官") ]]</el-button>
          <el-button size="small" plain type="danger" id="task-force-disband" @click="open('disband')">[[ gettext("解散专案组") ]]</el-button>
        </div>
      </div>
    </section>

    <section id="case-quality">
      <h3>[[ gettext("案件质量评查") ]]
        <el-button v-if="info.can_evaluate" size="small" type="primary" plain id="quality-evaluate" @click="open('evaluate')">[[ gettext("评查") ]]</el-button>
      </h3>
      <div v-if="!info.evaluations.length" class="muted">[[ gettext("暂无评查") ]]</div>
      <div v-for="e in info.evaluations" :key="e.id" class="quality-evaluation" style="margin-bottom:10px">
        <b>[[ e.grade_display ]]</b> <span>[[ e.score ]] / [[ e.full_score ]]</span>
        <span class="muted"> · [[ e.procuratorate ]] · [[ e.evaluator.name ]] · [[ e.evaluated_on ]]</span>
        <div>[[ gettext("评查意见") ]]：[[ e.comment ]]</div>
        <el-table :data="e.scores" size="small" style="margin-top:4px">
          <el-table-column prop="criterion" :label="gettext('评查项目')"></el-table-column>
          <el-table-column :label="gettext('得分')" width="120"><template #default="{row}">[[ row.score ]] / [[ row.max_score ]]</template></el-table-column>
          <el-table-column prop="note" :label="gettext('扣分说明')"></el-table-column>
        </el-table>
      </div>
    </section>
  </template>

  <pil-action-dialog :model-value="!!dialog" @update:model-value="dialog = $event ? dialog : ''" :title="dialogTitle()" :labels="labels"
                     :model="form" :rules="rules" :on-submit="submit" id="integrated-dialog" submit-id="integrated-submit">
    <template #default="{ errors }">
      <el-form label-width="110px" :model="form">
        <template v-if="dialog === 'form'">
          <el-form-item :label="gettext('专案组名称')" required :error="errors.name" data-field="name">
            <el-input v-model="form.name" maxlength="100" show-word-limit></el-input></el-form-item>
          <el-form-item :label="gettext('组长')" required :error="errors.leader" data-field="leader">
            <el-select v-model="form.leader" filterable remote :remote-method="search" :loading="searching" style="width:100%" :placeholder="gettext('输入姓名或检察院搜索')">
              <el-option v-for="p in people" :key="p.id" :label="personLabel(p)" :value="p.id"></el-option></el-select></el-form-item>
          <el-form-item :label="gettext('成员')" required :error="errors.members" data-field="members">
            <el-select v-model="form.members" multiple filterable remote :remote-method="search" :loading="searching" style="width:100%" :placeholder="gettext('输入姓名或检察院搜索')">
              <el-option v-for="p in people" :key="p.id" :label="personLabel(p)" :value="p.id"></el-option></el-select></el-form-item>
          <el-form-item :label="gettext('组建日期')" required :error="errors.formed_on" data-field="formed_on">
            <pil-field :field="{ key: 'formed_on', type: 'date', notFuture: true, label: labels.formed_on }" v-model="form.formed_on"></pil-field></el-form-item>
          <el-form-item :label="gettext('工作任务')" :error="errors.purpose" data-field="purpose">
            <el-input v-model="form.purpose" type="textarea" :rows="3" maxlength="2000" show-word-limit></el-input></el-form-item>
        </template>
        <template v-if="dialog === 'add'">
          <el-form-item :label="gettext('检察人员')" required :error="errors.user" data-field="user">
            <el-select v-model="form.user" filterable remote :remote-method="search" :loading="searching" style="width:100%" :placeholder="gettext('输入姓名或检察院搜索')">
              <el-option v-for="p in people" :key="p.id" :label="personLabel(p)" :value="p.id"></el-option></el-select></el-form-item>
          <el-form-item :label="gettext('组内职责')" required :error="errors.duty" data-field="duty">
            <el-select v-model="form.duty"><el-option v-for="d in duties" :key="d.value" :label="d.label" :value="d.value"></el-option></el-select></el-form-item>
          <el-form-item :label="gettext('调入日期')" required :error="errors.joined_on" data-field="joined_on">
            <pil-field :field="{ key: 'joined_on', type: 'date', notFuture: true, label: labels.joined_on }" v-model="form.joined_on"></pil-field></el-form-item>
        </template>
        <template v-if="dialog === 'disband'">
          <el-form-item :label="gettext('解散日期')" required :error="errors.disbanded_on" data-field="disbanded_on">
            <pil-field :field="{ key: 'disbanded_on', type: 'date', notFuture: true, label: labels.disbanded_on }" v-model="form.disbanded_on"></pil-field></el-form-item>
          <el-form-item :label="gettext('解散原因')" required :error="errors.reason" data-field="reason">
            <el-input v-model="form.reason" maxlength="300" show-word-limit></el-input></el-form-item>
        </template>
        <template v-if="dialog === 'track'">
          <el-form-item :label="gettext('繁简')" required :error="errors.track" data-field="track">
            <el-radio-group v-model="form.track"><el-radio v-for="t in tracks" :key="t.value" :value="t.value">[[ t.label ]]</el-radio></el-radio-group></el-form-item>
          <el-form-item :label="gettext('理由')" required :error="errors.reason" data-field="reason">
            <el-input v-model="form.reason" maxlength="500" show-word-limit></el-input></el-form-item>
        </template>
        <template v-if="dialog === 'evaluate'">
          <el-form-item :label="gettext('评查日期')" required :error="errors.evaluated_on" data-field="evaluated_on">
            <pil-field :field="{ key: 'evaluated_on', type: 'date', notFuture: true, label: labels.evaluated_on }" v-model="form.evaluated_on"></pil-field></el-form-item>
          <el-form-item v-for="s in form.scores" :key="s.criterion" :label="s.text" :error="errors.scores" :data-criterion="s.criterion">
            <el-input-number v-model="s.score" :min="0" :max="s.max" :precision="1" :step="1"></el-input-number>
            <span class="muted" style="margin:0 8px">/ [[ s.max ]]</span>
            <el-input v-model="s.note" :placeholder="gettext('扣分说明')" maxlength="300" style="width:240px"></el-input>
          </el-form-item>
          <el-form-item :label="gettext('评查意见')" required :error="errors.comment" data-field="comment">
            <el-input v-model="form.comment" type="textarea" :rows="3" maxlength="2000" show-word-limit></el-input></el-form-item>
        </template>
      </el-form>
    </template>
  </pil-action-dialog>
</div>`,
  };
})();

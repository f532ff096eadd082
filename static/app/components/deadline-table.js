/* <pil-deadline-table :rows="deadlines">: a subject's legal periods — kind, due date, the 暂定 mark of a
 * date computed on a holiday schedule not yet published, the state, and how the date was computed.
 * With `subject` (the workbench) it shows the days left and the case or clue instead of the state
 * detail. Extra <el-table-column>s may be given in the default slot; they come last. */
(function () {
  "use strict";
  // xgettext does not read inside template literals: the template's strings are named here so that
  // they reach the JavaScript catalog; the template translates them with gettext() at render time.
  [gettext_noop("暂无期限"), gettext_noop("期限"), gettext_noop("届满日"), gettext_noop("逾期"), gettext_noop("依据尚未发布的节假日安排推算，通知发布后自动重新计算"), gettext_noop("暂定"), gettext_noop("剩余"), gettext_noop("期限类型"), gettext_noop("案件 / 线索"), gettext_noop("状态"), gettext_noop("已完成"), gettext_noop("已撤销"), gettext_noop("暂停"), gettext_noop("计算中"), gettext_noop("计算说明")];

  PIL.components["pil-deadline-table"] = {
    props: {
      rows: { type: Array, default: () => [] },
      subject: { type: Boolean, default: false },
      loading: { type: Boolean, default: false },
      emptyText: { type: String, default: "" },
      size: { type: String, default: "small" },
      explain: { type: Boolean, default: true },
    },
    methods: {
      rowClass({ row }) {
        const classes = [];
        if (row.urgency) classes.push("urgency-" + row.urgency);
        if (row.overdue || row.urgency === "overdue") classes.push("row-overdue");
        return classes.join(" ");
      },
      isOverdue(row) { return !!row.overdue || row.urgency === "overdue"; },
      daysText(row) {
        if (row.status === "paused" || row.days_left === null || row.days_left === undefined) return "—";
        if (row.days_left < 0) return PIL.interpolate(gettext("逾期 %(n)s 日"), { n: -row.days_left }, true);
        if (row.days_left === 0) return gettext("今日届满");
        return PIL.interpolate(gettext("还有 %(n)s 日"), { n: row.days_left }, true);
      },
      link(row) { return row.case || row.clue || null; },
    },
    template: `
<el-table :data="rows" :size="size" v-loading="loading" :row-class-name="rowClass" class="pil-table pil-deadline-table"
          :empty-text="emptyText || gettext('暂无期限')">
  <el-table-column v-if="!subject" prop="kind_display" :label="gettext('期限')" width="190"></el-table-column>
  <el-table-column :label="gettext('届满日')" :width="subject ? 130 : 150">
    <template #default="{ row }">
      <span class="deadline-due due-date" :class="{ overdue: !subject && isOverdue(row) }" :data-kind="row.kind" :data-urgency="row.urgency">[[ row.due_date ]]</span>
      <el-tag v-if="!subject && isOverdue(row)" type="danger" size="small" effect="dark" style="margin-left:6px">[[ gettext("逾期") ]]</el-tag>
      <el-tag v-if="row.provisional && row.state === 'open'" type="warning" size="small" class="deadline-provisional" style="margin-left:6px"
              :title="gettext('依据尚未发布的节假日安排推算，通知发布后自动重新计算')">[[ gettext("暂定") ]]</el-tag>
    </template>
  </el-table-column>
  <template v-if="subject">
    <el-table-column :label="gettext('剩余')" width="110">
      <template #default="{ row }"><span class="days" :class="row.urgency">[[ daysText(row) ]]</span></template>
    </el-table-column>
    <el-table-column prop="kind_display" :label="gettext('期限类型')" width="170"></el-table-column>
    <el-table-column :label="gettext('案件 / 线索')" min-width="220">
      <template #default="{ row }"><a v-if="link(row)" :href="link(row).url">[[ link(row).title ]]</a><span v-else class="muted">—</span></template>
    </el-table-column>
  </template>
  <el-table-column v-else :label="gettext('状态')" width="150">
    <template #default="{ row }">
      <el-tag v-if="row.state === 'met'" type="success" size="small">[[ gettext("已完成") ]] [[ row.met_on ]]</el-tag>
      <el-tag v-else-if="row.state === 'cancelled'" type="info" size="small">[[ gettext("已撤销") ]]</el-tag>
      <el-tag v-else-if="row.paused_on" type="warning" size="small">[[ gettext("暂停") ]]</el-tag>
      <el-tag v-else size="small">[[ gettext("计算中") ]]</el-tag>
    </template>
  </el-table-column>
  <el-table-column v-if="explain" :label="gettext('计算说明')" :min-width="subject ? 300 : undefined">
    <template #default="{ row }"><span class="pil-deadline-explain">[[ row.explanation ]]</span></template>
  </el-table-column>
  <slot></slot>
</el-table>`,
  };
})();

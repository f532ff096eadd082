/* <pil-history :url="'/api/v1/cases/' + id + '/history/'">: a subject's history, oldest first, a page at a
 * time, against GET …/history/?page=n&page_size=20 →
 * {"count","next","previous","results":[{"id","at","actor":{"id","name"}|null,"action","action_display",
 *   "from_status","from_status_display","to_status","to_status_display","on","reason",
 *   "changes":{"<label>":["old","new"]},"subject":{"kind","id","label"}}]}.
 * A parent that changed the subject calls `reload()` on a ref to show the new entry. */
(function () {
  "use strict";
  // xgettext does not read inside template literals: the template's strings are named here so that
  // they reach the JavaScript catalog; the template translates them with gettext() at render time.
  [gettext_noop("办案记录加载失败"), gettext_noop("暂无记录")];

  PIL.components["pil-history"] = {
    props: {
      url: { type: String, required: true },
      // The subject's own kind: entries about another subject (a suggestion on a case page) show its label.
      kind: { type: String, default: "" },
      // Who an entry without an actor was made by (on a clue: the public, through the portal).
      anonymousActor: { type: String, default: "" },
    },
    emits: ["loaded"],
    data() { return { rows: [], count: 0, page: 1, pageSize: 20, loading: false, failed: false }; },
    watch: { url() { this.load(1); } },
    mounted() { this.load(1); },
    methods: {
      async load(page) {
        this.loading = true;
        this.failed = false;
        try {
          const sep = this.url.includes("?") ? "&" : "?";
          // The page size is sent, not assumed: the server's default (50) would leave the pager's
          // later pages empty.
          const data = await this.$api("GET", this.url + sep + "page=" + page + "&page_size=" + this.pageSize);
          this.rows = data.results;
          this.count = data.count;
          this.page = page;
          this.$emit("loaded", data);
        } catch (err) {
          this.failed = true;
          PIL.notifyError(err);
        } finally {
          this.loading = false;
        }
      },
      reload() { return this.load(this.page); },
      changed(h) { return h.from_status && h.to_status && h.from_status !== h.to_status; },
      otherSubject(h) { return this.kind && h.subject.kind !== this.kind ? h.subject.label : ""; },
      actionLabel(h) { return h.action_display; },
      statusLabel(h, which) { return h[which + "_display"] || "—"; },
      changes(h) { return Object.entries(h.changes || {}); },
    },
    template: `
<div class="pil-history" v-loading="loading">
  <el-empty v-if="!loading && !rows.length" :image-size="60" :description="failed ? gettext('办案记录加载失败') : gettext('暂无记录')"></el-empty>
  <el-timeline v-else>
    <el-timeline-item v-for="h in rows" :key="h.id" :timestamp="formatTime(h.at)" placement="top" :data-action="h.action">
      <b class="history-action">[[ actionLabel(h) ]]</b>
      <span v-if="changed(h)" class="muted history-status" style="margin:0 6px">[[ statusLabel(h, "from_status") ]] → [[ statusLabel(h, "to_status") ]]</span>
      <template v-if="h.actor"> · [[ h.actor.name ]]</template>
      <template v-else-if="anonymousActor"> · [[ anonymousActor ]]</template>
      <span v-if="otherSubject(h)" class="pil-num history-subject" style="margin-left:6px">[[ otherSubject(h) ]]</span>
      <span v-if="h.on" class="muted" style="margin-left:6px">（[[ h.on ]]）</span>
      <div class="muted" v-if="h.reason">[[ h.reason ]]</div>
      <div v-for="[label, pair] in changes(h)" :key="label" class="history-change muted">
        [[ label ]]：<del>[[ pair[0] === null || pair[0] === "" ? "—" : pair[0] ]]</del> → [[ pair[1] === null || pair[1] === "" ? "—" : pair[1] ]]
      </div>
    </el-timeline-item>
  </el-timeline>
  <el-pagination v-if="count > pageSize" style="margin-top:8px;justify-content:flex-end" layout="total, prev, pager, next" small
                 :total="count" :page-size="pageSize" :current-page="page" @current-change="load"></el-pagination>
</div>`,
  };
})();

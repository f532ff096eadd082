/* <pil-long-text :text="clue.description" :lines="8" id="clue-description"></pil-long-text>
 * A long text (a description, minutes, a reply) on a detail page: its first `lines` lines, then
 * 展开全文 / 收起. A 200,000-character clue no longer makes its page a hundred thousand pixels tall;
 * the text is all in the page (search and copy still find it), only clipped. */
(function () {
  "use strict";
  [gettext_noop("展开全文"), gettext_noop("收起")];

  PIL.components["pil-long-text"] = {
    props: { text: { type: String, default: "" }, lines: { type: Number, default: 8 } },
    data() { return { open: false, overflowing: false }; },
    computed: {
      // The browser's measure decides; before it runs, a text longer than its lines can hold is assumed to overflow.
      long() { return this.overflowing || (this.text || "").split("\n").length > this.lines || (this.text || "").length > this.lines * 60; },
      clamp() { return this.open ? {} : { display: "-webkit-box", "-webkit-line-clamp": String(this.lines), "-webkit-box-orient": "vertical", overflow: "hidden" }; },
    },
    watch: { text() { this.open = false; this.$nextTick(this.measure); } },
    mounted() { this.measure(); },
    methods: {
      measure() { const el = this.$refs.body; if (el && !this.open) this.overflowing = el.scrollHeight > el.clientHeight + 2; },
    },
    template: `
<div class="pil-long-text">
  <p ref="body" class="pil-long-text-body" :style="clamp" style="white-space:pre-wrap;line-height:1.8;margin:0;overflow-wrap:anywhere">[[ text ]]</p>
  <el-button v-if="long" link type="primary" class="pil-long-text-toggle" :aria-expanded="open ? 'true' : 'false'" @click="open = !open">[[ open ? gettext("收起") : gettext("展开全文") ]]</el-button>
</div>`,
  };
})();

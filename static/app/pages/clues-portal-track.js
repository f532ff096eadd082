/* The public portal's progress lookup (templates/clues/portal_track.html): the tracking code, from the
 * form or from ?code= of the link (and QR code) shown after submitting. Case, spaces and hyphens do not
 * matter (clues/tracking.py); what is wrong is said at the field. */
(function () {
  "use strict";
  const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
  const CURRENT = new RegExp("^[" + ALPHABET + "]{12}$");
  const OLDER = /^[A-Za-z0-9_-]{22}$/;  // codes issued before the short format, valid exactly as issued

  PIL.mount({
    data() { return { code: new URLSearchParams(location.search).get("code") || "", result: null, error: "", loading: false }; },
    computed: {
      step() { if (!this.result) return 0; return { received: 1, evaluating: 2 }[this.result.status] || 3; },
    },
    mounted() { if (this.code) this.track(); },
    methods: {
      /* The message for a code that cannot be right, or "" — checked here so a typo costs no lookup. */
      problem(entered) {
        if (!entered) return gettext("请输入查询码。");
        const compact = entered.replace(/[\s\-_‐-―－·.。]+/g, "").toUpperCase();
        if (CURRENT.test(compact) || OLDER.test(entered)) return "";
        if (/[01OIL]/.test(compact) && compact.length === 12) return gettext("查询码中没有数字0、1和字母O、I、L，请核对。");
        return gettext("查询码是12位字母和数字，如 7KQM-X4TD-9HRC。");
      },
      async track() {
        const code = this.code.trim();
        this.error = ""; this.result = null;
        await this.$nextTick();
        const problem = this.problem(code);
        if (problem) { this.error = problem; return; }
        const compact = code.replace(/[\s\-_‐-―－·.。]+/g, "").toUpperCase();
        this.loading = true;
        try { this.result = await this.$api("GET", "/api/v1/public/clues/" + encodeURIComponent(CURRENT.test(compact) ? compact : code) + "/"); }
        catch (e) {
          if (e.status === 404) this.error = gettext("未找到该查询码对应的线索，请核对后重试。");
          else if (e.status === 429) this.error = gettext("查询过于频繁，请稍后再试。");
          else PIL.notifyError(e);
        } finally { this.loading = false; }
      },
    },
  });
})();

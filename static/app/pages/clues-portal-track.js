/* The public portal's progress lookup (templates/clues/portal_track.html): the tracking code, from the
 * form or from ?code= of the link shown after submitting. */
(function () {
  "use strict";
  PIL.mount({
    data() { return { code: new URLSearchParams(location.search).get("code") || "", result: null, notFound: false, loading: false }; },
    computed: {
      step() { if (!this.result) return 0; return { received: 1, evaluating: 2 }[this.result.status] || 3; },
    },
    mounted() { if (this.code) this.track(); },
    methods: {
      async track() {
        const code = this.code.trim();
        if (!code) return;
        this.loading = true; this.notFound = false; this.result = null;
        try { this.result = await this.$api("GET", "/api/v1/public/clues/" + encodeURIComponent(code) + "/"); }
        catch (e) { if (e.status === 404) this.notFound = true; else PIL.notifyError(e); }
        finally { this.loading = false; }
      },
    },
  });
})();

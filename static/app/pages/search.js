/* 全文检索: the term, kind and page live in the URL (the top bar's box lands here with ?q=); results come
 * ranked from /api/v1/search/, with the matching characters marked (offsets from the API, no HTML from it). */
(function () {
  "use strict";
  const list = PIL.listState({ q: "", kind: "", page: 1 });

  PIL.mount({
    data() {
      return { rows: [], count: 0, capped: false, pageSize: 20, loading: false, searched: false, error: "",
               kinds: PIL.data("search-kinds"), filters: list.state };
    },
    computed: {
      summary() {
        if (this.capped) return interpolate(gettext("超过 %(n)s 条匹配，仅在前 %(n)s 条中排序，请输入更具体的检索词"), { n: this.count }, true);
        return interpolate(gettext("共 %(n)s 条匹配"), { n: this.count }, true);
      },
    },
    mounted() {
      list.onPop(this.load);
      if (this.filters.q) this.load();
    },
    methods: {
      search() { this.filters.page = 1; return this.load({ push: true }); },
      goTo(page) { this.filters.page = page; return this.load({ push: true }); },
      clear() { this.rows = []; this.count = 0; this.searched = false; this.error = ""; list.save(); },
      async load(options) {
        list.save(options);
        this.error = "";
        const top = document.getElementById("pil-search-q");
        if (top) top.value = this.filters.q;
        this.loading = true;
        try {
          const data = await this.$api("GET", "/api/v1/search/?" + list.query({ page_size: this.pageSize }));
          this.rows = data.results;
          this.count = data.count;
          this.capped = data.capped;
        } catch (e) {
          this.rows = [];
          this.count = 0;
          // A term too short is told at the field, in the user's language (the API's own message).
          if (e instanceof PIL.ApiError && e.status === 400) this.error = e.fieldErrors.q || e.summary();
          else PIL.notifyError(e);
        } finally {
          this.loading = false;
          this.searched = true;
        }
      },
      /* The text cut at the highlighted spans: [{text, hit}], rendered as text (never as HTML). */
      parts(text, spans) {
        const out = [];
        let at = 0;
        for (const [start, end] of spans || []) {
          if (start > at) out.push({ text: text.slice(at, start), hit: false });
          out.push({ text: text.slice(start, end), hit: true });
          at = end;
        }
        if (at < (text || "").length) out.push({ text: text.slice(at), hit: false });
        return out;
      },
      tagType(kind) { return { clue: "info", case: "primary", suggestion: "warning" }[kind] || "info"; },
    },
  });
})();

/* 提醒通知: the user's reminders (the unread filter and the page kept in the URL) and the e-mail preference. */
(function () {
  "use strict";
  const list = PIL.listState({ unread: false, page: 1 });

  PIL.mount({
    data() { return { items: [], count: 0, pageSize: 20, filters: list.state, loading: true, preference: null, delivery: "immediate" }; },
    computed: {
      hasUnread() { return this.items.some((n) => !n.read); },
      countText() { return interpolate(gettext("共 %(n)s 条"), { n: this.count }, true); },
    },
    methods: {
      ...list.methods("/api/v1/notifications/", {
        extra: (vm) => ({ page_size: vm.pageSize }),
        show(vm, d) { vm.items = d.results; vm.count = d.count; },
      }),
      async read(n) {
        try { Object.assign(n, await this.$api("POST", `/api/v1/notifications/${n.id}/read/`)); this.refreshBell(); }
        catch (e) { PIL.notifyError(e); }
      },
      async open(n) {
        if (!n.read) { try { await this.$api("POST", `/api/v1/notifications/${n.id}/read/`); } catch (e) { /* the link still works */ } }
        window.location.href = n.url;
      },
      async readAll() {
        try { await this.$api("POST", "/api/v1/notifications/read-all/"); await this.load(); this.refreshBell(); }
        catch (e) { PIL.notifyError(e); }
      },
      async refreshBell() {
        const { unread } = await this.$api("GET", "/api/v1/notifications/unread-count/");
        const badge = document.getElementById("pil-bell-count");
        if (badge) { if (unread) badge.textContent = unread > 99 ? "99+" : unread; else badge.remove(); }
        if (!unread) document.getElementById("pil-bell").classList.remove("has-unread");
      },
      async savePreference(value) {
        try {
          this.preference = await this.$api("PATCH", "/api/v1/notifications/preferences/", { email_delivery: value },
                                            { "If-Match": `"${this.preference.version}"` });
          ElementPlus.ElMessage.success(gettext("已保存邮件提醒方式"));
        } catch (e) { PIL.notifyError(e); this.delivery = this.preference.email_delivery; }
      },
      tagType(tier) {
        if (tier.startsWith("escalate") || tier.startsWith("overdue")) return "danger";
        return tier === "before:0" || tier === "before:1" ? "warning" : "info";
      },
      when(iso) { return PIL.formatTime(iso); },
    },
    async mounted() {
      list.onPop(this.load);
      await this.load();
      try { this.preference = await this.$api("GET", "/api/v1/notifications/preferences/"); this.delivery = this.preference.email_delivery; }
      catch (e) { PIL.notifyError(e); }
    },
  });
})();

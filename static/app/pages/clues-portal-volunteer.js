/* The public portal's volunteer page (templates/clues/portal_volunteer.html): register, or look up a code. */
(function () {
  "use strict";
  const REQUIRED = gettext("必填");
  PIL.mount({
    data() {
      return { me: null, lookup: "", sending: false, form: { name: "", phone: "", organisation: "" },
               rules: { name: [{ required: true, message: REQUIRED }], phone: [{ required: true, message: REQUIRED }] } };
    },
    methods: {
      async register() {
        try { await this.$refs.form.validate(); } catch (e) { return; }
        this.sending = true;
        try { this.me = await this.$api("POST", "/api/v1/public/volunteers/", this.form); window.scrollTo(0, 0); }
        catch (e) { PIL.notifyError(e); } finally { this.sending = false; }
      },
      async find() {
        if (!this.lookup.trim()) return;
        try { this.me = await this.$api("GET", "/api/v1/public/volunteers/" + encodeURIComponent(this.lookup.trim()) + "/"); }
        catch (e) { if (e.status === 404) ElementPlus.ElMessage.error(gettext("未找到该志愿者编号")); else PIL.notifyError(e); }
      },
    },
  });
})();

/* The public portal's volunteer page (templates/clues/portal_volunteer.html): register, or look up a code.
 * A lookup shows the full name and organisation only with the last four digits of the registered phone
 * (GET /api/v1/public/volunteers/{code}/?phone_last4=…, answer field `verified`): codes can be guessed. */
(function () {
  "use strict";
  const REQUIRED = gettext("必填");
  PIL.mount({
    data() {
      return { me: null, lookup: "", phoneLast4: "", lookupError: "", sending: false, form: { name: "", phone: "", organisation: "" },
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
        const code = this.lookup.trim(), last4 = this.phoneLast4.trim();
        if (!code) return;
        this.lookupError = "";
        const query = last4 ? "?phone_last4=" + encodeURIComponent(last4) : "";
        try { this.me = await this.$api("GET", "/api/v1/public/volunteers/" + encodeURIComponent(code) + "/" + query); window.scrollTo(0, 0); }
        catch (e) {
          if (e.status === 404) ElementPlus.ElMessage.error(gettext("未找到该志愿者编号"));
          else if (e.status === 400 && e.fieldErrors.phone_last4) this.lookupError = e.fieldErrors.phone_last4;
          else PIL.notifyError(e);
        }
      },
    },
  });
})();

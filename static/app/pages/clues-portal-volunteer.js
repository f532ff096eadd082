/* The public portal's volunteer page (templates/clues/portal_volunteer.html): register, or look up a code.
 * A lookup shows the full name and organisation only with the last four digits of the registered phone
 * (GET /api/v1/public/volunteers/{code}/?phone_last4=…, answer field `verified`): codes can be guessed.
 * Every error is shown at its field, never under its API name. */
(function () {
  "use strict";
  const FIELDS = ["name", "phone", "organisation"];

  PIL.mount({
    data() {
      return {
        me: null, lookup: "", phoneLast4: "", lookupError: "", lookupCodeError: "", sending: false, errors: {}, summary: "",
        limits: PIL.data("portal-limits") || {}, form: { name: "", phone: "", organisation: "" },
        rules: {
          name: [{ required: true, whitespace: true, message: gettext("请填写姓名。"), trigger: "blur" }],
          phone: [{ required: true, message: gettext("请填写手机号码。"), trigger: "blur" },
                  { pattern: /^[0-9+\- ]{5,30}$/, message: gettext("联系电话格式不正确。"), trigger: "blur" }],
        },
      };
    },
    methods: {
      async register() {
        this.errors = {}; this.summary = "";
        try { await this.$refs.form.validate(); } catch (e) { return; }
        this.sending = true;
        try { this.me = await this.$api("POST", "/api/v1/public/volunteers/", this.form); window.scrollTo(0, 0); }
        catch (e) {
          if (e instanceof PIL.ApiError && e.status === 400) {
            const atFields = {}, elsewhere = [];
            for (const [key, message] of Object.entries(e.fieldErrors)) (FIELDS.includes(key) ? (atFields[key] = message) : elsewhere.push(message));
            this.errors = atFields;
            this.summary = [e.message].concat(elsewhere).join(" ");
          } else if (e.status === 429) ElementPlus.ElMessage.error(gettext("提交过于频繁，请稍后再试"));
          else PIL.notifyError(e);
        } finally { this.sending = false; }
      },
      async find() {
        const code = this.lookup.trim(), last4 = this.phoneLast4.trim();
        this.lookupError = ""; this.lookupCodeError = "";
        await this.$nextTick();
        if (!code) { this.lookupCodeError = gettext("请输入志愿者编号。"); return; }
        if (last4 && !/^\d{4}$/.test(last4)) { this.lookupError = gettext("请输入登记手机号的后四位数字。"); return; }
        const query = last4 ? "?phone_last4=" + encodeURIComponent(last4) : "";
        try { this.me = await this.$api("GET", "/api/v1/public/volunteers/" + encodeURIComponent(code) + "/" + query); window.scrollTo(0, 0); }
        catch (e) {
          if (e.status === 404) this.lookupCodeError = gettext("未找到该志愿者编号");
          else if (e.status === 429) this.lookupCodeError = gettext("查询过于频繁，请稍后再试。");
          else if (e.status === 400 && e.fieldErrors.phone_last4) this.lookupError = e.fieldErrors.phone_last4;
          else PIL.notifyError(e);
        }
      },
    },
  });
})();

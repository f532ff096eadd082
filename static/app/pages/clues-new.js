/* 登记线索 (templates/clues/clue_new.html): the staff intake form. A 400 answer shows at its fields;
 * the reporter's fields come back nested ({"reporter": {"id_number": [...]}}) and show at theirs too. */
(function () {
  "use strict";
  // One label per field: the form shows it, and an error the form cannot place is named by it, never by its API name.
  const LABELS = {
    source: gettext("线索来源"), title: gettext("标题"), description: gettext("线索内容"), field: gettext("领域"),
    received_on: gettext("收到日期"), address: gettext("地点"), latitude: gettext("纬度"), longitude: gettext("经度"),
    agencies: gettext("涉及行政机关"), parties: gettext("涉及单位或个人"), handler: gettext("承办人"), files: gettext("附件"),
    procuratorate: gettext("检察院"), region_code: gettext("行政区划"), region_name: gettext("行政区划"),
    reporter: gettext("举报人信息"), "reporter.anonymous": gettext("匿名举报"), "reporter.name": gettext("姓名"),
    "reporter.phone": gettext("联系电话"), "reporter.id_number": gettext("身份证号码"), "reporter.address": gettext("联系地址"),
  };
  // Fields the form shows, whose errors go to the field rather than to the message.
  const SHOWN = ["source", "title", "description", "field", "received_on", "address", "latitude", "longitude", "agencies", "parties",
                 "handler", "reporter.name", "reporter.phone", "reporter.id_number", "reporter.address"];

  /* {field: "message"} with the reporter's nested errors spelled "reporter.<field>". */
  function fieldErrors(err) {
    const out = err.fieldErrors;
    const nested = err.body.errors && err.body.errors.reporter;
    if (nested && typeof nested === "object" && !Array.isArray(nested)) {
      delete out.reporter;
      for (const [k, v] of Object.entries(nested)) out["reporter." + k] = [].concat(v).join("；");
    }
    return out;
  }

  PIL.mount({
    data() {
      const required = [{ required: true, message: gettext("必填") }];
      return {
        labels: LABELS, sources: PIL.data("clue-sources"), fields: [], agencies: [], handlers: [], files: [], saving: false, errors: {},
        form: { source: "public_report", title: "", description: "", field: null, received_on: PIL.formatTime(new Date().toISOString()).slice(0, 10),
                address: "", latitude: "", longitude: "", agencies: [], parties: "", handler: null,
                reporter: { anonymous: false, name: "", phone: "", id_number: "", address: "" } },
        rules: { source: required, title: required, description: required, received_on: required },
      };
    },
    async mounted() {
      try {
        const me = await this.$api("GET", "/api/v1/me/");
        const region = me.procuratorate ? me.procuratorate.region_code.replace(/0+$/, "") : "";
        const [fields, agencies, handlers] = await Promise.all([
          this.$api("GET", "/api/v1/fields/?active=true"),
          this.$api("GET", "/api/v1/agencies/?page_size=200" + (region ? "&region=" + region : "")),
          this.$api("GET", "/api/v1/clues/handlers/"),
        ]);
        this.fields = fields; this.agencies = agencies.results; this.handlers = handlers;
      } catch (e) { PIL.notifyError(e); }
    },
    methods: {
      go(url) { window.location.href = url; },
      payload() {
        const body = Object.assign({}, this.form);
        if (!body.latitude) body.latitude = null;
        if (!body.longitude) body.longitude = null;
        const r = body.reporter;
        if (!r.anonymous && !r.name && !r.phone && !r.id_number && !r.address) body.reporter = null;
        return body;
      },
      /* A 400 goes to the fields; what no field shows goes to the message, named by its label. */
      showErrors(err) {
        if (!(err instanceof PIL.ApiError) || err.status !== 400) return PIL.notifyError(err);
        const atFields = {}, elsewhere = [];
        for (const [key, message] of Object.entries(fieldErrors(err))) {
          if (SHOWN.includes(key)) atFields[key] = message;
          else elsewhere.push(LABELS[key] ? interpolate(gettext("%(label)s：%(text)s"), { label: LABELS[key], text: message }, true) : message);
        }
        this.errors = atFields;
        ElementPlus.ElMessage.error([err.message].concat(elsewhere).join(" "));
      },
      async save() {
        try { await this.$refs.form.validate(); } catch (e) { return; }
        this.saving = true;
        this.errors = {};
        let clue;
        try { clue = await this.$api("POST", "/api/v1/clues/", this.payload()); }
        catch (e) { this.showErrors(e); this.saving = false; return; }
        if (this.files.length) {
          const fd = new FormData();
          this.files.forEach((f) => fd.append("files", f.raw));
          try { await this.$api("POST", "/api/v1/clues/" + clue.id + "/attachments/", fd); }
          catch (e) {
            // The clue stands; the files can be added again on its page.
            const why = e instanceof PIL.ApiError ? e.summary(LABELS) : String(e);
            try { await ElementPlus.ElMessageBox.alert(why, gettext("线索已登记，附件未上传"), { type: "warning" }); } catch (x) { /* closed */ }
          }
        }
        ElementPlus.ElMessage.success(gettext("线索已登记"));
        location.href = "/clues/" + clue.id + "/";
      },
    },
  });
})();

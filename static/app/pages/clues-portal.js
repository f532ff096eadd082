/* The public portal's submission form (templates/clues/portal.html): a member of the public reports a clue
 * and receives a tracking code with its QR code.
 *
 * - The place is chosen one level at a time in a full-width drawer (province → prefecture → county), or by
 *   typing a place name: a cascader's side-by-side columns do not fit a phone.
 * - Every error is shown at its field: the simple rules here, and whatever the server answers (400
 *   {"errors": {field: [messages]}}) at the field of that name; nothing names a field by its API name.
 * - The tracking code stays on this page (sessionStorage of this tab, and a history entry of its own) through
 *   Back and reload until the person says they have noted it: the server keeps only its hash. */
(function () {
  "use strict";
  const STORED = "pil.portal.submitted";
  const limits = PIL.data("portal-limits") || {};
  // Shown at their fields; any other key of a 400 goes to the summary above the form, without its name.
  const FIELDS = ["procuratorate", "field", "description", "address", "latitude", "longitude", "photos", "name", "phone", "id_number",
                  "contact_address", "volunteer_code"];

  function stored() {
    try { return JSON.parse(sessionStorage.getItem(STORED) || "null"); } catch (e) { return null; }
  }

  function emptyForm() {
    return { procuratorate: null, field: null, description: "", address: "", latitude: null, longitude: null, anonymous: false,
             name: "", phone: "", id_number: "", contact_address: "", volunteer_code: "" };
  }

  function loadImage(src) {
    return new Promise((resolve, reject) => { const img = new Image(); img.onload = () => resolve(img); img.onerror = reject; img.src = src; });
  }

  /* Lines of `text` no wider than `width` on `ctx`: between words where there are spaces (English),
   * anywhere in Chinese, which has none. */
  function wrap(ctx, text, width) {
    const pieces = /\s/.test(text) ? text.split(/(?<=\s)/) : Array.from(text);
    const lines = [];
    let line = "";
    for (const piece of pieces) {
      if (ctx.measureText(line + piece).width > width && line) { lines.push(line.trim()); line = ""; }
      line += piece;
    }
    return line ? lines.concat(line.trim()) : lines;
  }

  PIL.mount({
    data() {
      const vm = this;
      return {
        tree: [], fields: [], photos: [], sending: false, done: stored(), locating: false, locateError: "",
        picking: false, regionPath: [], regionSearch: "", regionLabel: "",
        limits, errors: {}, summary: "", form: emptyForm(),
        rules: {
          procuratorate: [{ required: true, message: gettext("请选择问题发生地。"), trigger: "change" }],
          description: [{ required: true, whitespace: true, message: gettext("请填写问题描述。"), trigger: "blur" }],
          address: [{ required: true, whitespace: true, message: gettext("请填写具体地点。"), trigger: "blur" }],
        },
        contactRules: {
          name: [{ trigger: "blur", validator(rule, value, callback) {
            const f = vm.form;
            callback(!f.anonymous && !f.name.trim() && !f.phone.trim() ? new Error(gettext("请留下姓名或联系电话，或选择匿名提交。")) : undefined);
          } }],
          phone: [{ pattern: /^[0-9+\- ]{5,30}$/, message: gettext("联系电话格式不正确。"), trigger: "blur" }],
          id_number: [{ pattern: /^(\d{15}|\d{17}[\dXx])$/, message: gettext("身份证号码格式不正确。"), trigger: "blur" }],
        },
      };
    },
    computed: {
      /* The entries of the picker: the current level's places, or every place whose name matches the search. */
      regionItems() {
        const q = this.regionSearch.trim();
        if (q) {
          const out = [];
          const walk = (nodes, path) => nodes.forEach((n) => {
            if (n.children) walk(n.children, path.concat(n.label));
            else if ((path.join("") + n.label).includes(q)) out.push({ value: n.value, text: path.concat(n.label).join(" / "), path: path.concat(n.label) });
          });
          walk(this.tree, []);
          return out.slice(0, 50);
        }
        const level = this.regionPath.length ? this.regionPath[this.regionPath.length - 1].children : this.tree;
        return level.map((n) => Object.assign({ text: n.label, path: this.regionPath.map((p) => p.label).concat(n.label) }, n));
      },
    },
    async mounted() {
      // Back to the entry pushed on submission, or from the tracking page: the code is shown again.
      window.addEventListener("popstate", () => { this.done = stored(); });
      window.addEventListener("pageshow", () => { this.done = stored(); });
      try {
        const [list, fields] = await Promise.all([this.$api("GET", "/api/v1/public/procuratorates/?page_size=200"), this.$api("GET", "/api/v1/public/fields/")]);
        this.fields = fields;
        this.tree = this.buildTree(list.results);
      } catch (e) { PIL.notifyError(e); }
    },
    methods: {
      go(url) { window.location.href = url; },
      buildTree(rows) {
        // Province → prefecture → county: a member of the public thinks in places, not in offices.
        const byId = {};
        rows.forEach((p) => { byId[p.id] = { value: p.id, label: p.region_name || p.name, name: p.name, level: p.level, parent: p.parent, children: [] }; });
        const roots = [];
        Object.values(byId).forEach((n) => {
          if (n.level === 2) roots.push(n);
          else if (n.level > 2 && byId[n.parent]) byId[n.parent].children.push(n);
        });
        const shape = (n) => {
          const kids = n.children.map(shape);
          if (!kids.length) return { value: n.value, label: n.label };
          // A prefecture's own office can be chosen as well as its counties.
          const own = interpolate(gettext("本级（%(name)s）"), { name: n.name }, true);
          return { value: "g" + n.value, label: n.label, children: [{ value: n.value, label: own }].concat(kids) };
        };
        return roots.map(shape);
      },
      openPicker() { this.regionSearch = ""; this.picking = true; },
      chooseRegion(item) {
        if (item.children) { this.regionPath = this.regionPath.concat(item); return; }
        this.form.procuratorate = item.value;
        this.regionLabel = item.path.join(" / ");
        this.picking = false;
        this.errors = Object.assign({}, this.errors, { procuratorate: "" });
        this.$nextTick(() => this.$refs.form && this.$refs.form.validateField("procuratorate").catch(() => {}));
      },
      locate() {
        if (!navigator.geolocation) { this.locateError = gettext("此设备不支持定位"); return; }
        this.locating = true;
        navigator.geolocation.getCurrentPosition((pos) => {
          this.form.latitude = pos.coords.latitude.toFixed(6); this.form.longitude = pos.coords.longitude.toFixed(6); this.locating = false;
        }, () => { this.locating = false; this.locateError = gettext("未能获取位置，可只填写地址"); }, { timeout: 10000 });
      },
      exceeded() { ElementPlus.ElMessage.warning(gettext("最多上传9张照片")); },
      scrollToError() {
        this.$nextTick(() => {
          const first = document.querySelector("#portal-errors, .el-form-item.is-error");
          if (first) first.scrollIntoView({ block: "center" });
        });
      },
      async submit() {
        this.errors = {}; this.summary = "";
        const checks = [this.$refs.form.validate().then(() => true, () => false), this.$refs.contact.validate().then(() => true, () => false)];
        if ((await Promise.all(checks)).includes(false)) { this.scrollToError(); return; }
        const fd = new FormData();
        Object.entries(this.form).forEach(([k, v]) => { if (v !== null && v !== "") fd.append(k, v); });
        this.photos.forEach((p) => fd.append("photos", p.raw));
        this.sending = true;
        try {
          const done = await this.$api("POST", "/api/v1/public/clues/", fd);
          sessionStorage.setItem(STORED, JSON.stringify(done));
          // An entry of its own: Back from here shows the code again instead of leaving it behind.
          history.pushState({ submitted: true }, "");
          this.done = done;
          window.scrollTo(0, 0);
        } catch (e) {
          if (e.status === 429) ElementPlus.ElMessage.error(gettext("提交过于频繁，请稍后再试"));
          else if (e instanceof PIL.ApiError && e.status === 400) this.showErrors(e);
          else PIL.notifyError(e);
        } finally { this.sending = false; }
      },
      showErrors(err) {
        const atFields = {}, elsewhere = [];
        for (const [key, message] of Object.entries(err.fieldErrors)) {
          if (FIELDS.includes(key)) atFields[key] = message; else elsewhere.push(message);
        }
        // A message at a field the person chose to hide (contact details when anonymous) goes above the form.
        if (this.form.anonymous) ["name", "phone", "id_number", "contact_address"].forEach((k) => { if (atFields[k]) elsewhere.push(atFields[k]); });
        this.errors = atFields;
        this.summary = [err.message].concat(elsewhere).join(" ");
        this.scrollToError();
      },
      async copy() {
        try { await navigator.clipboard.writeText(this.done.tracking_code); ElementPlus.ElMessage.success(gettext("已复制")); }
        catch (e) { ElementPlus.ElMessage.info(gettext("请长按查询码手动复制")); }
      },
      /* A picture of the code and its QR code, drawn here and downloaded as PNG: nothing leaves the phone. */
      async saveImage() {
        const { tracking_code: code, tracking_qr: qrSrc, tracking_url: url } = this.done;
        const qr = await loadImage(qrSrc);
        const width = 720, pad = 48, qrSize = 360;
        const canvas = document.createElement("canvas");
        canvas.width = width; canvas.height = 1040;
        const ctx = canvas.getContext("2d");
        const sans = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
        ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, width, canvas.height);
        ctx.fillStyle = "#b3261e"; ctx.fillRect(0, 0, width, 12);
        ctx.textAlign = "center"; ctx.fillStyle = "#303133";
        ctx.font = "600 32px " + sans;
        let y = 80;
        wrap(ctx, gettext("公益诉讼线索查询码"), width - 2 * pad).forEach((line) => { ctx.fillText(line, width / 2, y); y += 44; });
        ctx.font = "bold 60px ui-monospace, Menlo, Consolas, monospace";
        ctx.fillStyle = "#b3261e";
        ctx.fillText(code, width / 2, y + 56);
        ctx.imageSmoothingEnabled = false;
        ctx.drawImage(qr, (width - qrSize) / 2, y + 96, qrSize, qrSize);
        ctx.fillStyle = "#606266"; ctx.font = "24px " + sans;
        y += 96 + qrSize + 60;
        const lines = [gettext("扫描二维码，或在“进度查询”页输入查询码，查看办理进度。"),
                       gettext("检察院不保存查询码，遗失后无法找回，请妥善保存。")];
        lines.forEach((text) => wrap(ctx, text, width - 2 * pad).forEach((line) => { ctx.fillText(line, width / 2, y); y += 40; }));
        ctx.font = "20px " + sans; ctx.fillStyle = "#909399";
        wrap(ctx, location.origin + url, width - 2 * pad).forEach((line) => { y += 4; ctx.fillText(line, width / 2, y + 20); y += 30; });
        const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
        const link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = interpolate(gettext("线索查询码-%(code)s.png"), { code }, true);
        document.body.appendChild(link); link.click(); link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      },
      /* The deliberate leave: after it the code is gone from this page for good. */
      async leave() {
        const sure = await PIL.confirm(gettext("离开后本页不再显示此查询码，检察院也无法找回。您已记下或保存了吗？"), null, gettext("我已记下"));
        if (!sure) return;
        sessionStorage.removeItem(STORED);
        history.replaceState(null, "");
        this.done = null;
        this.form = emptyForm(); this.photos = []; this.regionLabel = ""; this.regionPath = []; this.errors = {}; this.summary = "";
        window.scrollTo(0, 0);
      },
    },
  });
})();

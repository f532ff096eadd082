/* The public portal's submission form (templates/clues/portal.html): a member of the public reports a clue
 * and receives a tracking code, shown once. */
(function () {
  "use strict";
  const REQUIRED = gettext("必填");

  PIL.mount({
    data() {
      return {
        tree: [], fields: [], photos: [], sending: false, done: null, locating: false, locateError: "",
        form: { procuratorate: null, field: null, description: "", address: "", latitude: null, longitude: null, anonymous: false,
                name: "", phone: "", id_number: "", contact_address: "", volunteer_code: "" },
        rules: { procuratorate: [{ required: true, message: gettext("请选择受理检察院") }],
                 description: [{ required: true, message: REQUIRED }], address: [{ required: true, message: REQUIRED }] },
      };
    },
    async mounted() {
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
      locate() {
        if (!navigator.geolocation) { this.locateError = gettext("此设备不支持定位"); return; }
        this.locating = true;
        navigator.geolocation.getCurrentPosition((pos) => {
          this.form.latitude = pos.coords.latitude.toFixed(6); this.form.longitude = pos.coords.longitude.toFixed(6); this.locating = false;
        }, () => { this.locating = false; this.locateError = gettext("未能获取位置，可只填写地址"); }, { timeout: 10000 });
      },
      exceeded() { ElementPlus.ElMessage.warning(gettext("最多上传9张照片")); },
      async submit() {
        try { await this.$refs.form.validate(); } catch (e) { window.scrollTo(0, 0); return; }
        const fd = new FormData();
        Object.entries(this.form).forEach(([k, v]) => { if (v !== null && v !== "") fd.append(k, v); });
        this.photos.forEach((p) => fd.append("photos", p.raw));
        this.sending = true;
        try {
          this.done = await this.$api("POST", "/api/v1/public/clues/", fd);
          window.scrollTo(0, 0);
        } catch (e) {
          if (e.status === 429) ElementPlus.ElMessage.error(gettext("提交过于频繁，请稍后再试"));
          else PIL.notifyError(e);
        } finally { this.sending = false; }
      },
      async copy() {
        try { await navigator.clipboard.writeText(this.done.tracking_code); ElementPlus.ElMessage.success(gettext("已复制")); }
        catch (e) { ElementPlus.ElMessage.info(gettext("请长按查询码手动复制")); }
      },
    },
  });
})();

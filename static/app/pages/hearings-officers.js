/* 听证员库: the roster of hearing officers of the procuratorates the user sees; its heads and admins keep it. */
(function () {
  "use strict";
  const REF = PIL.data("ref");
  const PHONE = /^[0-9+\- ]{5,30}$/;  // as the server's (hearings.serializers.PHONE)

  PIL.mount({
    data() {
      return { ref: REF, rows: [], count: 0, page: 1, loading: false, filters: { search: "", kind: "", active: true },
               activeText: gettext("在库"), inactiveText: gettext("已移出"), removeText: gettext("移出"), restoreText: gettext("恢复"),
               dialog: { open: false, kind: "", id: null, title: "", data: {} } };
    },
    computed: {
      labels() {
        return { procuratorate: gettext("检察院"), name: gettext("姓名"), kind: gettext("类别"), organisation: gettext("工作单位"),
                 title: gettext("职务或专业"), phone: gettext("联系电话"), note: gettext("备注"), code: gettext("志愿者编号") };
      },
      // Checked in the browser before sending; the server checks the same (hearings/serializers.py, the model's lengths).
      rules() {
        if (this.dialog.kind === "volunteer") return { code: { required: true, max: 20 } };
        return { name: { required: true, max: 50 }, kind: { required: true, type: "select" }, organisation: { max: 150 }, title: { max: 100 },
                 phone: { max: 30, pattern: PHONE, message: gettext("联系电话格式不正确。") }, note: { max: 300 } };
      },
    },
    mounted() { this.load(); },
    methods: {
      manages(row) { return this.ref.managed.some((p) => p.id === row.procuratorate); },
      defaultProcuratorate() {
        return (this.ref.managed.find((p) => p.id === this.ref.own) || this.ref.managed[0] || {}).id || null;
      },
      async load() {
        this.loading = true;
        const q = new URLSearchParams({ page: this.page, page_size: 20 });
        if (this.filters.search) q.set("search", this.filters.search);
        if (this.filters.kind) q.set("kind", this.filters.kind);
        if (this.filters.active) q.set("active", "true");
        try {
          const data = await this.$api("GET", "/api/v1/hearing-officers/?" + q.toString());
          this.rows = data.results;
          this.count = data.count;
        } catch (err) { PIL.notifyError(err); }
        finally { this.loading = false; }
      },
      openNew() {
        this.dialog = { open: true, kind: "new", id: null, title: gettext("新增听证员"),
                        data: { procuratorate: this.defaultProcuratorate(), name: "", kind: "", organisation: "", title: "", phone: "", note: "" } };
      },
      openVolunteer() {
        this.dialog = { open: true, kind: "volunteer", id: null, title: gettext("邀请志愿者入库"),
                        data: { procuratorate: this.defaultProcuratorate(), code: "" } };
      },
      openEdit(row) {
        this.dialog = { open: true, kind: "edit", id: row.id, title: gettext("修改听证员"),
                        data: { name: row.name, kind: row.kind, organisation: row.organisation, title: row.title, phone: row.phone, note: row.note } };
      },
      async submit() {
        const d = this.dialog;
        if (d.kind === "edit") await this.$api("PATCH", "/api/v1/hearing-officers/" + d.id + "/", d.data);
        else if (d.kind === "volunteer") await this.$api("POST", "/api/v1/hearing-officers/invite-volunteer/", d.data);
        else await this.$api("POST", "/api/v1/hearing-officers/", d.data);
        ElementPlus.ElMessage.success(gettext("已保存"));
        await this.load();
      },
      async toggle(row) {
        try {
          await this.$api("PATCH", "/api/v1/hearing-officers/" + row.id + "/", { active: !row.active });
          await this.load();
        } catch (err) { PIL.notifyError(err); }
      },
    },
  });
})();

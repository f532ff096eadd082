/* <pil-action-dialog v-model="open" :title="…" :confirm-text="…" :labels="{on: '日期'}" @submit="save">
 *   <template #default="{ errors }">
 *     <el-form …><el-form-item prop="on" :label="…" :error="errors.on">…</el-form-item></el-form>
 *   </template>
 * </pil-action-dialog>
 * The @submit handler may return a promise: the confirm button spins while it runs, the dialog closes
 * when it resolves, and a 400 answer {"detail", "errors": {field: [messages]}} is shown AT the fields
 * (`errors[prop]`). Errors of fields the form does not show go to a summary above the form, named by
 * their label from `labels`, never by their API name. Other errors go to a message box. */
(function () {
  "use strict";
  // xgettext does not read inside template literals: the template's strings are named here so that
  // they reach the JavaScript catalog; the template translates them with gettext() at render time.
  [gettext_noop("取消"), gettext_noop("确定")];

  PIL.components["pil-action-dialog"] = {
    inheritAttrs: false,
    props: {
      modelValue: { type: Boolean, default: false },
      title: { type: String, default: "" },
      confirmText: { type: String, default: "" },
      width: { type: String, default: "620px" },
      labels: { type: Object, default: () => ({}) },
      // Fields shown in the form (beyond those named in `labels`) whose errors go to the field, not the summary.
      fields: { type: Array, default: () => [] },
      submitId: { type: String, default: "" },
      onSubmit: { type: Function, default: null },  // declared so its promise can be awaited
    },
    emits: ["update:modelValue"],
    data() { return { saving: false, errors: {}, summary: "" }; },
    watch: {
      modelValue(open) { if (open) { this.errors = {}; this.summary = ""; } },
    },
    methods: {
      close() { this.$emit("update:modelValue", false); },
      async confirm() {
        if (!this.onSubmit) return this.close();
        this.saving = true;
        this.errors = {};
        this.summary = "";
        try {
          await this.onSubmit();
          this.close();
        } catch (err) {
          if (err === PIL.CANCELLED) return;  // the user declined the confirmation: nothing was sent
          if (err instanceof PIL.ApiError && err.status === 400) this.showErrors(err);
          else PIL.notifyError(err, this.labels);
        } finally {
          this.saving = false;
        }
      },
      showErrors(err) {
        const shown = new Set(Object.keys(this.labels).concat(this.fields));
        const atFields = {}, elsewhere = [];
        for (const [key, message] of Object.entries(err.fieldErrors)) {
          if (shown.has(key)) atFields[key] = message;
          else elsewhere.push(this.labels[key] ? interpolate(gettext("%(label)s：%(text)s"), { label: this.labels[key], text: message }, true) : message);
        }
        this.errors = atFields;
        this.summary = [err.message].concat(elsewhere).join(" ");
      },
    },
    template: `
<el-dialog :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)" :title="title" :width="width"
           v-bind="$attrs" class="pil-action-dialog">
  <el-alert v-if="summary" type="error" :closable="false" show-icon :title="summary" class="pil-dialog-errors" style="margin-bottom:12px"></el-alert>
  <slot :errors="errors" :saving="saving"></slot>
  <template #footer>
    <slot name="footer" :saving="saving" :confirm="confirm">
      <el-button @click="close">[[ gettext("取消") ]]</el-button>
      <el-button type="primary" :loading="saving" :id="submitId || undefined" class="pil-dialog-submit" @click="confirm">[[ confirmText || gettext("确定") ]]</el-button>
    </slot>
  </template>
</el-dialog>`,
  };
})();

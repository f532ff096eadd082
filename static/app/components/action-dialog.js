/* The one way a staff dialog takes input and shows what is wrong with it.
 *
 * Either describe the fields and let the dialog draw the form:
 *   <pil-action-dialog v-model="open" :title="…" :form="fields" :model="data" @submit="save"></pil-action-dialog>
 *   fields = [{ key: "replied_on", label: gettext("回复日期"), type: "date", required: true, notFuture: true },
 *             { key: "content", label: gettext("回复内容"), type: "textarea", required: true, max: PIL.LIMITS.long }, …]
 *   (types: date, text, textarea, select (options: [{value, label}], multiple), number, switch)
 * or write the form yourself and name the rules:
 *   <pil-action-dialog v-model="open" :labels="{on: '日期'}" :model="data" :rules="{on: {required: true, notFuture: true}}" @submit="save">
 *     <template #default="{ errors }">
 *       <el-form …><el-form-item :label="…" :error="errors.on"><pil-field :field="{key:'on', type:'date', notFuture:true}" v-model="data.on"></pil-field></el-form-item></el-form>
 *     </template>
 *   </pil-action-dialog>
 * Before anything is sent the rules are checked in the browser (required, length, no date after today):
 * each message stands at its field, which turns red. The @submit handler may return a promise: the
 * confirm button spins while it runs, the dialog closes when it resolves, and a 400 answer
 * {"detail", "errors": {field: [messages]}} is shown AT the fields the same way. Errors of fields the
 * form does not show go to a summary above the form, named by their label, never by their API name.
 * Other errors go to a message box.
 * Form items carry no `prop`: with one, Element Plus would judge a required field itself and show its own
 * English sentence naming the API field ("kind is required") whenever the value changes.
 *
 * Length limits (PIL.LIMITS) equal the server's (config/api.py LONG_TEXT_MAX, TEXT_MAX; model
 * max_length): tests/config/test_limits.py keeps them equal. */
(function () {
  "use strict";
  // xgettext does not read inside template literals: the template's strings are named here so that
  // they reach the JavaScript catalog; the template translates them with gettext() at render time.
  [gettext_noop("取消"), gettext_noop("确定"), gettext_noop("选择日期")];

  PIL.LIMITS = { long: 20000, text: 5000, title: 200, line: 200 };
  PIL.dialogs = [];

  const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: PIL.timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  /* Today on the server's zone, "YYYY-MM-DD". */
  PIL.today = () => dayFormat.format(new Date());

  const isEmpty = (v) => v === "" || v === null || v === undefined || (typeof v === "string" && !v.trim()) || (Array.isArray(v) && !v.length);
  const fmt = (text, values) => interpolate(text, values, true);

  /* {key: message} for the values of `model` that break `rules` ({key: {required, max, notFuture, pattern + message, type, label}}). */
  PIL.checkForm = function (model, rules, labels) {
    const errors = {};
    const today = PIL.today();
    for (const [key, rule] of Object.entries(rules || {})) {
      if (!rule || (rule.when && !rule.when(model))) continue;
      const value = model ? model[key] : undefined;
      const label = rule.label || (labels && labels[key]) || "";
      const picks = rule.type === "select" || rule.type === "date" || rule.type === "switch";
      if (isEmpty(value)) {
        if (rule.required) errors[key] = label ? fmt(picks ? gettext("请选择%(label)s") : gettext("请填写%(label)s"), { label }) : gettext("此项为必填项。");
        continue;
      }
      if (rule.max && typeof value === "string" && value.length > rule.max) {
        errors[key] = fmt(gettext("不能超过%(max)s字（现为%(n)s字）。"), { max: rule.max, n: value.length });
      } else if (rule.notFuture && typeof value === "string" && value > today) {
        errors[key] = gettext("日期不能晚于今天。");
      } else if (rule.pattern && typeof value === "string" && !rule.pattern.test(value)) {
        errors[key] = rule.message;
      }
    }
    return errors;
  };

  /* An ElMessageBox.prompt's inputValidator for a text with `rule` ({required, max}), named `label`: the
   * message stands under the input, in the same words as the dialogs' (never Element's "输入的数据不合法"). */
  PIL.promptRule = (label, rule) => (value) => PIL.checkForm({ value }, { value: Object.assign({ label }, rule) }).value || true;

  /* The rules a list of field descriptors implies. */
  PIL.rulesOf = (fields) => Object.fromEntries((fields || []).map((f) => [f.key, f]));

  /* One input for a field descriptor: a date picker (YYYY-MM-DD, no day after today for events that
   * happened), a text field with its counter, a select, a number or a switch. */
  PIL.components["pil-field"] = {
    props: { field: { type: Object, required: true }, modelValue: { default: null } },
    emits: ["update:modelValue"],
    computed: {
      value: { get() { return this.modelValue; }, set(v) { this.$emit("update:modelValue", v); } },
      maxLength() { const f = this.field; return f.max || (f.type === "textarea" ? PIL.LIMITS.text : PIL.LIMITS.line); },
      inputId() { return this.field.id || "f-" + this.field.key; },
    },
    methods: {
      afterToday(d) { return this.field.notFuture && PIL.dateString(d) > PIL.today(); },
    },
    template: `
<el-date-picker v-if="field.type === 'date'" v-model="value" type="date" value-format="YYYY-MM-DD" format="YYYY-MM-DD"
                :disabled-date="afterToday" :id="inputId" :placeholder="gettext('选择日期')" :aria-label="field.label" style="width:220px"></el-date-picker>
<el-input v-else-if="field.type === 'textarea'" v-model="value" type="textarea" :rows="field.rows || 3" :maxlength="maxLength" show-word-limit
          :id="inputId" :placeholder="field.placeholder || ''" :aria-label="field.label"></el-input>
<el-input-number v-else-if="field.type === 'number'" v-model="value" :min="field.min === undefined ? 0 : field.min" :precision="field.precision === undefined ? 2 : field.precision"
                 :id="inputId" :aria-label="field.label" style="width:220px"></el-input-number>
<el-switch v-else-if="field.type === 'switch'" v-model="value" :id="inputId" :aria-label="field.label"></el-switch>
<el-select v-else-if="field.type === 'select'" v-model="value" style="width:100%" filterable clearable :multiple="!!field.multiple"
           :id="inputId" :aria-label="field.label">
  <el-option v-for="o in field.options" :key="o.value" :label="o.label" :value="o.value"></el-option>
</el-select>
<el-input v-else v-model="value" :maxlength="maxLength" show-word-limit :id="inputId" :placeholder="field.placeholder || ''" :aria-label="field.label"></el-input>`,
  };

  /* A Date (from a picker) as "YYYY-MM-DD" of its own calendar day. */
  PIL.dateString = (d) => (d instanceof Date ? d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0") : String(d || ""));

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
      // Field descriptors: the dialog draws the form itself (see above).
      form: { type: Array, default: null },
      // The values the rules are checked against (the form's data object).
      model: { type: Object, default: null },
      // {key: {required, max, notFuture, type, label, when(model)}}: checked before @submit runs.
      rules: { type: Object, default: null },
      labelWidth: { type: String, default: "120px" },
      submitId: { type: String, default: "" },
      onSubmit: { type: Function, default: null },  // declared so its promise can be awaited
    },
    emits: ["update:modelValue"],
    data() { return { saving: false, errors: {}, summary: "" }; },
    computed: {
      allLabels() {
        const out = Object.assign({}, this.labels);
        (this.form || []).forEach((f) => { out[f.key] = f.label; });
        return out;
      },
      allRules() { return Object.assign({}, this.form ? PIL.rulesOf(this.form) : {}, this.rules || {}); },
    },
    watch: {
      modelValue(open) { if (open) { this.errors = {}; this.summary = ""; } },
    },
    // Every dialog of the page, so that a browser test can find the open one and its model (tests/browser/test_dialog_errors.py).
    mounted() { PIL.dialogs.push(this); },
    unmounted() { PIL.dialogs.splice(PIL.dialogs.indexOf(this), 1); },
    methods: {
      close() { this.$emit("update:modelValue", false); },
      async confirm() {
        if (!this.onSubmit) return this.close();
        this.errors = {};
        this.summary = "";
        if (this.model) {
          const found = PIL.checkForm(this.model, this.allRules, this.allLabels);
          if (Object.keys(found).length) { this.errors = found; return; }  // nothing sent: the messages stand at the fields
        }
        this.saving = true;
        try {
          await this.onSubmit();
          this.close();
        } catch (err) {
          if (err === PIL.CANCELLED) return;  // the user declined the confirmation: nothing was sent
          if (err instanceof PIL.ApiError && err.status === 400) this.showErrors(err);
          else PIL.notifyError(err, this.allLabels);
        } finally {
          this.saving = false;
        }
      },
      showErrors(err) {
        const labels = this.allLabels;
        const shown = new Set(Object.keys(labels).concat(this.fields));
        const atFields = {}, elsewhere = [];
        for (const [key, message] of Object.entries(err.fieldErrors)) {
          if (shown.has(key)) atFields[key] = message;
          else elsewhere.push(labels[key] ? interpolate(gettext("%(label)s：%(text)s"), { label: labels[key], text: message }, true) : message);
        }
        this.errors = atFields;
        this.summary = [err.message].concat(elsewhere).join(" ");
      },
    },
    template: `
<el-dialog :model-value="modelValue" @update:model-value="$emit('update:modelValue', $event)" :title="title" :width="width"
           v-bind="$attrs" class="pil-action-dialog">
  <el-alert v-if="summary" type="error" :closable="false" show-icon :title="summary" class="pil-dialog-errors" style="margin-bottom:12px"></el-alert>
  <slot name="intro"></slot>
  <el-form v-if="form" :label-width="labelWidth" :model="model" @submit.prevent>
    <el-form-item v-for="f in form" :key="f.key" :label="f.label" :required="!!f.required" :error="errors[f.key]" :data-field="f.key"
                  :for="f.id || 'f-' + f.key">
      <pil-field :field="f" v-model="model[f.key]"></pil-field>
    </el-form-item>
  </el-form>
  <slot v-else :errors="errors" :saving="saving"></slot>
  <template #footer>
    <slot name="footer" :saving="saving" :confirm="confirm">
      <el-button @click="close">[[ gettext("取消") ]]</el-button>
      <el-button type="primary" :loading="saving" :id="submitId || undefined" class="pil-dialog-submit" @click="confirm">[[ confirmText || gettext("确定") ]]</el-button>
    </slot>
  </template>
</el-dialog>`,
  };
})();

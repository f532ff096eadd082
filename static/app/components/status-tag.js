/* <pil-status-tag kind="case" :status="c.status" :label="c.status_display">: one colour map for every
 * status a page shows. `kind` separates vocabularies that share a value ("filed" is a case's first
 * step but a clue's good outcome). Attributes (id, class) fall through to the el-tag. */
(function () {
  "use strict";
  const TYPES = {
    case: { filed: "info", investigating: "primary", pre_litigation: "warning", announcing: "warning", litigating: "danger",
            judged: "danger", enforcing: "success", supporting: "success", suspended: "info", closed: "success" },
    suggestion: { draft: "info", issued: "primary", served: "primary", replied: "success" },
    rectification: { pending: "warning", replied: "warning", in_progress: "warning", partly: "warning",
                     rectified: "success", not_rectified: "danger", overdue: "danger" },
    clue: { received: "info", evaluating: "primary", filed: "success", not_filed: "info", transferred: "warning", merged: "info" },
    mechanism: { draft: "info", in_force: "success", suspended: "warning", expired: "danger" },
    "report-job": { queued: "info", running: "primary", done: "success", failed: "danger", cancelled: "info" },
    deadline: { open: "success", due_soon: "warning", overdue: "danger", paused: "info", met: "success", cancelled: "info" },
  };

  PIL.components["pil-status-tag"] = {
    props: {
      status: { type: String, default: "" },
      label: { type: String, default: "" },
      kind: { type: String, default: "case" },
      // A reply clock that ran out turns any rectification state red.
      overdue: { type: Boolean, default: false },
      size: { type: String, default: "small" },
      effect: { type: String, default: "light" },
    },
    computed: {
      type() { return this.overdue ? "danger" : ((TYPES[this.kind] || {})[this.status] || "info"); },
    },
    template: `<el-tag :type="type" :size="size" :effect="effect" disable-transitions :data-status="status"><slot>[[ label || status ]]</slot></el-tag>`,
  };
  PIL.statusType = (kind, status) => (TYPES[kind] || {})[status] || "info";
})();

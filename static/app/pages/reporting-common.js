/* Shared by the statistics pages (templates/reporting/*): the selection lives in the URL (shareable),
 * and a figure links to the real list behind it wherever that list's filters can say exactly the same. */
(function () {
  "use strict";
  const KEYS = ["procuratorate", "date_from", "date_to", "field", "case_type", "campaign", "mechanism"];
  const present = (v) => v !== "" && v !== null && v !== undefined;

  function read() {
    const q = new URLSearchParams(window.location.search), out = {};
    for (const k of KEYS) out[k] = q.get(k) || "";
    for (const k of ["procuratorate", "field", "campaign", "mechanism"]) if (out[k]) out[k] = Number(out[k]);
    return out;
  }

  function params(filters, extra) {
    const q = new URLSearchParams();
    for (const k of KEYS) if (present(filters[k])) q.set(k, filters[k]);
    for (const [k, v] of Object.entries(extra || {})) if (present(v)) q.set(k, v);
    return q;
  }

  /* The list page (/cases/, /suggestions/, /clues/) showing exactly the records behind a figure, with
   * the list API's own parameter names (pil_cases/filters.py, clues/filters.py) — or null when the list
   * cannot express the selection: a campaign or mechanism, only the office itself (own_office), a month,
   * and, for cases and suggestions, a period (they are placed in time by filing and issue dates, which
   * the lists do not filter). Those figures keep /statistics/drill/. */
  function listUrl(kind, filters, extra) {
    const x = Object.assign({}, extra || {});
    const f = Object.assign({}, filters, { procuratorate: x.procuratorate || filters.procuratorate, field: x.field || filters.field });
    if (present(f.campaign) || present(f.mechanism) || present(x.own_office) || present(x.month)) return null;
    const q = new URLSearchParams();
    if (present(f.procuratorate)) q.set("procuratorate", f.procuratorate);
    if (present(f.field)) q.set("field", f.field);
    if (kind === "clues") {
      // Clues are placed in time by their receipt date, which the clue list filters.
      if (present(f.date_from)) q.set("received_after", f.date_from);
      if (present(f.date_to)) q.set("received_before", f.date_to);
      if (present(x.source)) q.set("source", x.source);
      const outcome = { received: [], open: ["received", "evaluating"], filed: ["filed"], not_filed: ["not_filed"],
                        transferred: ["transferred"], merged: ["merged"] }[x.outcome || "received"];
      if (!outcome) return null;
      outcome.forEach((s) => q.append("status", s));
      return "/clues/?" + q;
    }
    if (present(f.date_from) || present(f.date_to)) return null;
    if (kind === "cases") {
      if (present(f.case_type)) q.set("case_type", f.case_type);
      const figure = x.figure || "filed";
      if (figure === "stage" && present(x.status)) q.set("status", x.status);
      else if (figure !== "filed") return null;
      return "/cases/?" + q;
    }
    // Suggestions: the list has no case-type or agency-kind filter, and only two figures are its own filters.
    if (present(f.case_type) || present(x.agency_kind)) return null;
    const figure = { overdue: ["overdue", "true"], rectified: ["rectification", "rectified"] }[x.figure];
    if (!figure) return null;
    q.set(figure[0], figure[1]);
    return "/suggestions/?" + q;
  }

  /* Where a figure opens: its real list when one can say it, else the statistics drill-down. */
  function figureUrl(kind, filters, extra) {
    return listUrl(kind, filters, extra) || "/statistics/drill/?" + params(filters, Object.assign({ kind }, extra));
  }

  function fmtRate(v) { return v === null || v === undefined ? "—" : v.toFixed(1) + "%"; }

  window.StatsQuery = { KEYS, read, params, listUrl, figureUrl, fmtRate };
})();

/* Names for the controls Element Plus draws without one (axe-core: "Form elements must have labels"): the
 * page-size select of a pagination. Watched, since tables and their paginations appear after the data. */
(function () {
  "use strict";
  const label = () => gettext("每页条数");
  function name(root) {
    root.querySelectorAll(".el-pagination__sizes input:not([aria-label])").forEach((el) => el.setAttribute("aria-label", label()));
  }
  document.addEventListener("DOMContentLoaded", () => {
    name(document);
    new MutationObserver(() => name(document)).observe(document.body, { childList: true, subtree: true });
  });
})();

/* Names for the controls Element Plus draws without one (axe-core: "Form elements must have labels"): the
 * page-size select of a pagination and the picker of an upload (a role=button div and its hidden file input).
 * Watched, since tables, paginations and forms appear after the data. */
(function () {
  "use strict";
  const label = () => gettext("每页条数");
  const uploadLabel = () => gettext("选择文件");
  function name(root) {
    root.querySelectorAll(".el-pagination__sizes input:not([aria-label])").forEach((el) => el.setAttribute("aria-label", label()));
    root.querySelectorAll(".el-upload:not([aria-label]), .el-upload__input:not([aria-label])")
      .forEach((el) => el.setAttribute("aria-label", uploadLabel()));
  }
  document.addEventListener("DOMContentLoaded", () => {
    name(document);
    new MutationObserver(() => name(document)).observe(document.body, { childList: true, subtree: true });
  });
})();

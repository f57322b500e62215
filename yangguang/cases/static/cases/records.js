/* Case page helpers for the on-site records (no inline script under the CSP):
   - a dictation text (.txt, UTF-8) picked in the 询问笔录 form fills its question-and-answer field,
     to be checked and corrected before the step is taken (data-fill-textarea);
   - a link to "#action-<step>" (the field mode's next actions) opens that step's form;
   - notes captured in field mode without a photo (kept on the phone, handed over in
     sessionStorage) fill an empty 检查情况 of the 现场检查笔录 form. */
(function () {
  "use strict";
  document.addEventListener("change", function (ev) {
    var input = ev.target instanceof HTMLInputElement ? ev.target : null;
    if (!input || !input.dataset.fillTextarea || !input.files || !input.files.length) { return; }
    var area = document.getElementById(input.dataset.fillTextarea);
    if (!area) { return; }
    var reader = new FileReader();
    reader.onload = function () { area.value = String(reader.result || "").replace(/^\uFEFF/, ""); area.focus(); };
    reader.readAsText(input.files[0], "utf-8");
  });

  function openFromHash() {
    var id = (location.hash || "").slice(1);
    if (id.indexOf("action-") !== 0) { return; }
    var box = document.getElementById(id);
    if (!box) { return; }
    box.open = true;
    var match = location.pathname.match(/\/cases\/(\d+)\//);
    var key = match ? "yg-prefill-" + match[1] + "-" + id.slice("action-".length) : "";
    var text = "";
    try { text = key ? sessionStorage.getItem(key) || "" : ""; } catch (e) { text = ""; }
    var area = box.querySelector("textarea[name=content]");
    if (text && area && !area.value) {
      area.value = text;
      try { sessionStorage.removeItem(key); } catch (e) { /* ignore */ }
    }
    box.scrollIntoView();
  }
  window.addEventListener("hashchange", openFromHash);
  document.addEventListener("DOMContentLoaded", openFromHash);
})();

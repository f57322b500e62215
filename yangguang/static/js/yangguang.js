/* Behaviour shared by every page (staff and public), attached by data attributes instead of inline
 * handlers: the pages are served with a Content-Security-Policy that forbids inline script.
 *   .nav-toggle              opens and closes the main menu on narrow screens
 *   [data-print]             prints the page
 *   form[data-confirm="…"]   asks for confirmation before submitting
 *   [data-autosubmit]        submits its form when it changes */
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var target = ev.target instanceof Element ? ev.target : null;
    if (!target) return;
    if (target.closest(".nav-toggle")) {
      document.body.classList.toggle("nav-open");
    } else if (target.closest("[data-print]")) {
      ev.preventDefault();
      window.print();
    }
  });
  document.addEventListener("submit", function (ev) {
    var form = ev.target instanceof HTMLFormElement ? ev.target : null;
    if (form && form.dataset.confirm && !window.confirm(form.dataset.confirm)) ev.preventDefault();
  });
  document.addEventListener("change", function (ev) {
    var field = ev.target instanceof Element ? ev.target.closest("[data-autosubmit]") : null;
    if (field && field.form) {
      if (field.form.requestSubmit) field.form.requestSubmit();
      else field.form.submit();
    }
  });
})();

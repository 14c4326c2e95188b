/* Small behaviours of every page, attached by data attributes (the site's
 * Content-Security-Policy allows no inline script or event handler).
 * - <select data-autosubmit>: choosing a value submits its form. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });
})();

// The admin's export page (templates/admin/import_export/export.html): the "Select all" box, which
// import-export wires with an inline onchange="" that the Content Security Policy blocks.
// onSelectToggleChange comes from import-export's export_selectable_fields.js (the form's media).
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("input.select-toggle").forEach(function (toggle) {
    toggle.addEventListener("change", function (event) {
      window.onSelectToggleChange(event);
    });
  });
});

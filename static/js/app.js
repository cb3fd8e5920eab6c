// The product's own behaviour on top of GOV.UK Frontend. Loaded with `defer`, never inline,
// so the Content Security Policy needs no 'unsafe-inline'.
(function () {
  "use strict";
  var body = document.body;
  body.classList.add("js-enabled");
  if ("noModule" in HTMLScriptElement.prototype) {
    body.classList.add("govuk-frontend-supported");
  }
  if (window.GOVUKFrontend) {
    window.GOVUKFrontend.initAll();
  }

  // <form data-confirm="Remove this item?"> asks before a destructive post.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);

  // <select data-navigate> goes to the chosen option's value (a URL of this site).
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.hasAttribute && select.hasAttribute("data-navigate") && select.value.charAt(0) === "/") {
      window.location.assign(select.value);
    }
  });

  // <a data-print> prints the page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-print]");
    if (link) {
      event.preventDefault();
      window.print();
    }
  });
})();

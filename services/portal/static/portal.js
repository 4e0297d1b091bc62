// Tidbok portal: ask before cancelling, and follow a booking from "pending" until VAS answers.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
  var followed = document.querySelector("[data-follow]");
  var id = followed && followed.getAttribute("data-follow");
  if (!id) return;
  var tries = 0;
  function look() {
    tries += 1;
    fetch("/appointments/" + id + "/status", { credentials: "same-origin", cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.text() : "pending"; })
      .then(function (status) {
        if (status !== "pending") { location.reload(); return; }
        if (tries < 120) window.setTimeout(look, tries < 10 ? 500 : 2000);
      })
      .catch(function () { if (tries < 120) window.setTimeout(look, 2000); });
  }
  window.setTimeout(look, 500);
})();

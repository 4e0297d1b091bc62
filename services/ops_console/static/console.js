// Tidbok ops console: refresh the content in place, and send actions with the console's header.
(function () {
  "use strict";
  var seconds = parseFloat(document.body.getAttribute("data-refresh") || "5");
  var content = document.getElementById("content");
  var status = document.getElementById("status");
  var busy = false;

  function say(text, bad) {
    if (!status) return;
    status.textContent = text;
    status.className = bad ? "bad" : "ok";
  }

  function refresh() {
    if (busy || !content || document.hidden) return;
    var editing = document.activeElement && content.contains(document.activeElement) &&
      /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (editing) return;
    busy = true;
    fetch(location.href, { headers: { "X-Fragment": "1" }, credentials: "same-origin" })
      .then(function (answer) {
        if (answer.status === 401) { location.href = "/login"; return null; }
        if (answer.ok) { content.classList.remove("stale"); return answer.text(); }
        // What is shown is no longer now: say so (a 503 brings its own banner).
        content.classList.add("stale");
        return answer.status === 503 ? answer.text() : null;
      })
      .then(function (html) { if (html !== null && html !== undefined) content.innerHTML = html; })
      .catch(function () {
        content.classList.add("stale");
        say("Kan inte nå konsolen — siffrorna är inte aktuella. / Cannot reach the console: the figures are out of date.", true);
      })
      .then(function () { busy = false; });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.getAttribute("action").indexOf("/api/") !== 0) return;
    event.preventDefault();
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) return;
    var body = null;
    var headers = { "X-Tidbok-Console": "1" };
    if (form.hasAttribute("data-json")) {
      body = JSON.stringify(Object.fromEntries(new FormData(form).entries()));
      headers["Content-Type"] = "application/json";
    }
    say("Arbetar … / Working …", false);
    fetch(form.getAttribute("action"), { method: "POST", headers: headers, body: body, credentials: "same-origin" })
      .then(function (answer) { return answer.json().then(function (json) { return [answer, json]; }); })
      .then(function (pair) {
        var answer = pair[0], json = pair[1];
        if (!answer.ok) { say((json.detail || json.title || "Fel / Error") + " (" + answer.status + ")", true); return; }
        if (json.action) {
          say((json.action === "retry" ? "Skickade om / Retried " : "Kastade / Discarded ") + json.count + ".", false);
        } else if (json.report) {
          var fixed = (json.report.fixed || []).length;
          say("Avstämning klar / Reconciled: " + fixed + " åtgärdade / fixed (" + json.status + ").", json.status !== 200);
        }
        var then = form.getAttribute("data-then");
        if (then) { location.href = then; } else { refresh(); }
      })
      .catch(function () { say("Åtgärden misslyckades. / The action failed.", true); });
  });

  window.setInterval(refresh, Math.max(seconds, 1) * 1000);
})();

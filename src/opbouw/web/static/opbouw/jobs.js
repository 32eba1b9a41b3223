/* A job's page: poll its status, move the progress bar, go to the result when done. */
(function () {
  "use strict";
  var el = document.getElementById("job");
  if (!el) { return; }
  var bar = document.getElementById("job-progress");
  var step = document.getElementById("job-step");
  var error = document.getElementById("job-error");
  var result = document.getElementById("job-result");
  function show(s) {
    bar.value = s.progress;
    step.textContent = s.label + (s.step ? ": " + s.step : "");
    el.dataset.status = s.status;
    if (s.error) { error.textContent = s.error; error.hidden = false; }
    if (s.url) { result.querySelector("a").href = s.url; result.hidden = false; }
    if (s.status === "done" && s.url) { window.location = s.url; }
  }
  function poll() {
    if (el.dataset.status === "done" || el.dataset.status === "failed") { return; }
    fetch(el.dataset.statusUrl, {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (s) { show(s); setTimeout(poll, 500); })
      .catch(function () { setTimeout(poll, 2000); });
  }
  if (el.dataset.status === "done" && el.dataset.url) { window.location = el.dataset.url; }
  poll();
})();

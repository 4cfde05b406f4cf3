// A training job's page follows its progress until it ends (no inline script: CSP).
(function poll() {
  fetch("?format=json").then(function (r) { return r.json(); }).then(function (data) {
    document.querySelector("[data-job-progress]").value = data.progress;
    document.querySelector("[data-job-message]").textContent = data.message;
    if (data.status === "done" || data.status === "failed") { window.location.reload(); return; }
    setTimeout(poll, 1000);
  });
})();

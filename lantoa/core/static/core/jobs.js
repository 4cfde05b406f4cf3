// Live progress for the job list: poll the JSON endpoint while any job is unfinished.
(function () {
  "use strict";
  var table = document.querySelector(".lantoa-jobs");
  if (!table) return;
  var url = table.getAttribute("data-status-url");

  function pending() {
    return Array.prototype.map.call(
      table.querySelectorAll('tr[data-job][data-finished="0"]'),
      function (row) { return row.getAttribute("data-job"); }
    );
  }

  function render(job) {
    var row = table.querySelector('tr[data-job="' + job.id + '"]');
    if (!row) return;
    var bar = row.querySelector('[data-role="progress"]');
    bar.value = job.progress;
    bar.textContent = job.progress + "%";
    row.querySelector('[data-role="percent"]').textContent = job.progress + "%";
    row.querySelector('[data-role="message"]').textContent = job.message;
    var state = row.querySelector('[data-role="state"]');
    state.textContent = job.state_label;
    state.setAttribute("data-state", job.state);
    if (job.finished) {
      row.setAttribute("data-finished", "1");
      // A finished job may have files or a retry button: reload once to show them server-side.
      window.location.reload();
    }
  }

  function poll() {
    var ids = pending();
    if (!ids.length) return;
    fetch(url + "?ids=" + ids.join(","), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) { data.jobs.forEach(render); })
      .finally(function () { window.setTimeout(poll, 1000); });
  }

  window.setTimeout(poll, 500);
})();

// Charts of the backtest pages (data from JSON scripts; no inline script: CSP).
(function () {
  if (typeof Chart === "undefined") return;
  var volume = document.getElementById("backtest-data");
  if (volume) {
    var data = JSON.parse(volume.textContent);
    new Chart(document.getElementById("backtest-volume"), {type: "bar",
      data: {labels: data.labels, datasets: [{label: "Số tin khớp mỗi ngày", data: data.counts}]},
      options: {scales: {y: {beginAtZero: true}}}});
  }
  var history = document.getElementById("backtest-history-data");
  if (history) {
    var rows = JSON.parse(history.textContent);
    new Chart(document.getElementById("backtest-history"), {type: "line",
      data: {labels: rows.labels, datasets: [
        {label: "Độ chính xác ước tính (%)", data: rows.percent},
        {label: "Cận dưới khoảng 95 % (%)", data: rows.low_percent, borderDash: [4, 4]},
        {label: "Cận trên khoảng 95 % (%)", data: rows.high_percent, borderDash: [4, 4]}]},
      options: {spanGaps: true, scales: {y: {min: 0, max: 100}}}});
  }
})();

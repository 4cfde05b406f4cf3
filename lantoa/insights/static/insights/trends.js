// Trend charts of the insights page (data from the trend-data JSON script; no inline script: CSP).
(function () {
  var data = JSON.parse(document.getElementById("trend-data").textContent);
  if (typeof Chart === "undefined") return;
  function line(id, datasets, stacked) {
    new Chart(document.getElementById(id), {type: stacked ? "bar" : "line",
      data: {labels: data.labels, datasets: datasets},
      options: {scales: {x: {stacked: !!stacked}, y: {stacked: !!stacked, beginAtZero: true}}}});
  }
  line("volume", [{label: "Tổng", data: data.total}]);
  line("kpi", [{label: "Tích cực + trung tính (%, trên tin đã rõ sắc thái)", data: data.kpi_positive_share},
               {label: "Chưa rõ sắc thái (%, trên mọi tin)", data: data.kpi_unknown_tone_share}]);
  ["topic", "tone", "language", "outlet_type"].forEach(function (name) {
    var table = data.series[name];
    line(name, Object.keys(table).map(function (k) { return {label: k, data: table[k]}; }), true);
  });
})();

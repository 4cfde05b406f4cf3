// Draw the dashboard's charts with the locally served Chart.js; the tables carry the figures.
(function () {
  "use strict";
  var source = document.getElementById("lantoa-kpi-charts");
  if (!source || typeof window.Chart === "undefined") return;
  var palette = ["#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#c62828", "#00838f", "#5d4037",
                 "#9e9d24", "#ad1457", "#455a64"];
  JSON.parse(source.textContent).forEach(function (chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) return;
    new window.Chart(canvas, {
      type: chart.type,
      data: {
        labels: chart.labels,
        datasets: [{
          label: chart.title,
          data: chart.values,
          backgroundColor: chart.labels.map(function (_, i) { return palette[i % palette.length]; })
        }]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: chart.type !== "bar" } }
      }
    });
  });
})();

// Draw the dashboard's charts with the locally served Chart.js; the tables carry the figures.
// The server decides each chart's datasets and axes (lantoa/reports/charts.py): counts on the
// left axis, computed values on their own right axis, a logarithmic axis titled as such.
(function () {
  "use strict";
  var source = document.getElementById("lantoa-kpi-charts");
  if (!source || typeof window.Chart === "undefined") return;
  var palette = ["#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#c62828", "#00838f", "#5d4037",
                 "#9e9d24", "#ad1457", "#455a64"];
  JSON.parse(source.textContent).forEach(function (chart) {
    var canvas = document.getElementById(chart.id);
    if (!canvas) return;
    var bar = chart.type === "bar";
    var scales = {};
    Object.keys(chart.scales || {}).forEach(function (axis) {
      var spec = chart.scales[axis];
      scales[axis] = {
        type: spec.type,
        position: spec.position,
        beginAtZero: spec.type === "linear",
        title: { display: true, text: spec.title },
        grid: { drawOnChartArea: axis === "y" }
      };
    });
    new window.Chart(canvas, {
      type: chart.type,
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map(function (dataset, n) {
          var data = {
            label: dataset.label,
            data: dataset.data,
            backgroundColor: bar
              ? palette[n % palette.length]
              : chart.labels.map(function (_, i) { return palette[i % palette.length]; })
          };
          if (bar) { data.yAxisID = dataset.axis; data.skipNull = true; }
          return data;
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: bar ? scales : {},
        plugins: { legend: { display: !bar || chart.datasets.length > 1 } }
      }
    });
  });
})();

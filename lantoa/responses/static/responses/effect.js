// The claim's recurrences per day around the clarification (data from the JSON script; no inline
// script: CSP). Days before publication in one colour, from publication on in another.
(function () {
  var node = document.getElementById("claim-effect-data");
  if (!node || typeof Chart === "undefined") return;
  var data = JSON.parse(node.textContent);
  var before = data.counts.map(function (n, i) { return data.after[i] ? null : n; });
  var after = data.counts.map(function (n, i) { return data.after[i] ? n : null; });
  new Chart(document.getElementById("claim-effect"), {
    type: "bar",
    data: {labels: data.labels, datasets: [
      {label: data.before_label, data: before, backgroundColor: "#b54708"},
      {label: data.after_label, data: after, backgroundColor: "#007d7e"}
    ]},
    options: {scales: {x: {stacked: true, title: {display: true, text: data.x_label}},
                       y: {stacked: true, beginAtZero: true, ticks: {precision: 0},
                           title: {display: true, text: data.y_label}}}}
  });
})();

/* The supervisor's cockpit charts. Data comes from a json_script block (never from markup built on
 * the server); clicking a bar or a slice opens the list of cases behind it (the URL is in the data). */
(function () {
  "use strict";
  function open(params) {
    if (params && params.data && params.data.url) window.location.href = params.data.url;
  }
  function bars(el, labels, series) {
    var chart = window.echarts.init(el);
    chart.setOption({
      tooltip: { renderMode: "richText", trigger: "item" },
      legend: { top: 0 },
      grid: { left: 60, right: 10, bottom: 60, top: 30 },
      xAxis: { type: "category", data: labels, axisLabel: { rotate: 30, interval: 0, fontSize: 10 } },
      yAxis: { type: "value" },
      series: series
    });
    chart.on("click", open);
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function draw() {
    var src = document.getElementById("cockpit-data");
    if (!src || !window.echarts) return;
    var d = JSON.parse(src.textContent);
    var months = document.getElementById("chart-months");
    if (months) {
      bars(months, d.months.map(function (m) { return m.month; }), [
        { type: "bar", name: months.dataset.now, data: d.months.map(function (m) { return { value: m.amount, url: m.url }; }), itemStyle: { color: "#b3261e" } },
        { type: "line", name: months.dataset.before, data: d.months.map(function (m) { return m.previous; }), itemStyle: { color: "#888" } }
      ]);
    }
    var kinds = document.getElementById("chart-kinds");
    if (kinds) {
      bars(kinds, d.kinds.map(function (k) { return k.label; }), [
        { type: "bar", name: kinds.dataset.opened, data: d.kinds.map(function (k) { return { value: k.opened, url: k.opened_url }; }) },
        { type: "bar", name: kinds.dataset.decided, data: d.kinds.map(function (k) { return { value: k.decided, url: k.decided_url }; }) },
        { type: "bar", name: kinds.dataset.overdue, data: d.kinds.map(function (k) { return { value: k.overdue, url: k.overdue_url }; }), itemStyle: { color: "#b3261e" } }
      ]);
    }
    var pub = document.getElementById("chart-publication");
    if (pub) {
      var chart = window.echarts.init(pub);
      chart.setOption({
        tooltip: { renderMode: "richText", trigger: "item" },
        series: [{ type: "pie", radius: "65%", data: d.publication.map(function (p) { return { name: p.label, value: p.n, url: p.url }; }) }]
      });
      chart.on("click", open);
      window.addEventListener("resize", function () { chart.resize(); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();

/* Certificate-holding rate chart on the supervisor, administrator and agency-head home pages.
 * The data comes from a json_script block (never from markup built on the server), so an agency
 * name can carry any character without running as script. */
(function () {
  "use strict";
  function draw() {
    var el = document.getElementById("holding-chart");
    var src = document.getElementById("holding-chart-data");
    if (!el || !src || !window.echarts) return;
    var d = JSON.parse(src.textContent);
    if (!d.names.length) return;
    var chart = window.echarts.init(el);
    chart.setOption({
      // Drawn on the canvas: the HTML tooltip writes style attributes, which the CSP refuses.
      tooltip: { renderMode: "richText" },
      grid: { left: 40, right: 10, bottom: 80, top: 20 },
      xAxis: { type: "category", data: d.names, axisLabel: { rotate: 40, interval: 0, fontSize: 10 } },
      yAxis: { type: "value", max: 100, name: "%" },
      series: [{ type: "bar", name: el.dataset.seriesName || "", data: d.rates, itemStyle: { color: "#b3261e" } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();

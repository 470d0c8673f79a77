/* The indicator's trend chart (ECharts, vendored). The table under it holds the same data and is
   what assistive technology reads: the chart is aria-hidden and takes no keyboard focus. */
(function () {
  var el = document.getElementById("indicator-chart");
  var source = document.getElementById("chart-data");
  if (!window.echarts || !el || !source) return;
  var d = JSON.parse(source.textContent);
  var chart = null;
  function draw() {
    var large = document.documentElement.classList.contains("large");
    if (chart) chart.dispose();
    chart = echarts.init(el, large ? "dark" : null);
    var text = {fontSize: large ? 18 : 12};
    // Only the series that have points: the legend names every series given, drawn or not.
    var series = [
      {name: el.dataset.actual, type: "line", data: d.actual, symbolSize: 8},
      {name: el.dataset.plan, type: "line", data: d.plan, lineStyle: {type: "dotted"}, symbol: "diamond", symbolSize: 9},
      {name: el.dataset.projection, type: "line", data: d.projection, lineStyle: {type: "dashed"}, symbol: "none"},
      {name: el.dataset.reference, type: "line", data: d.reference, lineStyle: {type: "dotted"}}
    ].filter(function (s) { return s.data.length > 0; });
    chart.setOption({
      aria: {enabled: false}, backgroundColor: large ? "#000" : "transparent", textStyle: text,
      tooltip: {trigger: "axis"}, legend: {textStyle: text},
      xAxis: {type: "value", min: d.years[0], max: d.years[d.years.length - 1], interval: 1,
              axisLabel: {fontSize: text.fontSize, formatter: function (v) { return String(v); }}},
      yAxis: {type: "value", name: d.unit, scale: true, axisLabel: {fontSize: text.fontSize}},
      series: series
    });
  }
  draw();
  window.ipcityRedrawChart = draw;
  window.addEventListener("resize", function () { if (chart) chart.resize(); });
})();

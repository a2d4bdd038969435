// Every chart an insight page drew, as window.vdkCharts (for people debugging in the console, and for the
// browser tests, which click a band of a flow diagram where Chart.js drew it).

export const charts = [];

export function keep(chart) {
  charts.push(chart);
  return chart;
}

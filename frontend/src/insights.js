// The insight pages' charts (/insights/money, /insights/time, /insights/places), drawn with Chart.js
// (and, for the money flows, its Sankey plugin) from the JSON block the server put in the page. The
// page's tables hold the same numbers and are what a visitor without this script, or with a screen
// reader, reads; each chart's box stays hidden until the chart is drawn in it.

function payload() {
  const block = document.getElementById("insight-data");
  if (!block) return null;
  try { return JSON.parse(block.textContent); } catch { return null; }
}

async function init() {
  const data = payload();
  if (!data) return;
  if (data.page === "money") {
    const [{ Chart }, { drawMoney }, { drawMoneyByYear }] = await Promise.all([
      import("./insights/sankeylib.js"), import("./insights/sankey.js"), import("./insights/bars.js")]);
    drawMoney(Chart, data);
    drawMoneyByYear(Chart, data);
  } else {
    const [{ Chart }, bars] = await Promise.all([import("./views/chartlib.js"), import("./insights/bars.js")]);
    if (data.page === "time") bars.drawTime(Chart, data);
    if (data.page === "places") bars.drawPlaces(Chart, data);
  }
  const { charts } = await import("./insights/registry.js");
  window.vdkCharts = charts;
  document.documentElement.dataset.charts = "ready";
}

init();

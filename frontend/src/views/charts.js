// The chart view: Chart.js, with the kind of chart chosen from the result's shape and changeable:
//   a year or date column and numbers → a line over the years (a timeline); a year or date column
//   alone → rows per year; categories and numbers → bars (a pie for a handful of shares);
//   two columns of numbers → scatter; categories alone → rows per category.

import { display, isTemporal, numberOf, shown, timeOf, yearOf } from "./model.js";
import { chartLibrary, el, format, number } from "./dom.js";

const TYPES = ["bar", "line", "pie", "scatter"];
const MAX_CATEGORIES = { bar: 30, line: 30, pie: 12 };
const MAX_YEARS = 400;

const measures = (model) => shown(model).filter((c) => c.kind === "number");

// The chart the shape of the result asks for, or null when nothing in it can be charted.
export function suggest(model) {
  if (!model.rows.length) return null;
  const columns = shown(model);
  const temporal = columns.find(isTemporal);
  const numbers = measures(model);
  const category = columns.find((c) => c.kind === "iri" || c.kind === "text");
  if (temporal) return { type: numbers.length ? "line" : "bar", x: temporal, y: numbers[0] || null };
  if (category && numbers.length) {
    const groups = new Set(model.rows.map((row) => row[category.index] && row[category.index].value)).size;
    const positive = model.rows.every((row) => (numberOf(row[numbers[0].index]) ?? 0) >= 0);
    return { type: groups >= 2 && groups <= 6 && positive ? "pie" : "bar", x: category, y: numbers[0] };
  }
  if (numbers.length >= 2) return { type: "scatter", x: numbers[0], y: numbers[1] };
  if (category) return { type: "bar", x: category, y: null };
  return null;
}

// Rows grouped by the x column: the sum of y (or the number of rows) per group, in a sensible order.
function aggregate(model, type, x, y) {
  const groups = new Map();
  for (const row of model.rows) {
    const term = row[x.index];
    if (!term) continue;
    let key = term.value;
    if (isTemporal(x)) key = yearOf(term);
    else if (x.kind === "number") key = numberOf(term);
    if (key === null) continue;
    const value = y ? numberOf(row[y.index]) : 1;
    if (value === null) continue;
    const group = groups.get(key) || { key, label: isTemporal(x) ? String(key) : display(model, term), value: 0 };
    group.value += value;
    groups.set(key, group);
  }
  let list = [...groups.values()];
  let capped = 0;
  if (isTemporal(x) || x.kind === "number") {
    list.sort((a, b) => a.key - b.key);
    if (isTemporal(x) && list.length > 1 && list[list.length - 1].key - list[0].key < MAX_YEARS) {
      const filled = [];
      for (let year = list[0].key; year <= list[list.length - 1].key; year += 1) {
        filled.push(groups.get(year) || { key: year, label: String(year), value: 0 });
      }
      list = filled;
    }
  } else {
    list.sort((a, b) => b.value - a.value);
    const most = MAX_CATEGORIES[type] || 30;
    if (list.length > most) { capped = list.length; list = list.slice(0, most); }
  }
  return { list, capped };
}

function scatterPoints(model, x, y) {
  const points = [];
  for (const row of model.rows) {
    const px = isTemporal(x) ? timeOf(row[x.index], x.kind) : numberOf(row[x.index]);
    const py = numberOf(row[y.index]);
    if (px !== null && py !== null) points.push({ x: px, y: py });
  }
  return points;
}

function select(id, label, options, value) {
  const control = el("select", { id });
  for (const [optionValue, text] of options) {
    control.appendChild(el("option", { value: optionValue, text, selected: optionValue === value }));
  }
  return [el("label", { htmlFor: id, text: label }), control];
}

export function createChart(container, model, strings, loadChart) {
  const suggestion = suggest(model);
  const choice = { type: suggestion.type, x: suggestion.x, y: suggestion.y };
  const columns = shown(model);
  const [typeLabel, typeSelect] = select("rv-chart-type", strings.chart_type,
    TYPES.map((t) => [t, strings[`chart_${t}`]]), choice.type);
  const [xLabel, xSelect] = select("rv-chart-x", strings.chart_x,
    columns.map((c) => [c.name, c.name]), choice.x.name);
  const [yLabel, ySelect] = select("rv-chart-y", strings.chart_y,
    [["", strings.chart_count], ...measures(model).map((c) => [c.name, c.name])], choice.y ? choice.y.name : "");
  const note = el("p", { className: "note rv-chart-note", id: "rv-chart-note" });
  const canvas = el("canvas", { id: "rv-chart-canvas", role: "img" });
  const box = el("div", { className: "rv-chart-box" }, [canvas]);
  container.replaceChildren(el("div", { className: "rv-tools" }, [
    el("span", { className: "rv-field" }, [typeLabel, typeSelect]),
    el("span", { className: "rv-field" }, [xLabel, xSelect]),
    el("span", { className: "rv-field" }, [yLabel, ySelect]),
  ]), box, note);
  let chart = null;

  // The canvas is described before the chart library loads: a reader (or axe) that looks while
  // it loads finds a labelled image, not an unnamed one.
  async function draw() {
    const { type, x, y } = choice;
    const yName = y ? y.name : strings.chart_count;
    let data;
    let points = 0;
    note.textContent = "";
    if (type === "scatter") {
      const ys = y || measures(model).find((c) => c !== x);
      const usable = ys && (x.kind === "number" || isTemporal(x));
      const values = usable ? scatterPoints(model, x, ys) : [];
      if (!usable) note.textContent = strings.chart_scatter_needs;
      data = { datasets: [{ label: ys ? ys.name : "", data: values }] };
      points = values.length;
    } else {
      const { list, capped } = aggregate(model, type, x, y);
      if (capped) note.textContent = format(strings.chart_capped, { n: number(list.length, model), total: number(capped, model) });
      data = { labels: list.map((g) => g.label), datasets: [{ label: yName, data: list.map((g) => g.value) }] };
      points = list.length;
    }
    const description = format(strings.chart_label, { type: strings[`chart_${type}`], y: yName, x: x.name });
    canvas.setAttribute("aria-label", description);
    const Chart = await chartLibrary(loadChart, container, note, strings);
    if (!Chart) return;
    if (chart) chart.destroy();
    const scales = type === "pie" ? {} : {
      x: { type: type === "scatter" ? "linear" : "category", title: { display: true, text: x.name } },
      y: { beginAtZero: type !== "scatter", title: { display: true, text: yName } },
    };
    chart = new Chart(canvas, {
      type, data,
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales,
        plugins: { legend: { display: type === "pie" }, title: { display: true, text: description } } },
    });
    container.dataset.chart = type;
    container.dataset.points = String(points);
    container.dataset.x = x.name;
  }

  const column = (name) => columns.find((c) => c.name === name) || null;
  typeSelect.addEventListener("change", () => { choice.type = typeSelect.value; draw(); });
  xSelect.addEventListener("change", () => { choice.x = column(xSelect.value); draw(); });
  ySelect.addEventListener("change", () => { choice.y = column(ySelect.value); draw(); });
  const ready = draw();
  return { ready, refresh: () => draw(), destroy: () => chart && chart.destroy() };
}

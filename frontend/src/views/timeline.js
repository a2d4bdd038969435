// The timeline view: one bar per row from its start to its end column (years or dates), named by
// the row's first IRI or text column, earliest first. A row without an end runs to this year.

import { display, nameColumn, periodColumns, timeOf } from "./model.js";
import { chartLibrary, el, format, number } from "./dom.js";

const MAX_BARS = 300;
const BAR_PX = 18;

export function timelineColumns(model) {
  const period = periodColumns(model);
  const name = nameColumn(model);
  return period && name ? { ...period, name } : null;
}

function bars(model, { start, end, name }) {
  const now = new Date().getFullYear() + 1;
  const list = [];
  for (const row of model.rows) {
    const from = timeOf(row[start.index], start.kind);
    if (from === null) continue;
    let to = timeOf(row[end.index], end.kind);
    const open = to === null;
    if (open) to = Math.max(from, now);
    else if (end.kind === "year") to += 1; // a year is a span: 2021–2021 covers 2021
    list.push({ label: display(model, row[name.index]) || "–", from, to: Math.max(to, from), open,
      text: `${row[start.index].value}–${open ? "" : row[end.index].value}` });
  }
  list.sort((a, b) => a.from - b.from || a.to - b.to);
  return list;
}

export function createTimeline(container, model, strings, loadChart) {
  const columns = timelineColumns(model);
  const note = el("p", { className: "note", id: "rv-timeline-note" });
  const canvas = el("canvas", { id: "rv-timeline-canvas", role: "img" });
  const box = el("div", { className: "rv-timeline-box" }, [canvas]);
  container.replaceChildren(note, box);
  let chart = null;

  async function draw() {
    const all = bars(model, columns);
    const shownBars = all.slice(0, MAX_BARS);
    if (!shownBars.length) {
      if (chart) { chart.destroy(); chart = null; }
      note.textContent = strings.timeline_none;
      canvas.setAttribute("aria-label", strings.timeline_none);
      container.dataset.bars = "0";
      return;
    }
    note.textContent = format(strings.timeline_about, { start: columns.start.name, end: columns.end.name,
      name: columns.name.name }) + (all.length > MAX_BARS
      ? " " + format(strings.timeline_capped, { n: number(MAX_BARS, model), total: number(all.length, model) }) : "");
    box.style.height = `${Math.max(160, 60 + shownBars.length * BAR_PX)}px`;
    const description = format(strings.timeline_label, { n: number(shownBars.length, model) });
    canvas.setAttribute("aria-label", description);
    const Chart = await chartLibrary(loadChart, container, note, strings);
    if (!Chart) return;
    if (chart) chart.destroy();
    container.dataset.bars = String(shownBars.length);
    const low = Math.floor(Math.min(...shownBars.map((b) => b.from)));
    const high = Math.ceil(Math.max(...shownBars.map((b) => b.to)));
    chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: shownBars.map((b) => b.label),
        datasets: [{ label: description, data: shownBars.map((b) => [b.from, b.to]),
          backgroundColor: shownBars.map((b) => (b.open ? "rgba(23, 190, 207, 0.45)" : "rgba(31, 119, 180, 0.8)")),
          barPercentage: 0.9, categoryPercentage: 1 }],
      },
      options: {
        indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { type: "linear", min: low, max: high, ticks: { precision: 0, callback: (v) => String(v) } } },
        plugins: { legend: { display: false },
          tooltip: { callbacks: { label: (item) => shownBars[item.dataIndex].text +
            (shownBars[item.dataIndex].open ? " " + strings.timeline_open : "") } } },
      },
    });
  }

  const ready = draw();
  return { ready, refresh: () => draw(), destroy: () => chart && chart.destroy() };
}

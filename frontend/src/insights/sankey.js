// The money-flows page: one Sankey diagram per currency (or one in DKK where rates are recorded), funders
// on the left to projects on the right. Clicking a band opens the page narrowed to its grants; the same
// links are in the flows table under each diagram, which is what keyboard and screen-reader users use.

import { COLUMN, MUTED } from "./colours.js";
import { count, money } from "./format.js";
import { keep } from "./registry.js";

const ROW = 36; // pixels per node of the fullest column
const MIN_HEIGHT = 260;

function colourOf(node) {
  return node && node.kind === "entity" ? COLUMN[node.column] : MUTED;
}

export function drawDiagram(Chart, diagram, index, payload) {
  const canvas = document.getElementById(`sankey-${index}`);
  const wrap = document.getElementById(`sankey-wrap-${index}`);
  if (!canvas || !wrap || !diagram.links.length) return null;
  const nodes = new Map(diagram.nodes.map((n) => [n.key, n]));
  const perColumn = {};
  for (const n of diagram.nodes) perColumn[n.column] = (perColumn[n.column] || 0) + 1;
  const fullest = Math.max(...Object.values(perColumn));
  wrap.hidden = false;
  canvas.parentElement.style.height = `${Math.max(MIN_HEIGHT, fullest * ROW)}px`;
  const { lang, strings } = payload;
  const chart = keep(new Chart(canvas, {
    type: "sankey",
    data: {
      datasets: [{
        data: diagram.links.map((l) => ({ from: l.from, to: l.to, flow: l.amount })),
        labels: Object.fromEntries(diagram.nodes.map((n) => [n.key, n.label])),
        column: Object.fromEntries(diagram.nodes.map((n) => [n.key, diagram.columns.indexOf(n.column)])),
        priority: Object.fromEntries(diagram.nodes.map((n, i) => [n.key, i])),
        colorFrom: (c) => colourOf(nodes.get(c.raw && c.raw.from)),
        colorTo: (c) => colourOf(nodes.get(c.raw && c.raw.to)),
        colorMode: "gradient",
        alpha: 0.55,
        nodeWidth: 10,
        nodePadding: 16,
        nodeMinSize: 4,
        size: "max",
        font: { size: 13 },
        color: "#1d2430",
      }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { right: 8 } },
      onClick: (_, elements) => {
        const link = elements.length ? diagram.links[elements[0].index] : null;
        if (link && link.href) window.location.assign(link.href);
      },
      onHover: (event, elements) => {
        const link = elements.length ? diagram.links[elements[0].index] : null;
        event.native.target.style.cursor = link && link.href ? "pointer" : "default";
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: () => "",
            label: (c) => {
              const link = diagram.links[c.dataIndex];
              return `${link.from_label} → ${link.to_label}: ${money(link.amount, diagram.currency, lang)} ` +
                `(${count(link.grants, lang)} ${strings["col.grants"].toLowerCase()})`;
            },
          },
        },
      },
    },
  }));
  canvas.dataset.drawn = "true";
  return chart;
}

export function drawMoney(Chart, payload) {
  const diagrams = payload.data.diagrams || [];
  diagrams.forEach((diagram, index) => drawDiagram(Chart, diagram, index, payload));
}

// The graph view: the IRIs of a result as nodes, its rows as edges, drawn with the map's vis-network
// (served by this app from pyvis, loaded on first use) and the map's colours and shapes per kind.
//   SELECT: in each row, the first IRI links to every other IRI of the row (the edge named by its column);
//   CONSTRUCT/DESCRIBE: subject → object, named by the predicate.

/* global vis */
import { entityHref, shortForm } from "../results.js";
import { display, iris } from "./model.js";
import { el, format, number } from "./dom.js";

const MAX_NODES = 1000;
let loading = null;

// vis-network's script and style, once per page.
export function loadVis(config) {
  if (typeof vis !== "undefined") return Promise.resolve();
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      if (config.vis_css) document.head.appendChild(el("link", { rel: "stylesheet", href: config.vis_css }));
      const script = el("script", { src: config.vis_js });
      script.addEventListener("load", () => resolve());
      script.addEventListener("error", () => { loading = null; reject(new Error("vis-network")); });
      document.head.appendChild(script);
    });
  }
  return loading;
}

export function graphable(model) {
  return iris(model).length > 0;
}

function edgesOf(model) {
  const edges = new Map();
  const nodes = new Set();
  let rows = 0;
  const add = (from, to, name) => {
    const key = `${from}\u0000${name}\u0000${to}`;
    if (!edges.has(key)) edges.set(key, { id: key, from, to, title: name });
  };
  for (const row of model.rows) {
    const found = [];
    if (model.kind === "graph") {
      const [s, p, o] = row;
      if (s && s.type === "uri") found.push(s.value);
      if (o && o.type === "uri") found.push(o.value);
    } else {
      model.columns.forEach((column, i) => {
        if (!column.hidden && row[i] && row[i].type === "uri") found.push(row[i].value);
      });
    }
    const fresh = found.filter((iri) => !nodes.has(iri));
    if (nodes.size + fresh.length > MAX_NODES) break;
    fresh.forEach((iri) => nodes.add(iri));
    rows += 1;
    if (model.kind === "graph") {
      if (found.length === 2) add(found[0], found[1], shortForm(row[1].value, model.context.prefixes || {}));
    } else {
      const names = model.columns.filter((c, i) => !c.hidden && row[i] && row[i].type === "uri").map((c) => c.name);
      for (let i = 1; i < found.length; i += 1) if (found[i] !== found[0]) add(found[0], found[i], names[i]);
    }
  }
  return { nodes: [...nodes], edges: [...edges.values()], rows };
}

export function createGraph(container, model, strings, config, fetchKinds) {
  const status = el("p", { className: "note", id: "rv-graph-status", role: "status", text: strings.graph_loading });
  // Arrow keys pan and +/- zoom once it has the focus (vis-network's keyboard); the table says the same in words.
  const canvas = el("div", { className: "rv-graph-canvas", id: "rv-graph-canvas", role: "application", tabIndex: 0,
    "aria-label": strings.view_graph });
  const legend = el("ul", { className: "rv-graph-legend", id: "rv-graph-legend", "aria-label": strings.graph_legend });
  const selected = el("p", { className: "rv-graph-selected", id: "rv-graph-selected", "aria-live": "polite" });
  container.replaceChildren(status, canvas, selected, legend);
  const { nodes, edges, rows } = edgesOf(model);
  let network = null;
  let dataset = null;
  let kinds = new Map();

  function groups() {
    const out = { other: { shape: "dot", color: { background: "#a0aec0", border: "#ffffff" } } };
    for (const [kind, style] of Object.entries(config.kinds || {})) out[kind] = { shape: style.shape, color: style.color };
    return out;
  }

  function items() {
    return nodes.map((iri) => ({ id: iri, label: display(model, { type: "uri", value: iri }), title: iri,
      group: kinds.get(iri) || "other" }));
  }

  function drawLegend() {
    const present = new Set(nodes.map((iri) => kinds.get(iri) || "other"));
    legend.replaceChildren();
    for (const kind of [...Object.keys(config.kinds || {}), "other"]) {
      if (!present.has(kind)) continue;
      const swatch = el("span", { className: "swatch", "aria-hidden": "true" });
      swatch.style.background = kind === "other" ? "#a0aec0" : config.kinds[kind].colour;
      legend.appendChild(el("li", {}, [swatch, kind === "other" ? strings.graph_other : config.kinds[kind].label]));
    }
  }

  async function draw() {
    try {
      await loadVis(config);
      kinds = await fetchKinds(nodes).catch(() => new Map());
    } catch {
      status.textContent = strings.graph_failed;
      return;
    }
    dataset = new vis.DataSet(items());
    const data = { nodes: dataset, edges: new vis.DataSet(edges) };
    const big = nodes.length > 300;
    network = new vis.Network(canvas, data, {
      groups: groups(),
      nodes: { size: 12, font: { size: 13 } },
      edges: { ...(config.edge || {}), smooth: false },
      layout: { improvedLayout: !big },
      physics: { stabilization: { iterations: big ? 100 : 200 }, barnesHut: { springLength: 120 } },
      interaction: { hover: true, keyboard: { enabled: true, bindToWindow: false }, tooltipDelay: 150 },
    });
    network.once("stabilizationIterationsDone", () => network.setOptions({ physics: { enabled: false } }));
    network.on("click", (params) => select(params.nodes[0]));
    let text = format(strings.graph_status, { nodes: number(nodes.length, model), edges: number(edges.length, model) });
    if (rows < model.rows.length) text += " " + format(strings.graph_capped, { n: number(rows, model), total: number(model.rows.length, model) });
    status.textContent = text;
    canvas.setAttribute("aria-label", text);
    container.dataset.nodes = String(nodes.length);
    container.dataset.edges = String(edges.length);
    window.vdkResults = Object.assign(window.vdkResults || {}, { graph: network, graphNodes: data.nodes });
    drawLegend();
  }

  function select(iri) {
    selected.replaceChildren();
    if (!iri) return;
    const href = entityHref(iri, model.context.base);
    const name = display(model, { type: "uri", value: iri });
    selected.append(href ? el("a", { href, text: name, title: iri }) : el("span", { text: name, title: iri }));
  }

  const ready = draw();
  return {
    ready,
    refresh() {
      if (dataset) dataset.update(items());
    },
    destroy: () => network && network.destroy(),
  };
}

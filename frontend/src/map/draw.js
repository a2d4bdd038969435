// Drawing: the data as vis-network nodes and edges, the status line, kinds shown and hidden in place,
// and "show over time" (nodes appear year by year).
//
// Safety: every text from the data goes in with textContent or as a vis-network plain-text title
// (shown with innerText); no innerHTML anywhere.

/* global vis */
import { $, number, setStatus, state, text } from "./state.js";

export function visNode(node) {
  const title = [node.label].concat((node.facts || []).map((f) => f[0] + ": " + f[1]));
  return {
    id: node.id, label: node.label, group: node.group, x: node.x, y: node.y, size: node.size,
    title: title.join("\n"), hidden: !!state.hiddenKinds[node.kind], raw: node,
  };
}

export function visEdge(edge, styles) {
  const out = { id: edge.from + "\u0000" + edge.relation + "\u0000" + edge.to, from: edge.from, to: edge.to,
                title: edge.title, raw: edge };
  Object.assign(out, styles[edge.relation] || {});
  return out;
}

export function edgeStyles(data) {
  const styles = {};
  for (const r of (data.legend || {}).relations || []) styles[r.relation] = r.style;
  return styles;
}

// A new network for `data`; `on.click(id | null)` and `on.doubleClick(id)` get the node under the pointer.
export function draw(data, on) {
  const canvas = $("map-canvas");
  const styles = edgeStyles(data);
  const nodes = new vis.DataSet(data.nodes.map(visNode));
  const edges = new vis.DataSet(data.edges.map((e) => visEdge(e, styles)));
  state.nodes = nodes;
  state.edges = edges;
  state.styles = styles;
  if (state.network) state.network.destroy();
  const network = new vis.Network(canvas, { nodes, edges }, data.options);
  state.network = network;
  network.on("click", (params) => on.click(params.nodes.length ? params.nodes[0] : null));
  network.on("doubleClick", (params) => {
    if (params.nodes.length) on.doubleClick(params.nodes[0]);
  });
  const ready = () => {
    if (data.focus && nodes.get(data.focus)) network.selectNodes([data.focus]);
    canvas.setAttribute("data-state", "ready");
  };
  if (data.physics && data.nodes.length > 1) {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      ready();
    });
  } else {
    network.once("afterDrawing", ready);
  }
  updateStatus(data);
}

function updateStatus(data) {
  const totals = data.totals;
  if (!data.nodes.length) { setStatus(text("empty")); return; }
  let message = text("status", {
    shown: number(totals.shown_nodes), matching: number(totals.matching_nodes),
    edges: number(totals.shown_edges), all_edges: number(totals.matching_edges),
  });
  if (totals.hidden_nodes > 0) message += " " + text("hidden", { hidden: number(totals.hidden_nodes) });
  if (!data.physics) message += " " + text("still");
  setStatus(message);
}

// In the offline file the kinds are shown and hidden in place (there is no server to ask).
export function toggleKind(kind, shown) {
  state.hiddenKinds[kind] = !shown;
  if (!state.nodes) return;
  state.nodes.update(state.nodes.get({ filter: (n) => n.raw.kind === kind })
    .map((n) => ({ id: n.id, hidden: !shown })));
}

// ------------------------------------------------------------------ over time

export function togglePlay() {
  const button = $("map-play");
  if (state.playing) { stopPlay(); return; }
  const years = state.data && state.data.years;
  if (!years || !state.nodes) return;
  let year = years[0];
  button.textContent = text("stop");
  button.setAttribute("aria-pressed", "true");
  const step = () => {
    showYear(year);
    year += 1;
    if (year > years[1]) { stopPlay(); return; }
    state.playing = setTimeout(step, 700);
  };
  state.playing = setTimeout(step, 0);
}

function showYear(year) {
  $("map-year").textContent = text("year_now", { year });
  $("map-canvas").setAttribute("data-year", String(year));
  state.nodes.update(state.nodes.get().map((n) => {
    const appears = n.raw.appears;
    return { id: n.id, hidden: !!state.hiddenKinds[n.raw.kind] || (appears != null && appears > year) };
  }));
}

export function stopPlay() {
  clearTimeout(state.playing);
  state.playing = null;
  const button = $("map-play");
  button.textContent = text("play");
  button.setAttribute("aria-pressed", "false");
  $("map-year").textContent = "";
  $("map-canvas").removeAttribute("data-year");
  if (state.nodes) {
    state.nodes.update(state.nodes.get().map((n) => ({ id: n.id, hidden: !!state.hiddenKinds[n.raw.kind] })));
  }
}

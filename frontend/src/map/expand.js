// Double-click: fetch the node's neighbours in the current view's kinds and filters, and add the new ones around it.

import { fetchView } from "./data.js";
import { edgeStyles, visEdge, visNode } from "./draw.js";
import { $, isStatic, number, setStatus, state, text } from "./state.js";

export function expand(id) {
  if (isStatic || !state.nodes) return;
  const args = new URLSearchParams(state.args);
  args.set("focus", id);
  args.set("hops", "1");
  args.set("max", "250");
  fetchView(args).then((data) => {
    if (!data.nodes) return;
    const centre = state.network.getPosition(id);
    const fresh = data.nodes.filter((n) => !state.nodes.get(n.id));
    const step = 2 * Math.PI / Math.max(fresh.length, 1);
    const radius = 90 + 6 * fresh.length;
    state.nodes.add(fresh.map((n, i) => {
      const item = visNode(n);
      item.x = centre.x + radius * Math.cos(i * step);
      item.y = centre.y + radius * Math.sin(i * step);
      return item;
    }));
    Object.assign(state.styles, edgeStyles(data));
    state.edges.add(data.edges.map((e) => visEdge(e, state.styles)).filter((e) => !state.edges.get(e.id)));
    const item = state.nodes.get(id);
    setStatus(text("expanded", { label: item ? item.label : id, count: number(fresh.length) }));
    $("map-canvas").setAttribute("data-expanded", String(fresh.length));
  });
}

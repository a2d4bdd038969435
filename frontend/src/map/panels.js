// The side panel: what the data says about the node that was clicked or found, with its page link.

import { $, isStatic, pageUrl, state, text } from "./state.js";

export function openPanel(id) {
  const item = state.nodes && state.nodes.get(id);
  const panel = $("map-panel");
  if (!item || !panel) return;
  const node = item.raw;
  state.selected = id;
  $("map-panel-title").textContent = node.label;
  const kind = (node.facts || [])[0];
  $("map-panel-kind").textContent = kind ? kind[1] : node.kind;
  const also = $("map-panel-also");
  if (node.other_label) {
    also.textContent = text("panel.also") + ": " + node.other_label;
    also.hidden = false;
  } else {
    also.hidden = true;
  }
  const facts = $("map-panel-facts");
  facts.replaceChildren();
  for (const fact of (node.facts || []).slice(1)) {
    const dt = document.createElement("dt");
    dt.textContent = fact[0];
    const dd = document.createElement("dd");
    dd.textContent = fact[1];
    facts.append(dt, dd);
  }
  const link = $("map-panel-page");
  const url = pageUrl(node.id);
  link.hidden = !url;
  if (url) link.href = url;
  const focusButton = $("map-panel-focus");
  if (focusButton) focusButton.hidden = isStatic;
  const expandButton = $("map-panel-expand");
  if (expandButton) expandButton.hidden = isStatic;
  panel.hidden = false;
}

export function closePanel() {
  const panel = $("map-panel");
  if (panel) panel.hidden = true;
  state.selected = null;
}

export function selectNode(id) {
  if (!state.network) return;
  state.network.selectNodes([id]);
  state.network.focus(id, { scale: 1.4, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  openPanel(id);
}

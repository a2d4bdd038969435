// The map from the keyboard (issue 15 §5): Tab reaches the map; the arrow keys move it, + and - zoom,
// 0 fits it to the screen; N and P go from node to node (the best connected first), each opening its
// side panel and being read out; Enter moves into the panel (its page link first), Escape closes the panel
// and comes back to the map. The canvas is one focusable element (role="application"): vis-network draws
// nodes on a canvas, which holds no elements a screen reader or the Tab key could reach one by one.

import { closePanel, openPanel } from "./panels.js";
import { $, state, text } from "./state.js";

const STEP = 80; // pixels the view moves per arrow key
const ZOOM = 1.25;

// Visible nodes, the biggest (best connected) first, then by name: the order N and P follow.
function order() {
  if (!state.nodes) return [];
  const shown = state.nodes.get({ filter: (n) => !n.hidden });
  shown.sort((a, b) => (b.size || 0) - (a.size || 0) || String(a.label).localeCompare(String(b.label)));
  return shown.map((n) => n.id);
}

function announce(message) {
  const live = $("map-announce");
  if (live) live.textContent = message;
}

function step(direction) {
  const ids = order();
  if (!ids.length) return;
  const at = ids.indexOf(state.selected);
  const next = ids[(at + direction + ids.length) % ids.length] ?? ids[0];
  state.network.selectNodes([next]);
  state.network.focus(next, { scale: Math.max(state.network.getScale(), 1.2), animation: false });
  openPanel(next);
  const node = state.nodes.get(next);
  announce(text("keys.node", { label: node.label, n: ids.indexOf(next) + 1, total: ids.length }));
}

function move(dx, dy) {
  const network = state.network;
  const scale = network.getScale();
  const at = network.getViewPosition();
  network.moveTo({ position: { x: at.x + dx / scale, y: at.y + dy / scale }, animation: false });
}

function zoom(factor) {
  const network = state.network;
  network.moveTo({ scale: network.getScale() * factor, animation: false });
}

function intoPanel() {
  const panel = $("map-panel");
  if (!panel || panel.hidden) return false;
  const target = [$("map-panel-page"), $("map-panel-focus"), $("map-panel-expand"), $("map-panel-close")]
    .find((el) => el && !el.hidden);
  if (target) target.focus();
  return !!target;
}

// vis-network makes its own frame focusable: the map would take two Tab stops, the inner one without a name.
// It stays focusable by a click (whose keys reach the map's handler, the frame being inside it).
export function oneTabStop() {
  const frame = document.querySelector("#map-canvas .vis-network");
  if (frame) frame.tabIndex = -1;
}

export function wireKeyboard() {
  const canvas = $("map-canvas");
  if (!canvas) return;
  canvas.addEventListener("keydown", (event) => {
    if (!state.network || event.altKey || event.ctrlKey || event.metaKey) return;
    const keys = {
      ArrowLeft: () => move(-STEP, 0), ArrowRight: () => move(STEP, 0),
      ArrowUp: () => move(0, -STEP), ArrowDown: () => move(0, STEP),
      "+": () => zoom(ZOOM), "=": () => zoom(ZOOM), "-": () => zoom(1 / ZOOM),
      0: () => state.network.fit(),
      n: () => step(1), N: () => step(1), p: () => step(-1), P: () => step(-1),
      Enter: () => { if (!intoPanel() && order().length) step(1); },
      Escape: () => { closePanel(); if (state.network) state.network.unselectAll(); announce(""); },
    };
    const act = keys[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  });
  const panel = $("map-panel");
  if (panel) {
    panel.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      closePanel();
      canvas.focus();
    });
  }
}

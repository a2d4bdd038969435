// The network map (/map, its embed, and the offline file of `vdk-graph map --out`): draws the view
// with vis-network (served by this app from pyvis) and wires the controls. Bundled by frontend/build.mjs
// into webapp/static/dist/map.js, a classic script, so the offline file can inline it.
//
//   state.js  settings, strings, shared state, the URL     data.js    loading the view
//   draw.js   nodes, edges, status, over time             panels.js  the side panel
//   search.js search with completion                      expand.js  double-click to expand
//   export.js links that follow the view, PNG                 keyboard.js moving, zooming, node to node

/* global vis */
import { adoptCanonicalArgs, load } from "./data.js";
import { draw, toggleKind, togglePlay } from "./draw.js";
import { expand } from "./expand.js";
import { downloadPng, updateLinks } from "./export.js";
import { closePanel, openPanel } from "./panels.js";
import { oneTabStop, wireKeyboard } from "./keyboard.js";
import { wireSearch } from "./search.js";
import { $, config, isStatic, setFocus, state } from "./state.js";

function render(data) {
  state.data = data;
  if (!data) return;
  adoptCanonicalArgs(data);
  draw(data, {
    click: (id) => { if (id) openPanel(id); else closePanel(); },
    doubleClick: expand,
  });
  oneTabStop();
  updateLinks(data);
  closePanel();
}

function formArgs(form) {
  const args = new URLSearchParams();
  new FormData(form).forEach((value, name) => {
    if (name === "kind" || String(value).trim() !== "") args.append(name, value);
  });
  const kinds = args.getAll("kind").filter((k) => k);
  args.delete("kind");
  const defaults = (config.default_kinds || []).slice().sort().join(",");
  if (kinds.slice().sort().join(",") !== defaults) args.set("kind", kinds.join(","));
  return args;
}

function on(id, event, handler) {
  const el = $(id);
  if (el) el.addEventListener(event, handler);
}

function wireControls() {
  const form = $("map-form");
  if (!form) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!isStatic) { state.args = formArgs(form); load(render); }
  });
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target.id === "map-search" || target.id === "map-embed-code") return;
    if (isStatic) {
      if (target.name === "kind") toggleKind(target.value, target.checked);
      return;
    }
    state.args = formArgs(form);
    load(render);
  });
  on("map-panel-focus", "click", () => { if (state.selected) setFocus(state.selected); });
  on("map-panel-expand", "click", () => { if (state.selected) expand(state.selected); });
  on("map-panel-close", "click", closePanel);
  on("map-fit", "click", () => { if (state.network) state.network.fit(); });
  on("map-png", "click", downloadPng);
  on("map-play", "click", togglePlay);
  const embed = $("map-embed-code");
  if (embed) embed.addEventListener("focus", () => embed.select());
}

if ($("map-canvas") && typeof vis !== "undefined") {
  window.vdkMap = state;
  wireSearch();
  wireControls();
  wireKeyboard();
  load(render);
}

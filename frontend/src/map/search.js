// Search with completion: names in the view first (Danish spellings folded), then the server's
// index for names outside it (choosing one of those focuses the map on it). A WAI-ARIA combobox.

import { selectNode } from "./panels.js";
import { $, config, fold, isStatic, setFocus, state, text, urls } from "./state.js";

function searchLocal(query) {
  const key = fold(query.trim());
  if (!key || !state.nodes) return [];
  const hits = [];
  state.nodes.forEach((item) => {
    const hay = item.raw.search || fold(item.label);
    const at = hay.indexOf(key);
    if (at < 0) return;
    const rank = at === 0 ? 0 : (/[a-z0-9]/.test(hay.charAt(at - 1)) ? 2 : 1);
    hits.push({ id: item.id, label: item.label, kind: item.raw.kind, rank, score: item.raw.score });
  });
  hits.sort((a, b) => a.rank - b.rank || b.score - a.score || (a.label < b.label ? -1 : 1));
  return hits.slice(0, 10);
}

function showHits(hits, elsewhere) {
  const list = $("map-search-list");
  const input = $("map-search");
  list.replaceChildren();
  state.searchHits = hits;
  state.searchActive = hits.length ? 0 : -1;
  hits.forEach((hit, i) => {
    const li = document.createElement("li");
    li.setAttribute("role", "option");
    li.id = "map-hit-" + i;
    li.dataset.index = String(i);
    const name = document.createElement("span");
    name.textContent = hit.label;
    const kind = document.createElement("small");
    kind.textContent = elsewhere ? " · " + text("search.elsewhere") : "";
    li.append(name, kind);
    li.addEventListener("mousedown", (event) => { event.preventDefault(); choose(i); });
    list.appendChild(li);
  });
  if (!hits.length && input.value.trim()) {
    const none = document.createElement("li");
    none.className = "none";
    none.textContent = text("search.none");
    list.appendChild(none);
  }
  list.hidden = !list.firstChild;
  input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
  markActive();
}

function markActive() {
  const list = $("map-search-list");
  list.querySelectorAll("li[role=option]").forEach((li, i) => {
    li.setAttribute("aria-selected", i === state.searchActive ? "true" : "false");
  });
  const input = $("map-search");
  if (state.searchActive >= 0) {
    input.setAttribute("aria-activedescendant", "map-hit-" + state.searchActive);
  } else {
    input.removeAttribute("aria-activedescendant");
  }
}

function choose(i) {
  const hit = state.searchHits[i];
  if (!hit) return;
  $("map-search").value = hit.label;
  showHits([]);
  $("map-search-list").hidden = true;
  if (hit.remote) setFocus(hit.id); else selectNode(hit.id);
}

let searchTimer = null;
function onSearch() {
  const input = $("map-search");
  const query = input.value;
  const hits = searchLocal(query);
  if (hits.length || isStatic || !query.trim()) { showHits(hits); return; }
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    fetch(urls.find + "?" + new URLSearchParams({ q: query, lang: config.lang }).toString())
      .then((response) => response.json())
      .then((body) => {
        if (input.value !== query) return;
        showHits((body.hits || []).map((h) => { h.remote = true; return h; }), true);
      });
  }, 200);
}

export function wireSearch() {
  const input = $("map-search");
  if (!input) return;
  input.addEventListener("input", onSearch);
  input.addEventListener("keydown", (event) => {
    const count = state.searchHits.length;
    if (event.key === "ArrowDown" && count) {
      state.searchActive = (state.searchActive + 1) % count; markActive(); event.preventDefault();
    } else if (event.key === "ArrowUp" && count) {
      state.searchActive = (state.searchActive - 1 + count) % count; markActive(); event.preventDefault();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (state.searchActive >= 0) choose(state.searchActive);
    } else if (event.key === "Escape") {
      $("map-search-list").hidden = true;
    }
  });
  input.addEventListener("blur", () => {
    setTimeout(() => { $("map-search-list").hidden = true; input.setAttribute("aria-expanded", "false"); }, 150);
  });
}

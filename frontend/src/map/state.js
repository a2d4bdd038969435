// The map's shared state and small helpers: its settings from the page, its strings, and the URL.
//
// Every state of the map (filters, kinds, focus, hops, language) lives in the URL query string
// (history.replaceState), so a reload or a shared link restores it. In the offline file written
// by `vdk-graph map --out` (config.static) the data is inlined and nothing is fetched.

export function readJson(id) {
  const el = document.getElementById(id);
  if (!el) return null;
  try { return JSON.parse(el.textContent); } catch { return null; }
}

export const config = readJson("map-config") || {};
export const strings = config.strings || {};
export const urls = config.urls || {};
export const isStatic = !!config.static;

function currentArgs() {
  if (isStatic) return new URLSearchParams();
  return new URLSearchParams(window.location.search);
}

// One object the modules share; also window.vdkMap, for people debugging in the console and for the tests.
export const state = {
  network: null, nodes: null, edges: null, data: null, args: currentArgs(),
  playing: null, searchHits: [], searchActive: -1, hiddenKinds: {},
};

export function $(id) {
  return document.getElementById(id);
}

export function text(key, values) {
  let s = strings[key] || key;
  for (const [k, v] of Object.entries(values || {})) s = s.split("{" + k + "}").join(String(v));
  return s;
}

export function number(n) {
  return Number(n).toLocaleString(config.lang === "da" ? "da-DK" : "en-GB");
}

// The same key as vdk_graph.names.fold: case, accents and Danish letters folded ("Århus" → "aarhus").
const LETTERS = { "æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss" };
export function fold(s) {
  s = String(s || "").normalize("NFKC").toLowerCase();
  s = s.replace(/[æøåäöüß]/g, (c) => LETTERS[c]);
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

export function withArgs(url, args) {
  const query = args.toString();
  return query ? url + "?" + query : url;
}

export function pageUrl(iri) {
  const base = config.base || "";
  if (!base || iri.indexOf(base) !== 0) return null;
  return (config.pages || "/id/") + encodeURI(iri.slice(base.length));
}

export function setStatus(message, isError) {
  const el = $("map-status");
  if (el) {
    el.textContent = message;
    el.classList.toggle("map-error", !!isError);
  }
}

// Focus on a node: the page's controls know the focus only after a reload; the focus view is one navigation away.
export function setFocus(id) {
  state.args.set("focus", id);
  if (!state.args.get("hops")) state.args.set("hops", "1");
  window.location.assign(withArgs(urls.page, state.args));
}

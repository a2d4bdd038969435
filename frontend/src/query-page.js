// /queries/NAME: a named query's result in the workbench's views (table, chart, graph, timeline),
// the choice kept in the URL (?view=). The server ran the query and put the result (SPARQL JSON),
// the labels of its IRIs and the graph view's settings in a JSON block; its own HTML table (the
// first rows) is what a visitor without JavaScript sees, and what this replaces.

import { mountViews, urlWithView, viewFromUrl } from "./views/index.js";
import { fromResults } from "./views/model.js";
import { fetchKinds } from "./views/labels.js";
import { renderDownloads } from "./views/downloads.js";

function post(endpoint, query) {
  return fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json" },
    body: new URLSearchParams({ query }),
  });
}

function init() {
  const root = document.getElementById("result-views");
  const block = document.getElementById("results-data");
  if (!root || !block) return;
  const payload = JSON.parse(block.textContent);
  const strings = JSON.parse(root.dataset.strings);
  const endpoint = root.dataset.endpoint;
  const context = { base: payload.base, prefixes: payload.prefixes || {}, lang: root.dataset.lang };
  const model = fromResults(payload.results, {
    context, labels: new Map(Object.entries(payload.labels || {})), truncated: payload.truncated, foldLabels: true,
  });
  const graph = payload.graph || {};
  mountViews(document.getElementById("results"), model, {
    strings, view: viewFromUrl(), graph,
    fetchKinds: (nodes) => fetchKinds((text) => post(endpoint, text), nodes, graph.classes),
    onView: (view) => {
      history.replaceState(null, "", urlWithView(window.location.href, view));
      const field = document.getElementById("query-view"); // the form keeps the view when it is sent again
      if (field) { field.value = view === "table" ? "" : view; field.disabled = !field.value; }
    },
  });
  const downloads = document.getElementById("downloads");
  if (downloads) {
    renderDownloads(downloads, { endpoint, query: payload.query, kind: "results", model, strings, name: payload.name });
  }
  root.dataset.ready = "true";
}

init();

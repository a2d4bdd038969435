// The query workbench at /query: editor, run, result views, downloads, permalink, history, examples.
//
// Everything it needs comes from the page's data-* attributes and from /query.json (the
// prefixes and ontology terms for completion, the map's kinds for the graph view), so the page
// has no inline script and works under the app's strict Content-Security-Policy. Queries go to
// the app's own SPARQL endpoint (/sparql), which applies the time limit and the row cap.
//
// The URL holds the query (?q=), the view (?view=chart; the table when absent) and, as #run,
// whether to run it on opening: the permalink is /query?q=…&view=…#run.

import { createEditor } from "./editor.js";
import { renderBoolean, triplesAsResults } from "./results.js";
import { clearHistory, loadHistory, remember, renderHistory } from "./history.js";
import { mountViews, urlWithView, viewFromUrl } from "./views/index.js";
import { addLabels, fromResults, iris } from "./views/model.js";
import { fetchKinds, fetchLabels } from "./views/labels.js";
import { renderDownloads } from "./views/downloads.js";

const ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9";

function byId(id) {
  return document.getElementById(id);
}

async function post(endpoint, query) {
  return fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: ACCEPT },
    body: new URLSearchParams({ query }),
  });
}

function serverMs(response) {
  const match = (response.headers.get("Server-Timing") || "").match(/dur=([\d.]+)/);
  return match ? Number(match[1]) : null;
}

function format(strings, key, values) {
  return strings[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

function init() {
  const root = byId("workbench");
  if (!root) return;
  const endpoint = root.dataset.endpoint;
  const strings = JSON.parse(root.dataset.strings);
  const context = { base: root.dataset.base, prefixes: {}, lang: root.dataset.lang };
  let vocabulary = { prefixes: {}, terms: [] };
  let graphConfig = {};
  let running = false;
  let views = null;
  let view = viewFromUrl();

  const editor = createEditor(root.querySelector("textarea#q"), {
    onRun: () => run(),
    getVocabulary: () => vocabulary,
    stylesheet: root.dataset.editorCss,
  });

  const configured = fetch(root.dataset.config, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then((config) => {
      vocabulary = { prefixes: config.prefixes, terms: config.terms };
      context.prefixes = config.prefixes;
      graphConfig = config.graph || {};
      root.dataset.vocabulary = "ready";
    })
    .catch(() => {});

  const status = byId("query-status");
  const errorBox = byId("query-error");
  const output = byId("results");
  const downloads = byId("downloads");
  const permalink = byId("permalink");
  const historyList = byId("history-list");

  const showHistory = (items) => renderHistory(historyList, items, strings, (query) => {
    editor.setText(query);
  });
  showHistory(loadHistory());
  byId("history-clear")?.addEventListener("click", () => {
    clearHistory();
    showHistory([]);
  });

  for (const link of document.querySelectorAll("a[data-example]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      editor.setText(new URL(link.href).searchParams.get("q") || "");
      history.replaceState(null, "", urlWithView(link.href, view)); // the view chosen stays
    });
  }

  byId("run")?.addEventListener("click", () => run());
  root.querySelector("form")?.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });

  function showError(message, line, column) {
    errorBox.hidden = false;
    const where = line ? format(strings, "at", { line, column: column || 1 }) + " " : "";
    if (line) message = message.replace(/^SPARQL syntax error at line \d+, column \d+:\s*/, "");
    errorBox.textContent = where + message;
    if (line) editor.markError(line, column, message);
  }

  async function run() {
    if (running) return;
    const query = editor.getText();
    if (!query.trim()) return;
    running = true;
    editor.clearError();
    errorBox.hidden = true;
    status.textContent = strings.running;
    root.setAttribute("aria-busy", "true");
    setPermalink(query);
    delete output.dataset.labelled;
    const started = performance.now();
    try {
      const response = await post(endpoint, query);
      const elapsed = performance.now() - started;
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        let body = { message: await response.text() };
        if (type.includes("json")) {
          try { body = JSON.parse(body.message); } catch { /* keep the text */ }
        }
        clearViews();
        downloads.hidden = true;
        status.textContent = format(strings, "failed_after", { ms: Math.round(elapsed) });
        showError(body.message || response.statusText, body.line, body.column);
        showHistory(remember({ query, at: Date.now(), error: true }));
        return;
      }
      let data;
      let kind = "results";
      if (type.includes("n-triples")) {
        data = triplesAsResults(await response.text());
        kind = "graph";
      } else {
        data = await response.json();
      }
      let count = 0;
      let model = null;
      const server = serverMs(response);
      const truncated = response.headers.get("X-VDK-Truncated") === "true";
      clearViews();
      if (typeof data.boolean === "boolean") {
        renderBoolean(output, data.boolean, strings);
        count = 1;
      } else {
        count = data.results.bindings.length;
        model = fromResults(data, { context, kind, truncated });
        views = mountViews(output, model, {
          strings, view, graph: graphConfig,
          fetchKinds: (nodes) => fetchKinds((text) => post(endpoint, text), nodes, graphConfig.classes),
          onView: (chosen) => { view = chosen; setPermalink(query); },
        });
      }
      let text = format(strings, count === 1 ? "one_row" : "rows_in", { n: count, ms: Math.round(elapsed) });
      if (kind === "graph") text = format(strings, count === 1 ? "one_triple" : "triples_in", { n: count, ms: Math.round(elapsed) });
      if (server !== null) text += " " + format(strings, "server", { ms: server.toFixed(1) });
      if (truncated) text += " " + format(strings, "truncated", { limit: response.headers.get("X-VDK-Row-Limit") });
      status.textContent = text;
      renderDownloads(downloads, { endpoint, query, kind, model, strings });
      showHistory(remember({ query, at: Date.now(), rows: count }));
      if (model) await labelResults(model, views);
    } catch (error) {
      status.textContent = strings.network;
      showError(String(error));
    } finally {
      running = false;
      root.removeAttribute("aria-busy");
    }
  }

  async function labelResults(model, shownIn) {
    try {
      await fetchLabels((text) => post(endpoint, text), iris(model), context.lang, (labels) => {
        addLabels(model, labels);
        if (views === shownIn) shownIn.refresh();
      });
      if (views === shownIn) output.dataset.labelled = "true";
    } catch {
      // labels are a nicety; the IRIs stay readable without them
    }
  }

  function clearViews() {
    if (views) views.destroy();
    views = null;
    output.replaceChildren();
  }

  // The address bar and the permalink: the query, the view, and #run (opening it runs the query).
  function setPermalink(query) {
    const link = urlWithView(`${window.location.pathname}?${new URLSearchParams({ q: query })}`, view) + "#run";
    permalink.href = link;
    permalink.hidden = false;
    history.replaceState(null, "", link);
  }

  editor.focus();
  root.dataset.ready = "true";
  if (window.location.hash === "#run") configured.finally(() => run());
}

init();

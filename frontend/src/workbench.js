// The query workbench at /query: editor, run, results, downloads, permalink, history, examples.
//
// Everything it needs comes from the page's data-* attributes and from /query.json (the
// prefixes and ontology terms for completion), so the page has no inline script and works
// under the app's strict Content-Security-Policy. Queries go to the app's own SPARQL
// endpoint (/sparql), which applies the time limit and the row cap.

import { createEditor } from "./editor.js";
import {
  applyLabels, labelQuery, pickLabels, renderBoolean, renderTable, triplesAsResults,
} from "./results.js";
import { clearHistory, loadHistory, remember, renderHistory } from "./history.js";

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
  let running = false;

  const editor = createEditor(root.querySelector("textarea#q"), {
    onRun: () => run(),
    getVocabulary: () => vocabulary,
    stylesheet: root.dataset.editorCss,
  });

  fetch(root.dataset.config, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then((config) => {
      vocabulary = { prefixes: config.prefixes, terms: config.terms };
      context.prefixes = config.prefixes;
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
      history.replaceState(null, "", link.href);
    });
  }

  byId("run")?.addEventListener("click", () => run());
  root.querySelector("form")?.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });

  function setDownloads(query, kind) {
    const formats = kind === "graph"
      ? [["turtle", "Turtle", "ttl"], ["nt", "N-Triples", "nt"], ["jsonld", "JSON-LD", "jsonld"]]
      : [["csv", "CSV", "csv"], ["tsv", "TSV", "tsv"], ["json", "JSON", "srj"]];
    downloads.replaceChildren();
    for (const [name, label, extension] of formats) {
      const a = document.createElement("a");
      a.href = `${endpoint}?${new URLSearchParams({ query, format: name })}`;
      a.download = `results.${extension}`;
      a.textContent = label;
      a.id = `download-${name}`;
      downloads.appendChild(a);
    }
    downloads.hidden = false;
  }

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
    const link = `${window.location.pathname}?${new URLSearchParams({ q: query })}`;
    permalink.href = link;
    permalink.hidden = false;
    history.replaceState(null, "", link);
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
        output.replaceChildren();
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
      let iris = [];
      if (typeof data.boolean === "boolean") {
        renderBoolean(output, data.boolean, strings);
        count = 1;
      } else {
        count = data.results.bindings.length;
        iris = renderTable(output, data, context);
      }
      const server = serverMs(response);
      const truncated = response.headers.get("X-VDK-Truncated") === "true";
      let text = format(strings, count === 1 ? "one_row" : "rows_in", { n: count, ms: Math.round(elapsed) });
      if (kind === "graph") text = format(strings, count === 1 ? "one_triple" : "triples_in", { n: count, ms: Math.round(elapsed) });
      if (server !== null) text += " " + format(strings, "server", { ms: server.toFixed(1) });
      if (truncated) text += " " + format(strings, "truncated", { limit: response.headers.get("X-VDK-Row-Limit") });
      status.textContent = text;
      setDownloads(query, kind);
      showHistory(remember({ query, at: Date.now(), rows: count }));
      await addLabels(iris);
    } catch (error) {
      status.textContent = strings.network;
      showError(String(error));
    } finally {
      running = false;
      root.removeAttribute("aria-busy");
    }
  }

  async function addLabels(iris) {
    const query = labelQuery(iris);
    if (!query) return;
    try {
      const response = await post(endpoint, query);
      if (!response.ok) return;
      applyLabels(output, pickLabels(await response.json(), context.lang));
      output.dataset.labelled = "true";
    } catch {
      // labels are a nicety; the IRIs stay readable without them
    }
  }

  editor.focus();
  root.dataset.ready = "true";
}

init();

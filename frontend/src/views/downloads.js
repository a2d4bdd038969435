// Download buttons: the whole result from the endpoint (CSV, TSV, SPARQL JSON; Turtle, N-Triples,
// JSON-LD for graphs), and XLSX written in the browser from the same rows.

import { el } from "./dom.js";

const TABLE_FORMATS = [["csv", "CSV", "csv"], ["tsv", "TSV", "tsv"], ["json", "JSON", "srj"]];
const GRAPH_FORMATS = [["turtle", "Turtle", "ttl"], ["nt", "N-Triples", "nt"], ["jsonld", "JSON-LD", "jsonld"]];

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Fill `target` with the links and buttons for a result; `model` is null for ASK.
export function renderDownloads(target, { endpoint, query, kind, model, strings, name = "results" }) {
  target.replaceChildren();
  const formats = kind === "graph" ? GRAPH_FORMATS : TABLE_FORMATS;
  if (strings.download) target.appendChild(el("span", { className: "rv-download-label", text: strings.download }));
  for (const [format, label, extension] of formats) {
    target.appendChild(el("a", { id: `download-${format}`, download: `${name}.${extension}`, text: label,
      href: `${endpoint}?${new URLSearchParams({ query, format })}` }));
  }
  if (kind !== "graph" && model) {
    const button = el("button", { type: "button", id: "download-xlsx", className: "link", text: "XLSX",
      title: strings.xlsx_title });
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const { workbook } = await import("./xlsx.js");
        save(await workbook(model), `${name}.xlsx`);
      } catch (error) {
        button.title = `${strings.xlsx_failed} ${error}`;
      } finally {
        button.disabled = false;
      }
    });
    target.appendChild(button);
  }
  target.hidden = false;
}

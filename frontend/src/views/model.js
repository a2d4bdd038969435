// A result as the views see it: columns with a kind each (iri, number, year, date, text), rows of
// SPARQL JSON terms, and labels for the IRIs (from a label query, the server, or ?xLabel columns).

import { shortForm } from "../results.js";

const XSD = "http://www.w3.org/2001/XMLSchema#";
const NUMBERS = new Set(["integer", "decimal", "double", "float", "int", "long", "short", "byte",
  "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
  "unsignedLong", "unsignedShort", "unsignedByte"].map((name) => XSD + name));
const DATES = new Set([XSD + "date", XSD + "dateTime", XSD + "dateTimeStamp"]);
// Integer columns with these names hold years (YEAR(?start) AS ?from, ?startYear, …).
const YEARISH = /year|^år$|^(from|to|start|end|since|until|begin|first|last)$/i;
const START = /start|begin|from|since|first/i;
const END = /end|until|^to$|to$|last|finish|stop/i;

function kindOf(name, terms) {
  if (!terms.length) return "empty";
  if (terms.every((t) => t.type === "uri" || t.type === "bnode")) return "iri";
  if (terms.some((t) => t.type !== "literal" && t.type !== "typed-literal")) return "text";
  const types = new Set(terms.map((t) => t.datatype || ""));
  if (types.size === 1 && types.has(XSD + "gYear")) return "year";
  if ([...types].every((type) => DATES.has(type))) return "date";
  if ([...types].every((type) => NUMBERS.has(type))) {
    const years = terms.every((t) => /^-?\d+$/.test(t.value) && +t.value >= 1000 && +t.value <= 2999);
    return years && YEARISH.test(name) ? "year" : "number";
  }
  return "text";
}

// SPARQL JSON results → the model. `foldLabels` hides ?xLabel next to an IRI column ?x, as the
// server's tables do (the IRI cell shows the label).
export function fromResults(data, { context, labels = new Map(), kind = "results", truncated = false,
  foldLabels = false } = {}) {
  const vars = (data.head && data.head.vars) || [];
  const rows = data.results.bindings.map((binding) => vars.map((name) => binding[name]));
  const columns = vars.map((name, index) => {
    const terms = [];
    for (const row of rows) if (row[index]) terms.push(row[index]);
    return { name, index, kind: kindOf(name, terms), hidden: false };
  });
  const model = { kind, vars, rows, columns, labels: new Map(labels), truncated, context, version: 0 };
  for (const column of columns) {
    const of = columns.find((c) => c.kind === "iri" && c.name + "Label" === column.name);
    if (!of) continue;
    column.labelOf = of.index;
    column.hidden = foldLabels;
    for (const row of rows) {
      const iri = row[of.index];
      const label = row[column.index];
      if (iri && label && !model.labels.has(iri.value)) model.labels.set(iri.value, label.value);
    }
  }
  return model;
}

export function addLabels(model, labels) {
  for (const [iri, label] of labels) model.labels.set(iri, label);
  model.version += 1;
}

export function shown(model) {
  return model.columns.filter((column) => !column.hidden);
}

export function iris(model) {
  const seen = new Set();
  for (const row of model.rows) {
    for (const term of row) if (term && term.type === "uri") seen.add(term.value);
  }
  return [...seen];
}

// What a person reads for a term: the label of an IRI, or its short form; the text of a literal.
export function display(model, term) {
  if (!term) return "";
  if (term.type === "uri") return model.labels.get(term.value) || shortForm(term.value, model.context.prefixes || {});
  if (term.type === "bnode") return `_:${term.value}`;
  return term.value;
}

export function numberOf(term) {
  if (!term) return null;
  const value = Number(term.value);
  return Number.isFinite(value) ? value : null;
}

// Years as numbers; a date as its year plus the fraction of the year gone (for timelines).
export function timeOf(term, kind) {
  if (!term) return null;
  const match = /^(-?\d{4,})(?:-(\d{2})-(\d{2}))?/.exec(term.value);
  if (!match) return null;
  const year = Number(match[1]);
  if (kind !== "date" || !match[2]) return year;
  const day = (Date.UTC(year, Number(match[2]) - 1, Number(match[3])) - Date.UTC(year, 0, 1)) / 86400000;
  return year + day / 365.25;
}

export function yearOf(term) {
  const time = timeOf(term, "year");
  return time === null ? null : Math.floor(time);
}

export const isTemporal = (column) => column.kind === "year" || column.kind === "date";

// The start and end columns of a timeline: two temporal columns, by name where names tell.
export function periodColumns(model) {
  const temporal = shown(model).filter(isTemporal);
  if (temporal.length < 2) return null;
  const start = temporal.find((c) => START.test(c.name)) || temporal[0];
  const end = temporal.find((c) => c !== start && END.test(c.name)) || temporal.find((c) => c !== start);
  return { start, end };
}

// The column that names a row: the first IRI column, else the first text column.
export function nameColumn(model) {
  const columns = shown(model);
  return columns.find((c) => c.kind === "iri") || columns.find((c) => c.kind === "text") || null;
}

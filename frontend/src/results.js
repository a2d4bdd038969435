// Results as a table: IRIs link to their entity pages (ours) or out (others) and show labels,
// which are fetched for all IRIs of a result with one extra query.

const NUMERIC = /#(integer|decimal|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|gYear)$/;
const SAFE_IRI = /^[^<>"{}|^`\\\u0000-\u0020]+$/;
export const MAX_LABELLED = 500;

// A term of the SPARQL 1.1 JSON results format, from one N-Triples term.
function ntTerm(text) {
  if (text.startsWith("<")) return { type: "uri", value: text.slice(1, -1) };
  if (text.startsWith("_:")) return { type: "bnode", value: text.slice(2) };
  const match = text.match(/^"((?:[^"\\]|\\.)*)"(?:@([\w-]+)|\^\^<([^>]*)>)?$/);
  if (!match) return { type: "literal", value: text };
  const value = match[1].replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, esc) => {
    if (esc[0] === "u" || esc[0] === "U") return String.fromCodePoint(parseInt(esc.slice(1), 16));
    return { t: "\t", n: "\n", r: "\r", b: "\b", f: "\f", '"': '"', "'": "'", "\\": "\\" }[esc] ?? esc;
  });
  const term = { type: "literal", value };
  if (match[2]) term["xml:lang"] = match[2];
  if (match[3]) term.datatype = match[3];
  return term;
}

const NT_LINE = /^(<[^>]*>|_:\S+)\s+(<[^>]*>)\s+(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^<[^>]*>)?)\s*\.\s*$/;

// CONSTRUCT/DESCRIBE results (N-Triples) as SELECT-shaped results with columns subject, predicate, object.
export function triplesAsResults(text) {
  const bindings = [];
  for (const line of text.split("\n")) {
    const match = line.match(NT_LINE);
    if (match) {
      bindings.push({ subject: ntTerm(match[1]), predicate: ntTerm(match[2]), object: ntTerm(match[3]) });
    }
  }
  return { head: { vars: ["subject", "predicate", "object"] }, results: { bindings } };
}

export function shortForm(iri, prefixes) {
  for (const [name, ns] of Object.entries(prefixes)) {
    if (iri.startsWith(ns) && iri.length > ns.length) return `${name}:${iri.slice(ns.length)}`;
  }
  return iri;
}

// Our own IRIs link to their page here; web links link out; anything else (javascript:, data:) nowhere.
export function entityHref(iri, base) {
  if (iri.startsWith(base)) return "/id/" + iri.slice(base.length);
  return /^(https?|mailto):/i.test(iri) ? iri : null;
}

function cell(term, context) {
  const td = document.createElement("td");
  if (!term) return td;
  if (term.type === "uri") {
    const href = entityHref(term.value, context.base);
    const a = document.createElement(href ? "a" : "span");
    if (href) a.href = href;
    a.title = term.value;
    a.dataset.iri = term.value;
    a.textContent = shortForm(term.value, context.prefixes);
    td.appendChild(a);
  } else if (term.type === "bnode") {
    td.textContent = `_:${term.value}`;
    td.className = "bnode";
  } else {
    td.textContent = term.value;
    if (term["xml:lang"]) {
      const tag = document.createElement("span");
      tag.className = "lang";
      tag.textContent = term["xml:lang"];
      td.append(" ", tag);
    }
    if (term.datatype && NUMERIC.test(term.datatype)) td.className = "num";
  }
  return td;
}

// Render SPARQL JSON results into `container`; returns the IRIs it shows (for labels).
export function renderTable(container, data, context) {
  container.replaceChildren();
  const vars = data.head.vars || [];
  const table = document.createElement("table");
  table.className = "results";
  table.id = "results-table";
  const head = table.createTHead().insertRow();
  for (const name of vars) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  const iris = new Set();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const name of vars) {
      const term = binding[name];
      if (term && term.type === "uri") iris.add(term.value);
      row.appendChild(cell(term, context));
    }
  }
  container.appendChild(table);
  return [...iris];
}

export function renderBoolean(container, value, strings) {
  container.replaceChildren();
  const p = document.createElement("p");
  p.className = "ask-result";
  p.id = "ask-result";
  p.textContent = value ? strings.yes : strings.no;
  container.appendChild(p);
}

// One query for the labels of (up to MAX_LABELLED of) the IRIs, best language first.
export function labelQuery(iris) {
  const safe = iris.filter((iri) => SAFE_IRI.test(iri)).slice(0, MAX_LABELLED);
  if (!safe.length) return null;
  const values = safe.map((iri) => `<${iri}>`).join(" ");
  return `SELECT ?s ?label WHERE { VALUES ?s { ${values} } ` +
    "?s <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel>|" +
    "<http://purl.org/dc/terms/title> ?label FILTER(isLiteral(?label)) }";
}

export function pickLabels(data, lang) {
  const rank = (term) => {
    const tag = (term["xml:lang"] || "").toLowerCase();
    return tag === lang ? 0 : tag === "" ? 1 : 2;
  };
  const best = new Map();
  for (const binding of data.results.bindings) {
    const iri = binding.s && binding.s.value;
    const label = binding.label;
    if (!iri || !label) continue;
    const current = best.get(iri);
    if (!current || rank(label) < rank(current)) best.set(iri, label);
  }
  return new Map([...best].map(([iri, term]) => [iri, term.value]));
}

export function applyLabels(container, labels) {
  for (const a of container.querySelectorAll("[data-iri]")) {
    const label = labels.get(a.dataset.iri);
    if (label) {
      a.textContent = label;
      a.classList.add("labelled");
    }
  }
}

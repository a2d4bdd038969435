// Results: terms from N-Triples, short forms and links for IRIs, the label query and its answer.
// IRIs link to their entity pages (ours) or out (others); the views (views/) show them.

const SAFE_IRI = /^[^<>"{}|^`\\\u0000-\u0020]+$/;

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

export function renderBoolean(container, value, strings) {
  container.replaceChildren();
  const p = document.createElement("p");
  p.className = "ask-result";
  p.id = "ask-result";
  p.textContent = value ? strings.yes : strings.no;
  container.appendChild(p);
}

// One query for the labels of the IRIs (views/labels.js sends them in batches), best language first.
export function labelQuery(iris) {
  const safe = iris.filter((iri) => SAFE_IRI.test(iri));
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

// Labels and kinds for the IRIs of a result, asked of the endpoint in a few small queries.

import { labelQuery, pickLabels } from "../results.js";

const BATCH = 500;
export const MAX_LABELLED = 2000;
const SAFE_IRI = /^[^<>"{}|^`\\\u0000-\u0020]+$/;

async function select(post, query) {
  const response = await post(query);
  if (!response.ok) throw new Error(response.statusText);
  return response.json();
}

// Labels for up to MAX_LABELLED IRIs, best language first; `onBatch` gets each batch as it arrives.
export async function fetchLabels(post, iris, lang, onBatch) {
  const all = new Map();
  const wanted = iris.filter((iri) => SAFE_IRI.test(iri)).slice(0, MAX_LABELLED);
  for (let at = 0; at < wanted.length; at += BATCH) {
    const query = labelQuery(wanted.slice(at, at + BATCH));
    if (!query) continue;
    const labels = pickLabels(await select(post, query), lang);
    for (const [iri, label] of labels) all.set(iri, label);
    if (onBatch) onBatch(labels);
  }
  return all;
}

// The map's kind of each IRI (company, project, …) from its rdf:type, the map's rule: the first class of
// `classes` ([class IRI, kind] pairs, most specific first) that the node has.
export async function fetchKinds(post, iris, classes) {
  const kinds = new Map();
  const wanted = iris.filter((iri) => SAFE_IRI.test(iri));
  if (!classes || !classes.length) return kinds;
  const rank = new Map(classes.map(([iri], i) => [iri, i]));
  const best = new Map();
  const types = classes.map(([iri]) => `<${iri}>`).join(" ");
  for (let at = 0; at < wanted.length; at += BATCH) {
    const values = wanted.slice(at, at + BATCH).map((iri) => `<${iri}>`).join(" ");
    const data = await select(post, `SELECT DISTINCT ?s ?type WHERE { VALUES ?s { ${values} } ` +
      `VALUES ?type { ${types} } ?s a ?type }`);
    for (const binding of data.results.bindings) {
      const iri = binding.s.value;
      const r = rank.get(binding.type.value);
      if (r !== undefined && (!best.has(iri) || r < best.get(iri))) best.set(iri, r);
    }
  }
  for (const [iri, r] of best) kinds.set(iri, classes[r][1]);
  return kinds;
}

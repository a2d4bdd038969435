"""Helpers of the aggregates' tests: two formulations compared, a synthetic store counted as the bench does.

``check_all`` runs every materialised formulation of a named query against its original
on a store (rows, and their order up to ties of the ORDER BY) and requires that the
materialised one really ran; ``synthetic_store`` fills a store with the ontology, a
synthetic ecosystem, its network measures and its aggregates; ``participation_file``
writes an import that changes what the aggregates count.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from vdk_graph import queries, synth
from vdk_graph.aggregates import write_aggregates
from vdk_graph.config import Settings
from vdk_graph.matchmaking.metrics import write_metrics
from vdk_graph.ontology import ONTOLOGY_GRAPH, load_ontology
from vdk_graph.queries import NamedQuery
from vdk_graph.results import SelectResult
from vdk_graph.store import Store
from vdk_graph.synth.rdf import provenance_triples, triples
from vdk_graph.terms import graph_to_triples

BASE = Settings().base_iri
SYNTH_ORGS, SYNTH_SEED = 240, 11
PREFIX = "PREFIX vdk: <https://w3id.org/vdk/ontology#>\n"
MATERIALISED = sorted(q.name for q in queries.load_all() if q.materialised is not None)

#: Parameters to try per query, besides none at all: values found by asking the graph (``probe``).
PROBES: dict[str, list[dict[str, str]]] = {
    "collaborating-pairs": [{"min_projects": "2"}, {"min_projects": "3"}],
    "topic-cooccurrence": [{"min_projects": "2"}, {"topic": "?topic"}],
    "knowledge-reaches-companies": [{"institution": "?institution"}],
    "organisations-without-collaborations": [{"kind": "https://w3id.org/vdk/ontology#Company"}],
    "projects-active-in-year": [{"year": "2019"}, {"year": "2023"}],
    "public-money-by-topic": [{"topic": "?moneytopic"}],
    "participations-by-year": [{"organisation": "?busiest"}],
    "money-flows": [{"from_year": "2018", "to_year": "2021"}, {"topic": "?topic"}, {"to_year": "2016"}],
    "cluster-project-participants-in-city": [
        {"kind": "https://w3id.org/vdk/ontology#Organisation", "from_year": "2000", "to_year": "2030"}],
}
FIND = {
    "busiest": "SELECT ?x WHERE { ?x vdk:participatesIn ?p } GROUP BY ?x ORDER BY DESC(COUNT(?p)) ?x LIMIT 1",
    "moneytopic": "SELECT ?x WHERE { ?g a vdk:Grant ; vdk:grantFor/vdk:keyword ?x . FILTER(isIRI(?x)) } "
                  "GROUP BY ?x ORDER BY DESC(COUNT(?g)) ?x LIMIT 1",
    "topic": "SELECT ?x WHERE { ?p a vdk:Project ; vdk:keyword ?x . FILTER(isIRI(?x)) } "
             "GROUP BY ?x ORDER BY DESC(COUNT(?p)) ?x LIMIT 1",
    "institution": "SELECT ?x WHERE { ?k rdfs:subClassOf* vdk:KnowledgeInstitution . ?x a ?k ; "
                   "vdk:participatesIn ?p } GROUP BY ?x ORDER BY DESC(COUNT(?p)) ?x LIMIT 1",
}
def rows(result: object) -> list[tuple[str, ...]]:
    assert isinstance(result, SelectResult)
    return [tuple("" if term is None else str(term) for term in row) for row in result.rows]


def run(store: Store, text: str) -> tuple[list[str], list[tuple[str, ...]]]:
    from vdk_graph import sparql

    result = sparql.run(store, text)
    assert isinstance(result, SelectResult)
    return list(result.variables), rows(result)


def order_keys(named: NamedQuery, variables: list[str], found: list[tuple[str, ...]],
               ) -> list[tuple[str, ...]]:
    """Each row's values of the variables the query's last ORDER BY sorts by (rows tied on them may swap)."""
    clause = re.findall(r"ORDER BY (.+)", named.sparql)[-1]
    sorted_by = [v for v in re.findall(r"\?(\w+)", clause) if v in variables]
    at = [variables.index(v) for v in sorted_by]
    return [tuple(row[i] for i in at) for row in found]


#: Per query, columns whose value depends on the engine's row order: "names" (a GROUP_CONCAT with
#: ", "), "words" (one with " "), "text" (a SAMPLE of names: compared without its language tag). Two
#: formulations (or a rewrite and the text it replaced) meet the rows in different orders, and SPARQL
#: gives none.
ORDER_DEPENDENT = {"cluster-project-participants-in-city": {"clusters": "names", "projectLabel": "text",
                                                            "organisationLabel": "text"},
                   "money-flows": {"topics": "words"}}


#: The separator of each kind of GROUP_CONCAT in ORDER_DEPENDENT.
SEPARATORS = {"names": ", ", "words": " "}


def normalised(name: str, variables: list[str], found: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The rows, in their order, with the order-dependent columns made comparable (ORDER_DEPENDENT)."""
    how = [ORDER_DEPENDENT.get(name, {}).get(v) for v in variables]

    def cell(value: str, kind: str | None) -> str:
        if kind in SEPARATORS:
            return SEPARATORS[kind].join(sorted(value.strip('"').split(SEPARATORS[kind])))
        if kind == "text" and value.startswith('"'):
            return value[:value.rindex('"') + 1]
        return value

    return [tuple(cell(v, k) for v, k in zip(row, how, strict=True)) for row in found]


def comparable(name: str, variables: list[str], found: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The rows made comparable (:func:`normalised`), sorted."""
    return sorted(normalised(name, variables, found))


def same_answer(store: Store, named: NamedQuery, given: dict[str, str]) -> int:
    """Compare the two formulations on ``store``; the number of rows (the materialised one must run)."""
    assert named.materialised is not None
    chosen = named.bind(given, store)
    assert named.materialised.sparql.split("WHERE")[0] in chosen, (
        f"{named.name}: the materialised formulation did not run (aggregates not current?)")
    variables, fast = run(store, chosen)
    original_variables, slow = run(store, named.bind(given, store, original=True))
    assert variables == original_variables
    fast, slow = normalised(named.name, variables, fast), normalised(named.name, variables, slow)
    assert Counter(fast) == Counter(slow), (
        f"{named.name} {given}: only materialised {sorted(set(fast) - set(slow))[:5]}, "
        f"only original {sorted(set(slow) - set(fast))[:5]}")
    assert order_keys(named, variables, fast) == order_keys(named, variables, slow), (
        f"{named.name} {given}: the rows come in another order")
    return len(fast)


def inner_select(text: str, opening: str) -> str:
    """The sub-select of ``text`` that begins with ``opening``, to its closing brace, comments and spacing
    aside: what the aggregates have the engine compute is held to the named query's own text."""
    start = text.index(opening)
    depth, end = 0, start
    for at, char in enumerate(text[start:], start):
        depth += char == "{"
        depth -= char == "}"
        if char == "}" and depth == 0:
            end = at
            break
    words = (re.sub(r"#.*$", "", line) for line in text[start:end + 1].splitlines())
    return " ".join(" ".join(words).split())


def probed(store: Store, given: dict[str, str]) -> dict[str, str]:
    out = {}
    for key, value in given.items():
        if value.startswith("?"):
            result = store.query(PREFIX + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                                 + FIND[value[1:]])
            found = rows(result)
            assert found, f"the graph has nothing for {value}"
            value = found[0][0].strip("<>")
        out[key] = value
    return out


def cases(name: str) -> list[dict[str, str]]:
    return [{}, *PROBES.get(name, [])]


def check_all(store: Store) -> dict[str, int]:
    """Every materialised formulation against its original, with every case; rows per query."""
    counted: dict[str, int] = {}
    for name in MATERIALISED:
        named = queries.get(name)
        for given in cases(name):
            counted[name] = counted.get(name, 0) + same_answer(store, named, probed(store, given))
    return counted


def start_in_1901(store: Store, project: str) -> None:
    """Give ``project`` (as a query row shows it, ``<iri>``) an earlier start than any: a date changed, in a
    graph of its own, so the families that read projects' years go stale."""
    with store.transaction() as tx:
        start = ox.NamedNode("https://schema.org/startDate")
        day = ox.Literal("1901-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
        tx.replace_graph("https://w3id.org/vdk/id/graph/test/years",
                         [ox.Triple(ox.NamedNode(project.strip("<>")), start, day)])


def synthetic_store(store: Store, orgs: int = SYNTH_ORGS, seed: int = SYNTH_SEED) -> Store:
    """The ontology and a synthetic ecosystem, with network measures and aggregates, as the bench loads it."""
    ecosystem = synth.generate(orgs, seed=seed)
    with store.transaction() as tx:
        tx.replace_graph(ONTOLOGY_GRAPH, graph_to_triples(load_ontology()))
        tx.replace_graph(ecosystem.graph_iri, provenance_triples(ecosystem) + list(triples(ecosystem)))
    write_metrics(store, BASE)
    write_aggregates(store, BASE)
    return store


def participation_file(tmp: Path, store: Store) -> Path:
    """Turtle that makes the two least connected organisations partners in a new project of their own."""
    found = rows(store.query(PREFIX + """SELECT ?o WHERE { ?o a vdk:Company ; vdk:participatesIn ?p }
        GROUP BY ?o ORDER BY COUNT(?p) ?o LIMIT 2"""))
    a, b = (row[0] for row in found)
    path = tmp / "partners.ttl"
    path.write_text(f"""@prefix vdk: <https://w3id.org/vdk/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/vdk/id/project/test-stale-partners> a vdk:Project ; rdfs:label "Stale partners"@en ;
    vdk:keyword "stale-topic-one", "stale-topic-two" .
{a} vdk:participatesIn <https://w3id.org/vdk/id/project/test-stale-partners> .
{b} vdk:participatesIn <https://w3id.org/vdk/id/project/test-stale-partners> .
""", encoding="utf-8")
    return path



"""vdk-graph unchanged on Virtuoso: build, named queries, import and remove, the web app.

The shipped data is built through the CLI twice, into Virtuoso and into an
embedded store, with the named queries' test additions (synthetic ecosystem,
people); then both must give the same numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from tests.queries_fixtures import DATA, add_to_built, probe
from tests.table_fixtures import write_csv
from tests.virtuoso_fixtures import VirtuosoServer
from vdk_graph import queries
from vdk_graph.cli import main
from vdk_graph.config import Settings
from vdk_graph.results import SelectResult
from vdk_graph.store import EmbeddedStore, RemoteStore, Store
from webapp import create_app

pytestmark = pytest.mark.server

NAMES = [q.name for q in queries.load_all()]


@dataclass
class Built:
    virtuoso: RemoteStore
    embedded: EmbeddedStore
    server: VirtuosoServer


def cli(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def built(virtuoso: VirtuosoServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    virtuoso.clear()
    folder = tmp_path_factory.mktemp("embedded") / "store"
    cli("--store", virtuoso.url, "--data-dir", str(DATA), "build", env=virtuoso.env())
    cli("--store", str(folder), "--data-dir", str(DATA), "build")
    stores = Built(virtuoso.store(), EmbeddedStore(folder), virtuoso)
    for store in (stores.virtuoso, stores.embedded):
        add_to_built(store)
    yield stores
    stores.embedded.close()


@pytest.fixture(autouse=True)
def _virtuoso_answers(built: Built) -> None:
    built.server.require_answering()


def named_rows(store: Store, name: str, params: dict[str, str]) -> list[dict[str, object]]:
    result = queries.get(name).run(store, params)
    assert isinstance(result, SelectResult)
    return list(result.dicts())


# --------------------------------------------------------------------------- the data


def aggregate_triples(store: Store, graph: str, *, partner_communities: bool) -> int:
    """Triples of the aggregates graph that are (or are not) ``vdk:partnerCommunities``."""
    op = "=" if partner_communities else "!="
    result = store.query(f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }}
        FILTER(?p {op} <https://w3id.org/vdk/ontology#partnerCommunities>) }}""")
    assert isinstance(result, SelectResult)
    return next(int(row[0].value) for row in result.rows)  # type: ignore[union-attr]



def test_the_built_graph_is_the_same_on_virtuoso(built: Built) -> None:
    sizes, expected = built.virtuoso.graph_sizes(), built.embedded.graph_sizes()
    assert len(sizes) > 250
    # The network measures' graph is computed from the network as each engine returns it; Louvain's
    # communities depend on the order nodes come in, so that graph may differ by a few triples
    # (1,941 against 1,937 on the data of December 2026). Every other graph is the same, triple for triple.
    metrics = "https://w3id.org/vdk/id/graph/metrics"
    found, wanted = sizes.pop(metrics), expected.pop(metrics)
    assert wanted > 0 and abs(found - wanted) <= 0.01 * wanted, (found, wanted)
    # The aggregates count the communities among each organisation's partners from those measures
    # (vdk:partnerCommunities, ADR 0011): those may differ as much; every other aggregate is the same.
    aggregates = "https://w3id.org/vdk/id/graph/aggregates"
    sizes.pop(aggregates), expected.pop(aggregates)
    others = [aggregate_triples(store, aggregates, partner_communities=False)
              for store in (built.virtuoso, built.embedded)]
    assert others[0] == others[1] > 0
    found, wanted = (aggregate_triples(store, aggregates, partner_communities=True)
                     for store in (built.virtuoso, built.embedded))
    assert wanted > 0 and abs(found - wanted) <= 0.01 * others[1], (found, wanted)
    assert sizes == expected
    assert "Virtuoso" in cli("--store", built.server.url, "stats", env=built.server.env())


#: Named queries Virtuoso 7.2 answers differently, each for a fault of its own (found against 07.20.3229).
VIRTUOSO_DIFFERS = {
    "knowledge-reaches-companies": "finds nothing when two rdfs:subClassOf* patterns join through a project",
    # With ?kind bound by the parameters, EXISTS { ?organisation a ?sub . ?sub rdfs:subClassOf* ?kind }
    # holds on Virtuoso for 228 of the 451 placed organisations (for all 451 with the class written in
    # the query, or as a plain join); without the kind filter it finds 8 rows against 6.
    "cluster-project-participants-in-city": "EXISTS with rdfs:subClassOf* to a VALUES-bound ?kind misses "
                                            "half the organisations (0 rows against 6)",
}


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.xfail(reason=VIRTUOSO_DIFFERS[n], strict=True))
     if n in VIRTUOSO_DIFFERS else n for n in NAMES],
)
def test_every_named_query_gives_as_many_rows_on_virtuoso(built: Built, name: str) -> None:
    """As many rows for the same parameters; the values may differ where the query picks one (SAMPLE)."""
    params = probe(built.embedded, name)
    expected = named_rows(built.embedded, name, params)
    if not expected:
        pytest.skip(f"{name} finds nothing in the test graph")
    assert len(named_rows(built.virtuoso, name, params)) == len(expected)


@pytest.mark.parametrize(("name", "params", "key"), [
    # Not organisations-per-region with a country: Virtuoso 7.2 at times never answers it (ADR 0012).
    ("investments-by-investor", {"investor": "Nordisk Film Games"}, "investor"),
])
def test_optional_parameters_narrow_alike_on_virtuoso(built: Built, name: str, params: dict[str, str],
                                                      key: str) -> None:
    """With an optional parameter given (the probe leaves them empty): the same rows on both engines."""
    everything = named_rows(built.embedded, name, {})
    expected = named_rows(built.embedded, name, params)
    assert 0 < len(expected) < len(everything)
    found = named_rows(built.virtuoso, name, params)
    assert sorted(str(row[key]) for row in found) == sorted(str(row[key]) for row in expected)


def test_import_and_remove_source_round_trip_on_virtuoso(built: Built, tmp_path: Path) -> None:
    env = built.server.env()
    base = ["--store", built.server.url, "--data-dir", str(tmp_path)]
    before, total = built.virtuoso.graph_sizes(), built.virtuoso.triple_count()
    sheet = write_csv(tmp_path / "orgs.csv", ["name", "kind", "source_url", "retrieved"],
                      ["Studio Virtuoso A", "company", "https://example.org/virtuoso-test", "2026-11-01"],
                      ["Studio Virtuoso B", "company", "https://example.org/virtuoso-test", "2026-11-01"])
    assert "1 new" in cli(*base, "import", "table", str(sheet), env=env)
    built.virtuoso.named_graph_list(max_age=0)  # written by another store object: look again now
    graphs = set(built.virtuoso.graph_sizes()) - set(before)
    assert len(graphs) == 1
    listed = json.loads(cli(*base, "sources", "--format", "json", env=env))
    assert any(entry["graph"] in graphs for entry in listed)
    assert "0 new, 1 replaced" in cli(*base, "import", "table", str(sheet), env=env)
    assert "removed 1 named graph" in cli(*base, "remove-source", "--yes", "orgs.csv", env=env)
    built.virtuoso.named_graph_list(max_age=0)
    assert built.virtuoso.graph_sizes() == before
    assert built.virtuoso.triple_count() == total


# --------------------------------------------------------------------------- the web app


@pytest.fixture(scope="module")
def clients(built: Built) -> tuple[FlaskClient, FlaskClient]:
    """The web app over Virtuoso, and over the embedded store, to compare."""
    on_virtuoso = create_app(Settings(store=built.server.url, data_dir=DATA), store=built.virtuoso)
    on_disk = create_app(Settings(store=str(built.embedded.root), data_dir=DATA), store=built.embedded)
    return on_virtuoso.test_client(), on_disk.test_client()


def organisation_with_partners(store: Store) -> tuple[str, str]:
    """An organisation of the shipped data with project partners: its IRI and its label."""
    rows = named_rows(store, "organisation-partners", probe(store, "organisation-partners"))
    assert rows
    iri = probe(store, "organisation-partners")["organisation"]
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    result = store.query(f"SELECT ?l WHERE {{ <{iri}> {label} ?l }} LIMIT 1")
    assert isinstance(result, SelectResult)
    [(name,)] = list(result.rows)
    return iri, name.value  # type: ignore[union-attr]


def test_an_entity_page_from_virtuoso(built: Built, clients: tuple[FlaskClient, FlaskClient]) -> None:
    iri, label = organisation_with_partners(built.embedded)
    path = "/id/" + iri.removeprefix("https://w3id.org/vdk/id/")
    on_virtuoso, on_disk = (client.get(path) for client in clients)
    assert on_virtuoso.status_code == on_disk.status_code == 200
    assert label in on_virtuoso.get_data(as_text=True)
    as_json = [json.loads(client.get(path + ".json").get_data(as_text=True)) for client in clients]
    # The two stores were built a minute apart, and each source says when it was imported.
    for page in as_json:
        for source in page.get("sources", []):
            source.pop("generated", None)
    assert as_json[0] == as_json[1]


def test_the_map_data_from_virtuoso(clients: tuple[FlaskClient, FlaskClient]) -> None:
    on_virtuoso, on_disk = (json.loads(c.get("/map/data.json").get_data(as_text=True)) for c in clients)
    assert on_virtuoso["nodes"] and len(on_virtuoso["nodes"]) == len(on_disk["nodes"])
    assert sorted(n["id"] for n in on_virtuoso["nodes"]) == sorted(n["id"] for n in on_disk["nodes"])
    assert len(on_virtuoso["edges"]) == len(on_disk["edges"])


def test_a_match_list_from_virtuoso(built: Built, clients: tuple[FlaskClient, FlaskClient]) -> None:
    iri, _ = organisation_with_partners(built.embedded)
    answers = [client.get("/match.json", query_string={"org": iri}) for client in clients]
    assert [a.status_code for a in answers] == [200, 200]
    on_virtuoso, on_disk = (json.loads(a.get_data(as_text=True)) for a in answers)
    assert on_virtuoso == on_disk
    assert "suggestions" not in on_virtuoso or on_virtuoso["suggestions"]
    page = clients[0].get("/match", query_string={"org": iri})
    assert page.status_code == 200


def test_the_sparql_endpoint_over_virtuoso(built: Built, clients: tuple[FlaskClient, FlaskClient]) -> None:
    """Through the endpoint's worker processes, which open the store again from its --store value."""
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a vdk:Organisation }"
    answers = [client.get("/sparql", query_string={"query": query},
                          headers={"Accept": "application/sparql-results+json"}) for client in clients]
    assert [a.status_code for a in answers] == [200, 200]
    counts = [json.loads(a.get_data(as_text=True))["results"]["bindings"][0]["n"]["value"] for a in answers]
    assert counts[0] == counts[1] != "0"
    refused = clients[0].get("/sparql", query_string={
        "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"})
    assert refused.status_code == 403

"""What only a Virtuoso server does, against a real one (``tests/virtuoso_fixtures.py``).

The store contract itself runs on Virtuoso too: ``test_store.py`` with the
``virtuoso`` backend. Here: the dialect is recognised, the server's own graphs
stay out, updates need an account, large and blank-node writes, literals it
changes, answers it cuts short, and a request it applies only half-way.
"""

from __future__ import annotations

import urllib.error

import pyoxigraph as ox
import pytest

from tests.store_fixtures import EX, count, dump, graph, iri, select, triple
from tests.virtuoso_fixtures import ROW_LIMIT, VirtuosoServer
from vdk_graph.errors import ConfigError, QueryTimeout, RemoteStoreError
from vdk_graph.results import AskResult, GraphResult, SelectResult
from vdk_graph.store import GraphChange, RemoteStore
from vdk_graph.store.dialects import Virtuoso, dialect_for
from vdk_graph.store.remote import RemoteTransaction
from vdk_graph.store.remote_update import META_GRAPH, UNION_GRAPH, WRITING

pytestmark = pytest.mark.server

XSD = "http://www.w3.org/2001/XMLSchema#"
G1, G2, G3 = graph("one"), graph("two"), graph("three")
SHARED = triple("filmby", "type", iri("Organisation"))
ONLY_ONE = triple("filmby", "name", "Filmby Aarhus")
ONLY_TWO = triple("viborg", "name", "The Animation Workshop")


def fill(store: RemoteStore, graphs: dict[str, list[ox.Triple]]) -> None:
    with store.transaction() as tx:
        for name, triples in graphs.items():
            tx.replace_graph(name, triples)


def numbered(name: str, n: int, start: int = 0) -> list[ox.Triple]:
    return [triple(f"{name}{i}", "value", str(i)) for i in range(start, start + n)]


# --------------------------------------------------------------------------- who is answering


def test_the_dialect_comes_from_the_server_header(virtuoso_store: RemoteStore) -> None:
    assert virtuoso_store.update_url.endswith("/sparql")  # nothing asked yet: plain SPARQL 1.1
    assert virtuoso_store.query("ASK {}") == AskResult(True)
    assert isinstance(virtuoso_store.dialect, Virtuoso)
    assert virtuoso_store.update_url == virtuoso_store.query_url + "-auth"
    assert virtuoso_store.describe().startswith("Virtuoso server at http://127.0.0.1:")
    assert virtuoso_store.row_limit() == ROW_LIMIT
    assert isinstance(dialect_for("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu"), Virtuoso)
    assert not isinstance(dialect_for("Oxigraph/0.5.2"), Virtuoso)


def test_virtuoso_s_own_graphs_are_not_data(virtuoso: VirtuosoServer, virtuoso_store: RemoteStore) -> None:
    fill(virtuoso_store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO]})
    own = [g for g in virtuoso.graphs() if Virtuoso().is_system_graph(g)]
    assert "http://www.openlinksw.com/schemas/virtrdf#" in own  # thousands of triples of its own
    assert virtuoso_store.named_graph_list(max_age=0) == [G1, G2]
    assert virtuoso_store.graph_sizes() == {G1: 2, G2: 2}
    assert virtuoso_store.triple_count() == 3
    seen = select(virtuoso_store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert sorted(g.value for (g,) in seen) == [G1, G2]  # type: ignore[attr-defined]
    assert count(virtuoso_store, "?s ?p ?o") == 3


def test_graphs_written_by_another_tool_are_taken_in_without_virtuoso_s_own(
    virtuoso: VirtuosoServer, virtuoso_store: RemoteStore
) -> None:
    virtuoso.update(f"INSERT DATA {{ GRAPH <{G1}> {{ {SHARED} . {ONLY_ONE} }} }}")
    assert virtuoso_store.graph_sizes() == {G1: 2}
    assert virtuoso_store.query(f"ASK {{ {ONLY_ONE} }}") == AskResult(True)
    fill(virtuoso_store, {G2: [SHARED, ONLY_TWO]})
    assert virtuoso_store.named_graph_list(max_age=0) == [G1, G2]
    assert virtuoso.graphs()[UNION_GRAPH] == 3  # the set union of G1 and G2, nothing of virtrdf#
    with virtuoso_store.transaction() as tx:
        tx.remove_graph(G1)
    assert virtuoso_store.triple_count() == 2


# --------------------------------------------------------------------------- the account for updates


def test_updates_need_the_account_and_say_which(virtuoso: VirtuosoServer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    virtuoso.clear()
    for name in ("VDK_STORE_USER", "VDK_STORE_PASSWORD", "VDK_STORE_UPDATE_URL"):
        monkeypatch.delenv(name, raising=False)
    anonymous = RemoteStore(virtuoso.url)
    asks = "VDK_STORE_USER and VDK_STORE_PASSWORD"
    with pytest.raises(ConfigError, match=asks), anonymous.transaction() as tx:
        tx.replace_graph(G1, [SHARED])
    wrong = RemoteStore(virtuoso.url, user=virtuoso.user, password="not-the-password")
    with pytest.raises(RemoteStoreError, match="refused the update") as caught, wrong.transaction() as tx:
        tx.replace_graph(G1, [SHARED])
    assert "401" in str(caught.value) and "not-the-password" not in str(caught.value)
    assert RemoteStore(virtuoso.url).graph_sizes() == {}

    monkeypatch.setenv("VDK_STORE_USER", virtuoso.user)
    monkeypatch.setenv("VDK_STORE_PASSWORD", virtuoso.password)
    fill(RemoteStore(virtuoso.url), {G1: [SHARED]})
    assert RemoteStore(virtuoso.url).graph_sizes() == {G1: 1}


def test_an_account_in_the_url_is_refused() -> None:
    with pytest.raises(ConfigError, match="VDK_STORE_USER"):
        RemoteStore("sparql+http://dba:dba@127.0.0.1:8890/sparql")


def test_the_anonymous_endpoint_refuses_service_and_load(virtuoso: VirtuosoServer) -> None:
    """What docs/deploy.md relies on: Debian's Virtuoso lets the account the web app reads with do neither."""
    for refused in (
        f"SELECT * WHERE {{ SERVICE <{virtuoso.http}/sparql> {{ ?s ?p ?o }} }} LIMIT 1",
        f'DEFINE get:soft "soft" SELECT * FROM <{virtuoso.http}/sparql?query=ASK%7B%7D> WHERE {{ ?s ?p ?o }}',
    ):
        with pytest.raises(urllib.error.HTTPError) as caught:
            virtuoso.select(refused)
        with caught.value as error:
            assert "SECURITY" in error.read().decode(errors="replace")


# --------------------------------------------------------------------------- writing


def test_large_writes_and_blank_nodes_go_in_pieces_virtuoso_takes(virtuoso_store: RemoteStore) -> None:
    """INSERT DATA refuses blank nodes and ~5,000 triples; a template ~1,000: the store cuts to fit."""
    address = ox.BlankNode("address")
    city = ox.Triple(address, iri("city"), ox.Literal("Aarhus"))
    shared_across = [triple("filmby", "address", address), city]
    many_blanks = [ox.Triple(ox.BlankNode(f"b{i}"), iri("n"), ox.Literal(str(i))) for i in range(900)]
    many_blanks += [triple(f"thing{i}", "has", ox.BlankNode(f"b{i}")) for i in range(900)]
    one_big_node = [ox.Triple(ox.BlankNode("hub"), iri("p"), ox.Literal(str(i))) for i in range(350)]
    graphs = {
        G1: numbered("s", 12_000) + shared_across + one_big_node,
        G2: [*many_blanks, city],
    }
    with virtuoso_store.transaction() as tx:
        changes = [tx.replace_graph(g, t) for g, t in graphs.items()]
    assert [c.added for c in changes] == [12_352, 1_801]
    assert virtuoso_store.graph_sizes() == {G1: 12_352, G2: 1_801}
    assert virtuoso_store.triple_count() == 12_352 + 1_800  # the city of the address is stated twice
    # One node each: the address in both graphs and the union, each numbered blank node, the hub.
    rows = select(virtuoso_store, f"""
        SELECT ?a WHERE {{ <{EX}filmby> <{EX}address> ?a . GRAPH <{G1}> {{ ?a <{EX}city> "Aarhus" }}
                           GRAPH <{G2}> {{ ?a <{EX}city> "Aarhus" }} }}""")
    assert len(rows) == 1 and isinstance(rows[0][0], ox.BlankNode)
    assert count(virtuoso_store, f"?t <{EX}has> ?b . ?b <{EX}n> ?n") == 900
    assert count(virtuoso_store, f"{{ SELECT DISTINCT ?b WHERE {{ ?b <{EX}p> ?o }} }}") == 1
    with virtuoso_store.transaction() as tx:  # read back, compared, unchanged
        assert tx.replace_graph(G2, graphs[G2]) == GraphChange(G2, added=0, removed=0, existed=True)


def test_literals_virtuoso_would_change_come_back_as_written(virtuoso_store: RemoteStore) -> None:
    period = ox.Literal("P5Y", datatype=ox.NamedNode(XSD + "duration"))
    months = ox.Literal("P1Y2M", datatype=ox.NamedNode(XSD + "yearMonthDuration"))
    flag = ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))
    ratio = ox.Literal("1.5E0", datatype=ox.NamedNode(XSD + "double"))
    triples = [triple("indicator", "period", period), triple("indicator", "months", months),
               triple("indicator", "synthetic", flag), triple("indicator", "ratio", ratio)]
    fill(virtuoso_store, {G1: triples})
    rows = select(virtuoso_store, "SELECT ?p ?o WHERE { ?s ?p ?o }")
    by_property = {p.value.removeprefix(EX): o for p, o in rows}  # type: ignore[union-attr]
    assert by_property["period"] == period and by_property["months"] == months
    assert by_property["synthetic"] == flag  # Virtuoso's JSON says "1"
    assert float(by_property["ratio"].value) == 1.5  # type: ignore[union-attr]
    constructed = virtuoso_store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isinstance(constructed, GraphResult)
    assert period in {t.object for t in constructed.triples}
    with virtuoso_store.transaction() as tx:
        assert tx.replace_graph(G1, triples) == GraphChange(G1, added=0, removed=0, existed=True)


def test_a_request_virtuoso_applies_half_way_is_reported_and_repaired(
    virtuoso_store: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Virtuoso runs the operations of one request one by one: one failing while running keeps the rest."""
    fill(virtuoso_store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO]})
    request = RemoteTransaction.update_request

    def failing_at_the_end(self: RemoteTransaction) -> str:
        text = request(self)
        marker = f" ;\nDROP SILENT GRAPH <{META_GRAPH}>"
        assert marker in text
        return text.replace(marker, f" ;\nDROP GRAPH <{EX}graph/never-created>{marker}")  # fails when run

    with monkeypatch.context() as patch:
        patch.setattr(RemoteTransaction, "update_request", failing_at_the_end)
        with pytest.raises(RemoteStoreError, match="part of this write may have been applied"), \
                virtuoso_store.transaction() as tx:
            tx.replace_graph(G1, [ONLY_ONE])
            tx.replace_graph(G3, [triple("new", "in", "three")])
    # The bookkeeping says so: the store reports it, and the union is not trusted.
    assert count(virtuoso_store, f"GRAPH <{META_GRAPH}> {{ ?s <{WRITING}> ?o }}",
                 default_graphs=[], named_graphs=[META_GRAPH]) == 1
    virtuoso_store._state = None
    assert "interrupted" in (virtuoso_store.named_graph_list(max_age=0) and virtuoso_store.describe())
    # Running the same import again finishes it, and the union is rebuilt from the graphs.
    fill(virtuoso_store, {G1: [ONLY_ONE], G3: [triple("new", "in", "three")]})
    assert virtuoso_store.graph_sizes() == {G1: 1, G2: 2, G3: 1}
    assert virtuoso_store.triple_count() == 4
    assert "interrupted" not in virtuoso_store.describe()
    assert dump(virtuoso_store).count(f"{ONLY_ONE} .") == 1


def test_a_request_virtuoso_cannot_parse_changes_nothing(virtuoso_store: RemoteStore,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    fill(virtuoso_store, {G1: [SHARED, ONLY_ONE]})
    before, version = dump(virtuoso_store), virtuoso_store.data_version()
    request = RemoteTransaction.update_request
    monkeypatch.setattr(RemoteTransaction, "update_request",
                        lambda self: request(self) + " ;\nINSERT DATA { not a triple }")
    with pytest.raises(RemoteStoreError, match="400") as caught, virtuoso_store.transaction() as tx:
        tx.replace_graph(G1, [ONLY_TWO])
    assert "part of this write" not in str(caught.value)
    assert dump(virtuoso_store) == before and virtuoso_store.data_version() == version


# --------------------------------------------------------------------------- reading


def test_graphs_of_more_than_10000_triples_are_read_whole(virtuoso_store: RemoteStore) -> None:
    """Past Virtuoso's default row limit; past the server's own (12,000 here) in pages."""
    fill(virtuoso_store, {G1: numbered("a", 11_000), G2: numbered("b", 2 * ROW_LIMIT + 10)})
    assert virtuoso_store.graph_sizes() == {G1: 11_000, G2: 2 * ROW_LIMIT + 10}
    assert len(set(virtuoso_store.graph_triples(G1))) == 11_000
    assert set(virtuoso_store.graph_triples(G2)) == set(numbered("b", 2 * ROW_LIMIT + 10))
    assert len(select(virtuoso_store, f"SELECT * WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")) == 11_000
    with virtuoso_store.transaction() as tx:  # the diff reads the old graph whole, in pages
        change = tx.replace_graph(G2, numbered("b", 2 * ROW_LIMIT + 10, start=1))
    assert change == GraphChange(G2, added=1, removed=1, existed=True)


def test_an_answer_cut_at_the_row_limit_is_refused_not_shortened(virtuoso_store: RemoteStore) -> None:
    fill(virtuoso_store, {G1: numbered("a", ROW_LIMIT + 500)})
    everything = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}"
    with pytest.raises(RemoteStoreError, match="ResultSetMaxRows") as caught:
        virtuoso_store.query(everything)
    assert f"{ROW_LIMIT:,} rows" in str(caught.value)
    with pytest.raises(RemoteStoreError, match="ResultSetMaxRows"):  # CONSTRUCT: Virtuoso says nothing
        virtuoso_store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
    # Asking for at most as many rows as the server sends is a complete answer.
    limited = virtuoso_store.query(everything + f" LIMIT {ROW_LIMIT}")
    assert isinstance(limited, SelectResult) and len(list(limited.rows)) == ROW_LIMIT
    assert count(virtuoso_store, "?s ?p ?o") == ROW_LIMIT + 500


def test_an_answer_stopped_at_the_time_limit_is_refused(virtuoso_store: RemoteStore) -> None:
    """Virtuoso's anytime queries send what they have with X-SQL-State: S1TAT (here: a 100 ms timeout)."""
    fill(virtuoso_store, {G1: numbered("a", 5_000)})
    heavy = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G1}> {{ ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }} }}"
    with pytest.raises(QueryTimeout, match="time limit"):
        virtuoso_store._query({"query": heavy, "timeout": "100"})


def test_an_ask_that_comes_back_as_a_select_is_an_ask() -> None:
    """Virtuoso's isql answers ASK as a one-row SELECT of __ASK_RETVAL; read as the boolean if the HTTP
    endpoint ever does (7.2.5 did not, in JSON or XML, with any Accept tried)."""
    dialect = Virtuoso()
    one = ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))
    zero = ox.Literal("0", datatype=ox.NamedNode(XSD + "integer"))
    assert dialect.ask_value(["__ASK_RETVAL"], [(one,)]) is True
    assert dialect.ask_value(["__ask_retval"], [(zero,)]) is False
    assert dialect.ask_value(["n"], [(one,)]) is None
    boolean = b'"datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": '
    # A literal that spells the same words is left alone: inside a JSON string its quotes are escaped.
    quoted = (b'"v": { "type": "literal", '
              b'"value": "\\"type\\": \\"bnode\\", \\"value\\": \\"nodeID://kept\\"" }')
    assert dialect.fix_json_results(
        b'{"o": { "type": "bnode", "value": "nodeID://b10006" }, "x": { "type": "typed-literal", '
        + boolean + b'"1" }, ' + quoted + b"}"
    ) == b'{"o": { "type": "bnode", "value": "b10006" }, "x": { "type": "typed-literal", ' + boolean + \
        b'"true" }, ' + quoted + b"}"

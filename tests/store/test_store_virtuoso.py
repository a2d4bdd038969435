"""What only a Virtuoso server does, against a real one (``tests/virtuoso_fixtures.py``).

The store contract itself runs on Virtuoso too: ``test_store*.py`` with the
``virtuoso`` backend. Here: the dialect is recognised, the server's own graphs
stay out, updates need an account, large and blank-node writes, writes past
its 10 MB request limit (staged, then published), literals it changes, answers
it cuts short, and a request it applies only half-way.
"""

from __future__ import annotations

import shutil
import subprocess
import urllib.error
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.store_fixtures import EX, count, dump, graph, iri, select, triple
from tests.virtuoso_fixtures import ROW_LIMIT, VirtuosoServer
from vdk_graph.cli import main
from vdk_graph.errors import ConfigError, QueryTimeout, RemoteStoreError
from vdk_graph.results import AskResult, GraphResult, SelectResult
from vdk_graph.store import BulkFile, GraphChange, RemoteStore
from vdk_graph.store.dialects import Virtuoso, dialect_for
from vdk_graph.store.remote import RemoteTransaction
from vdk_graph.store.remote_http import Refusal
from vdk_graph.store.remote_update import (
    META_GRAPH,
    SEPARATOR,
    STAGING,
    UNION_GRAPH,
    WRITING,
    Plan,
    publish_requests,
)

pytestmark = pytest.mark.server

XSD = "http://www.w3.org/2001/XMLSchema#"
IDS = "https://w3id.org/vdk/id/"
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


# --------------------------------------------------------------------------- past the request size limit

#: About 1 kB a triple in N-Triples: more than 10 MB in few enough triples for a quick test.
FILLER = "a description long enough that eleven thousand of these make more than ten megabytes. " * 11
#: The request limit the tests of failures give Virtuoso's dialect, so that 5,000 short triples are staged.
SMALL_LIMIT = 200_000


def described(name: str, n: int) -> list[ox.Triple]:
    return [triple(f"{name}{i}", "description", f"{i} {FILLER}") for i in range(n)]


@pytest.fixture
def staging_store(virtuoso_store: RemoteStore) -> RemoteStore:
    """A store on Virtuoso that stages every write past 150 kB (as it does past 7.5 MB)."""
    virtuoso_store.query("ASK {}")
    virtuoso_store.dialect.max_request_bytes = SMALL_LIMIT
    return virtuoso_store


def staging_graphs(virtuoso: VirtuosoServer) -> list[str]:
    return [g for g in virtuoso.graphs() if g.startswith(STAGING)]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bool, int]]:
    """Every update request the store sends: (staging or not, its size in bytes)."""
    requests: list[tuple[bool, int]] = []
    send = RemoteStore._send_update

    def recorded(self: RemoteStore, update: str, staging: bool = False, applied_before: bool = False) -> None:
        requests.append((staging, len(update.encode())))
        send(self, update, staging, applied_before)

    monkeypatch.setattr(RemoteStore, "_send_update", recorded)
    return requests


def test_an_import_of_more_than_10_mb_is_staged_then_published(
    virtuoso: VirtuosoServer, virtuoso_store: RemoteStore, sent: list[tuple[bool, int]], tmp_path: Path
) -> None:
    """Virtuoso refuses an update request past 10 MB; a larger write goes in requests it takes."""
    fill(virtuoso_store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO]})
    big = described("item", 11_000)
    path = tmp_path / "big.nt"
    path.write_text("".join(f"{t} .\n" for t in big), encoding="utf-8")
    assert path.stat().st_size > 10_500_000
    with pytest.raises(Refusal, match="longer than 10Mb"):  # what one request would meet
        virtuoso.update(f"INSERT DATA {{ GRAPH <{G3}> {{ {path.read_text(encoding='utf-8')} }} }}")
    sent.clear()
    with virtuoso_store.transaction() as tx:
        change = tx.load_file(G1, BulkFile(path, ox.RdfFormat.N_TRIPLES))
    assert change == GraphChange(G1, added=11_000, removed=2, existed=True)
    assert virtuoso_store.graph_sizes() == {G1: 11_000, G2: 2}
    assert virtuoso_store.triple_count() == 11_002
    assert count(virtuoso_store, f"?s <{EX}description> ?d") == 11_000
    assert virtuoso_store.query(f"ASK {{ {ONLY_ONE} }}") == AskResult(False)  # taken out of the union
    assert virtuoso.graphs()[UNION_GRAPH] == 11_002
    staging = [size for is_staging, size in sent if is_staging]
    assert len(staging) >= 3 and [is_staging for is_staging, _ in sent][-1] is False  # publish last
    assert max(size for _, size in sent) <= Virtuoso.max_request_bytes
    assert staging_graphs(virtuoso) == []
    assert virtuoso_store._book(max_age=0).staging == ()


def test_a_large_write_that_fails_before_it_is_published_changes_nothing(
    virtuoso: VirtuosoServer, staging_store: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(staging_store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO]})
    before, version = dump(staging_store), staging_store.data_version()

    def lost(self: RemoteTransaction) -> str:
        raise RemoteStoreError("the connection was lost before the publishing request")

    with monkeypatch.context() as patch:
        patch.setattr(RemoteTransaction, "update_request", lost)
        with pytest.raises(RemoteStoreError, match="publishing request"), staging_store.transaction() as tx:
            tx.replace_graph(G1, numbered("item", 5_000))
            tx.replace_graph(G3, [triple("new", "in", "three")])
    assert len(staging_graphs(virtuoso)) == 1  # staged, never published, listed in the bookkeeping
    staging_store._state = None
    assert staging_store._book(max_age=0).staging == tuple(staging_graphs(virtuoso))
    assert "left staging graphs" in staging_store.describe()
    assert dump(staging_store) == before and staging_store.data_version() == version
    assert staging_store.graph_sizes() == {G1: 2, G2: 2}
    assert count(staging_store, "GRAPH ?g { ?s ?p ?o }") == 4  # the staging graph is no named graph
    # The next write, however small, drops what was staged.
    fill(staging_store, {G3: [triple("new", "in", "three")]})
    assert staging_graphs(virtuoso) == []
    assert staging_store.graph_sizes() == {G1: 2, G2: 2, G3: 1}
    assert "staging" not in staging_store.describe()


def test_a_staging_request_virtuoso_refuses_changes_nothing(
    virtuoso: VirtuosoServer, staging_store: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(staging_store, {G1: [SHARED, ONLY_ONE]})
    before, version = dump(staging_store), staging_store.data_version()
    send = RemoteStore._send_update
    calls: list[bool] = []

    def second_staging_request_broken(self: RemoteStore, update: str, staging: bool = False) -> None:
        calls.append(staging)
        if staging and len(calls) == 3:
            update += " ;\nINSERT DATA { not a triple }"
        send(self, update, staging)

    monkeypatch.setattr(RemoteStore, "_send_update", second_staging_request_broken)
    with pytest.raises(RemoteStoreError, match="nothing visible changed"), staging_store.transaction() as tx:
        tx.replace_graph(G1, numbered("item", 5_000))
    assert calls == [True, True, True]  # the publishing request was never sent
    assert dump(staging_store) == before and staging_store.data_version() == version


def test_staging_graphs_that_lost_triples_are_not_published(
    virtuoso: VirtuosoServer, staging_store: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a second writer does to the first: its publishing request drops what the first staged."""
    fill(staging_store, {G1: [SHARED, ONLY_ONE]})
    before = dump(staging_store)
    check = RemoteStore._check_staged

    def dropped_meanwhile(self: RemoteStore, planned: Plan) -> None:
        virtuoso.update(" ;\n".join(f"DROP SILENT GRAPH <{name}>" for name in planned.staged))
        check(self, planned)

    monkeypatch.setattr(RemoteStore, "_check_staged", dropped_meanwhile)
    with pytest.raises(RemoteStoreError, match="not published and nothing visible changed"), \
            staging_store.transaction() as tx:
        tx.replace_graph(G1, numbered("item", 5_000))
    assert dump(staging_store) == before


def test_a_large_write_virtuoso_publishes_half_way_is_reported_and_repaired(
    virtuoso: VirtuosoServer, staging_store: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Publishing is not atomic on Virtuoso: what is guaranteed is that a half-way one is seen, repaired."""
    fill(staging_store, {G1: [SHARED, ONLY_ONE], G2: [SHARED, ONLY_TWO]})
    request = RemoteTransaction.update_request

    def failing_after_the_copy(self: RemoteTransaction) -> str:
        text = request(self)
        marker = f" ;\nDROP SILENT GRAPH <{META_GRAPH}>"
        return text.replace(marker, f" ;\nDROP GRAPH <{EX}graph/never-created>{marker}")

    with monkeypatch.context() as patch:
        patch.setattr(RemoteTransaction, "update_request", failing_after_the_copy)
        with pytest.raises(RemoteStoreError, match="part of this write may have been applied"), \
                staging_store.transaction() as tx:
            tx.replace_graph(G1, numbered("item", 5_000))
    staging_store._state = None
    assert "interrupted" in staging_store.describe()
    fill(staging_store, {G1: numbered("item", 5_000)})
    assert staging_store.graph_sizes() == {G1: 5_000, G2: 2}
    assert staging_store.triple_count() == 5_002
    assert staging_graphs(virtuoso) == [] and "interrupted" not in staging_store.describe()


def test_blank_nodes_shared_by_graphs_stay_one_node_when_staged(staging_store: RemoteStore) -> None:
    address = ox.BlankNode("address")
    big = numbered("item", 5_000) + [triple("filmby", "address", address)]
    city = ox.Triple(address, iri("city"), ox.Literal("Aarhus"))
    fill(staging_store, {G1: [*big, city], G2: [city], G3: [triple("viborg", "address", address)]})
    assert staging_store.graph_sizes() == {G1: 5_002, G2: 1, G3: 1}
    rows = select(staging_store, f"""
        SELECT ?a WHERE {{ <{EX}filmby> <{EX}address> ?a . <{EX}viborg> <{EX}address> ?a .
                           GRAPH <{G2}> {{ ?a <{EX}city> "Aarhus" }} }}""")
    assert len(rows) == 1


def test_the_administrator_s_default_password_is_changed(virtuoso: VirtuosoServer) -> None:
    """docs/deploy.md: USER_CHANGE_PASSWORD does it (USER_SET_PASSWORD on dba silently does not, in 7.2)."""
    assert "1" in virtuoso.isql("SELECT 1;")  # the administrator's new password
    isql = shutil.which("isql-vt") or "isql-vt"
    default = subprocess.run([isql, f"127.0.0.1:{virtuoso.sql_port}", "dba", "dba", "exec=SELECT 1;"],
                             capture_output=True, text=True, timeout=60)
    assert default.returncode != 0 and "Bad login" in default.stdout + default.stderr


def test_a_trusted_cli_import_of_more_than_10_mb_into_virtuoso(virtuoso: VirtuosoServer,
                                                               virtuoso_store: RemoteStore,
                                                               tmp_path: Path) -> None:
    """``import rdf --no-shacl`` hands the file to ``Transaction.load_file``; Virtuoso gets it staged."""
    path = tmp_path / "big-export.nt"
    path.write_text("".join(f"{t} .\n" for t in described("item", 11_000)), encoding="utf-8")
    assert path.stat().st_size > 10_500_000
    runner = CliRunner()
    for attempt in ("first", "again"):
        result = runner.invoke(main, ["--store", virtuoso.url, "import", "rdf", "--no-shacl", str(path)],
                               env=virtuoso.env(), catch_exceptions=False)
        assert result.exit_code == 0, f"{attempt}: {result.output}"
        sizes = virtuoso_store.graph_sizes()  # the file's graph (and its provenance), and the ontology
        assert sizes[f"{IDS}graph/rdf/big-export"] >= 11_000, sizes
        assert count(virtuoso_store, f"?s <{EX}description> ?d") == 11_000
    assert staging_graphs(virtuoso) == []
    assert "interrupted" not in virtuoso_store.describe() and "staging" not in virtuoso_store.describe()


# --------------------------------------------------------------------------- many graphs at once


def test_a_write_of_thousands_of_graphs_is_published_in_parts_virtuoso_can_compile(
    virtuoso_store: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One request of ~1,800 operations passed Virtuoso's 10,000 lines of SQL (SP031): the data of
    December 2026 (~880 source graphs) could no longer be built there. Now sent in parts, in order."""
    sent: list[str] = []
    send = RemoteStore._send_update

    def sending(self: RemoteStore, update: str, *args: bool, **kwargs: bool) -> None:
        sent.append(update)
        send(self, update, *args, **kwargs)

    monkeypatch.setattr(RemoteStore, "_send_update", sending)
    graphs = {graph(f"many/{n}"): [triple(f"s{n}", "p", "shared"), triple(f"s{n}", "q", f"own {n}")]
              for n in range(1_200)}
    fill(virtuoso_store, graphs)
    assert len(sent) > 1 and WRITING in sent[0] and f"DROP SILENT GRAPH <{META_GRAPH}>" in sent[-1]
    assert virtuoso_store.graph_sizes() == {g: 2 for g in graphs}
    assert virtuoso_store.triple_count() == 2_400
    # Replacing them all again keeps the union a set: no triple twice, none lost.
    fill(virtuoso_store, {g: triples[:1] for g, triples in graphs.items()})
    assert virtuoso_store.triple_count() == 1_200
    assert "interrupted" not in virtuoso_store.describe()


def test_only_a_server_that_applies_operations_one_by_one_gets_a_request_in_parts() -> None:
    ops = [f"DROP SILENT GRAPH <{EX}g{n}>" for n in range(450)]
    text = SEPARATOR.join(ops)
    parts = publish_requests(text, Virtuoso())
    assert [len(p.split(SEPARATOR)) for p in parts] == [200, 200, 50]
    assert SEPARATOR.join(parts) == text
    assert publish_requests(text, dialect_for("Oxigraph/0.5")) == [text]  # atomic: one request, always

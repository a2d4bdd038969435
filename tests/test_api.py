"""Python use: ``from vdk_graph import KnowledgeGraph`` — rows as dicts, DataFrames, named queries, README."""

from __future__ import annotations

import datetime as dt
import re
import sys
from decimal import Decimal
from pathlib import Path

import pandas
import pytest

import vdk_graph.api
from vdk_graph import KnowledgeGraph
from vdk_graph.config import Settings
from vdk_graph.errors import MissingDependency, ParameterError, QueryError, VdkError
from vdk_graph.store import EmbeddedStore, MemoryStore

README = Path(__file__).parent.parent / "README.md"
PROJECTS = ("SELECT ?p ?title ?start WHERE { ?p a vdk:Project ; dcterms:title ?title ; "
            "schema:startDate ?start }")


@pytest.fixture
def kg(query_graph: MemoryStore) -> KnowledgeGraph:
    return KnowledgeGraph(query_graph)


def test_rows_are_dicts_of_typed_python_values(kg: KnowledgeGraph) -> None:
    rows = kg.query(PROJECTS + " ORDER BY ?start LIMIT 5")
    assert isinstance(rows, list) and len(rows) == 5
    first = rows[0]
    assert set(first) == {"p", "title", "start"}
    assert isinstance(first["p"], str) and first["p"].startswith("https://")
    assert isinstance(first["start"], dt.date)
    amounts = kg.query("SELECT ?a WHERE { ?g vdk:amount ?a FILTER(DATATYPE(?a) = xsd:decimal) } LIMIT 1")
    assert isinstance(amounts, list) and isinstance(amounts[0]["a"], Decimal)
    unbound = kg.query("SELECT ?x ?y WHERE { BIND(1 AS ?x) }")
    assert unbound == [{"x": 1}]  # unbound variables are left out


def test_ask_is_a_bool_and_construct_gives_triples(kg: KnowledgeGraph) -> None:
    assert kg.query("ASK { ?p a vdk:Project }") is True
    assert kg.query("ASK { ?p a vdk:NoSuchClass }") is False
    triples = kg.query("CONSTRUCT { ?o vdk:participatesIn ?p } WHERE { ?o vdk:participatesIn ?p } LIMIT 3")
    assert isinstance(triples, list) and len(triples) == 3
    assert all(len(t) == 3 and t[1] == "https://w3id.org/vdk/ontology#participatesIn" for t in triples)


def test_a_dataframe_has_one_column_per_variable_in_order(kg: KnowledgeGraph) -> None:
    df = kg.query_df(PROJECTS)
    assert isinstance(df, pandas.DataFrame)
    assert list(df.columns) == ["p", "title", "start"] and len(df) > 10
    with pytest.raises(TypeError, match="SELECT"):
        kg.query_df("ASK {}")


def test_without_pandas_the_error_says_what_to_install(kg: KnowledgeGraph,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if it were not installed
    with pytest.raises(MissingDependency, match="pip install pandas") as caught:
        kg.query_df(PROJECTS)
    assert isinstance(caught.value, ImportError) and isinstance(caught.value, VdkError)
    assert kg.query(PROJECTS)  # rows as dicts need nothing


def test_named_queries_take_parameters_as_keywords(kg: KnowledgeGraph) -> None:
    names = [q.name for q in kg.named_queries()]
    assert "project-partners" in names and len(names) >= 15
    partners = kg.named("project-partners", project="VDK")
    assert len(partners) == 7 and partners[0]["roleLabel"] == "Lead partner"
    df = kg.named_df("projects-active-in-year", year=2015)
    assert not df.empty and (df["from"] <= 2015).all()
    with pytest.raises(ParameterError, match="'year' must be a year"):
        kg.named("projects-active-in-year", year="soon")


def test_errors_are_vdk_errors(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError) as caught:
        kg.query("SELECT * WHERE {\n  ?s ?p\n}")
    assert caught.value.line == 3


def test_open_close_and_repr(tmp_path: Path, query_graph: MemoryStore) -> None:
    with KnowledgeGraph(str(tmp_path / "store"), create=True) as kg:
        assert isinstance(kg.store, EmbeddedStore)
        assert "oxigraph" in repr(kg) or "store" in repr(kg)
        assert kg.query("ASK { ?s ?p ?o }") is False  # a new, empty store
    with KnowledgeGraph(Settings(store="memory:")) as kg:
        assert isinstance(kg.store, MemoryStore) and repr(kg).startswith("<KnowledgeGraph ")
    given = KnowledgeGraph(query_graph)
    given.close()  # a store passed in is the caller's: it stays open
    assert given.query("ASK { ?p a vdk:Project }") is True


def _filled_store(path: Path, query_graph: MemoryStore) -> None:
    store = EmbeddedStore(path)
    with store.transaction() as tx:
        for graph in list(query_graph.graph_sizes())[:20]:
            tx.replace_graph(graph, list(query_graph.graph_triples(graph)))
    store.close()


def test_in_memory_answers_from_a_copy_with_the_same_results(
    tmp_path: Path, query_graph: MemoryStore
) -> None:
    _filled_store(tmp_path / "store", query_graph)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    with KnowledgeGraph(str(tmp_path / "store")) as disk:
        assert disk.in_memory is False
        expected = disk.query(count)
    with KnowledgeGraph(str(tmp_path / "store"), in_memory=True) as kg:
        assert kg.in_memory is True and kg.store.mirror_ready()  # type: ignore[attr-defined]
        assert "in memory" in repr(kg)
        assert kg.query(count) == expected and expected[0]["n"] > 0  # type: ignore[index]


def test_in_memory_falls_back_to_the_disk_when_the_store_is_too_large(
    tmp_path: Path, query_graph: MemoryStore
) -> None:
    _filled_store(tmp_path / "store", query_graph)
    with KnowledgeGraph(Settings(store=str(tmp_path / "store"), memory_mirror=10), in_memory=True) as kg:
        assert kg.in_memory is False
        assert kg.query("ASK { ?s ?p ?o }") is True


def test_the_python_section_of_the_readme_runs(query_graph: MemoryStore,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The notebook example in README.md, cell by cell, on the test graph (so the docs cannot drift)."""
    section = README.read_text(encoding="utf-8").split("## Python", 1)[1].split("\n## ", 1)[0]
    cells = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(cells) >= 4
    monkeypatch.setattr(vdk_graph.api, "open_store", lambda spec, **_: query_graph)
    monkeypatch.setattr(query_graph, "close", lambda: None)
    namespace: dict[str, object] = {}
    for cell in cells:
        exec(compile(cell, "README.md", "exec"), namespace)  # noqa: S102 - our own documentation
    assert isinstance(namespace["rows"], list) and namespace["rows"]
    assert namespace["partners"] and isinstance(namespace["df"], pandas.DataFrame)

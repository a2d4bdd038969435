"""FROM and FROM NAMED read by tokens (store/from_clauses), held to rdflib's SPARQL parser."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from vdk_graph import queries
from vdk_graph.errors import QueryError
from vdk_graph.store.from_clauses import dataset_clauses

A, B = "http://example.org/a", "http://example.org/b"

CASES: dict[str, tuple[list[str], list[str]] | None] = {
    f"SELECT * FROM <{A}> WHERE {{ ?s ?p ?o }}": ([A], []),
    f"select * from <{A}> from named <{B}> where {{ ?s ?p ?o }}": ([A], [B]),
    f"SELECT *FROM<{A}>FROM NAMED<{B}>{{?s ?p ?o}}": ([A], [B]),
    f"SELECT * FROM # a comment\n <{A}> WHERE {{ ?s ?p ?o }}": ([A], []),
    "PREFIX ex: <http://example.org/> SELECT * FROM ex:a FROM ex:b FROM ex:a WHERE { ?s ?p ?o }":
        ([A, B, A], []),
    "PREFIX : <http://example.org/> ASK FROM :a { ?s ?p ?o }": ([A], []),
    "BASE <http://example.org/> SELECT * FROM <a> FROM NAMED <b> WHERE { ?s ?p ?o }": ([A], [B]),
    "BASE <http://example.org/x/> PREFIX ex: <../> SELECT * FROM ex:a WHERE { ?s ?p ?o }": ([A], []),
    f"CONSTRUCT {{ ?s <http://x/FROM> 'FROM <{B}>' }} FROM <{A}> WHERE {{ ?s ?p ?o }}": ([A], []),
    f"DESCRIBE <http://x/s> FROM <{A}>": ([A], []),
    "PREFIX ex: <http://example.org/> SELECT * FROM ex:a\\.b WHERE { ?s ?p ?o }":
        (["http://example.org/a.b"], []),
    # Not clauses: the word inside a string, a comment, an IRI, a variable, a name, or after the WHERE group.
    "SELECT ?from WHERE { ?s ?p 'FROM <http://example.org/a>' }": None,
    f"SELECT * WHERE {{ ?s ?p ?o }} # FROM <{A}>": None,
    f"SELECT * WHERE {{ ?s <http://x/FROM> ?o . ?s ?p \"\"\"\nFROM <{A}>\n\"\"\" }}": None,
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:FROM ?o }": None,
    "SELECT $from WHERE { ?s ?p $from }": None,
    "CONSTRUCT WHERE { ?s ?p ?o }": None,
    "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }": None,
}


def rdflib_reading(query: str) -> tuple[list[str], list[str]] | None:
    """What rdflib's parser says the dataset clauses are (the behaviour the scanner replaced)."""
    prologue, body = parseQuery(query)[0], parseQuery(query)[1]
    clauses = [c for c in (dict(body).get("datasetClause") or []) if isinstance(c, CompValue)]
    if not clauses:
        return None
    prefixes = {
        (dict(d).get("prefix") or ""): str(dict(d)["iri"])
        for d in prologue if isinstance(d, CompValue) and d.name == "PrefixDecl"
    }
    out: tuple[list[str], list[str]] = ([], [])
    for clause in clauses:
        fields = dict(clause)
        default = fields.get("default") is not None
        term, into = (fields["default"], out[0]) if default else (fields["named"], out[1])
        if isinstance(term, CompValue):
            into.append(prefixes[dict(term).get("prefix") or ""] + (dict(term).get("localname") or ""))
        else:
            into.append(str(term))
    return out


@pytest.mark.parametrize("query", list(CASES))
def test_the_dataset_clauses_of_every_spelling(query: str) -> None:
    assert dataset_clauses(query) == CASES[query]


@pytest.mark.parametrize("query", [q for q in CASES if "BASE" not in q and "\\." not in q])
def test_the_scanner_agrees_with_rdflibs_parser(query: str) -> None:
    assert dataset_clauses(query) == rdflib_reading(query)


def test_every_named_query_reads_as_declaring_no_dataset() -> None:
    """The project's own queries use the union default graph; none may be misread as naming graphs."""
    named = queries.load_all()
    texts = [q.sparql for q in named] + [q.materialised.sparql for q in named if q.materialised]
    assert len(texts) > 20
    for text in texts:
        assert dataset_clauses(text) is None, text[:200]


def test_an_undeclared_prefix_is_named() -> None:
    with pytest.raises(QueryError, match="'nope:'"):
        dataset_clauses("SELECT * FROM nope:a WHERE { ?s ?p ?o }")


@pytest.mark.parametrize(
    "broken",
    [
        "SELECT * FROM WHERE { ?s ?p ?o }",
        "SELECT * FROM",
        "SELECT * FROM NAMED",
        "PREFIX ex SELECT * FROM ex:a WHERE { }",
        "BASE SELECT * FROM <a> WHERE { }",
        "SELECT * FROM 'a' WHERE { }",
        "SELECT * FROM <unterminated WHERE { }",
    ],
)
def test_text_that_is_no_query_is_left_to_the_engine(broken: str) -> None:
    assert dataset_clauses(broken) is None

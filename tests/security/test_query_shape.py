"""Over-deep and over-large queries and answers are refused with a message before they hurt (issue 10 §2, §4).

~3,000 nested groups crashed pyoxigraph's parser (SIGSEGV): a worker, the whole
``memory:`` server, the CLI with exit 139. Nested collections and blank nodes
stalled it for seconds. A 402-byte query returned 221 MB.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.endpoint_fixtures import AppFactory
from tests.store_fixtures import REPO, child_env
from vdk_graph import KnowledgeGraph
from vdk_graph.errors import QueryError
from vdk_graph.sparql import shape as sparql_shape

DEEP_GROUPS = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o " + "} " * 3000
DEEP_LISTS = "SELECT * WHERE { ?s ?p " + "(" * 200 + "1" + ")" * 200 + " }"
DEEP_BNODES = "SELECT * WHERE { ?s ?p " + "[ ?p " * 200 + "1" + " ]" * 200 + " }"
FINE = "SELECT * WHERE { " + "{ " * 20 + "?s ?p ?o FILTER((((?o))))" + " }" * 20 + " }"


@pytest.mark.parametrize("query", [DEEP_GROUPS, DEEP_LISTS, DEEP_BNODES])
def test_the_endpoint_refuses_deep_queries_with_400(sparql_app: AppFactory, query: str) -> None:
    for kind in ("memory", "embedded"):
        client = sparql_app(kind=kind).test_client()
        response = client.post("/sparql", data={"query": query}, headers={"Accept": "application/json"})
        assert response.status_code == 400, kind
        body = response.get_json()
        assert "levels" in body["message"] and f"{sparql_shape.MAX_DEPTH} allowed" in body["message"]
        assert body["line"] == 1 and body["column"] is not None
        assert client.get("/sparql", query_string={"query": FINE}).status_code == 200  # still serving


@pytest.mark.parametrize(
    "hidden",
    [
        '"' + "}" * 70 + '"',  # closers in a string
        "#" + "}" * 70 + "\n",  # closers in a comment
        "FILTER(?o<?b#>" + "}" * 70 + "\n)",  # "less than", then a comment a lexer may miss
        "FILTER(?o<ex:b'>" + "}" * 70 + "')",  # "less than", then a string
    ],
)
def test_closers_hidden_from_a_lexer_do_not_lower_the_count(hidden: str) -> None:
    query = "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ?o " + hidden + " " + "{ " * 70 + "}" * 70 + " }"
    with pytest.raises(QueryError, match="levels"):
        sparql_shape.check_nesting(query)


def test_brackets_in_strings_comments_and_iris_do_not_count_against_honest_queries() -> None:
    honest = (
        "# members (all of them) [2021]\n"
        'SELECT * WHERE { ?s <http://dbpedia.org/resource/Foo_(bar)> ?o FILTER(REGEX(?o, "^((a|b)){3}")) }\n'
    ) * 200
    sparql_shape.check_nesting(honest)


def test_the_library_refuses_deep_queries_with_a_query_error() -> None:
    with KnowledgeGraph("memory:") as kg, pytest.raises(QueryError, match="too deep"):
        kg.query(DEEP_GROUPS)


def test_the_cli_says_one_line_and_exits_1_not_139(tmp_path: Path) -> None:
    query = tmp_path / "deep.rq"
    query.write_text(DEEP_GROUPS)
    cli = str(Path(sys.executable).parent / "vdk-graph")
    done = subprocess.run([cli, "--store", "memory:", "query", "-f", str(query)], capture_output=True,
                          text=True, env=child_env(), cwd=REPO, timeout=120)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "too deep" in done.stderr and "Traceback" not in done.stderr


def test_an_answer_larger_than_the_limit_is_refused_with_413(sparql_app: AppFactory) -> None:
    def rows_of(size: int) -> str:
        padding = "x" * size
        values = "VALUES ?i { 1 2 3 4 5 6 7 8 }"
        return f'SELECT ?x WHERE {{ {values} BIND(CONCAT(STR(?i), "{padding}") AS ?x) }}'

    big = rows_of(5000)
    for kind in ("memory", "embedded"):
        app = sparql_app(kind=kind, max_answer_bytes=20_000)
        response = app.test_client().get("/sparql", query_string={"query": big},
                                         headers={"Accept": "application/json"})
        assert response.status_code == 413, kind
        assert "one response may hold" in response.get_json()["message"]
        small = app.test_client().get("/sparql", query_string={"query": rows_of(50)})
        assert small.status_code == 200


def test_the_verdict_cache_holds_only_short_texts() -> None:
    from vdk_graph.endpoint import safety

    safety.inspect.cache_clear()
    long_text = "ASK { ?service ?p " + '"' + "x" * 50_000 + '" }'
    safety.check(long_text)
    safety.check("ASK { ?service ?p ?o }")
    assert safety.inspect.cache_info().currsize == 1

"""A query that needs more memory than one query may use is stopped; the endpoint goes on serving."""

from __future__ import annotations

import pytest

from tests.endpoint_fixtures import AppFactory
from vdk_graph.config import MIN_QUERY_MEMORY, Settings
from vdk_graph.errors import ConfigError

ONES = " ".join(str(i) for i in range(1, 31))
#: 810,000 rows of 100-character strings folded into one: hundreds of megabytes while it runs.
GREEDY = f"""SELECT (GROUP_CONCAT(?s; separator="") AS ?x) (COUNT(*) AS ?n) WHERE {{
  VALUES ?a {{ {ONES} }} VALUES ?b {{ {ONES} }} VALUES ?c {{ {ONES} }} VALUES ?d {{ {ONES} }}
  BIND(CONCAT("{'x' * 90}", STR(?a), STR(?b), STR(?c), STR(?d)) AS ?s) }}"""


def test_a_query_over_the_memory_limit_gets_503_and_the_next_one_an_answer(sparql_app: AppFactory) -> None:
    app = sparql_app(kind="embedded", workers=1, query_memory=MIN_QUERY_MEMORY, query_timeout=60)
    client = app.test_client()
    greedy = client.post("/sparql", data={"query": GREEDY}, headers={"Accept": "application/json"})
    assert greedy.status_code == 503, greedy.get_data(as_text=True)[:500]
    assert greedy.json is not None and f"more than {MIN_QUERY_MEMORY} MB of memory" in greedy.json["message"]
    after = client.get(
        "/sparql", query_string={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"}
    )
    assert after.status_code == 200 and after.json is not None and after.json["boolean"] is True


def test_without_a_limit_the_same_query_answers(sparql_app: AppFactory) -> None:
    client = sparql_app(
        kind="embedded", workers=1, query_memory=0, query_timeout=60, max_answer_bytes=10**9
    ).test_client()
    response = client.post("/sparql", data={"query": GREEDY}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.get_data(as_text=True).splitlines()[1].endswith(",810000")


def test_the_limit_is_checked_and_stated() -> None:
    with pytest.raises(ConfigError, match="at least"):
        Settings(query_memory=MIN_QUERY_MEMORY - 1)
    with pytest.raises(ConfigError):
        Settings(query_memory=-1)
    assert Settings(query_memory=0).query_memory == 0
    assert Settings.from_env({"VDK_QUERY_MEMORY": "2048"}).query_memory == 2048


def test_the_service_description_states_the_limit(sparql_app: AppFactory) -> None:
    client = sparql_app(kind="embedded", workers=1, query_memory=777).test_client()
    text = client.get("/sparql", headers={"Accept": "text/turtle"}).get_data(as_text=True)
    assert "more than 777 MB of memory is stopped" in text

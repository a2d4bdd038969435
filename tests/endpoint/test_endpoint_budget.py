"""The per-client budget of query time: 429 with Retry-After once a client has used its share."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.endpoint.test_endpoint_memory import GREEDY
from tests.endpoint_fixtures import AppFactory
from vdk_graph.config import Settings
from vdk_graph.endpoint.budget import ClientBudget
from vdk_graph.endpoint.protocol import ProtocolError
from vdk_graph.errors import ConfigError


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_client_over_its_budget_waits_until_enough_of_it_has_expired() -> None:
    clock = Clock()
    budget = ClientBudget(10, window=60, clock=clock)
    budget.charge("a", 6)
    clock.now += 1
    budget.charge("a", 5)
    clock.now += 1
    with pytest.raises(ProtocolError) as caught:
        budget.check("a")
    assert caught.value.http_status == 429
    # 11 s used; once the first 6 s expire (58 s from now) 5 s remain, under the budget of 10 s
    assert caught.value.headers == {"Retry-After": "58"}
    assert "11.0 s of query time in the last 60 s" in str(caught.value)
    clock.now += 57
    with pytest.raises(ProtocolError):
        budget.check("a")
    clock.now += 1
    budget.check("a")


def test_one_client_over_its_budget_does_not_hold_up_another() -> None:
    budget = ClientBudget(1, clock=Clock())
    budget.charge("a", 2)
    with pytest.raises(ProtocolError):
        budget.check("a")
    budget.check("b")


def test_under_the_budget_nothing_is_refused() -> None:
    budget = ClientBudget(10, clock=Clock())
    for _ in range(9):
        budget.charge("a", 1)
        budget.check("a")


def test_a_budget_of_zero_is_no_budget() -> None:
    budget = ClientBudget(0, clock=Clock())
    budget.charge("a", 1e9)
    budget.check("a")


def test_it_remembers_a_bounded_number_of_clients_the_least_recent_forgotten_first() -> None:
    budget = ClientBudget(1, max_clients=2, clock=Clock())
    for client in ("a", "b", "c"):
        budget.charge(client, 5)
    budget.check("a")  # forgotten
    for client in ("b", "c"):
        with pytest.raises(ProtocolError):
            budget.check(client)


def test_a_negative_budget_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="client budget"):
        Settings(client_budget=-1)
    assert Settings.from_env({"VDK_CLIENT_BUDGET": "5"}).client_budget == 5.0


#: A visitor from elsewhere (TEST-NET addresses): requests from this machine itself are not budgeted.
VISITOR = {"REMOTE_ADDR": "192.0.2.1"}


def test_the_endpoint_answers_429_to_the_client_over_budget_and_serves_others(sparql_app: AppFactory) -> None:
    app = sparql_app(client_budget=1e-9)
    query = {"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}
    first = app.test_client().get("/sparql", query_string=query, environ_base=VISITOR)
    assert first.status_code == 200
    again = app.test_client().get(
        "/sparql", query_string=query, headers={"Accept": "application/json"}, environ_base=VISITOR
    )
    assert again.status_code == 429
    assert int(again.headers["Retry-After"]) >= 1
    assert again.json is not None and "query time" in again.json["message"]
    assert "Retry-After" in again.headers["Access-Control-Expose-Headers"]
    other = app.test_client().get("/sparql", query_string=query, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 200


def test_this_machine_itself_is_never_budgeted(sparql_app: AppFactory) -> None:
    app = sparql_app(client_budget=1e-9)
    for address in ("127.0.0.1", "127.0.0.2", "::1"):
        for _ in range(3):
            response = app.test_client().get(
                "/sparql", query_string={"query": "ASK {}"}, environ_base={"REMOTE_ADDR": address}
            )
            assert response.status_code == 200, address


def test_named_query_pages_draw_on_the_same_budget(sparql_app: AppFactory) -> None:
    app = sparql_app(client_budget=1e-9)
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": "ASK {}"}, environ_base=VISITOR).status_code == 200
    assert client.get("/queries/sources.json", environ_base=VISITOR).status_code == 429


def test_without_a_budget_a_client_is_never_refused(sparql_app: AppFactory) -> None:
    client = sparql_app(client_budget=0).test_client()
    for _ in range(3):
        response = client.get("/sparql", query_string={"query": "ASK {}"}, environ_base=VISITOR)
        assert response.status_code == 200


def test_the_service_description_states_the_budget(sparql_app: AppFactory) -> None:
    response = sparql_app(client_budget=42).test_client().get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert "42 s of query time per minute" in response.get_data(as_text=True)


def test_behind_a_trusted_proxy_each_visitor_has_a_budget(sparql_app: AppFactory) -> None:
    app = sparql_app(client_budget=1e-9, trusted_proxies=1)
    query = {"query": "ASK {}"}

    def ask(visitor: str) -> int:
        headers = {"X-Forwarded-For": visitor}
        return app.test_client().get("/sparql", query_string=query, headers=headers).status_code

    assert ask("198.51.100.1") == 200
    assert ask("198.51.100.1") == 429
    assert ask("198.51.100.2") == 200


def test_without_trusted_proxies_a_forwarded_address_is_not_believed(sparql_app: AppFactory) -> None:
    app = sparql_app(client_budget=1e-9)
    query = {"query": "ASK {}"}
    assert app.test_client().get("/sparql", query_string=query, environ_base=VISITOR).status_code == 200
    spoofed = app.test_client().get(
        "/sparql", query_string=query, headers={"X-Forwarded-For": "203.0.113.9"}, environ_base=VISITOR
    )
    assert spoofed.status_code == 429


def test_a_client_may_run_only_so_many_queries_at_once() -> None:
    clock = Clock()
    budget = ClientBudget(0, concurrency=2, clock=clock)
    with budget.running("a"), budget.running("a"):
        with pytest.raises(ProtocolError) as caught, budget.running("a"):
            pass
        assert caught.value.http_status == 429 and "2 queries running" in str(caught.value)
        with budget.running("b"):
            pass
    with budget.running("a"):
        pass


def test_running_charges_the_time_the_query_ran_not_the_time_it_waited() -> None:
    clock = Clock()
    budget = ClientBudget(5, clock=clock)
    with budget.running("a"):
        clock.now += 60  # waited a minute for a worker: no run time measured, nothing charged
    budget.check("a")
    with budget.running("a") as meter:
        meter.seconds = 6  # what the executor measured in the worker
    with pytest.raises(ProtocolError), budget.running("a"):
        pass


def test_a_client_whose_queries_ran_long_lately_is_heavy_until_they_expire() -> None:
    clock = Clock()
    budget = ClientBudget(0, heavy_after=1.0, clock=clock)  # no budget: charges are still remembered
    budget.charge("a", 0.5)
    assert not budget.heavy("a")
    budget.charge("a", 1.5)
    assert budget.heavy("a") and not budget.heavy("b")
    clock.now += 61
    assert not budget.heavy("a")


def test_parallel_queries_from_one_visitor_beyond_half_the_workers_get_429(sparql_app: AppFactory) -> None:
    app = sparql_app(
        kind="embedded", workers=2, client_budget=600, query_memory=0, query_timeout=60,
        max_answer_bytes=10**9,
    )
    app.test_client().get("/sparql", query_string={"query": "ASK {}"})  # start the workers

    def ask(_: int) -> int:
        return app.test_client().post("/sparql", data={"query": GREEDY}, environ_base=VISITOR).status_code

    with ThreadPoolExecutor(3) as pool:
        codes = list(pool.map(ask, range(3)))
    assert 200 in codes and 429 in codes and set(codes) == {200, 429}, codes

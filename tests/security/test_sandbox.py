"""Defence in depth: a thread that runs public queries cannot reach the network, whatever the check says.

Each test turns the safety check off (or runs the engine directly) and shows
that SERVICE still reaches nothing: the canary on 127.0.0.1 sees no request.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.endpoint.test_endpoint_safety import service_queries
from tests.endpoint_fixtures import AppFactory, Canary
from tests.store_fixtures import run_child
from vdk_graph.endpoint import safety, sandbox


@pytest.fixture(autouse=True)
def seccomp_here() -> None:
    if not sandbox.status().active:
        if os.environ.get("CI"):
            pytest.fail(f"CI must be able to confine query workers: {sandbox.status().how}")
        pytest.skip(f"this machine cannot load a seccomp filter ({sandbox.status().how})")


def test_a_confined_thread_cannot_call_service_while_the_others_can(canary: Canary) -> None:
    result = run_child(
        """
        import json, sys, threading
        import pyoxigraph as ox
        from vdk_graph.endpoint import sandbox

        url = sys.argv[1]
        outcome = {}

        def ask(name, confine):
            if confine:
                sandbox.confine()
            try:
                list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}/{name}> {{ ?s ?p ?o }} }}"))
                outcome[name] = "answered"
            except Exception as exc:
                outcome[name] = type(exc).__name__

        for name, confine in (("confined", True), ("free", False)):
            thread = threading.Thread(target=ask, args=(name, confine))
            thread.start()
            thread.join()
        print(json.dumps(outcome))
        """,
        canary.url,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["confined"] == "PermissionError"
    assert [hit.split()[1] for hit in canary.hits] == ["/free"]  # the control: without the filter it calls


def test_the_memory_store_runs_every_service_spelling_confined_even_without_the_check(
    sparql_app: AppFactory, canary: Canary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safety, "check", lambda text, strict=False: None)
    client = sparql_app(kind="memory").test_client()
    for query in service_queries(canary.url).values():
        client.get("/sparql", query_string={"query": query})  # SILENT ones answer empty; others fail
    plain = client.get("/sparql", query_string={"query": service_queries(canary.url)["plain"]})
    assert plain.status_code == 403 and "tried to reach the network" in plain.get_json()["message"]
    assert canary.hits == []


def test_every_worker_process_of_an_embedded_store_is_confined(sparql_app: AppFactory) -> None:
    app = sparql_app(kind="embedded", workers=3)
    assert app.test_client().get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    executor = app.extensions["vdk_endpoint"].executor
    executor.wait_ready()
    assert executor.confinement.active and len(executor.pids()) == 3
    for pid in executor.pids():
        status = Path(f"/proc/{pid}/status").read_text()
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        assert fields["Seccomp"].strip() == "2", (pid, fields["Seccomp"])  # 2: a filter is in force
        assert int(fields["Seccomp_filters"]) >= 1


def test_the_service_description_and_the_start_up_line_say_so(sparql_app: AppFactory) -> None:
    app = sparql_app(kind="embedded")
    text = app.test_client().get("/sparql", headers={"Accept": "text/turtle"}).get_data(as_text=True)
    assert "cannot open network sockets" in text

"""Pages are bounded in time and size, and say so when they cannot answer (issue 10 §2, §4)."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from flask import Flask

from tests.security.test_hostile_clients import request, sparql
from vdk_graph.config import Settings
from vdk_graph.store import MemoryStore
from webapp import create_app
from webapp.params import declared
from webapp.server import Limits, create_server
from webapp.views import data as data_view

pytestmark = pytest.mark.server
Slow = tuple[str, threading.Event]


@pytest.fixture
def slow_server() -> Iterator[tuple[str, threading.Event]]:
    """A real server whose /slow page takes as long as the test lets it, pages limited to 1 s."""
    release = threading.Event()
    app = create_app(Settings(store="memory:"), {"VDK_QUERY_WORKERS": 2}, store=MemoryStore())

    def slow() -> str:
        release.wait(20)
        return "made at last"

    app.add_url_rule("/slow", "slow", slow)
    server = create_server(app, "127.0.0.1", 0, Limits(page_threads=2, sparql_threads=2, page_timeout=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}", release
    release.set()
    server.close()


def test_a_page_past_its_limit_is_a_quick_503_and_the_rest_goes_on(slow_server: Slow) -> None:
    url, release = slow_server
    started = time.perf_counter()
    status, body, headers = request(url, "/slow")
    assert status == 503 and 0.9 < time.perf_counter() - started < 3
    assert int(headers["Retry-After"]) >= 1 and b"longer than 1 s" in body
    assert request(url, "/search.json?q=x")[0] == 200  # the other page worker
    assert request(url, sparql("ASK {}"))[0] == 200  # SPARQL has threads of its own


def test_when_every_page_worker_is_busy_a_visitor_hears_so_at_once(slow_server: Slow) -> None:
    url, release = slow_server
    with ThreadPoolExecutor(2) as pool:
        stuck = [pool.submit(request, url, "/slow") for _ in range(2)]  # both page workers, past 1 s
        time.sleep(1.5)
        started = time.perf_counter()
        status, body, headers = request(url, "/index.json")
        assert status == 503 and time.perf_counter() - started < 2.5
        assert json.loads(body)["error"] == "Busy" and "Retry-After" in headers
        assert request(url, sparql("ASK {}"))[0] == 200
        release.set()
        assert [f.result()[0] for f in stuck] == [503, 503]
    time.sleep(0.2)
    assert request(url, "/index.json")[0] == 200


def test_the_inventory_lists_projects_and_graphs_a_page_at_a_time(
    entity_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(data_view, "PER_PAGE", 1)  # the test data is small; the rule is the same
    client = entity_app.test_client()
    data = client.get("/data.json").get_json()
    for part in ("projects", "graphs"):
        assert len(data[part]["rows"]) <= data_view.PER_PAGE and data[part]["page"] == 1
        assert data[part]["total"] >= len(data[part]["rows"])
    assert data["graphs"]["pages"] > 1  # the curated data has more sources than one page holds
    second = client.get("/data.json?graphs_page=2").get_json()["graphs"]
    assert second["page"] == 2 and second["rows"] and second["rows"][0] not in data["graphs"]["rows"]
    assert client.get("/data.json?projects_page=0").status_code == 400
    assert client.get("/data?graphs_page=x").status_code == 400
    far = client.get(f"/data.json?projects_page={data['projects']['pages'] + 1}").get_json()
    assert far["projects"]["rows"] == []


def test_every_page_names_the_parameters_it_takes_and_refuses_others(entity_app: Flask) -> None:
    client = entity_app.test_client()
    undeclared = []
    for rule in entity_app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()):
            continue
        if rule.endpoint in ("static", "sparql.query", "sparql.void"):
            continue  # files; the endpoint reads the SPARQL protocol's own parameters
        if not declared(entity_app.view_functions[rule.endpoint]):
            undeclared.append(rule.rule)
    assert undeclared == []
    for path in ("/map", "/map/data.json", "/search.json", "/match.json", "/queries/sources.json", "/",
                 "/id/organisation/vision-denmark"):
        response = client.get(path + "?" + urllib.parse.urlencode({"from_year": "2021"}),
                              headers={"Accept": "application/json"})
        assert response.status_code == 400, path
        assert "from_year" in response.get_json()["message"] and "it takes" in response.get_json()["message"]
    assert client.get("/map?from=2021&lang=da").status_code == 200

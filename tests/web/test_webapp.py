"""The web app through Flask's test client: home page, its JSON twin, entity pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from vdk_graph.config import Settings
from vdk_graph.curation.build import build
from vdk_graph.store import MemoryStore
from webapp import create_app

DATA = Path(__file__).parent.parent / "fixtures" / "data-seed"  # the founding record only: exact counts


@pytest.fixture(scope="module")
def app() -> Flask:
    settings = Settings(store="memory:", data_dir=DATA)
    store = MemoryStore()
    build(store, settings)
    return create_app(settings, {"TESTING": True}, store=store)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_the_data_page_shows_counts_by_type_and_the_projects(client: FlaskClient) -> None:
    page = client.get("/data")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Participation" in html and "VDK" in html
    assert "Vision Denmark Creative Business Alliance" in html
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_the_data_page_has_a_json_twin(client: FlaskClient) -> None:
    data = client.get("/data.json").get_json()
    kinds = {c["label"]: c["count"] for c in data["classes"]}
    assert kinds["Project"] == 1
    [project] = data["projects"]["rows"]
    assert project["acronym"] == "VDK" and project["start"] == "2020-05-27" and project["participants"] == 7


def test_project_page_shows_facts_and_sources(client: FlaskClient) -> None:
    data = client.get("/data.json").get_json()
    path = data["projects"]["rows"][0]["iri"].replace("https://w3id.org/vdk/id/", "/id/")
    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "VDK klynge 2021-24" in html
    assert "https://www.ucviden.dk/en/projects/" in html  # the source is shown, not hidden


def test_entity_content_negotiation(client: FlaskClient) -> None:
    path = "/id/organisation/filmfyn"
    turtle = client.get(path, headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.mimetype == "text/turtle"
    assert b"FilmFyn" in turtle.data
    assert client.get(path + ".jsonld").mimetype == "application/ld+json"
    assert client.get(path + ".nt").mimetype == "application/n-triples"
    assert client.get(path, headers={"Accept": "text/html"}).mimetype == "text/html"


def test_unknown_entity_is_404_in_html_and_json(client: FlaskClient) -> None:
    assert client.get("/id/organisation/does-not-exist").status_code == 404
    reply = client.get("/id/organisation/does-not-exist", headers={"Accept": "application/json"})
    assert reply.status_code == 404 and "no entity" in reply.get_json()["message"]


def test_labels_from_data_are_escaped(tmp_path: Path) -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    from vdk_graph.vocab import VDK

    store = MemoryStore()
    g = Graph()
    org = URIRef("https://w3id.org/vdk/id/organisation/evil")
    g.add((org, RDF.type, VDK.Company))
    g.add((org, RDFS.label, Literal("<img src=x onerror=alert(1)>")))
    with store.transaction() as tx:
        tx.replace_graph("https://w3id.org/vdk/id/graph/test", g)
    client = create_app(Settings(store="memory:"), {"TESTING": True}, store=store).test_client()
    html = client.get("/id/organisation/evil").get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_app_shows_an_import_made_by_another_process_once_it_is_complete(tmp_path: Path) -> None:
    import subprocess
    import sys

    store_dir = tmp_path / "store"
    settings = Settings(store=str(store_dir), data_dir=DATA)
    from vdk_graph.store import EmbeddedStore

    store = EmbeddedStore(store_dir)
    build(store, settings)
    client = create_app(settings, {"TESTING": True}, store=store).test_client()
    assert len(client.get("/data.json").get_json()["projects"]["rows"]) == 1

    page = tmp_path / "another.txt"
    page.write_text(
        "Animerede læringsforløb\n\nProjektdetaljer\n\nBeskrivelse\n\nEt projekt om animation i skolen.\n"
        "StatusAfsluttet\nEffektiv start/slut dato01/01/201931/12/2020\n\nSamarbejdspartnere\n\n"
        "  • Viborg Kommune (leder)\n  • The Animation Workshop (Projektpartner)\n",
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "vdk_graph", "--store", str(store_dir), "import", "pure", str(page)],
        check=True, capture_output=True, text=True,
    )
    titles = {p["title"] for p in client.get("/data.json").get_json()["projects"]["rows"]}
    assert "Animerede læringsforløb" in titles

"""Linked data that resolves and is reusable (issue 15 §3): ontology, dumps, VoID, sitemap, CORS, caching."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from tests.store_fixtures import REPO
from vdk_graph.config import Settings
from vdk_graph.ontology.doc import document
from vdk_graph.store import MemoryStore
from webapp import create_app
from webapp.views import dumps

RDF_TYPES = {
    ".ttl": ("text/turtle", ox.RdfFormat.TURTLE),
    ".rdf": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ".jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    ".nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}


@pytest.fixture
def client(entity_app: Flask) -> FlaskClient:
    return entity_app.test_client()


# --------------------------------------------------------------------------- the ontology


def test_the_ontology_page_lists_every_class_and_property_in_both_languages(client: FlaskClient) -> None:
    doc = document()
    english = client.get("/ontology").get_data(as_text=True)
    danish = client.get("/ontology?lang=da").get_data(as_text=True)
    assert len(doc.classes) > 30 and len(doc.properties) > 50
    for term in (*doc.classes, *doc.properties):
        assert f'id="{term.local}"' in english, term.local
        assert escape(term.label("en")) in english and escape(term.label("da")) in danish, term.local


@pytest.mark.parametrize("suffix", list(RDF_TYPES))
def test_the_ontology_as_data_by_suffix_and_by_accept(client: FlaskClient, suffix: str) -> None:
    media, rdf_format = RDF_TYPES[suffix]
    for response in (client.get(f"/ontology{suffix}"), client.get("/ontology", headers={"Accept": media})):
        assert response.status_code == 200 and response.mimetype == media
        triples = list(ox.parse(response.data, format=rdf_format))
        classes = {q.subject.value for q in triples if q.object.value == "http://www.w3.org/2002/07/owl#Class"}
        assert {t.iri for t in document().classes} <= classes
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    shapes = client.get(f"/ontology/shapes{suffix}")
    node_shape = "http://www.w3.org/ns/shacl#NodeShape"
    assert shapes.status_code == 200
    assert any(q.object.value == node_shape for q in ox.parse(shapes.data, format=rdf_format))


def test_the_w3id_redirects_send_ids_and_the_ontology_to_a_deployment() -> None:
    rules = (REPO / "deploy" / "w3id" / ".htaccess").read_text()
    assert "RewriteRule ^id/(.+)$ DEPLOYMENT/id/$1 [R=303" in rules
    assert "RewriteRule ^ontology$ DEPLOYMENT/ontology" in rules


# --------------------------------------------------------------------------- dumps, VoID, sitemap


def test_the_dumps_hold_the_whole_graph_and_are_made_once_per_data_version(entity_store: MemoryStore) -> None:
    app = create_app(Settings(store="memory:"), {"TESTING": True}, store=entity_store)
    client = app.test_client()
    nquads = client.get("/data/vdk.nq.gz")
    assert nquads.status_code == 200 and nquads.mimetype == "application/n-quads"
    assert "attachment" in nquads.headers["Content-Disposition"]
    quads = list(ox.parse(gzip.decompress(nquads.data), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == sum(entity_store.graph_sizes().values())
    assert {q.graph_name.value for q in quads} == set(entity_store.graph_sizes())
    turtle = client.get("/data/vdk.ttl.gz")
    triples = list(ox.parse(gzip.decompress(turtle.data), format=ox.RdfFormat.TURTLE))
    assert len(triples) == entity_store.triple_count()
    first = dumps.FILES.get(entity_store)
    assert dumps.FILES.get(entity_store) is first  # not written again for the same data
    nquads.close()
    turtle.close()


def test_void_links_the_dumps_the_licence_and_the_vocabulary(client: FlaskClient) -> None:
    void = client.get("/.well-known/void", headers={"Accept": "application/n-triples"}).get_data(as_text=True)
    assert "<http://rdfs.org/ns/void#dataDump> <http://localhost/data/vdk.nq.gz>" in void
    assert "<http://purl.org/dc/terms/license> <https://creativecommons.org/licenses/by/4.0/>" in void
    assert "<http://rdfs.org/ns/void#vocabulary> <https://w3id.org/vdk/ontology>" in void


def test_the_sitemap_lists_every_entity_page_and_splits_when_large(
    client: FlaskClient, entity_store: MemoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = client.get("/sitemap.xml").data
    urls = [e.text for e in ET.fromstring(body).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    labelled = dumps._entities(entity_store, "https://w3id.org/vdk/id/")
    assert len(labelled) > 10 and all(u.startswith("http://localhost/") for u in urls)
    pages = {"http://localhost/id/" + e.removeprefix("https://w3id.org/vdk/id/") for e in labelled}
    assert pages <= set(urls)
    monkeypatch.setattr(dumps, "PER_SITEMAP", 10)
    index = ET.fromstring(client.get("/sitemap.xml").data)
    parts = [e.text for e in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert index.tag.endswith("sitemapindex") and len(parts) == -(-len(urls) // 10)
    assert client.get(parts[-1].removeprefix("http://localhost")).status_code == 200  # type: ignore[union-attr]
    assert client.get(f"/sitemap-{len(parts) + 1}.xml").status_code == 404


# --------------------------------------------------------------------------- CORS, validators, compression


DATA_PATHS = ["/index.json", "/search.json?q=film", "/map/data.json", "/id/organisation/kbh.ttl",
              "/queries/sources.json", "/queries/sources.csv"]


@pytest.mark.parametrize("path", DATA_PATHS)
def test_read_only_data_is_open_to_other_sites_and_revalidates(client: FlaskClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200 and first.headers["Access-Control-Allow-Origin"] == "*"
    assert first.headers["ETag"].startswith('W/"') and first.headers["Last-Modified"]
    assert "no-cache" in first.headers["Cache-Control"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    since = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304


def test_pages_for_people_are_not_opened_to_other_sites(client: FlaskClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "Access-Control-Allow-Origin" not in page.headers
    assert page.headers["ETag"]


def test_an_import_changes_the_validator(tmp_path: Path) -> None:
    store = MemoryStore()
    client = create_app(Settings(store="memory:"), {"TESTING": True}, store=store).test_client()
    before = client.get("/index.json").headers["ETag"]
    with store.transaction() as tx:
        tx.replace_graph("http://example.org/g", [ox.Triple(ox.NamedNode("http://e/s"),
                                                             ox.NamedNode("http://e/p"), ox.Literal("o"))])
    after = client.get("/index.json", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before


def test_large_answers_are_compressed_for_clients_that_take_it(client: FlaskClient) -> None:
    plain = client.get("/map/data.json")
    packed = client.get("/map/data.json", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip" and len(packed.data) < len(plain.data) / 3
    assert gzip.decompress(packed.data) == plain.data


def test_csv_downloads_are_named_and_may_start_with_a_bom_for_excel(client: FlaskClient) -> None:
    plain = client.get("/queries/sources.csv")
    assert plain.headers["Content-Disposition"] == 'attachment; filename="sources.csv"'
    assert not plain.data.startswith(b"\xef\xbb\xbf")
    marked = client.get("/queries/sources.csv?bom=1")
    assert marked.data == b"\xef\xbb\xbf" + plain.data
    assert marked.data.decode("utf-8-sig") == plain.data.decode("utf-8")

"""The home page's figures and stories: each true to the graph, each linked to what is behind it."""

from __future__ import annotations

from collections import Counter

import pytest
from flask import Flask
from flask.testing import FlaskClient

from vdk_graph import queries
from vdk_graph.network import ORGANISATION_KIND_NAMES, ecosystem
from vdk_graph.store import Store
from webapp.views import home


@pytest.fixture
def client(entity_app: Flask) -> FlaskClient:
    return entity_app.test_client()


def test_organisation_figures_are_the_maps_kinds_and_add_up(client: FlaskClient, entity_store: Store) -> None:
    data = client.get("/index.json").get_json()
    kinds = Counter(d["kind"] for _, d in ecosystem(entity_store).graph.nodes(data=True)
                    if d.get("kind") in ORGANISATION_KIND_NAMES)
    shown = data["organisations_by_kind"]
    assert shown["company"] == kinds["company"] > 0 and shown["knowledge"] == kinds["knowledge"]
    assert sum(shown.values()) == data["organisations"] == sum(kinds.values())


def test_money_is_summed_per_currency_as_sparql_sums_it(client: FlaskClient, entity_store: Store) -> None:
    data = client.get("/index.json").get_json()
    result = entity_store.query(
        "PREFIX vdk: <https://w3id.org/vdk/ontology#> SELECT (SUM(?a) AS ?s) WHERE { "
        '?g a vdk:Grant ; vdk:amount ?a ; vdk:currency ?c FILTER(UCASE(STR(?c)) = "DKK") }'
    )
    [(total,)] = list(result.rows)  # type: ignore[union-attr]
    [dkk] = [m for m in data["money"] if m["currency"] == "DKK"]
    assert dkk["total"] == pytest.approx(float(total.value)) and dkk["grants"] > 0  # type: ignore[union-attr]
    first, last = data["years"]
    assert 2000 < first <= last < 2100
    sources = entity_store.query(
        "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX vdk: <https://w3id.org/vdk/ontology#> "
        "SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE { ?g a vdk:SourceGraph ; prov:wasDerivedFrom ?u "
        'FILTER NOT EXISTS { ?g vdk:importer "metrics" } }'
    )
    [(count,)] = list(sources.rows)  # type: ignore[union-attr]
    assert data["projects"] > 0 and data["sources"] == int(count.value) > 0  # type: ignore[union-attr]


def test_each_story_is_the_first_rows_of_its_named_query(client: FlaskClient) -> None:
    data = client.get("/index.json").get_json()
    assert [s["query"] for s in data["stories"]] == [name for name, _, _ in home.overview.STORIES]
    for story in data["stories"]:
        queries.get(story["query"])  # a named query the visitor can open
        full = client.get(f"/queries/{story['query']}.json", query_string=story["params"]).get_json()
        assert story["total"] == len(full["rows"])
        assert story["rows"] == full["rows"][: len(story["rows"])], story["query"]


def test_every_figure_links_to_a_page_that_answers(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    figures = html.split('id="figures"', 1)[1].split("</ul>", 1)[0]
    links = [part.split('"', 1)[0].replace("&amp;", "&") for part in figures.split('href="')[1:]]
    assert len(links) >= 9
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_page_is_light_and_made_once_per_data_version(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client.get("/")
    assert first.status_code == 200 and len(first.data) < 300_000
    calls: list[str] = []
    original = home.FRONT.compute
    monkeypatch.setattr(home.FRONT, "compute", lambda s, lang: calls.append(lang) or original(s, lang))
    for _ in range(3):
        assert client.get("/").status_code == 200
    assert calls == []  # the same data version: nothing computed again
    assert client.get("/?lang=da").status_code == 200 and calls == ["da"]

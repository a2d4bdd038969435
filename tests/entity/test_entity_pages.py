"""Entity pages (/id/…): facts grouped per kind, each fact with its source, content negotiation, 404s, safety.

Most tests run over the made-up ecosystem of ``tests/entity_fixtures.py`` (two
sources, one of everything); one runs over the real founding record.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from tests.entity_fixtures import ID, SOURCE_A, SOURCE_B, XSS
from tests.factories import SEED
from vdk_graph import entity
from vdk_graph.store import MemoryStore

NORDLYS = "/id/organisation/nordlys"


def groups(client: FlaskClient, path: str, lang: str = "en") -> dict[str, Any]:
    reply = client.get(f"{path}.json?lang={lang}")
    assert reply.status_code == 200, reply.get_data(as_text=True)
    return {g["key"]: g for g in reply.get_json()["groups"]}


def cells(group: dict[str, Any], column: str) -> list[list[str]]:
    """The labels (or values) shown in one column, row by row."""
    return [[v.get("label", v.get("value")) for v in row["cells"].get(column, [])] for row in group["rows"]]


def source_urls(client: FlaskClient, path: str) -> dict[int, str]:
    data = client.get(path + ".json").get_json()
    return {s["number"]: s.get("url") for s in data["sources"]}


# --------------------------------------------------------------------------- grouping per kind


def test_an_organisation_page_groups_its_facts_by_meaning(entity_client: FlaskClient) -> None:
    g = groups(entity_client, NORDLYS)
    assert list(g)[:3] == ["names", "about", "projects"]
    names = {row["cells"]["property"][0]["label"]: [v["value"] for v in row["cells"]["value"]]
             for row in g["names"]["rows"]}
    assert sorted(names["name"]) == ["Nordlys Studiet", "Nordlys Studio"]
    assert names["also known as"] == ["NLS"]
    about = {row["cells"]["property"][0]["label"]: [v.get("label", v["value"]) for v in row["cells"]["value"]]
             for row in g["about"]["rows"]}
    assert about["based in"] == ["Aarhus", "Region Midtjylland"]  # the city with its region
    assert about["website"] == ["https://nordlys.example/"] and about["CVR number"] == ["12345678"]
    assert dict(zip(sum(cells(g["projects"], "project"), []), cells(g["projects"], "role"), strict=True)) == {
        "Games Lab": [], "Immersive Learning": ["Lead partner"]}
    assert cells(g["partners"], "partner") == [["Aarhus University"], [XSS]]
    assert cells(g["partners"], "shared") == [[2], [1]]
    assert cells(g["grants_received"], "funder") == [["Vækstfonden"]]
    [grant_amount] = g["grants_received"]["rows"][0]["cells"]["amount"]
    assert (grant_amount["value"], grant_amount["unit"]) == (9200000, "DKK")
    assert cells(g["investments_received"], "investor") == [["Nordic Capital Partners"]]
    assert cells(g["investments_received"], "stake") == [[20.5]]
    assert cells(g["memberships"], "cluster") == [["Vision Denmark"]]
    assert cells(g["people"], "person") == [["Anna Hansen"]]
    assert cells(g["people"], "role") == [["Chief executive"]]
    assert cells(g["topics"], "value") == [["Extended reality"]]


def test_a_closed_organisation_says_when_it_closed_in_both_languages(entity_client: FlaskClient) -> None:
    for lang, title in (("en", "closing year"), ("da", "ophørsår")):
        g = groups(entity_client, "/id/organisation/isle", lang)
        about = {row["cells"]["property"][0]["label"]: [str(v.get("label", v["value"]))
                                                         for v in row["cells"]["value"]]
                 for row in g["about"]["rows"]}
        assert about[title] == ["2023"], about


def test_the_html_page_writes_dates_money_and_roles_for_people(entity_client: FlaskClient) -> None:
    html = entity_client.get(NORDLYS).get_data(as_text=True)
    assert "<h1 id=\"entity-label\">Nordlys Studio</h1>" in html
    assert "27 May 2020 – 31 December 2022" in html and "Lead partner" in html and "Finished" in html
    assert "DKK 9.2 million" in html and "DKK 2.5 million" in html and "20.5%" in html
    assert 'href="/id/organisation/uni"' in html  # partners link to their pages
    assert 'href="https://nordlys.example/"' in html


def test_the_page_in_danish_uses_danish_labels_and_formats(entity_client: FlaskClient) -> None:
    html = entity_client.get(NORDLYS + "?lang=da").get_data(as_text=True)
    assert "<h1 id=\"entity-label\">Nordlys Studiet</h1>" in html
    assert "27. maj 2020 – 31. december 2022" in html
    assert "Ledende partner" in html and "Afsluttet" in html and "Administrerende direktør" in html
    assert "9,2 mio. kr." in html and "2,5 mio. kr." in html and "20,5 %" in html
    assert ">Projekter" in html and ">Partnere" in html and ">Kilder<" in html
    assert "Udvidet virkelighed" in html  # the topic's Danish label
    assert "Aarhus Universitet" in html


def test_a_project_page_lists_participants_by_role_funding_and_indicators(entity_client: FlaskClient) -> None:
    g = groups(entity_client, "/id/project/immersive")
    assert cells(g["participants"], "participant")[0] == ["Nordlys Studio"]  # the lead first
    assert cells(g["participants"], "role")[:2] == [["Lead partner"], ["Project partner"]]
    assert [XSS] in cells(g["participants"], "participant")
    assert cells(g["funding"], "funder") == [["Vækstfonden"]]
    assert cells(g["keywords"], "value") == [["Extended reality"]]
    assert cells(g["indicators"], "indicator") == [["new jobs"]]
    assert cells(g["indicators"], "change") == [[25]]
    names = sum(cells(g["names"], "value"), [])
    assert "IMLE" in names and "IL 2020" in names
    html = entity_client.get("/id/project/immersive").get_data(as_text=True)
    assert '<span class="text" lang="da">Læring med VR.</span>' in html
    assert "25 jobs" in html and "2 years" in html


def test_topic_place_programme_person_and_source_graph_pages(entity_client: FlaskClient) -> None:
    topic = groups(entity_client, "/id/topic/xr")
    assert cells(topic["projects"], "project") == [["Immersive Learning"]]
    assert cells(topic["organisations"], "organisation") == [["Nordlys Studio"]]
    assert ["Aarhus University"] in cells(topic["organisations_via_projects"], "organisation")
    city = groups(entity_client, "/id/place/aarhus")
    based = sorted(sum(cells(city["based_here"], "organisation"), []))
    assert based == ["Aarhus University", "Nordlys Studio"]
    region = groups(entity_client, "/id/place/midt")
    assert cells(region["places_within"], "place") == [["Aarhus"]]
    assert ["Nordlys Studio"] in cells(region["based_within"], "organisation")
    programme = groups(entity_client, "/id/programme/innovation")
    assert cells(programme["projects"], "project") == [["Immersive Learning"]]
    assert cells(programme["grants"], "recipient") == [["Nordlys Studio"]]
    person = groups(entity_client, "/id/person/anna")
    assert cells(person["positions"], "organisation") == [["Nordlys Studio"]]
    graph = groups(entity_client, "/id/graph/test/b")
    counts = dict(zip(sum(cells(graph["contents"], "class"), []), sum(cells(graph["contents"], "count"), []),
                      strict=True))
    assert counts["Company"] == 2 and counts["Grant"] == 1


def test_relation_nodes_have_pages_too(entity_client: FlaskClient) -> None:
    grant = groups(entity_client, "/id/grant/vf-immersive")
    about = {row["cells"]["property"][0]["label"]: row["cells"]["value"] for row in grant["about"]["rows"]}
    assert about["amount"][0]["type"] == "money" and about["awarded by"][0]["label"] == "Vækstfonden"
    investment = groups(entity_client, "/id/investment/vc-nordlys")
    about = {r["cells"]["property"][0]["label"]: r["cells"]["value"] for r in investment["about"]["rows"]}
    assert about["investee"][0]["label"] == "Nordlys Studio" and about["date"][0]["value"] == "2021-03-15"
    participation = groups(entity_client, "/id/participation/immersive-uni")
    inverse = [row for row in participation["about"]["rows"] if row["cells"]["property"][0].get("note")]
    assert inverse[0]["cells"]["value"][0]["label"] == "Immersive Learning"


# --------------------------------------------------------------------------- provenance: shown, not hidden


def test_every_fact_cites_the_source_that_states_it(entity_client: FlaskClient) -> None:
    urls = source_urls(entity_client, NORDLYS)
    assert set(urls.values()) == {SOURCE_A, SOURCE_B}
    g = groups(entity_client, NORDLYS)
    for key, group in g.items():
        for row in group["rows"]:
            cited = set(row.get("sources", [])) | {n for vs in row["cells"].values() for v in vs
                                                   for n in v.get("sources", [])}
            assert cited, f"a row of {key} cites no source: {row}"
    # The grant is stated only by source B; Games Lab only by B; the membership only by A.
    assert {urls[n] for n in g["grants_received"]["rows"][0]["sources"]} == {SOURCE_B}
    games = next(r for r in g["projects"]["rows"] if r["cells"]["project"][0]["label"] == "Games Lab")
    assert {urls[n] for n in games["sources"]} == {SOURCE_B}
    assert {urls[n] for n in g["memberships"]["rows"][0]["sources"]} == {SOURCE_A}
    name = g["names"]["rows"][0]["cells"]["value"]
    english = next(v for v in name if v["value"] == "Nordlys Studio")
    assert {urls[n] for n in english["sources"]} == {SOURCE_A, SOURCE_B}  # stated by both


def test_source_markers_link_to_the_source_and_the_sources_list_names_it(entity_client: FlaskClient) -> None:
    html = entity_client.get(NORDLYS).get_data(as_text=True)
    markers = re.findall(r'<sup class="src">(.*?)</sup>', html, re.S)
    assert markers and all("href=" in m for m in markers)
    assert f'<a href="{SOURCE_B}" rel="noopener external" title="Source 2: Source B page">2</a>' in html
    sources = html[html.index('id="sources"'):]
    assert f'href="{SOURCE_A}"' in sources and "Source A page" in sources
    assert "read 1 November 2026" in sources
    assert 'href="/id/graph/test/b"' in sources  # and the graph the facts are in


def test_nothing_the_graph_says_about_an_entity_is_hidden(entity_client: FlaskClient,
                                                         entity_store: MemoryStore) -> None:
    """Every statement with the entity as subject or object shows up on its page."""
    for path in (NORDLYS, "/id/project/immersive", "/id/topic/xr", "/id/organisation/evil"):
        iri = ID + path.removeprefix("/id/")
        shown = json.dumps(entity_client.get(path + ".json").get_json(), ensure_ascii=False)
        result = entity_store.query(
            f"SELECT ?p ?o ?s WHERE {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}")
        for p, o, s in result.rows:  # type: ignore[union-attr]
            other = o if o is not None else s
            text = other.value
            if isinstance(other, ox.Literal) and other.datatype.value.endswith(("decimal", "integer")):
                text = str(json.loads(text))
            assert text in shown or text.rstrip("/").rsplit("/", 1)[-1] in shown, (path, p, other)
    other = groups(entity_client, NORDLYS)["other"]
    assert cells(other, "value") == [["Light in the north"]]


# --------------------------------------------------------------------------- content negotiation


@pytest.mark.parametrize(("accept", "mimetype"), [
    ("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"), ("application/rdf+xml", "application/rdf+xml"),
    ("application/json", "application/json"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"), ("*/*", "text/html"),
])
def test_content_negotiation_by_accept_header(entity_client: FlaskClient, accept: str, mimetype: str) -> None:
    reply = entity_client.get(NORDLYS, headers={"Accept": accept})
    assert reply.status_code == 200 and reply.mimetype == mimetype
    assert "Accept" in reply.headers["Vary"]


@pytest.mark.parametrize(("suffix", "mimetype", "fmt"), [
    (".ttl", "text/turtle", ox.RdfFormat.TURTLE), (".jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
    (".nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    (".rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_suffixes_serve_the_statements_in_both_directions(entity_client: FlaskClient, suffix: str,
                                                          mimetype: str, fmt: ox.RdfFormat) -> None:
    reply = entity_client.get(NORDLYS + suffix)
    assert reply.status_code == 200 and reply.mimetype == mimetype
    triples = {(t.subject.value, t.predicate.value, getattr(t.object, "value", None))
               for t in ox.parse(reply.data, format=fmt)}
    vdk = "https://w3id.org/vdk/ontology#"
    assert (ID + "organisation/nordlys", vdk + "cvr", "12345678") in triples
    assert (ID + "project/immersive", vdk + "hasLeadPartner", ID + "organisation/nordlys") in triples


def test_the_html_page_announces_its_data_versions(entity_client: FlaskClient) -> None:
    reply = entity_client.get(NORDLYS)
    assert '</id/organisation/nordlys.ttl>; rel="alternate"; type="text/turtle"' in reply.headers["Link"]
    html = reply.get_data(as_text=True)
    assert '<link rel="alternate" type="text/turtle" href="/id/organisation/nordlys.ttl">' in html
    assert 'href="/id/organisation/nordlys.json"' in html


def test_the_json_twin_carries_titles_in_the_chosen_language(entity_client: FlaskClient) -> None:
    data = entity_client.get(NORDLYS + ".json?lang=da").get_json()
    assert data["label"] == "Nordlys Studiet" and data["lang"] == "da" and data["kind"] == "organisation"
    projects = next(g for g in data["groups"] if g["key"] == "projects")
    assert projects["title"] == "Projekter" and projects["column_titles"][:2] == ["Projekt", "Rolle"]
    partners = next(g for g in data["groups"] if g["key"] == "partners")
    assert partners["note_text"].startswith("Organisationer, der deltager i de samme projekter")
    period = projects["rows"][1]["cells"]["period"][0]
    assert (period["value"], period["end"]) == ("2020-05-27", "2022-12-31")  # data stays ISO


# --------------------------------------------------------------------------- not found


def test_unknown_entities_are_404_as_html_json_and_rdf(entity_client: FlaskClient) -> None:
    html = entity_client.get("/id/organisation/nobody?lang=da")
    assert html.status_code == 404 and html.mimetype == "text/html"
    text = html.get_data(as_text=True)
    assert "Der er ingen enhed &lt;https://w3id.org/vdk/id/organisation/nobody&gt; i grafen" in text
    assert "Ikke fundet" in text
    as_json = entity_client.get("/id/organisation/nobody.json")
    assert as_json.status_code == 404 and "nobody" in as_json.get_json()["message"]
    asked = entity_client.get("/id/organisation/nobody", headers={"Accept": "application/json"})
    assert asked.status_code == 404 and asked.mimetype == "application/json"
    assert entity_client.get("/id/organisation/nobody.ttl").status_code == 404


@pytest.mark.parametrize("path", ["/id/organisation/a%3Eb", "/id/organisation/x%20y", "/id/a%7Bb%7D", "/id/"])
def test_paths_that_are_no_iri_are_404_not_500(entity_client: FlaskClient, path: str) -> None:
    assert entity_client.get(path).status_code == 404
    assert entity_client.get(path + ".ttl").status_code == 404


# --------------------------------------------------------------------------- safety


def test_a_name_that_is_markup_is_shown_as_text_everywhere(entity_client: FlaskClient) -> None:
    for path in ("/id/organisation/evil", NORDLYS, "/id/project/immersive", "/id/topic/xr",
                 "/id/organisation/evil?lang=da"):
        html = entity_client.get(path).get_data(as_text=True)
        assert "<img src=x" not in html, path
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, path


def test_a_javascript_url_in_the_data_never_becomes_a_link(entity_client: FlaskClient) -> None:
    html = entity_client.get("/id/organisation/evil").get_data(as_text=True)
    assert "javascript:alert(2)" in html  # shown, as text
    assert 'href="javascript:' not in html


def test_entity_pages_carry_the_content_security_policy(entity_client: FlaskClient) -> None:
    for path in (NORDLYS, NORDLYS + ".json", NORDLYS + ".ttl", "/id/organisation/nobody"):
        policy = entity_client.get(path).headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "default-src 'self'" in policy
        assert "unsafe-inline" not in policy


def test_html_pages_have_no_inline_script_or_style(entity_client: FlaskClient) -> None:
    html = entity_client.get(NORDLYS).get_data(as_text=True)
    assert "<script" not in html and " style=" not in html and " on" + "click" not in html


# --------------------------------------------------------------------------- focus map


def test_the_focus_map_draws_the_neighbourhood_as_svg_with_links(entity_client: FlaskClient) -> None:
    html = entity_client.get(NORDLYS).get_data(as_text=True)
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert 'href="/id/organisation/nordlys"' in svg and 'href="/id/project/immersive"' in svg
    assert 'href="/id/organisation/vc"' in svg  # the investor
    assert "&lt;img src=x" not in svg  # the evil company is no direct neighbour of Nordlys …
    evil = entity_client.get("/id/organisation/evil").get_data(as_text=True)
    evil_svg = evil[evil.index("<svg"):evil.index("</svg>")]
    assert "&lt;img src=x onerror=alert(1)&gt;" in evil_svg  # … its own map shows the name, escaped
    assert "<img" not in evil_svg


def test_pages_without_a_network_node_have_no_focus_map(entity_client: FlaskClient) -> None:
    assert "<svg" not in entity_client.get("/id/grant/vf-immersive").get_data(as_text=True)


# --------------------------------------------------------------------------- the library, and real data


def test_describe_returns_none_for_nothing_and_raises_for_an_invalid_iri(entity_store: MemoryStore) -> None:
    from vdk_graph.errors import NotFound

    assert entity.describe(entity_store, ID + "organisation/nobody") is None
    with pytest.raises(NotFound):
        entity.describe(entity_store, ID + "organisation/a>b")


def test_the_founding_record_page_shows_its_participants_with_roles_and_its_source(tmp_path: Path) -> None:
    """The real seed record (UC Viden's Pure page), imported as the curator would."""
    from vdk_graph.config import Settings
    from vdk_graph.importers.base import ImportContext, run_import
    from vdk_graph.importers.pure import PureImporter
    from webapp import create_app

    seed = SEED
    url = "https://www.ucviden.dk/en/projects/vision-denmark-klyngens-deltagelse-i-klyngeprogrammet-innovations"
    store, settings = MemoryStore(), Settings(store="memory:")
    run_import(store, PureImporter(), [seed], ImportContext.for_store(store, settings, source_url=url))
    client = create_app(settings, {"TESTING": True}, store=store).test_client()
    [project] = client.get("/search.json?q=VDK&kind=Project").get_json()["hits"]
    g = groups(client, project["page"])
    roles = dict(zip(sum(cells(g["participants"], "participant"), []), cells(g["participants"], "role"),
                     strict=True))
    assert roles["FilmFyn"] == ["Project partner"] and ["Lead partner"] in roles.values()
    assert set(source_urls(client, project["page"]).values()) == {url}
    html = client.get(project["page"] + "?lang=da").get_data(as_text=True)
    assert "27. maj 2020 – 31. december 2024" in html and f'href="{url}"' in html


def test_a_thing_with_several_names_has_the_same_one_on_its_page_in_search_and_on_the_map() -> None:
    """Of two labels in one language, the one more sources state wins, wherever the thing is named."""
    from rdflib import Graph

    from vdk_graph.config import Settings
    from webapp import create_app

    ttl = f"""@prefix vdk: <https://w3id.org/vdk/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <{ID}organisation/long> a vdk:Company ; rdfs:label "Long Official Studio Name" ;
            vdk:participatesIn <{ID}project/p> .
        <{ID}project/p> a vdk:Project ; rdfs:label "P" ."""
    store = MemoryStore()
    with store.transaction() as tx:
        tx.replace_graph(ID + "graph/one", Graph().parse(data=ttl, format="turtle"))
        tx.replace_graph(ID + "graph/two", Graph().parse(data=ttl + f"""
            <{ID}organisation/long> rdfs:label "LOSN" .""", format="turtle"))
        tx.replace_graph(ID + "graph/three", Graph().parse(data=ttl, format="turtle"))
    client = create_app(Settings(store="memory:"), {"TESTING": True}, store=store).test_client()
    assert client.get("/id/organisation/long.json").get_json()["label"] == "Long Official Studio Name"
    assert client.get("/search.json?q=LOSN").get_json()["hits"][0]["label"] == "Long Official Studio Name"
    html = client.get("/id/project/p").get_data(as_text=True)
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert "Long Official Studio Name" in svg and "LOSN" not in svg

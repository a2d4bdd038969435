"""Search by name: ranking, typos, Danish spellings, aliases, facets, the index cache, and the /search pages.

Speed at 20k entities is measured by ``bench/search_bench.py``, not here.
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from rdflib import Graph

from tests.entity_fixtures import ID, XSS, entity_test_store
from vdk_graph import search
from vdk_graph.search import Entry, SearchIndex, match_key
from vdk_graph.store import MemoryStore

VDK = "https://w3id.org/vdk/ontology#"


def make_index(*rows: tuple[str, str, list[str]]) -> SearchIndex:
    """An index of (local name, class local name, names) rows; the first name is the label."""
    return SearchIndex([Entry(ID + iri, VDK + kind, {"": names[0]}, names) for iri, kind, names in rows])


INDEX = make_index(
    ("filmby", "Organisation", ["Filmby Århus", "Filmby Aarhus Studios"]),
    ("aarhus", "City", ["Aarhus"]),
    ("film-aarhus", "Company", ["Aarhus Film Company"]),
    ("vf", "FundingBody", ["Vækstfonden", "The Danish Growth Fund"]),
    ("aeroe", "City", ["Ærø"]),
    ("kbh", "Company", ["København Games"]),
    ("animation", "KnowledgeInstitution", ["The Animation Workshop", "TAW"]),
    ("anim-project", "Project", ["Animation for children"]),
)


def labels(result: search.SearchResult) -> list[str]:
    return [hit.label for hit in result.hits]


@pytest.mark.parametrize(("query", "expected"), [
    ("Aarhus", "Aarhus"), ("århus", "Aarhus"),  # Danish letters spelt out, and not
    ("Filmby Aarhus", "Filmby Århus"), ("filmby arhus", "Filmby Århus"),
    ("Vaekstfonden", "Vækstfonden"), ("vekstfonden", "Vækstfonden"),
    ("aeroe", "Ærø"), ("AERO", "Ærø"),
    ("Koebenhavn games", "København Games"), ("kobenhavn", "København Games"),
])
def test_danish_spellings_meet(query: str, expected: str) -> None:
    assert labels(INDEX.search(query))[0] == expected


@pytest.mark.parametrize(("query", "expected"), [
    ("Animaton Workshp", "The Animation Workshop"),  # two typos
    ("Vækstfondn", "Vækstfonden"),
    ("Filmbi Aarhus", "Filmby Århus"),
    ("danish growth fond", "Vækstfonden"),
])
def test_typos_are_forgiven(query: str, expected: str) -> None:
    result = INDEX.search(query)
    assert labels(result)[0] == expected and result.hits[0].match == "fuzzy"


def test_ranking_exact_before_prefix_before_words_before_fuzzy() -> None:
    result = INDEX.search("aarhus")
    assert labels(result)[:3] == ["Aarhus", "Aarhus Film Company", "Filmby Århus"]
    assert [h.match for h in result.hits[:3]] == ["exact", "prefix", "words"]
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_aliases_and_acronyms_find_the_entity_and_say_so() -> None:
    [hit] = INDEX.search("TAW").hits
    assert hit.label == "The Animation Workshop" and hit.matched == "TAW" and hit.match == "exact"
    assert labels(INDEX.search("growth fund"))[0] == "Vækstfonden"
    assert INDEX.search("The Animation Workshop").hits[0].matched is None  # the label itself matched


def test_kind_facets_count_every_match_and_filter_by_kind() -> None:
    result = INDEX.search("animation")
    assert {f.key: f.count for f in result.facets} == {"KnowledgeInstitution": 1, "Project": 1}
    only = INDEX.search("animation", kind="Project")
    assert labels(only) == ["Animation for children"] and only.total == 1
    assert {f.key: f.count for f in only.facets} == {"KnowledgeInstitution": 1, "Project": 1}  # all kinds


def test_paging_and_empty_queries() -> None:
    index = make_index(*[(f"o{i}", "Company", [f"Studio {i:02d}"]) for i in range(30)])
    first, second = index.search("studio", limit=20), index.search("studio", limit=20, offset=20)
    assert first.total == second.total == 30 and len(first.hits) == 20 and len(second.hits) == 10
    assert not set(labels(first)) & set(labels(second))
    assert index.search("   ").total == 0 and index.search("!!").hits == []
    assert make_index().search("anything").total == 0


def test_short_queries_are_not_fuzzy() -> None:
    assert labels(INDEX.search("zz")) == [] and labels(INDEX.search("Ærx")) == []


def test_match_key_folds_case_accents_and_danish_letters() -> None:
    assert match_key("Århus") == match_key("AARHUS") == match_key("Arhus") == "arhus"
    assert match_key("Vækstfonden") == match_key("Vaekstfonden") == "vekstfonden"
    assert match_key("Café  Ø-lab!") == "cafe o lab"


# --------------------------------------------------------------------------- the index over a store


def test_the_index_reads_labels_aliases_acronyms_and_titles_of_a_store(entity_store: MemoryStore) -> None:
    index = search.build_index(entity_store, ID)
    assert labels(index.search("NLS")) == ["Nordlys Studio"]
    assert labels(index.search("IMLE")) == ["Immersive Learning"]
    assert labels(index.search("IL 2020")) == ["Immersive Learning"]
    assert labels(index.search("XR"))[0] == "Extended reality"
    assert labels(index.search("Udvidet virkelighed", lang="da")) == ["Udvidet virkelighed"]
    assert labels(index.search("nordlys", lang="da"))[0] == "Nordlys Studiet"  # in the chosen language
    # Relation nodes are named after what they relate; they are not search results.
    assert index.search("Nordlys Studio in Vision Denmark").hits == []  # the membership's own name
    hits = index.search("nordlys").hits
    assert hits and all(h.kind not in ("Participation", "Position", "ClusterMembership") for h in hits)


def test_the_index_is_cached_until_the_data_changes() -> None:
    store = entity_test_store()
    first = search.index(store, ID)
    assert search.index(store, ID) is first
    with store.transaction() as tx:
        tx.replace_graph(ID + "graph/test/c", Graph().parse(data=f"""
            <{ID}organisation/new> a <{VDK}Company> ;
            <http://www.w3.org/2000/01/rdf-schema#label> "Brand New Studio" .""", format="turtle"))
    second = search.index(store, ID)
    assert second is not first and labels(second.search("brand new")) == ["Brand New Studio"]


# --------------------------------------------------------------------------- the pages


def test_the_search_page_lists_hits_with_kinds_and_facet_links(entity_client: FlaskClient) -> None:
    html = entity_client.get("/search?q=aarhus").get_data(as_text=True)
    assert '<a class="hit-label" href="/id/place/aarhus">Aarhus</a>' in html
    assert 'href="/id/organisation/uni"' in html
    assert 'href="/search?q=aarhus&amp;kind=City"' in html  # a facet
    assert 'value="aarhus"' in html


def test_the_search_page_in_danish(entity_client: FlaskClient) -> None:
    html = entity_client.get("/search?q=aarhus&lang=da").get_data(as_text=True)
    assert "Århus" in html and "Aarhus Universitet" in html
    assert "resultater for" in html and "Alle arter" in html


def test_the_json_twin(entity_client: FlaskClient) -> None:
    data = entity_client.get("/search.json?q=vaekstfonden").get_json()
    assert data["total"] == 2  # the fund, and the grant named after it
    assert data["hits"][0]["label"] == "Vækstfonden" and data["hits"][0]["page"] == "/id/organisation/fund"
    assert data["facets"] and all({"kind", "label", "count", "key"} <= set(f) for f in data["facets"])
    filtered = entity_client.get("/search.json?q=vaekstfonden&kind=Grant").get_json()
    assert [h["kind"] for h in filtered["hits"]] == ["Grant"]
    assert entity_client.get("/search.json").get_json()["hits"] == []


@pytest.mark.parametrize("query", ["kind=%3Cscript%3E&q=a", "q=a&page=two", "q=a&kind=Org%20anisation"])
def test_bad_parameters_are_400_with_a_message(entity_client: FlaskClient, query: str) -> None:
    reply = entity_client.get("/search.json?" + query)
    assert reply.status_code == 400 and reply.get_json()["message"]
    assert entity_client.get("/search?" + query).status_code == 400


def test_no_results_says_so_and_offers_the_query_back(entity_client: FlaskClient) -> None:
    html = entity_client.get("/search?q=zzzzqqq").get_data(as_text=True)
    assert "Nothing found for “zzzzqqq”" in html


def test_markup_in_names_and_queries_is_escaped(entity_client: FlaskClient) -> None:
    html = entity_client.get("/search?q=img+src").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
    echoed = entity_client.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in echoed and "&lt;script&gt;alert(1)&lt;/script&gt;" in echoed
    data = entity_client.get("/search.json?q=img").get_json()
    assert data["hits"][0]["label"] == XSS  # JSON carries the text as it is; escaping is the page's job
    assert "script-src 'self'" in entity_client.get("/search?q=a").headers["Content-Security-Policy"]


def test_every_page_has_the_search_box_in_its_header(entity_client: FlaskClient) -> None:
    for path in ("/", "/id/organisation/nordlys", "/search", "/id/organisation/nobody"):
        html = entity_client.get(path).get_data(as_text=True)
        assert '<form class="site-search" role="search" action="/search" method="get">' in html, path

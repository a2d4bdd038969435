"""The map's library: filters, focus and hops, top N, edge caps, positions, legend, SPARQL, exports,
safe JSON."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from pyvis.network import Network

from tests.map_fixtures import (
    ANNA,
    EVIL,
    EVIL2,
    FILMBY,
    FUND,
    KBH,
    NORDLYS,
    P_FILM,
    P_OLD,
    P_XR,
    PROGRAMME,
    T_XR,
    UNI,
    VC,
    VDK,
    XSS,
    XSS_SCRIPT,
    big_ecosystem,
)
from vdk_graph import mapview
from vdk_graph.errors import NotFound, ParameterError
from vdk_graph.mapview import MapQuery, build_view, find_nodes, to_gexf, to_graphml, view_sparql
from vdk_graph.mapview.assets import inline_script, script_json, vis_path
from vdk_graph.mapview.select import thin_edges
from vdk_graph.network import NODE_KINDS, build_ecosystem
from vdk_graph.results import SelectResult


@pytest.fixture(scope="module")
def eco(map_store):  # type: ignore[no-untyped-def]
    return build_ecosystem(map_store)


def ids(view: mapview.MapView) -> set[str]:
    return {n["id"] for n in view.nodes}


def node(view: mapview.MapView, iri: str) -> dict:  # type: ignore[type-arg]
    return next(n for n in view.nodes if n["id"] == iri)


# --------------------------------------------------------------------------- the query string


def test_query_reads_and_writes_the_url_and_defaults_stay_out_of_it() -> None:
    query = MapQuery.from_args({"kind": "company,project", "topic": [T_XR], "from": "2020", "to": "2023",
                                "focus": NORDLYS, "hops": "2", "size": "pagerank", "lang": "da"})
    assert query.kinds == ("company", "project") and query.topics == (T_XR,)
    assert (query.year_from, query.year_to, query.hops) == (2020, 2023, 2)
    assert (query.size_by, query.lang) == ("pagerank", "da")
    assert MapQuery.from_args(dict(query.to_args())) == query
    assert MapQuery().to_args() == [("lang", "en")]
    assert MapQuery.from_args({"kind": ""}).kinds == ()  # an empty kind list means none, not the defaults
    assert "topic" not in MapQuery.from_args({}).kinds


@pytest.mark.parametrize(("args", "parameter"), [
    ({"kind": "dragon"}, "kind"), ({"hops": "4", "focus": NORDLYS}, "hops"), ({"max": "0"}, "max"),
    ({"max": "lots"}, "max"), ({"from": "2024", "to": "2020"}, "from"), ({"size": "shoe"}, "size"),
    ({"lang": "fr"}, "lang"), ({"from": "12"}, "from"), ({"focus": "x" * 600}, "focus"),
])
def test_query_refuses_bad_parameters_by_name(args: dict[str, str], parameter: str) -> None:
    with pytest.raises(ParameterError) as error:
        MapQuery.from_args(args)
    assert error.value.parameter == parameter


# --------------------------------------------------------------------------- what a view holds


def test_default_view_shows_every_kind_but_topics_with_positions_and_sizes(eco) -> None:  # type: ignore[no-untyped-def]
    view = build_view(eco, MapQuery())
    assert T_XR not in ids(view) and {NORDLYS, UNI, FILMBY, P_XR, FUND, VC, VDK, ANNA, PROGRAMME} <= ids(view)
    for n in view.nodes:
        assert isinstance(n["x"], float) and isinstance(n["y"], float)
        assert 8 <= n["size"] <= 40 and n["group"] == n["kind"] and n["title"].startswith(n["label"])
    positions = {(n["x"], n["y"]) for n in view.nodes}
    assert len(positions) == len(view.nodes), "two nodes share a position"
    assert view.totals["shown_nodes"] == len(view.nodes) and view.totals["hidden_nodes"] == 0
    assert view.physics and view.options["physics"]["enabled"] is True
    lead = next(e for e in view.edges if e["from"] == NORDLYS and e["to"] == P_XR)
    assert lead["relation"] == "lead" and lead["year"] == 2021
    funds = next(e for e in view.edges if e["from"] == FUND)
    assert funds["relation"] == "funds" and "1,500,000 DKK" in funds["title"]


def test_kinds_choose_what_is_shown(eco) -> None:  # type: ignore[no-untyped-def]
    view = build_view(eco, MapQuery(kinds=("company", "project")))
    assert {n["kind"] for n in view.nodes} == {"company", "project"}
    assert build_view(eco, MapQuery(kinds=())).nodes == []
    with_topics = build_view(eco, MapQuery(kinds=tuple(NODE_KINDS)))
    assert T_XR in ids(with_topics)


def test_topic_filter_keeps_its_projects_their_organisations_and_the_funders_linked_to_them(eco) -> None:  # type: ignore[no-untyped-def]
    view = build_view(eco, MapQuery(topics=(T_XR,)))
    assert {P_XR, NORDLYS, UNI, FILMBY, EVIL, EVIL2} <= ids(view)
    assert {FUND, PROGRAMME, VC, ANNA} <= ids(view), "linked nodes without topics of their own stay"
    assert P_OLD not in ids(view) and P_FILM not in ids(view), "projects without the topic go"
    assert KBH not in ids(view)


def test_year_filter_uses_project_dates(eco) -> None:  # type: ignore[no-untyped-def]
    view = build_view(eco, MapQuery(year_from=2015, year_to=2016))
    assert {P_OLD, KBH, NORDLYS} <= ids(view)
    assert not {P_XR, P_FILM, UNI, FILMBY, FUND} & ids(view)
    late = build_view(eco, MapQuery(year_from=2024))
    assert P_FILM in ids(late) and P_OLD not in ids(late) and P_XR not in ids(late)


@pytest.mark.parametrize("region", ["Region Hovedstaden", "københavn", "Koebenhavn"])
def test_region_filter_takes_region_or_city_in_any_spelling(eco, region: str) -> None:  # type: ignore[no-untyped-def]
    view = build_view(eco, MapQuery(regions=(region,)))
    assert KBH in ids(view) and P_OLD in ids(view)
    assert NORDLYS not in ids(view) and UNI not in ids(view)


def test_programme_filter(eco) -> None:  # type: ignore[no-untyped-def]
    view = build_view(eco, MapQuery(programmes=(PROGRAMME,)))
    assert {P_XR, PROGRAMME, NORDLYS} <= ids(view) and P_FILM not in ids(view)


def test_focus_grows_with_hops_and_records_distances(eco) -> None:  # type: ignore[no-untyped-def]
    one = build_view(eco, MapQuery(focus=KBH, hops=1))
    assert ids(one) == {KBH, P_OLD}
    two = build_view(eco, MapQuery(focus=KBH, hops=2))
    assert ids(two) == {KBH, P_OLD, NORDLYS}
    three = build_view(eco, MapQuery(focus=KBH, hops=3))
    assert {P_XR, VC, VDK, ANNA} <= ids(three) and UNI not in ids(three)
    assert node(three, KBH)["distance"] == 0 and node(three, P_XR)["distance"] == 3
    assert build_view(eco, MapQuery(focus=T_XR)).nodes[0]["id"] == T_XR, "the focus shows whatever its kind"
    with pytest.raises(NotFound):
        build_view(eco, MapQuery(focus="https://example.org/nobody"))


def test_labels_follow_the_language_and_search_keys_fold_danish_letters(eco) -> None:  # type: ignore[no-untyped-def]
    en, da = build_view(eco, MapQuery(lang="en")), build_view(eco, MapQuery(lang="da"))
    assert node(en, NORDLYS)["label"] == "Nordlys Studio" and node(da, NORDLYS)["label"] == "Nordlys Studiet"
    assert node(en, NORDLYS)["other_label"] == "Nordlys Studiet"
    assert node(da, FILMBY)["search"] == "filmby aarhus"
    assert "Sted" in node(da, UNI)["title"] and "Place" in node(en, UNI)["title"]


def test_find_matches_danish_spellings_best_first(eco) -> None:  # type: ignore[no-untyped-def]
    for text in ("Aarhus", "århus", "AARHUS"):
        found = [h["id"] for h in find_nodes(eco, text)]
        assert FILMBY in found and UNI in found
        assert found.index(UNI) < found.index(FILMBY), "a name that starts with it ranks first"
    assert [h["id"] for h in find_nodes(eco, "filmby arhus")] == []
    assert find_nodes(eco, "   ") == []


def test_over_time_data_says_when_each_node_and_link_appears(eco) -> None:  # type: ignore[no-untyped-def]
    view = build_view(eco, MapQuery())
    assert node(view, P_OLD)["appears"] == 2015 and node(view, P_FILM)["appears"] == 2023
    assert node(view, FUND)["appears"] == 2021, "a funder appears with its first link"
    assert view.years == (2015, 2024)
    assert all(e["year"] in (None, 2015, 2021, 2023) for e in view.edges)


def test_legend_names_kinds_and_relations_in_the_language(eco) -> None:  # type: ignore[no-untyped-def]
    view = build_view(eco, MapQuery(lang="da"))
    kinds = {k["kind"]: k for k in view.legend["kinds"]}
    assert kinds["company"]["label"] == "Virksomhed" and kinds["company"]["colour"].startswith("#")
    relations = {r["relation"]: r for r in view.legend["relations"]}
    assert relations["funds"]["label"] == "finansierer" and relations["funds"]["style"]["dashes"]
    assert relations["lead"]["style"]["width"] > relations["partner"]["style"]["width"]
    assert set(view.options["groups"]) == set(NODE_KINDS)


# --------------------------------------------------------------------------- big views


def test_top_n_keeps_the_best_connected_and_counts_the_rest() -> None:
    eco = big_ecosystem(companies=300, projects=200)
    view = build_view(eco, MapQuery(max_nodes=80))
    assert len(view.nodes) == 80 and view.totals["hidden_nodes"] == 500 - 80
    assert view.totals["matching_nodes"] == 500 and "c0" in ids(view)
    by_degree = sorted(eco.graph, key=lambda n: (-eco.graph.degree(n), n))
    assert set(by_degree[:40]) <= ids(view), "the better half are the best connected"
    simple = nx.Graph(eco.graph.to_undirected())
    pure_top = simple.subgraph(by_degree[:80]).number_of_edges()
    assert len(view.edges) > pure_top, "the other half links them, so the map draws lines, not dots"
    rest = ids(view) - set(by_degree[:40])
    assert all(any(m in by_degree[:40] for m in simple[n]) for n in rest)
    assert view.physics, "a small view starts with physics"
    assert all(e["from"] in ids(view) and e["to"] in ids(view) for e in view.edges)


def test_size_measures_make_the_hub_biggest() -> None:
    eco = big_ecosystem(companies=60, projects=40)
    for size_by in ("degree", "pagerank", "betweenness"):
        view = build_view(eco, MapQuery(size_by=size_by))
        assert max(view.nodes, key=lambda n: n["size"])["id"] == "c0", size_by


def test_edge_cap_keeps_each_nodes_strongest_links() -> None:
    edges = [(f"a{i}", "hub", "partner", {}) for i in range(50)]
    edges += [(f"a{i}", "hub", "lead", {}) for i in range(0, 50, 5)]
    edges += [(f"a{i}", f"a{i + 1}", "topic", {}) for i in range(49)]
    thinned = thin_edges(edges, {"hub": 50.0}, cap=60, per_node=1)
    assert len(thinned) == 60
    kept_ends = {e[0] for e in thinned} | {e[1] for e in thinned}
    assert {f"a{i}" for i in range(50)} <= kept_ends, "every node keeps a link"
    assert all(e in thinned for e in edges if e[2] == "lead"), "the strongest relation survives"
    assert thin_edges(edges[:10], {}, cap=60) == edges[:10]


def test_big_views_are_laid_out_without_pyvis_from_nx(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Network.from_nx took 12 s for 1,000 nodes; fill net.nodes instead")

    monkeypatch.setattr(Network, "from_nx", refuse)
    eco = big_ecosystem(companies=900, projects=500)
    view = build_view(eco, MapQuery(max_nodes=1200))
    assert len(view.nodes) == 1200
    assert not view.physics and view.options["physics"]["enabled"] is False, "big views start still"
    xs = [n["x"] for n in view.nodes]
    ys = [n["y"] for n in view.nodes]
    assert max(xs) - min(xs) > 500 and max(ys) - min(ys) > 500, "the skeleton layout spreads the nodes"
    assert len({(n["x"], n["y"]) for n in view.nodes}) > 0.98 * len(view.nodes)
    again = build_view(eco, MapQuery(max_nodes=1200))
    assert [(n["x"], n["y"]) for n in again.nodes] == [(n["x"], n["y"]) for n in view.nodes], "seeded"


def test_views_are_cached_per_data_version(eco) -> None:  # type: ignore[no-untyped-def]
    eco.forget_memos()
    first = mapview.map_view(eco, MapQuery(focus=NORDLYS))
    assert mapview.map_view(eco, MapQuery(focus=NORDLYS)) is first
    assert mapview.map_view(eco, MapQuery(focus=NORDLYS, lang="da")) is not first


# --------------------------------------------------------------------------- SPARQL and exports


def _pairs(store, query: MapQuery) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    result = store.query(view_sparql(query))
    assert isinstance(result, SelectResult)
    return {(row["source"], row["target"]) for row in result.dicts()}


@pytest.mark.parametrize("query", [
    MapQuery(), MapQuery(topics=(T_XR,)), MapQuery(year_from=2015, year_to=2016),
    MapQuery(regions=("Region Midtjylland",)), MapQuery(focus=KBH, hops=2), MapQuery(programmes=(PROGRAMME,)),
    MapQuery(kinds=("company", "project"), lang="da"),
], ids=["all", "topic", "years", "region", "focus", "programme", "kinds"])
def test_show_sparql_returns_the_links_of_the_view(map_store, eco, query: MapQuery) -> None:  # type: ignore[no-untyped-def]
    view = build_view(eco, query)
    pairs = _pairs(map_store, query)
    missing = {(e["from"], e["to"]) for e in view.edges} - pairs
    assert not missing, f"the SPARQL misses links the map shows: {missing}"
    assert view_sparql(query).startswith("# The links behind this map view")


def test_sparql_narrows_with_the_filters(map_store) -> None:  # type: ignore[no-untyped-def]
    everything = _pairs(map_store, MapQuery())
    xr = _pairs(map_store, MapQuery(topics=(T_XR,)))
    assert xr < everything and (KBH, P_OLD) not in xr and (NORDLYS, P_XR) in xr


def test_sparql_cannot_be_broken_out_of_by_parameters(map_store) -> None:  # type: ignore[no-untyped-def]
    text = view_sparql(MapQuery(focus="https://x.example/a> } DROP ALL { <b\n", regions=('x") } #\n',)))
    assert "> } DROP" not in text and 'x\\") } #\\n' in text
    assert "<https://x.example/a%3E%20%7D%20DROP%20ALL%20%7B%20%3Cb%0A>" in text
    result = map_store.query(text)  # it parses, and it finds nothing
    assert isinstance(result, SelectResult) and not list(result.rows)


def test_gexf_and_graphml_open_in_networkx_with_the_views_nodes_and_links(eco) -> None:  # type: ignore[no-untyped-def]
    view = build_view(eco, MapQuery())
    for data, read in ((to_gexf(view), nx.read_gexf), (to_graphml(view), nx.read_graphml)):
        graph = read(io.BytesIO(data))
        assert set(graph.nodes) == ids(view)
        assert graph.number_of_edges() == len(view.edges)
        labels = {graph.nodes[n].get("label") for n in graph.nodes}
        assert XSS in labels and XSS_SCRIPT in labels, "labels are kept as text"
        assert graph.nodes[NORDLYS]["kind"] == "company"
    assert b"<viz:position" in to_gexf(view) and b"<viz:color" in to_gexf(view)


# --------------------------------------------------------------------------- safety


def test_json_keeps_attack_names_as_plain_text(map_store) -> None:  # type: ignore[no-untyped-def]
    data = mapview.map_data(map_store, MapQuery())
    labels = {n["label"] for n in data["nodes"]}
    assert XSS in labels and XSS_SCRIPT in labels


def test_script_json_cannot_close_its_script_block() -> None:
    text = script_json({"label": XSS_SCRIPT, "other": "a & b > c \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"label": XSS_SCRIPT, "other": "a & b > c \u2028"}
    assert "</script" not in inline_script('var s = "</script><!-- x";')


def test_vis_network_comes_from_the_installed_pyvis() -> None:
    path = vis_path("js")
    assert "pyvis" in path.parts and path.name == "vis-network.min.js"
    assert path.read_text(encoding="utf-8")[:200].count("vis-network") >= 1
    assert vis_path("css").name == "vis-network.css"


def test_edge_totals_count_every_relation_between_matching_nodes(eco) -> None:  # type: ignore[no-untyped-def]
    from vdk_graph.mapview.select import edges_among

    for nodes in (set(eco.graph), set(eco.graph) - {T_XR, FUND}, {NORDLYS, P_XR, P_OLD, KBH}, {NORDLYS}):
        expected = sum(1 for a, b in eco.graph.edges() if a in nodes and b in nodes)
        assert edges_among(eco, nodes) == expected

"""The map's pages through Flask's test client: /map, its JSON twin, table, embed, exports, offline file,
and ``vdk-graph map``."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import Graph

from tests.map_fixtures import EVIL, FILMBY, KBH, MAP_GRAPH, MAP_TTL, NORDLYS, P_OLD, T_XR, XSS, XSS_SCRIPT
from vdk_graph.cli import main
from vdk_graph.mapview.assets import vis_path
from vdk_graph.mapview.style import RELATION_STYLES, relation_label
from vdk_graph.store import EmbeddedStore

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
STYLE = re.compile(r"<style>(?P<body>.*?)</style>", re.S)


def script_blocks(html: str, block_id: str) -> str:
    match = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', html, re.S)
    assert match, f"no {block_id} block"
    return match.group(1)


# --------------------------------------------------------------------------- the page


def test_map_page_has_controls_legend_and_no_inline_script(map_client) -> None:  # type: ignore[no-untyped-def]
    response = map_client.get("/map?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert '<a href="/map" aria-current="page">Map</a>' in html
    assert 'name="kind" value="company" checked' in html and 'name="kind" value="topic">' in html
    assert f'<option value="{T_XR}">XR (6)</option>' in html
    assert "Region Hovedstaden" in html and "Show SPARQL" in html and "/map/table?" in html
    for attrs, _body in SCRIPT.findall(html):
        assert "src=" in attrs or 'type="application/json"' in attrs, f"inline script: {attrs}"
        assert "src=" not in attrs or 'src="/' in attrs, "every script comes from this app"
    assert '/vendor/vis-network/9.1.2/vis-network.min.js' in html
    config = json.loads(script_blocks(html, "map-config"))
    assert config["urls"]["data"] == "/map/data.json" and config["pages"] == "/id/"
    assert config["strings"]["status"].startswith("{shown} of")


def test_the_legend_names_every_relation_and_each_has_a_line_style(map_client) -> None:  # type: ignore[no-untyped-def]
    html = map_client.get("/map").get_data(as_text=True)
    css = (Path(__file__).parent.parent.parent / "webapp" / "static" / "map.css").read_text(encoding="utf-8")
    for relation in RELATION_STYLES:
        assert f'class="line rel-{relation}"' in html and relation_label(relation, "en") in html, relation
        if relation not in ("participant",):  # the default grey line
            assert f".line.rel-{relation} " in css, relation


def test_map_page_in_danish(map_client) -> None:  # type: ignore[no-untyped-def]
    html = map_client.get("/map?lang=da").get_data(as_text=True)
    assert "<h1>Netværkskort</h1>" in html and "Virksomhed" in html and "Vis SPARQL" in html
    assert "Udvidet virkelighed" in html
    assert json.loads(script_blocks(html, "map-config"))["strings"]["status"].startswith("{shown} af")


def test_focus_is_shown_and_escaped(map_client) -> None:  # type: ignore[no-untyped-def]
    url = "/map?" + urlencode({"focus": EVIL, "hops": 2, "lang": "en"})
    html = map_client.get(url).get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;</strong>" in html
    assert XSS not in html
    assert '<option value="2" selected>2</option>' in html


def test_bad_parameters_are_a_400_that_names_them(map_client) -> None:  # type: ignore[no-untyped-def]
    response = map_client.get("/map/data.json?kind=dragon")
    assert response.status_code == 400 and "kind" in response.json["message"]
    assert map_client.get("/map/data.json?focus=https://example.org/none").status_code == 404
    page = map_client.get("/map?hops=7&focus=" + NORDLYS)
    assert page.status_code == 400 and "hops" in page.get_data(as_text=True)


# --------------------------------------------------------------------------- the JSON twin


def test_data_json_is_the_view_with_facets_and_sparql(map_client) -> None:  # type: ignore[no-untyped-def]
    data = map_client.get("/map/data.json?lang=en&focus=" + KBH + "&hops=2").json
    assert {n["id"] for n in data["nodes"]} == {KBH, P_OLD, NORDLYS}
    assert data["query"] == {"focus": KBH, "hops": "2", "lang": "en"}
    assert data["totals"]["shown_nodes"] == 3 and data["facets"]["years"] == [2015, 2024]
    assert data["sparql"].lstrip().startswith("# The links behind this map view")
    assert {"nodes", "edges", "options", "legend", "physics"} <= set(data)


def test_data_json_is_gzipped_for_clients_that_take_it(map_client) -> None:  # type: ignore[no-untyped-def]
    plain = map_client.get("/map/data.json?lang=en")
    zipped = map_client.get("/map/data.json?lang=en", headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(zipped.data)) == plain.json
    assert "Content-Encoding" not in plain.headers


def test_attack_names_are_plain_text_in_json(map_client) -> None:  # type: ignore[no-untyped-def]
    labels = {n["label"] for n in map_client.get("/map/data.json").json["nodes"]}
    assert XSS in labels and XSS_SCRIPT in labels


def test_find_json_matches_danish_spellings(map_client) -> None:  # type: ignore[no-untyped-def]
    hits = map_client.get("/map/find.json?q=Aarhus").json["hits"]
    assert FILMBY in [h["id"] for h in hits]
    assert any(h["label"] == "Filmby Århus" for h in hits)


# --------------------------------------------------------------------------- table, embed, exports


def test_table_lists_the_views_nodes_and_links_escaped(map_client) -> None:  # type: ignore[no-untyped-def]
    html = map_client.get("/map/table?lang=en").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and XSS not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;&lt;!--" in html and XSS_SCRIPT not in html
    assert '<a href="/id/organisation/filmby-aarhus">Filmby Århus</a>' in html
    nodes = re.search(r'<table class="map-table" id="map-nodes">(.*?)</table>', html, re.S)
    assert nodes and nodes.group(1).count("<tr>") == 1 + len(map_client.get("/map/data.json").json["nodes"])
    assert "leads" in html and "funds · 1,500,000 DKK" in html


def test_embed_is_a_bare_map_linking_to_the_full_one(map_client) -> None:  # type: ignore[no-untyped-def]
    html = map_client.get("/map/embed?lang=en&kind=company,project").get_data(as_text=True)
    assert 'id="map-canvas"' in html and '<header class="site">' not in html
    assert 'href="/map?kind=company%2Cproject&amp;lang=en" target="_blank"' in html
    config = json.loads(script_blocks(html, "map-config"))
    assert config["embed"] is True


@pytest.mark.parametrize(("path", "read"), [("/map/export.gexf", nx.read_gexf),
                                            ("/map/export.graphml", nx.read_graphml)])
def test_exports_hold_the_same_nodes_as_the_view(map_client, path: str, read) -> None:  # type: ignore[no-untyped-def]
    args = "?kind=company,project&lang=da"
    response = map_client.get(path + args)
    assert response.headers["Content-Disposition"].startswith("attachment")
    graph = read(io.BytesIO(response.data))
    view = map_client.get("/map/data.json" + args).json
    assert set(graph.nodes) == {n["id"] for n in view["nodes"]}
    assert graph.number_of_edges() == len(view["edges"])
    assert graph.nodes[NORDLYS]["label"] == "Nordlys Studiet"


def test_vis_network_is_served_from_pyvis_with_long_caching(map_client) -> None:  # type: ignore[no-untyped-def]
    response = map_client.get("/vendor/vis-network/9.1.2/vis-network.min.js")
    assert response.status_code == 200 and response.data == vis_path("js").read_bytes()
    assert "immutable" in response.headers["Cache-Control"]
    assert map_client.get("/vendor/vis-network/9.1.2/vis-network.css").mimetype == "text/css"
    assert map_client.get("/vendor/vis-network/1.0/vis-network.min.js").status_code == 404
    assert map_client.get("/vendor/vis-network/9.1.2/../../etc/passwd").status_code == 404


# --------------------------------------------------------------------------- the offline file


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def check_offline_file(html: str) -> dict:  # type: ignore[type-arg]
    """The file loads nothing, its policy allows exactly its own inline code, and data cannot break out."""
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"(https?:)?//", html)
    assert "<link rel=\"stylesheet\"" not in html
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp
    policy = unescape(csp.group(1))
    assert "default-src 'none'" in policy and "connect-src" not in policy
    scripts = [body for attrs, body in SCRIPT.findall(html) if "application/json" not in attrs]
    assert len(scripts) == 2, "vis-network and map.js, inlined"
    for body in scripts:
        assert _sha(body) in policy
    for body in STYLE.findall(html):
        assert _sha(body) in policy
    data = json.loads(script_blocks(html, "map-data"))
    assert json.loads(script_blocks(html, "map-config"))["static"] is True
    return data  # type: ignore[no-any-return]


def test_standalone_download_is_self_contained_and_safe(map_client) -> None:  # type: ignore[no-untyped-def]
    response = map_client.get("/map/standalone.html?lang=en")
    assert response.headers["Content-Disposition"] == 'attachment; filename="vdk-map.html"'
    html = response.get_data(as_text=True)
    data = check_offline_file(html)
    assert XSS_SCRIPT in {n["label"] for n in data["nodes"]}
    assert html.count("</script>") == 4, "a label closed a script block"


# --------------------------------------------------------------------------- vdk-graph map


@pytest.fixture(scope="module")
def map_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("map-cli") / "store"
    store = EmbeddedStore(path)
    with store.transaction() as tx:
        tx.replace_graph(MAP_GRAPH, Graph().parse(data=MAP_TTL, format="turtle"))
    store.close()
    return path


def test_cli_writes_one_offline_file_with_the_chosen_view(map_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "maps" / "eco.html"
    args = ["--store", str(map_store_path), "map", "--out", str(out), "--lang", "da", "--kind", "company",
            "--kind", "project", "--from-year", "2021"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    data = check_offline_file(html)
    assert {n["kind"] for n in data["nodes"]} == {"company", "project"}
    assert data["lang"] == "da" and '<html lang="da">' in html and "Netværkskort" in html
    assert P_OLD not in {n["id"] for n in data["nodes"]}


def test_cli_errors_are_one_line(map_store_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(main, ["--store", str(map_store_path), "map", "--out", str(tmp_path / "x.html"),
                               "--from-year", "2024", "--to-year", "2020"])
    assert bad.exit_code == 1 and bad.output.strip().count("\n") == 0 and "2024" in bad.output
    missing = runner.invoke(main, ["--store", str(map_store_path), "map", "--out", str(tmp_path / "x.html"),
                                   "--focus", "https://example.org/nobody"])
    assert missing.exit_code == 1 and "not a node" in missing.output
    assert not (tmp_path / "x.html").exists()
    assert "Example" in runner.invoke(main, ["map", "--help"]).output

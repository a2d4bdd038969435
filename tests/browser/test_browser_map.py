"""The map in real headless Chromium: search, click, side panel, page link, language, expand, URL state,
attack names, downloads, and the offline file opened from disk.

The ``page`` fixture fails a test when anything is requested from outside
127.0.0.1; the offline file gets a stricter guard of its own (only its own
file: URL). Every test also fails on a JavaScript error or an alert dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests.live_fixtures import LiveServer
from tests.map_fixtures import EVIL, EVIL2, FILMBY, KBH, NORDLYS, P_FILM, P_OLD, T_XR, XSS, XSS_SCRIPT
from vdk_graph.config import Settings
from vdk_graph.mapview import MapQuery
from webapp import create_app
from webapp.views.map import standalone_html

pytestmark = pytest.mark.browser
READY = "#map-canvas[data-state=ready]"


@pytest.fixture
def small(live_app_factory, map_store) -> LiveServer:  # type: ignore[no-untyped-def]
    """The app over the made-up map ecosystem (Danish spellings, attack names)."""
    return live_app_factory(map_store, Settings(store="memory:"))  # type: ignore[no-any-return]


@pytest.fixture
def dialogs(page) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    """Every alert/confirm/prompt the page opens: there must be none."""
    seen: list[str] = []

    def record(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    yield seen
    assert seen == [], f"data ran as script: {seen}"
    assert page.console_errors == []


def open_map(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.wait_for_selector(READY, timeout=30_000)


def node_ids(page) -> set[str]:  # type: ignore[no-untyped-def]
    return set(page.evaluate("() => window.vdkMap.nodes.getIds({filter: n => !n.hidden})"))


def click_node(page, node_id: str, double: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A real mouse click on the node where vis-network drew it (zoomed in on it first)."""
    point = page.evaluate("""id => {
        const network = window.vdkMap.network;
        const focus = () => {
            network.moveTo({position: network.getPosition(id), scale: 1.5, animation: false});
            return network.canvasToDOM(network.getPosition(id));
        };
        let dom = focus();
        const drawn = network.getNodeAt(dom);
        if (drawn !== undefined && drawn !== id) {
            // another node is drawn over this one (the layout depends on the data): move it clear first
            const at = network.getPosition(id);
            network.moveNode(id, at.x + 4000, at.y + 4000);
            dom = focus();
        }
        return dom;
    }""", node_id)
    box = page.locator("#map-canvas").bounding_box()
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    if double:
        page.mouse.dblclick(x, y)
    else:
        page.mouse.click(x, y)


def choose_from_search(page, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#map-search", "")
    page.type("#map-search", text)
    option = page.locator("#map-search-list li[role=option]", has_text=expected).first
    option.wait_for()
    option.click()


# --------------------------------------------------------------------------- the real data


def test_search_click_panel_page_and_language(page, dialogs, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    open_map(page, live_server.url + "/map?lang=en")
    assert "nodes" in page.locator("#map-status").inner_text()
    choose_from_search(page, "Aarhus", "Filmby Aarhus")
    assert page.locator("#map-panel-title").inner_text() == "Filmby Aarhus"
    page.click("#map-panel-close")
    assert page.locator("#map-panel").is_hidden()

    filmby = "https://w3id.org/vdk/id/organisation/filmby-aarhus"
    click_node(page, filmby)
    panel = page.locator("#map-panel")
    panel.wait_for(state="visible")
    assert page.locator("#map-panel-title").inner_text() == "Filmby Aarhus"
    facts = page.locator("#map-panel-facts").inner_text()
    assert "Place" in facts and "Aarhus" in facts and "Links in this view" in facts

    page.click("#map-panel-page")
    page.wait_for_url("**/id/organisation/filmby-aarhus")
    assert "Filmby Aarhus" in page.locator("h1").inner_text()

    open_map(page, live_server.url + "/map?lang=en&kind=company,knowledge,public,project")
    page.click("#lang-switch")
    page.wait_for_url("**lang=da**")
    page.wait_for_selector(READY)
    assert page.locator("h1").inner_text() == "Netværkskort"
    assert page.locator("#map-status").inner_text().count(" af ") >= 1
    assert page.locator(".map-kinds").inner_text().count("Virksomhed") == 1
    args = parse_qs(urlsplit(page.url).query)
    assert args["kind"] == ["company,knowledge,public,project"], "the language switch keeps the view"


# --------------------------------------------------------------------------- the made-up ecosystem


def test_aarhus_finds_aarhus_spelt_the_danish_way(page, dialogs, small: LiveServer) -> None:  # type: ignore[no-untyped-def]
    open_map(page, small.url + "/map?lang=en")
    choose_from_search(page, "Aarhus", "Filmby Århus")
    assert page.locator("#map-panel-title").inner_text() == "Filmby Århus"
    assert page.evaluate("() => window.vdkMap.network.getSelectedNodes()") == [FILMBY]
    page.fill("#map-search", "")
    page.type("#map-search", "aarhus univ")
    assert page.locator("#map-search-list li[role=option]").first.inner_text().startswith("Aarhus University")


def test_a_name_outside_the_view_is_found_on_the_server_and_focused(page, dialogs, small: LiveServer) -> None:  # type: ignore[no-untyped-def]
    open_map(page, small.url + "/map?lang=en&kind=project")
    assert NORDLYS not in node_ids(page)
    choose_from_search(page, "nordlys", "Nordlys Studio")
    page.wait_for_url("**focus=**")
    page.wait_for_selector(READY)
    assert parse_qs(urlsplit(page.url).query)["focus"] == [NORDLYS]
    assert NORDLYS in node_ids(page)
    assert page.locator("#map-focus-label").inner_text() == "Nordlys Studio"


def test_double_click_expands_the_neighbours(page, dialogs, small: LiveServer) -> None:  # type: ignore[no-untyped-def]
    open_map(page, small.url + f"/map?lang=en&focus={quote(KBH)}&hops=1")
    assert node_ids(page) == {KBH, P_OLD}
    click_node(page, P_OLD, double=True)
    page.wait_for_selector("#map-canvas[data-expanded]")
    assert NORDLYS in node_ids(page)
    assert "more nodes shown" in page.locator("#map-status").inner_text()


def test_the_url_holds_the_view_and_restores_it(page, dialogs, small: LiveServer) -> None:  # type: ignore[no-untyped-def]
    open_map(page, small.url + f"/map?lang=en&kind=company,project&topic={quote(T_XR)}")
    kinds = {n["raw"]["kind"] for n in page.evaluate("() => window.vdkMap.nodes.get()")}
    assert kinds == {"company", "project"}
    assert page.locator("#map-topic").input_value() == T_XR
    assert P_FILM not in node_ids(page)
    page.uncheck(".map-kinds input[value=project]")
    page.wait_for_function("() => new URL(location.href).searchParams.get('kind') === 'company'")
    page.wait_for_selector(READY)
    assert {n["raw"]["kind"] for n in page.evaluate("() => window.vdkMap.nodes.get()")} == {"company"}
    page.reload()
    page.wait_for_selector(READY)
    assert not page.locator(".map-kinds input[value=project]").is_checked()
    assert page.locator(".map-kinds input[value=company]").is_checked()
    assert page.locator("#map-topic").input_value() == T_XR
    table = page.locator("#map-table-link").get_attribute("href")
    assert "kind=company" in table and "topic=" in table


def test_attack_names_show_as_text_and_run_nothing(page, dialogs, small: LiveServer) -> None:  # type: ignore[no-untyped-def]
    open_map(page, small.url + "/map?lang=en")
    for iri, name in ((EVIL, XSS), (EVIL2, XSS_SCRIPT)):
        click_node(page, iri)
        page.locator("#map-panel").wait_for(state="visible")
        assert page.locator("#map-panel-title").inner_text() == name
    page.mouse.move(0, 0)
    click_node(page, EVIL)
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5000)
    assert XSS in page.locator("div.vis-tooltip").inner_text()
    choose_from_search(page, "img src", XSS)
    assert page.locator("img").count() == 0, "a label became an element"
    page.goto(small.url + "/map/table?lang=en")
    assert page.locator("#map-nodes").inner_text().count(XSS) == 1
    assert page.locator("img").count() == 0


def test_downloads_png_exports_and_sparql(page, dialogs, small: LiveServer) -> None:  # type: ignore[no-untyped-def]
    open_map(page, small.url + "/map?lang=en")
    page.click(".map-share summary")
    with page.expect_download() as download:
        page.click("#map-png")
    path = download.value.path()
    png = Path(path).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (3200, 2000)  # the picture with names, legend and source, at twice its size
    for link in ("#map-svg", "#map-nodes", "#map-edges", "#map-xlsx"):
        href = page.locator(link).get_attribute("href")
        assert "kind=" in href or "?" in href, link  # follows the view
        assert page.request.get(small.url + href).ok, link
    gexf = page.locator("#map-gexf").get_attribute("href")
    assert gexf.startswith("/map/export.gexf?") and page.request.get(small.url + gexf).ok
    assert "<iframe" in page.locator("#map-embed-code").input_value()
    page.click("#map-sparql-box summary")
    assert "SELECT ?source" in page.locator("#map-sparql").inner_text()
    run = page.locator("#map-sparql-run").get_attribute("href")
    assert page.request.get(small.url + run, headers={"Accept": "application/sparql-results+json"}).ok


def test_over_time_plays_year_by_year(page, dialogs, small: LiveServer) -> None:  # type: ignore[no-untyped-def]
    open_map(page, small.url + "/map?lang=en")
    page.click("#map-play")
    page.wait_for_selector("#map-canvas[data-year='2015']")
    shown = node_ids(page)
    assert P_OLD in shown and P_FILM not in shown
    page.wait_for_selector("#map-canvas[data-year='2021']", timeout=10_000)
    assert NORDLYS in node_ids(page)
    page.click("#map-play")
    assert P_FILM in node_ids(page)
    assert page.locator("#map-canvas").get_attribute("data-year") is None


# --------------------------------------------------------------------------- the offline file


def test_offline_file_opens_from_disk_and_loads_nothing(browser, map_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = create_app(Settings(store="memory:"), {"TESTING": True}, store=map_store)
    out = tmp_path / "ecosystem.html"
    out.write_text(standalone_html(app, MapQuery(lang="da").to_args()), encoding="utf-8")
    own = out.as_uri()
    context = browser.new_context(accept_downloads=True)
    outside: list[str] = []

    def guard(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url == own or url.split(":", 1)[0] in ("data", "blob", "about"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("dialog", lambda dialog: (problems.append("dialog: " + dialog.message), dialog.dismiss()))
    try:
        page.goto(own)
        page.wait_for_selector(READY, timeout=30_000)
        assert page.locator("html").get_attribute("lang") == "da"
        assert "af" in page.locator("#map-status").inner_text()
        choose_from_search(page, "Aarhus", "Filmby Århus")
        assert page.locator("#map-panel-title").inner_text() == "Filmby Århus"
        assert page.locator("#map-panel-page").get_attribute("href") == FILMBY
        click_node(page, EVIL2)
        assert page.locator("#map-panel-title").inner_text() == XSS_SCRIPT
        page.uncheck(".map-kinds input[value=project]")
        assert P_OLD not in node_ids(page) and KBH in node_ids(page)
        assert page.locator("img").count() == 0
    finally:
        context.close()
    assert outside == [], f"the offline file asked for {outside}"
    assert problems == []


# --------------------------------------------------------------------------- the keyboard


def test_the_map_from_the_keyboard_focus_move_open(page, dialogs, small: LiveServer) -> None:  # type: ignore[no-untyped-def]
    """Tab reaches the map; arrows move it, + and - zoom; N and P go from node to node; Enter opens one."""
    open_map(page, small.url + "/map?lang=en")
    canvas = page.locator("#map-canvas")
    assert canvas.get_attribute("tabindex") == "0" and canvas.get_attribute("role") == "application"
    assert "arrow keys" in page.locator("#" + canvas.get_attribute("aria-describedby")).inner_text()
    page.focus("#map-fit")  # the control just after the map: Shift+Tab comes back to it
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "map-canvas"

    view = "() => ({...window.vdkMap.network.getViewPosition(), scale: window.vdkMap.network.getScale()})"
    start = page.evaluate(view)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    moved = page.evaluate(view)
    assert moved["x"] > start["x"] and moved["y"] > start["y"]
    page.keyboard.press("+")
    assert page.evaluate(view)["scale"] > moved["scale"] * 1.2
    page.keyboard.press("-")
    assert page.evaluate(view)["scale"] == pytest.approx(moved["scale"])

    order = page.evaluate("""() => window.vdkMap.nodes.get({filter: (n) => !n.hidden})
        .sort((a, b) => (b.size || 0) - (a.size || 0) || String(a.label).localeCompare(String(b.label)))
        .map((n) => n.id)""")
    page.keyboard.press("n")
    assert page.evaluate("() => window.vdkMap.network.getSelectedNodes()") == [order[0]]
    title = page.locator("#map-panel-title").inner_text()
    assert page.locator("#map-panel").is_visible() and title in page.locator("#map-announce").inner_text()
    page.keyboard.press("n")
    page.keyboard.press("p")
    assert page.evaluate("() => window.vdkMap.network.getSelectedNodes()") == [order[0]]
    page.keyboard.press("p")  # from the first, back round to the last
    assert page.evaluate("() => window.vdkMap.network.getSelectedNodes()") == [order[-1]]
    page.keyboard.press("Escape")
    assert page.locator("#map-panel").is_hidden()

    page.keyboard.press("n")
    page.keyboard.press("Enter")  # into the details: the page link first
    assert page.evaluate("document.activeElement.id") == "map-panel-page"
    page.keyboard.press("Escape")  # out again, back on the map
    assert page.locator("#map-panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "map-canvas"
    page.keyboard.press("n")
    page.keyboard.press("Enter")
    target = page.locator("#map-panel-page").get_attribute("href")
    page.keyboard.press("Enter")  # open the node's page
    page.wait_for_url("**" + target)
    assert page.locator("h1").inner_text() == title

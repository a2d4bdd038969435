"""Every page at phone (390×844) and desktop (1400×900) width in real Chromium, over the curated data.

For each page and size: the page does not scroll sideways (``document.documentElement.scrollWidth``),
axe-core finds no serious or critical problem, no script fails, and a screenshot is written to
``var/screenshots/<page>-<size>.png`` (``VDK_SCREENSHOTS`` moves them), which CI keeps as artefacts and
``.gitignore`` keeps out of git. Then what a phone needs besides: the map first, and names on the small
entity maps at least 11 pixels high.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from tests.browser_fixtures import serious_accessibility_problems
from tests.live_fixtures import LiveServer
from vdk_graph.results import SelectResult

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent.parent
SCREENSHOTS = Path(os.environ.get("VDK_SCREENSHOTS") or ROOT / "var" / "screenshots")
SIZES = {"phone": (390, 844), "desktop": (1400, 900)}
#: Readable text on a phone: the smallest rendered font size a name on a focus map may have.
MIN_LABEL_PX = 11
#: The pages, by name; entity pages are found in the data (``entity_paths``), the rest are fixed.
PAGES = {
    "home": "/", "map": "/map", "map-table": "/map/table", "search": "/search?q=film",
    "match": "/match?org=Filmby+Aarhus", "connect": "/connect?a=Filmby+Aarhus&b=VIA+University+College",
    "brokers": "/brokers", "communities": "/communities", "workbench": "/query", "queries": "/queries",
    "named-query": "/queries/project-partners?project=VDK", "data": "/data", "ontology": "/ontology",
    "insights": "/insights", "insights-money": "/insights/money", "insights-time": "/insights/time",
    "insights-places": "/insights/places",
}
#: Entity pages: one of each kind a visitor meets, picked by a query over the data.
ENTITIES = {
    "organisation": "?e a vdk:Organisation ; vdk:participatesIn ?p",
    "project": "?e a vdk:Project . ?o vdk:participatesIn ?e",
    "grant": "?e a vdk:Grant ; vdk:amount ?a",
    "place": "?e a vdk:City . ?o vdk:basedIn ?e",
    "topic": "?e a vdk:Topic . ?p vdk:keyword ?e",
    "person": "?e a vdk:Person ; vdk:holdsPosition ?x",
}
NAMES = [*PAGES, *(f"entity-{kind}" for kind in ENTITIES)]


@pytest.fixture(scope="module")
def entity_paths(live_server: LiveServer) -> dict[str, str]:
    """``entity-<kind>`` → the page of the best connected entity of that kind in the data."""
    base = live_server.settings.base_iri
    found = {}
    for kind, pattern in ENTITIES.items():
        result = live_server.store.query(
            "PREFIX vdk: <https://w3id.org/vdk/ontology#> "
            f"SELECT ?e (COUNT(*) AS ?n) WHERE {{ {pattern} }} GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 1")
        assert isinstance(result, SelectResult)
        [(iri, _)] = list(result.rows)
        assert iri is not None and iri.value.startswith(base), kind
        found[f"entity-{kind}"] = "/id/" + iri.value[len(base):]
    return found


def open_page(page: Any, url: str) -> None:
    """Open ``url`` and wait until what it draws with script is drawn (and a page still computing is done)."""
    deadline = time.monotonic() + 90
    while True:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if page.locator("meta[http-equiv=refresh]").count() == 0 or time.monotonic() > deadline:
            break  # brokers and communities refresh themselves until the network measures are ready
        page.wait_for_timeout(2000)
    if page.locator("#map-canvas").count():
        page.wait_for_selector("#map-canvas[data-state=ready]", timeout=30_000)
    if page.locator("#insight-data").count():
        page.wait_for_selector("html[data-charts=ready]", timeout=30_000)


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", NAMES)
def test_every_page_fits_the_screen_passes_axe_and_is_photographed(  # type: ignore[no-untyped-def]
        page, live_server: LiveServer, entity_paths: dict[str, str], name: str, size: str) -> None:
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    path = PAGES.get(name) or entity_paths[name]
    open_page(page, live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} scrolls sideways"
    assert serious_accessibility_problems(page) == [], path
    assert page.console_errors == [], path
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}-{size}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_screenshots_stay_out_of_git() -> None:
    ignored = [line.strip() for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()]
    assert "var/" in ignored


def test_on_a_phone_the_map_comes_first(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        open_page(page, live_server.url + "/map")
        canvas = page.locator("#map-canvas").bounding_box()
        controls = page.locator("#map-form").bounding_box()
        assert canvas["y"] < height - 200, (size, canvas)  # most of the map in the first screen
        if size == "phone":
            assert canvas["y"] + canvas["height"] <= controls["y"], (canvas, controls)  # controls under it
        else:
            assert controls["x"] + controls["width"] <= canvas["x"], (canvas, controls)  # beside it


def rendered_label_sizes(page: Any) -> list[float]:
    """The rendered size in pixels of each visible name on the focus map: font size × the SVG's scale."""
    return page.evaluate("""() => [...document.querySelectorAll('svg.focus-map text')]
        .filter((t) => t.getClientRects().length > 0)
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""")


@pytest.mark.parametrize("size", list(SIZES))
def test_names_on_the_focus_map_are_readable(page, live_server: LiveServer, entity_paths: dict[str, str],  # type: ignore[no-untyped-def]
                                             size: str) -> None:
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    for name in ("entity-organisation", "entity-project", "entity-topic"):
        open_page(page, live_server.url + entity_paths[name])
        sizes = rendered_label_sizes(page)
        assert len(sizes) >= 3, name
        assert min(sizes) >= MIN_LABEL_PX, (name, sorted(sizes)[:3])
        assert page.locator("svg.focus-map[role=img]").count() == 0  # a group of links, not an image

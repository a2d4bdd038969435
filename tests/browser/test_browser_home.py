"""The home page in real headless Chromium: the ecosystem in the first screen, at desktop and phone size."""

from __future__ import annotations

import pytest

from tests.browser_fixtures import serious_accessibility_problems
from tests.live_fixtures import LiveServer

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1400, 900), "phone": (390, 844)}


def test_home_page_in_a_real_browser_switches_language(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "The Danish digital visual industry as a graph"
    assert "companies" in page.locator("#figures").inner_text()
    page.click("#lang-switch")
    page.wait_for_url("**lang=da**")
    assert page.locator("h1").inner_text() == "Den danske digitale visuelle industri som graf"
    assert "virksomheder" in page.locator("#figures").inner_text()
    assert page.locator("html").get_attribute("lang") == "da"
    page.goto(live_server.url + "/")  # the choice is remembered
    assert page.locator("h1").inner_text().startswith("Den danske")
    assert page.console_errors == []


@pytest.mark.parametrize("size", list(SIZES))
def test_the_first_screen_holds_the_map_the_figures_and_the_search_box(  # type: ignore[no-untyped-def]
    page, live_server: LiveServer, size: str
) -> None:
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + "/")
    for selector in ("svg.map-picture", "#front-q", "#figures"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["width"] > 0, selector
        assert box["y"] >= 0 and box["y"] < height - 40, (selector, box)  # starts in the first screen
    picture = page.locator("svg.map-picture").bounding_box()
    assert picture["y"] + picture["height"] <= height, picture  # the whole picture is in it
    search = page.locator("#front-q").bounding_box()
    assert search["y"] + search["height"] <= height
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    assert page.locator("svg.map-picture circle").count() > 50
    assert page.locator(".front-map .legend li").count() >= 4
    assert serious_accessibility_problems(page) == []
    assert page.console_errors == []


def test_the_picture_opens_the_map_and_the_figures_lead_to_their_pages(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    page.locator("a.picture-link").click()
    page.wait_for_url("**/map")
    page.goto(live_server.url + "/")
    page.locator("#figures a", has_text="companies").click()
    page.wait_for_url("**/map?kind=company")
    page.goto(live_server.url + "/")
    page.locator("#figures a", has_text="public sources").click()
    page.wait_for_url("**/queries/sources")
    assert page.console_errors == []


def test_search_suggests_names_as_you_type_and_a_pick_opens_the_page(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    page.locator("#front-q").press_sequentially("animation work", delay=30)
    page.wait_for_selector("#front-suggestions option", state="attached")
    values = page.eval_on_selector_all("#front-suggestions option", "os => os.map(o => o.value)")
    assert "The Animation Workshop" in values
    page.locator("#front-q").fill("The Animation Workshop")
    page.wait_for_url("**/id/organisation/animation-workshop")


def test_the_stories_show_rows_and_their_sparql(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    for story in ("newest-projects", "largest-grants", "best-connected-organisations",
                  "organisations-bridging-communities"):
        article = page.locator(f"#story-{story}")
        assert article.locator("tbody tr").count() >= 1, story
        article.locator("summary").click()
        assert "SELECT" in article.locator("details pre").inner_text()

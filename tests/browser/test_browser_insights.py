"""The insight pages in real Chromium: the flow diagrams and charts are drawn, and a band leads to its grants.

Over the made-up ecosystem of ``tests/insights_fixtures.py`` (three currencies, no rate recorded), and
over the curated data (``live_server``), in English and Danish.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import insights_fixtures as w
from tests.live_fixtures import LiveServer
from vdk_graph.config import Settings
from vdk_graph.store import MemoryStore, Store

pytestmark = pytest.mark.browser
READY = "html[data-charts=ready]"


@pytest.fixture
def made_up(live_app_factory: Callable[[Store, Settings], LiveServer],
            insights_store: MemoryStore) -> LiveServer:
    return live_app_factory(insights_store, Settings(store="memory:"))


def test_one_flow_diagram_per_currency_and_a_band_opens_its_grants(page, made_up: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(made_up.url + "/insights/money?lang=en")
    page.wait_for_selector(READY)
    for i in range(3):  # DKK, EUR and SEK apart: no rate is recorded
        assert page.locator(f"#sankey-{i}").get_attribute("data-drawn") == "true"
        assert page.locator(f"#sankey-wrap-{i}").is_visible()
    assert page.evaluate("() => window.vdkCharts.filter((c) => c.config.type === 'sankey').length") == 3
    # the band of the EUR diagram from "recipient not named" to Project Three, clicked where Chart.js drew it
    point = page.evaluate("""() => {
        const chart = window.vdkCharts.find((c) => c.canvas.id === 'sankey-1');
        const data = chart.data.datasets[0].data;
        const i = data.findIndex((d) => d.from === 'recipient:-');
        const at = chart.getDatasetMeta(0).data[i].getCenterPoint();
        chart.canvas.scrollIntoView({block: 'center'});
        const box = chart.canvas.getBoundingClientRect();
        return {x: box.left + at.x, y: box.top + at.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url("**/insights/money?**#grants")
    assert parse_qs(urlsplit(page.url).query)["project"] == [w.P3]
    assert "Grant three" in page.locator("#grants-table").inner_text()
    assert page.locator("#grants-table tbody tr").count() == 1
    assert page.locator("#narrowed").is_visible()
    assert page.console_errors == []


def test_the_flows_table_works_from_the_keyboard_without_the_chart(page, made_up: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(made_up.url + "/insights/money?lang=en")
    page.wait_for_selector(READY)
    page.locator("#flows-0 summary").focus()
    page.keyboard.press("Enter")  # open the table of the DKK flows
    link = page.locator("#flows-0 tbody a").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#grants")
    assert page.locator("#grants-table tbody tr").count() >= 1


@pytest.mark.parametrize("path", ["/insights/time", "/insights/places", "/insights/money"])
def test_the_charts_are_drawn_in_danish_over_the_curated_data(  # type: ignore[no-untyped-def]
        page, live_server: LiveServer, path: str) -> None:
    page.goto(live_server.url + path + "?lang=da")
    page.wait_for_selector(READY)
    drawn = page.locator("canvas[data-drawn=true]")
    assert drawn.count() >= 1
    for i in range(drawn.count()):
        box = drawn.nth(i).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100
    assert page.evaluate("() => window.vdkCharts.length") == drawn.count()
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.console_errors == []

"""Entity pages and search in real headless Chromium, over the made-up ecosystem of ``entity_fixtures``.

A visitor searches from the header, opens an organisation, reads its projects
with roles and source links, switches to Danish, and follows a partner. A name
that is an XSS attempt never runs. The ``page`` fixture fails any test whose
page tries to load anything from outside 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.entity_fixtures import SOURCE_A, SOURCE_B, XSS, entity_test_store
from tests.live_fixtures import LiveServer
from vdk_graph.config import Settings
from vdk_graph.store import Store

pytestmark = pytest.mark.browser


@pytest.fixture
def server(live_app_factory: Callable[[Store, Settings], LiveServer]) -> Iterator[LiveServer]:
    yield live_app_factory(entity_test_store(), Settings(store="memory:"))


def test_search_open_an_organisation_switch_language_and_follow_a_partner(page, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(server.url + "/?lang=en")
    page.fill("#site-q", "Nordlis")  # a typo
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search?q=Nordlis**")
    page.locator("a.hit-label").first.click()  # the best hit
    page.wait_for_url("**/id/organisation/nordlys")
    assert page.locator("h1").inner_text() == "Nordlys Studio"

    projects = page.locator("#group-projects")
    row = projects.locator("tr", has_text="Immersive Learning")
    assert "Lead partner" in row.inner_text() and "27 May 2020 – 31 December 2022" in row.inner_text()
    marker_links = row.locator("sup.src a")
    assert marker_links.count() >= 1
    assert marker_links.first.get_attribute("href") in (SOURCE_A, SOURCE_B)
    assert page.locator("#sources a.source-link").first.get_attribute("href") in (SOURCE_A, SOURCE_B)
    assert page.locator("svg.focus-map a.node").count() >= 5  # the neighbourhood, drawn without script

    page.click("#lang-switch")
    page.wait_for_url("**lang=da**")
    assert page.locator("h1").inner_text() == "Nordlys Studiet"
    assert page.locator("#h-projects").inner_text().startswith("Projekter")
    assert "Ledende partner" in page.locator("#group-projects").inner_text()
    assert "9,2 mio. kr." in page.locator("#group-grants_received").inner_text()

    page.locator("#group-partners a", has_text="Aarhus Universitet").click()
    page.wait_for_url("**/id/organisation/uni")
    assert page.locator("h1").inner_text() == "Aarhus Universitet"  # still Danish: the choice is remembered
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.console_errors == []


def test_a_name_that_is_markup_never_runs_in_the_browser(page, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/id/organisation/evil", "/id/organisation/nordlys", "/id/project/immersive",
                 "/search?q=img+src", "/id/topic/xr"):
        page.goto(server.url + path)
        assert page.locator("main img").count() == 0, path
    page.goto(server.url + "/id/organisation/evil")
    assert page.locator("h1").inner_text() == XSS  # shown as the text it is
    assert page.locator("a[href^='javascript:']").count() == 0
    page.fill("#site-q", XSS)
    page.press("#site-q", "Enter")
    page.wait_for_load_state()
    assert XSS in page.locator("#search-summary").inner_text() or page.locator("a.hit-label").count() >= 1
    page.wait_for_timeout(200)
    assert dialogs == [] and page.console_errors == []

"""The home page in real headless Chromium: it renders offline, and the language switch works."""

from __future__ import annotations

import pytest

from tests.live_fixtures import LiveServer

pytestmark = pytest.mark.browser


def test_home_page_in_a_real_browser_switches_language(page, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "The Danish digital visual industry as a graph"
    assert page.locator("#projects").inner_text().count("VDK") >= 1
    page.click("#lang-switch")
    page.wait_for_url("**lang=da**")
    assert page.locator("h1").inner_text() == "Den danske digitale visuelle industri som graf"
    assert page.locator("html").get_attribute("lang") == "da"
    page.goto(live_server.url + "/")  # the choice is remembered
    assert page.locator("h1").inner_text().startswith("Den danske")
    assert page.console_errors == []

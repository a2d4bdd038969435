"""/match in real headless Chromium: type a name, choose it, read suggestions with reasons and evidence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.live_fixtures import LiveServer
from vdk_graph.config import Settings
from vdk_graph.store import MemoryStore, Store

pytestmark = pytest.mark.browser


def test_choose_an_organisation_and_see_explained_suggestions(  # type: ignore[no-untyped-def]
        page, match_store: MemoryStore, live_app_factory: Callable[[Store, Settings], LiveServer]) -> None:
    live = live_app_factory(match_store, Settings(store="memory:"))
    page.goto(live.url + "/match")
    page.fill("#org", "Nordl")
    option = page.locator("#org-options button", has_text="Nordlys Studio")
    option.wait_for()
    option.click()
    page.wait_for_url("**/match?**org_iri=**")
    first = page.locator("#s1")
    assert first.locator("a.name").inner_text() == "Aarhus Animation University"
    reasons = first.locator(".reasons li").all_inner_texts()
    assert any(r.startswith("both partner with Filmby Aarhus") for r in reasons)
    assert any(r.startswith("one is a company and one a knowledge institution") for r in reasons)
    assert first.locator("svg.path-sketch circle").count() >= 3
    assert page.locator("#org").input_value() == "Nordlys Studio"
    first.locator(".reasons a.ev", has_text="Filmby Aarhus").first.click()
    page.wait_for_url("**/id/organisation/filmby")
    assert "Filmby Aarhus" in page.locator("h1").inner_text()
    assert page.console_errors == []

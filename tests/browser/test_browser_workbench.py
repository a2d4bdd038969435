"""The workbench (/query) in real headless Chromium against the real server over the curated data.

Type a query, run it with Ctrl-Enter, see the table with linked labels, download the
CSV; a syntax error marks its line; the permalink restores the query; the history
lists the run; an example opens in the editor; completion offers the ontology's terms.
No request leaves 127.0.0.1 (the ``page`` fixture fails the test otherwise), and the
strict Content-Security-Policy must not block anything.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]

FILMBY = "https://w3id.org/vdk/id/organisation/filmby-aarhus"


@pytest.fixture
def workbench(page: Any, live_server: Any) -> Iterator[Any]:
    """The workbench page, loaded and ready; fails on any page error or CSP violation."""
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server.url + "/query")
    page.wait_for_selector("#workbench[data-ready=true]")
    yield page
    assert not page.console_errors, page.console_errors
    assert not blocked, blocked


def editor_text(page: Any) -> str:
    return page.locator(".cm-content").inner_text().replace("\u00a0", " ")


def replace_query(page: Any, text: str, *, typed: bool = False) -> None:
    page.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    if typed:
        page.keyboard.type(text)
    else:
        page.keyboard.insert_text(text)


def test_type_run_see_labels_and_download_csv(workbench: Any) -> None:
    page = workbench
    # Filmby Aarhus first: the table draws a long result a window at a time, and without an order
    # the engine's row order decides which window a row falls in (the data grows).
    typed = ('SELECT ?org WHERE { ?org vdk:participatesIn ?project } '
             'ORDER BY DESC(CONTAINS(STR(?org), "filmby-aarhus"))')
    replace_query(page, typed, typed=True)
    page.keyboard.press("Escape")  # close the completion list if it is open
    assert editor_text(page).strip() == typed
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#results[data-labelled=true]")
    link = page.locator('#results-table a[href="/id/organisation/filmby-aarhus"]').first
    assert link.inner_text() == "Filmby Aarhus"
    assert link.get_attribute("title") == FILMBY
    drawn = page.locator("#results-table tbody tr").count()
    status = page.locator("#query-status").inner_text()
    counted = re.search(r"([\d,]+) rows in", status)
    assert counted and "ms" in status, status
    rows = int(counted.group(1).replace(",", ""))
    assert rows >= drawn > 5  # a long result is drawn a window at a time (the table is virtualised)
    with page.expect_download() as download:
        page.click("#download-csv")
    assert download.value.suggested_filename == "results.csv"
    with open(download.value.path(), encoding="utf-8") as handle:
        table = list(csv.reader(io.StringIO(handle.read())))
    assert table[0] == ["org"] and [FILMBY] in table[1:] and len(table) - 1 == rows
    assert page.locator("#download-tsv").is_visible() and page.locator("#download-json").is_visible()


def test_a_syntax_error_shows_and_marks_its_line(workbench: Any) -> None:
    page = workbench
    replace_query(page, "SELECT ?s WHERE {\n  ?s a vdk:Project .\n  BIND(1 AS ?s ?s)\n}")
    page.click("#run")
    error = page.locator("#query-error")
    error.wait_for(state="visible")
    assert error.inner_text() == 'Line 3, column 16: expected ")"'
    marked = page.locator(".cm-lintRange-error")
    marked.first.wait_for()
    assert "BIND(1 AS ?s ?s)" in page.locator(".cm-line", has=marked.first).inner_text()
    assert page.locator("#results-table").count() == 0


def test_the_permalink_restores_the_query_and_the_history_lists_the_run(workbench: Any,
                                                                        live_server: Any) -> None:
    page = workbench
    query = "SELECT ?project ?title WHERE { ?project a vdk:Project ; dcterms:title ?title }"
    replace_query(page, query)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#results-table")
    permalink = page.locator("#permalink").get_attribute("href")
    assert permalink and permalink.startswith("/query?q=")
    assert page.url.endswith(permalink)  # the address bar carries the query too
    page.goto(live_server.url + "/query")  # a fresh visit: the default query …
    page.wait_for_selector("#workbench[data-ready=true]")
    assert "vdk:Project ; dcterms:title ?title" not in editor_text(page)
    history = page.locator("#history-list .history-item")
    assert history.first.inner_text() == query  # … and the run in the history (this browser's storage)
    history.first.click()
    assert editor_text(page).strip() == query
    page.goto(live_server.url + permalink)
    page.wait_for_selector("#workbench[data-ready=true]")
    assert editor_text(page).strip() == query


def test_an_example_opens_in_the_editor_and_runs(workbench: Any) -> None:
    page = workbench
    page.click('a[data-example="sources"]')
    assert "GRAPH ?graph" in editor_text(page)
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#results-table")
    headers = page.locator("#results-table th").all_inner_texts()
    assert headers[:2] == ["graph", "source"] and "triples" in headers


def test_completion_offers_ontology_terms_with_labels(workbench: Any) -> None:
    page = workbench
    page.wait_for_selector("#workbench[data-vocabulary=ready]")  # the terms arrive with /query.json
    replace_query(page, "SELECT * WHERE { ?p a ")
    page.keyboard.type("vdk:Proj")
    options = page.locator(".cm-tooltip-autocomplete li")
    options.first.wait_for()
    texts = options.all_inner_texts()
    assert any(text.startswith("vdk:Project") for text in texts)
    page.keyboard.press("Escape")


def test_construct_shows_triples_and_offers_turtle(workbench: Any) -> None:
    page = workbench
    replace_query(page, "CONSTRUCT { ?o vdk:participatesIn ?p } WHERE { ?o vdk:participatesIn ?p } LIMIT 3")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#results-table")
    assert page.locator("#results-table th").all_inner_texts() == ["subject", "predicate", "object"]
    assert "3 triples in" in page.locator("#query-status").inner_text()
    with page.expect_download() as download:
        page.click("#download-turtle")
    with open(download.value.path(), encoding="utf-8") as handle:
        assert "participatesIn" in handle.read()

"""The result views of the workbench and the named-query pages in real headless Chromium, on the shipped data.

A table of 10,000 rows (made with VALUES) sorts, filters, pages and keeps only the rows in
sight in the DOM; a year column makes a chart; IRIs and rows become a graph coloured by the
map's kinds; start and end columns make a timeline; ``#run`` runs a permalink's query and
``?view=`` survives a reload; the downloads are what they say they are. No request leaves
127.0.0.1 and the Content-Security-Policy blocks nothing (Chart.js and vis-network included).
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from openpyxl import load_workbook

from tests.browser_fixtures import serious_accessibility_problems

pytestmark = [pytest.mark.browser, pytest.mark.server]

FILMBY = "https://w3id.org/vdk/id/organisation/filmby-aarhus"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEN_THOUSAND = """SELECT ?i ?label ?year WHERE {
  VALUES ?a { 0 1 2 3 4 5 6 7 8 9 } VALUES ?b { 0 1 2 3 4 5 6 7 8 9 }
  VALUES ?c { 0 1 2 3 4 5 6 7 8 9 } VALUES ?d { 0 1 2 3 4 5 6 7 8 9 }
  BIND(?a * 1000 + ?b * 100 + ?c * 10 + ?d AS ?i)
  BIND(CONCAT("row ", STR(?i)) AS ?label)
  BIND(2000 + ?d AS ?year)
}"""
PROJECTS_PER_YEAR = """SELECT ?year (COUNT(DISTINCT ?project) AS ?projects) WHERE {
  ?project a vdk:Project ; schema:startDate ?start .
  BIND(YEAR(?start) AS ?year)
} GROUP BY ?year ORDER BY ?year"""
PARTICIPATION = "SELECT ?org ?project WHERE { ?org vdk:participatesIn ?project }"


@pytest.fixture
def browser_page(page: Any) -> Iterator[Any]:
    """The page, failing the test on a script error or anything the Content-Security-Policy blocks."""
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.csp_blocked = blocked
    yield page
    assert not page.console_errors, page.console_errors
    assert not blocked, blocked


def accessibility_problems(page: Any) -> list[str]:
    """axe-core's serious and critical findings; what axe itself trips over in the CSP is not the page's."""
    before = len(page.csp_blocked)
    found = serious_accessibility_problems(page)
    page.wait_for_timeout(100)
    del page.csp_blocked[before:]
    return found


def run_url(base: str, query: str, view: str | None = None) -> str:
    args = f"q={quote(query)}" + (f"&view={view}" if view else "")
    return f"{base}/query?{args}#run"


def open_results(page: Any, url: str) -> None:
    """Open a permalink (which runs its query) and wait until the rows are labelled."""
    page.goto(url)
    page.wait_for_selector("#results[data-labelled=true]", timeout=30_000)


def rows_in_dom(page: Any) -> int:
    return int(page.locator("#results-table tbody tr:not(.rv-spacer)").count())


def first_cells(page: Any, column: int = 0) -> list[str]:
    cells = page.locator(f"#results-table tbody tr:not(.rv-spacer) td:nth-child({column + 1})")
    return [text.strip() for text in cells.all_inner_texts()]


def test_ten_thousand_rows_sort_filter_and_page_with_only_the_visible_rows_drawn(browser_page: Any,
                                                                                live_server: Any) -> None:
    page = browser_page
    open_results(page, run_url(live_server.url, TEN_THOUSAND))
    assert "10000 rows in" in page.locator("#query-status").inner_text()
    assert page.locator("#rv-count").inner_text() == "Rows 1–1,000 of 10,000"
    assert page.locator("#results-table").get_attribute("aria-rowcount") == "10001"
    assert 10 < rows_in_dom(page) < 120, "a page of 1,000 rows draws only those in sight"

    page.select_option("#rv-page-size", "0")  # all 10,000 on one page
    assert page.locator("#rv-count").inner_text() == "Rows 1–10,000 of 10,000"
    assert rows_in_dom(page) < 120
    page.locator("#rv-scroll").evaluate("el => { el.scrollTop = el.scrollHeight; }")
    page.wait_for_selector('#results-table tr[aria-rowindex="10001"]')
    assert rows_in_dom(page) < 120
    assert page.locator("#results-table tr.rv-spacer").first.evaluate("tr => tr.offsetHeight") > 100_000

    page.click('#results-table th button[data-column="i"]')
    assert page.locator("#results-table th").first.get_attribute("aria-sort") == "ascending"
    assert first_cells(page)[:3] == ["0", "1", "2"], "numbers sort as numbers, from the top"
    page.click('#results-table th button[data-column="i"]')
    assert page.locator("#results-table th").first.get_attribute("aria-sort") == "descending"
    assert first_cells(page)[:2] == ["9999", "9998"]
    page.click('#results-table th button[data-column="label"]')
    assert first_cells(page, 1)[:3] == ["row 0", "row 1", "row 2"], "as people count: row 2 before row 10"
    page.click('#results-table th button[data-column="label"]')
    assert first_cells(page, 1)[0] == "row 9999"

    page.fill("#rv-filter", "ROW 123")
    page.wait_for_selector("#panel-table[data-rows='11']")  # row 123 and rows 1230–1239
    assert sorted(int(i) for i in first_cells(page)) == [123, *range(1230, 1240)]
    assert page.locator("#rv-count").inner_text() == "Rows 1–11 of the 11 that match (of 10,000)"
    page.fill("#rv-filter", "")
    page.wait_for_selector("#panel-table[data-rows='10000']")

    page.select_option("#rv-page-size", "100")
    assert page.locator("#rv-page").inner_text() == "Page 1 of 100"
    assert page.locator("#rv-prev").is_disabled()
    page.click("#rv-next")
    assert page.locator("#rv-page").inner_text() == "Page 2 of 100"
    assert page.locator("#rv-count").inner_text() == "Rows 101–200 of 10,000"
    assert rows_in_dom(page) == 100  # a short page is drawn whole
    assert first_cells(page, 1)[0] == "row 9899"  # still sorted by label, descending


def test_a_year_column_makes_a_chart(browser_page: Any, live_server: Any) -> None:
    page = browser_page
    open_results(page, run_url(live_server.url, PROJECTS_PER_YEAR))
    years = [int(y) for y in first_cells(page)]
    assert len(years) > 3
    page.click("#view-chart")
    chart = page.locator("#panel-chart")
    page.wait_for_selector("#panel-chart[data-chart]")
    assert chart.get_attribute("data-chart") == "line" and chart.get_attribute("data-x") == "year"
    span = max(years) - min(years) + 1
    assert int(chart.get_attribute("data-points") or 0) == span, "every year, the gaps as 0"
    assert page.locator("#rv-chart-canvas").get_attribute("aria-label") == "Line: projects by year"
    assert painted(page, "#rv-chart-canvas") > 500
    page.select_option("#rv-chart-type", "bar")
    page.wait_for_selector("#panel-chart[data-chart=bar]")
    assert page.locator("#view-chart").get_attribute("aria-pressed") == "true"
    assert page.locator("#view-table").get_attribute("aria-pressed") == "false"


def painted(page: Any, selector: str) -> int:
    """How many pixels of a canvas are neither blank nor white (the chart was drawn, not just sized)."""
    return int(page.locator(selector).evaluate("""canvas => {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240)) n++;
        }
        return n;
    }"""))


def test_the_graph_view_draws_iris_as_nodes_in_the_maps_kinds(browser_page: Any, live_server: Any) -> None:
    page = browser_page
    open_results(page, run_url(live_server.url, PARTICIPATION))
    csv_text = page.request.get(live_server.url + page.locator("#download-csv").get_attribute("href")).text()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    page.click("#view-graph")
    page.wait_for_selector("#panel-graph[data-nodes]", timeout=30_000)
    panel = page.locator("#panel-graph")
    iris = {r["org"] for r in rows} | {r["project"] for r in rows}
    assert int(panel.get_attribute("data-nodes") or 0) == len(iris)
    assert int(panel.get_attribute("data-edges") or 0) == len({(r["org"], r["project"]) for r in rows})
    groups = page.evaluate("() => Object.fromEntries("
                           "window.vdkResults.graphNodes.get().map(n => [n.id, n.group]))")
    assert groups[FILMBY] == "public"  # the map's kind: the first of its classes in the map's order
    assert {groups[r["project"]] for r in rows} == {"project"}
    node = page.evaluate(f"() => window.vdkResults.graphNodes.get('{FILMBY}')")
    assert node["label"] == "Filmby Aarhus"
    legend = page.locator("#rv-graph-legend").inner_text()
    assert "Project" in legend and "Public authority" in legend
    page.wait_for_function("() => document.querySelector('#rv-graph-canvas canvas')")
    assert painted(page, "#rv-graph-canvas canvas") > 500


def test_a_permalink_runs_its_query_and_the_view_survives_a_reload(browser_page: Any,
                                                                   live_server: Any) -> None:
    page = browser_page
    page.goto(run_url(live_server.url, PROJECTS_PER_YEAR))  # nobody presses Run
    page.wait_for_selector("#results-table")
    assert "rows in" in page.locator("#query-status").inner_text()
    page.click("#view-chart")
    page.wait_for_selector("#panel-chart[data-chart]")
    address = urlsplit(page.url)
    assert parse_qs(address.query)["view"] == ["chart"] and address.fragment == "run"
    assert page.url.endswith(page.locator("#permalink").get_attribute("href") or "-")
    page.reload()
    page.wait_for_selector("#panel-chart[data-chart=line]")
    assert page.locator("#panel-table").is_hidden()
    assert page.locator("#view-chart").get_attribute("aria-pressed") == "true"
    page.goto(f"{live_server.url}/query?q={quote(PROJECTS_PER_YEAR)}&view=chart")  # no #run: nothing runs
    page.wait_for_selector("#workbench[data-ready=true]")
    page.wait_for_timeout(300)
    assert page.locator("#results").inner_text() == ""


def test_downloads_have_the_right_content_types(browser_page: Any, live_server: Any) -> None:
    page = browser_page
    page.add_init_script("""(() => {
        const made = URL.createObjectURL;
        window.blobTypes = [];
        URL.createObjectURL = (blob) => { window.blobTypes.push(blob.type); return made(blob); };
    })()""")
    open_results(page, run_url(live_server.url, PROJECTS_PER_YEAR))
    shown = len(first_cells(page))
    expected = {"csv": "text/csv", "tsv": "text/tab-separated-values",
                "json": "application/sparql-results+json"}
    bodies = {}
    for name, media_type in expected.items():
        link = page.locator(f"#download-{name}")
        response = page.request.get(live_server.url + (link.get_attribute("href") or ""))
        assert response.ok and response.headers["content-type"].split(";")[0] == media_type, name
        bodies[name] = response.text()
    assert bodies["csv"].splitlines()[0] == "year,projects" and len(bodies["csv"].splitlines()) == shown + 1
    assert bodies["tsv"].splitlines()[0] == "?year\t?projects"
    assert len(json.loads(bodies["json"])["results"]["bindings"]) == shown
    with page.expect_download() as download:
        page.click("#download-xlsx")
    assert download.value.suggested_filename == "results.xlsx"
    assert page.evaluate("() => window.blobTypes") == [XLSX]
    with open(download.value.path(), "rb") as handle, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Workbook contains no default style")  # openpyxl on others' files
        sheet = load_workbook(io.BytesIO(handle.read())).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == ["year", "projects"] and len(cells) == shown + 1
    assert all(isinstance(v, int | float) for row in cells[1:] for v in row), "numbers stay numbers"


def test_a_named_query_page_has_the_same_views(browser_page: Any, live_server: Any) -> None:
    page = browser_page
    page.goto(live_server.url + "/queries/projects-active-in-year?year=2023&lang=da")
    page.wait_for_selector("#result-views[data-ready=true]")
    assert page.locator(".rv-label").inner_text() == "Vis som"
    headers = page.locator("#results-table th").all_inner_texts()
    assert headers[0] == "project" and "projectLabel" not in headers, "the label column folds into the IRI's"
    rows = rows_in_dom(page)
    assert rows >= 1 and page.locator("#rv-filter").is_visible()
    page.click("#view-timeline")
    page.wait_for_selector("#panel-timeline[data-bars]")
    assert int(page.locator("#panel-timeline").get_attribute("data-bars") or 0) == rows
    assert parse_qs(urlsplit(page.url).query)["view"] == ["timeline"]
    assert painted(page, "#rv-timeline-canvas") > 200
    page.reload()
    page.wait_for_selector("#panel-timeline[data-bars]")
    assert page.locator("#view-timeline").get_attribute("aria-pressed") == "true"
    page.fill("#p-year", "2022")
    page.click("#query-run")  # the form sends the view along
    page.wait_for_url("**year=2022**")
    assert parse_qs(urlsplit(page.url).query)["view"] == ["timeline"]
    page.wait_for_selector("#panel-timeline[data-bars]")
    with page.expect_download() as download:
        page.click("#download-xlsx")
    assert download.value.suggested_filename == "projects-active-in-year.xlsx"


def test_the_views_are_labelled_and_work_from_the_keyboard(browser_page: Any, live_server: Any) -> None:
    page = browser_page
    open_results(page, run_url(live_server.url, PROJECTS_PER_YEAR))
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('#results input, #results select')]
        .filter(c => !document.querySelector(`label[for="${c.id}"]`)).map(c => c.outerHTML)""")
    assert unlabelled == []
    nested = page.evaluate("""() => [...document.querySelectorAll('#results a, #results button')]
        .filter(c => c.parentElement.closest('a, button')).length""")
    assert nested == 0
    assert page.locator("#results .rv-views").get_attribute("aria-label") == "View as"
    page.focus("#view-table")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "view-chart"
    page.keyboard.press("Enter")
    page.wait_for_selector("#panel-chart[data-chart]")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert page.locator("#panel-table").is_visible() and page.locator("#panel-chart").is_hidden()
    page.focus('#results-table th button[data-column="projects"]')
    page.keyboard.press("Enter")
    assert page.locator("#results-table th").nth(1).get_attribute("aria-sort") == "ascending"
    assert accessibility_problems(page) == []


@pytest.mark.parametrize("view", ["table", "chart", "graph", "timeline"])
def test_axe_finds_no_serious_problem_in_any_view(browser_page: Any, live_server: Any, view: str) -> None:
    page = browser_page
    page.goto(f"{live_server.url}/queries/projects-active-in-year?year=2023&view={view}")
    page.wait_for_selector(f"#result-views[data-ready=true] #panel-{view}:not([hidden])")
    if view == "graph":
        page.wait_for_selector("#panel-graph[data-nodes]", timeout=30_000)
    assert accessibility_problems(page) == []


@pytest.mark.parametrize("view", ["chart", "timeline"])
def test_a_drawing_is_described_before_its_library_arrives(browser_page: Any, live_server: Any,
                                                           view: str) -> None:
    """The chart library is a chunk loaded on demand; while it loads (here: never) the canvas is
    already a described image, so a screen reader or axe looking early finds no unnamed image."""
    page = browser_page
    page.route("**/chartlib-*.js", lambda route: route.abort())
    page.goto(f"{live_server.url}/queries/projects-active-in-year?year=2023&view={view}")
    canvas = page.locator(f"#panel-{view} canvas")
    canvas.wait_for(state="attached")
    assert (canvas.get_attribute("aria-label") or "").strip()
    assert accessibility_problems(page) == []
    page.wait_for_selector(f"#panel-{view}[data-failed=true]")
    assert "could not be loaded" in page.locator(f"#panel-{view} .note").first.inner_text()


def test_text_from_the_data_stays_text_in_every_view(browser_page: Any, live_server: Any) -> None:
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    attack = '<img src=x onerror=alert(1)>'
    query = (f'SELECT ?who ?name ?n WHERE {{ VALUES (?who ?name ?n) {{ (<{FILMBY}> "{attack}" 3) '
             '(<https://w3id.org/vdk/id/organisation/x> "b" 2) } }')
    open_results(page, run_url(live_server.url, query))
    assert attack in page.locator("#results-table").inner_text()
    for view in ("chart", "graph"):
        page.click(f"#view-{view}")
        page.wait_for_selector(f"#panel-{view}[data-{'chart' if view == 'chart' else 'nodes'}]")
    page.click("#view-table")
    page.fill("#rv-filter", "onerror")  # the filter and the redrawn table
    page.wait_for_selector("#panel-table[data-rows='1']")
    assert page.locator("#results img, #results script").count() == 0 and dialogs == []

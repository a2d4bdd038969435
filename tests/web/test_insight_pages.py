"""The insight pages (/insights, /insights/money, /time, /places): pages, twins, filters, languages.

Over the made-up ecosystem of ``tests/insights_fixtures.py`` (figures worked out by hand in
``tests/test_insights.py``); with and without a recorded exchange rate.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests import insights_fixtures as w
from tests.web.test_queries_pages import parse

PAGES = ("/insights", "/insights/money", "/insights/time", "/insights/places")


@pytest.fixture
def client(insights_app: Flask) -> FlaskClient:
    return insights_app.test_client()


@pytest.mark.parametrize("path", PAGES)
def test_each_page_in_english_and_danish_with_no_inline_script(client: FlaskClient, path: str) -> None:
    english = client.get(path + "?lang=en")
    danish = client.get(path + "?lang=da")
    assert english.status_code == danish.status_code == 200
    assert english.headers["Content-Language"] == "en" and danish.headers["Content-Language"] == "da"
    title = {"/insights": ("Insights", "Indsigter"), "/insights/money": ("Money flows", "Pengestrømme"),
             "/insights/time": ("The ecosystem over time", "Økosystemet over tid"),
             "/insights/places": ("Where it happens", "Hvor det sker")}[path]
    assert f"<h1>{title[0]}" in english.text and f"<h1>{title[1]}" in danish.text
    page = parse(english.text)
    scripts = [a for tag, a in page.elements if tag == "script" and not a.get("src")]
    assert all(a.get("type") == "application/json" for a in scripts)  # data only: the CSP runs no script
    if path != "/insights":
        [script] = page.find("script", type="module")
        assert script["src"] == "/static/dist/insights.js"
        assert page.find("script", type="application/json", id="insight-data")


def test_the_site_and_the_home_page_lead_to_the_insights(client: FlaskClient) -> None:
    home = parse(client.get("/?lang=en").text)
    assert home.find("a", href="/insights", id="way-insights")
    assert any(a.get("href") == "/insights" for a in home.find("a"))  # the navigation too
    index = parse(client.get("/insights?lang=en").text)
    hrefs = {a.get("href") for a in index.find("a")}
    assert hrefs >= {"/insights/money", "/insights/time", "/insights/places"}


@pytest.mark.parametrize("page", ["money", "time", "places"])
def test_each_page_has_json_and_csv_twins_from_one_view(client: FlaskClient, insights_app: Flask,
                                                        page: str) -> None:
    endpoint = {"money": "insights.money", "time": "insights.over_time", "places": "insights.places"}[page]
    rules = [rule.rule for rule in insights_app.url_map.iter_rules() if rule.endpoint == endpoint]
    assert sorted(rules) == [f"/insights/{page}", f"/insights/{page}.<any(json, csv):fmt>"]
    html = parse(client.get(f"/insights/{page}").text)
    for kind in ("application/json", "text/csv"):
        [link] = html.find("link", rel="alternate", type=kind)
        answer = client.get(link["href"])
        assert answer.status_code == 200 and answer.mimetype == kind
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
    data = client.get(f"/insights/{page}.json").get_json()
    assert {q["name"] for q in data["queries"]} <= {"money-flows", "exchange-rates", "participations-by-year",
                                                    "organisation-places"}


def test_the_money_page_shows_currencies_apart_without_rates(client: FlaskClient) -> None:
    answer = client.get("/insights/money?lang=en")
    text = answer.text
    assert "The data records no exchange rates" in text
    assert "DKK 1.3 million in 2 grants" in text and "EUR 700,000 in 2 grants" in text
    assert "SEK 50,000 in 1 grants" in text and "1 grants have no amount" in text
    page = parse(text)
    assert [c["id"] for c in page.find("canvas") if c["id"].startswith("sankey-")] == [
        "sankey-0", "sankey-1", "sankey-2"]
    assert "Flows in DKK" in text and "Flows in EUR" in text and "Flows in SEK" in text
    data = client.get("/insights/money.json").get_json()
    assert data["has_rates"] is False and data["rates"] == []
    assert [(d["currency"], d["total"], d["converted"]) for d in data["diagrams"]] == [
        ("DKK", 1300000, False), ("EUR", 700000, False), ("SEK", 50000, False)]
    assert {t["currency"]: t["dkk"] for t in data["totals"]} == {"DKK": 1300000, "EUR": None, "SEK": None}


def test_the_money_page_converts_at_a_recorded_rate_and_cites_it(insights_rates_app: Flask) -> None:
    client = insights_rates_app.test_client()
    text = client.get("/insights/money?lang=en").text
    assert "converted to DKK at the rates the data records" in text
    assert "1 EUR = 7.45 DKK (2021–2022" in text and 'href="https://example.org/eur-rates"' in text
    assert "Flows in DKK (other currencies converted)" in text and "Flows in SEK" in text
    data = client.get("/insights/money.json").get_json()
    assert [(d["currency"], d["total"], d["converted"]) for d in data["diagrams"]] == [
        ("DKK", 6515000, True), ("SEK", 50000, False)]
    grants = {g["grant"].rsplit("/", 1)[1]: g["dkk"] for g in data["grants"]}
    assert grants["g2"] == 3725000 and grants["g6"] is None and grants["g1"] == 1000000
    rows = list(csv.DictReader(io.StringIO(client.get("/insights/money.csv").text)))
    assert {r["grant"].rsplit("/", 1)[1]: r["dkk"] for r in rows}["g3"] == "1490000.00"


def test_bands_and_nodes_link_to_the_page_narrowed_to_their_grants(client: FlaskClient) -> None:
    data = client.get("/insights/money.json?lang=en").get_json()
    eur = next(d for d in data["diagrams"] if d["currency"] == "EUR")
    joint = next(n for n in eur["nodes"] if len(n["entities"]) == 2)
    assert joint["label"] == "European Union & Filmfonden" or joint["label"] == "Filmfonden & European Union"
    href = urlsplit(joint["href"])
    assert href.path == "/insights/money" and href.fragment == "grants"
    assert sorted(parse_qs(href.query)["funder"]) == sorted((w.F1, w.F2))
    narrowed = client.get(joint["href"].split("#")[0] + "&lang=en")
    assert narrowed.status_code == 200 and "The 1 grants of this selection" in narrowed.text
    assert "Narrowed to" in narrowed.text
    nowhere = next(n for n in eur["nodes"] if n["kind"] == "none")
    assert nowhere["label"] == "recipient not named" and nowhere["href"] is None
    band = next(link for link in eur["links"] if link["from"] == nowhere["key"])
    assert parse_qs(urlsplit(band["href"]).query) == {"project": [w.P3]}
    assert band["from_label"] == "recipient not named" and band["to_label"] == "Project Three"
    flows_table = parse(client.get("/insights/money?lang=en").text)
    assert any(a.get("href") == band["href"] for a in flows_table.find("a"))  # the same link, no chart needed


def test_filters_narrow_the_page_and_its_twins_alike(client: FlaskClient) -> None:
    query = f"from=2021&topic={w.GAMES}"
    data = client.get(f"/insights/money.json?{query}").get_json()
    assert {g["grant"].rsplit("/", 1)[1] for g in data["grants"]} == {"g2", "g3"}
    assert data["filter"] == {"from": ["2021"], "topic": [w.GAMES]}
    rows = list(csv.DictReader(io.StringIO(client.get(f"/insights/money.csv?{query}").text)))
    assert {r["grant"] for r in rows} == {g["grant"] for g in data["grants"]}
    page = client.get(f"/insights/money?{query}&lang=en").text
    html = parse(page)
    [topic] = [o for o in html.find("option") if o.get("value") == w.GAMES]
    assert "selected" in topic
    query_page = "/queries/money-flows?from_year=2021&topic="
    assert any(a.get("href", "").startswith(query_page) for a in html.find("a"))


def test_bad_parameters_are_400_naming_what_is_taken(client: FlaskClient) -> None:
    assert client.get("/insights/money?from=last+year").status_code == 400
    assert client.get("/insights/money.json?funder=javascript:alert(1)").status_code == 400
    unknown = client.get("/insights/time?from=2020")
    assert unknown.status_code == 400 and "bom" in unknown.text
    assert client.get("/insights/money.xml").status_code == 404


def test_csv_is_safe_in_a_spreadsheet_and_has_a_bom_on_request(client: FlaskClient) -> None:
    answer = client.get("/insights/money.csv?bom=1")
    assert answer.data.startswith(b"\xef\xbb\xbf")
    assert answer.headers["Content-Disposition"] == 'attachment; filename="money.csv"'
    rows = list(csv.DictReader(io.StringIO(answer.data.decode("utf-8-sig"))))
    six = next(r for r in rows if r["grant"].endswith("/g6"))
    assert six["label"].startswith("'=HYPERLINK")  # never run as a formula
    assert six["amount"] == "50000" and six["currency"] == "SEK"


def test_the_time_page_counts_new_and_returning_partners(client: FlaskClient) -> None:
    data = client.get("/insights/time.json").get_json()
    years = {y["year"]: y for y in data["years"]}
    assert (years[2022]["new_partners"], years[2022]["returning_partners"]) == (1, 2)
    assert years[2022]["money"] == {"DKK": 100000, "EUR": 200000, "SEK": 50000} and years[2022]["dkk"] is None
    assert data["undated_projects"] == 1
    rows = list(csv.reader(io.StringIO(client.get("/insights/time.csv").text)))
    assert rows[0][:4] == ["year", "projects_active", "projects_started", "organisations_active"]
    assert rows[0][-3:] == ["money_DKK", "money_EUR", "money_SEK"]
    assert len(rows) == 1 + 4
    page = client.get("/insights/time?lang=da").text
    assert "Nye partnere" in page and "1 projekter uden datoer" in page


def test_the_places_page_counts_regions_and_municipalities(client: FlaskClient) -> None:
    data = client.get("/insights/places.json?lang=da").get_json()
    regions = {a["label"]: (a["organisations"], a["projects"])
               for a in data["areas"] if a["level"] == "region"}
    assert regions == {"Central Denmark Region": (2, 2), "Capital Region of Denmark": (1, 2),
                       "Region of Southern Denmark": (1, 2)}
    assert {a["label"] for a in data["municipalities"]} == {"Aarhus", "København", "Odense", "Malmö"}
    page = client.get("/insights/places?lang=en").text
    assert "Sweden (no region recorded)" in page and "no place recorded" in page
    assert "An organisation counts where its seat is" in page


def test_show_sparql_shows_the_named_queries_behind_each_page(client: FlaskClient) -> None:
    for path, names in (
            ("/insights/money", ("money-flows", "exchange-rates")),
            ("/insights/places", ("organisation-places", "participations-by-year", "money-flows"))):
        page = client.get(path + "?lang=en").text
        html = parse(page)
        for name in names:
            assert any(a.get("href", "").startswith(f"/queries/{name}") for a in html.find("a")), (path, name)
            assert f"<code>{name}</code>" in page
        assert "SELECT ?" in page


def test_a_long_list_of_grants_is_cut_on_the_page_but_not_in_the_twins(
        insights_app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    from webapp.views import insights as view

    monkeypatch.setattr(view, "HTML_GRANTS", 2)
    client = insights_app.test_client()
    page = client.get("/insights/money?lang=en").text
    assert parse(page).find("p", id="grants-more") and "The 2 largest are listed here" in page
    assert page.count('<td class="grant-name">') == 2
    charts = json.loads(page.split('id="insight-data">')[1].split("</script>")[0])
    assert "grants" not in charts["data"] and charts["data"]["diagrams"]  # the charts need no list of grants
    assert len(client.get("/insights/money.json").get_json()["grants"]) == 6

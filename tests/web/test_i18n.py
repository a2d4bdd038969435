"""The Danish / English interface: every string in both languages, the switch, and dates, numbers, money.

The string checks run after ``create_app`` has imported every view, so they
cover the strings other views register too, and every ``t('key')`` written in
any template.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from decimal import Decimal
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from vdk_graph.network import NODE_KINDS, RELATIONS
from webapp import filters
from webapp.i18n import COOKIE, STRINGS

TEMPLATES = Path(__file__).parent.parent.parent / "webapp" / "templates"
ENTITY_PAGES = ("/id/organisation/nordlys", "/id/project/immersive", "/id/topic/xr", "/id/place/midt",
                "/id/place/aarhus", "/id/programme/innovation", "/id/person/anna", "/id/graph/test/a",
                "/id/grant/vf-immersive", "/id/investment/vc-nordlys", "/id/participation/immersive-uni",
                "/id/indicator/immersive-jobs", "/id/organisation/vdk", "/id/organisation/vc",
                "/id/organisation/fund", "/id/membership/nordlys-vdk", "/id/position/anna-nordlys")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# --------------------------------------------------------------------------- every string, both languages


def test_every_registered_string_has_english_and_danish(entity_app: Flask) -> None:
    missing = [key for key, texts in STRINGS.items() if not texts.get("en", "").strip()
               or not texts.get("da", "").strip()]
    assert not missing, f"strings without both languages: {missing}"
    mismatched = [key for key, texts in STRINGS.items()
                  if placeholders(texts["en"]) != placeholders(texts["da"])]
    assert not mismatched, f"strings whose placeholders differ between the languages: {mismatched}"


def test_every_header_link_has_a_danish_label(entity_app: Flask) -> None:
    for item in entity_app.config["VDK_NAV"]:
        assert item.label_en.strip() and item.label_da.strip(), item


def test_every_string_a_template_asks_for_exists(entity_app: Flask) -> None:
    call = re.compile(r"\bt\('([a-z_][a-z0-9_.]*[a-z0-9_])'\s*[,)]")
    used = {key for path in TEMPLATES.glob("*.html") for key in call.findall(path.read_text("utf-8"))}
    assert used, "no t('…') calls found: the pattern is out of date"
    assert not sorted(used - set(STRINGS)), "templates use strings nobody registered"


def test_the_entity_pages_composed_keys_exist(entity_client: FlaskClient) -> None:
    """Group, column and note titles are looked up by key; each key the pages produce has its strings."""
    for path in ENTITY_PAGES:
        data = entity_client.get(path + ".json").get_json()
        for group in data["groups"]:
            assert f"entity.group.{group['key']}" in STRINGS, (path, group["key"])
            assert group["title"] != f"entity.group.{group['key']}"
            for column in group["columns"]:
                assert f"entity.col.{column}" in STRINGS, (path, column)
            if "note" in group:
                assert f"entity.note.{group['note']}" in STRINGS, (path, group["note"])
    for kind in NODE_KINDS:
        assert f"entity.kind.{kind}" in STRINGS
    for relation in RELATIONS:
        assert f"entity.relation.{relation}" in STRINGS


@pytest.mark.parametrize("path", ["/", *ENTITY_PAGES, "/search?q=aarhus", "/search", "/id/nobody"])
def test_no_page_shows_a_raw_string_key(entity_client: FlaskClient, path: str) -> None:
    for lang in ("en", "da"):
        html = entity_client.get(path + ("&" if "?" in path else "?") + f"lang={lang}").get_data(as_text=True)
        keys = re.findall(r">\s*((?:entity|search|home|error|col|site|nav|common)\.[a-z_.]+)\s*<", html)
        assert not keys, (path, lang, keys)


# --------------------------------------------------------------------------- the switch


def test_english_is_the_default_and_danish_is_chosen_by_the_browser(entity_client: FlaskClient) -> None:
    page = entity_client.get("/id/organisation/nordlys")
    assert '<html lang="en">' in page.get_data(as_text=True) and page.headers["Content-Language"] == "en"
    danish = entity_client.get("/id/organisation/nordlys",
                               headers={"Accept-Language": "da-DK,da;q=0.9,en;q=0.5"})
    assert '<html lang="da">' in danish.get_data(as_text=True) and danish.headers["Content-Language"] == "da"
    assert "Nordlys Studiet" in danish.get_data(as_text=True)


def test_the_switch_sets_a_cookie_that_later_pages_follow(entity_app: Flask) -> None:
    client = entity_app.test_client()
    first = client.get("/search?q=aarhus&lang=da")
    assert f"{COOKIE}=da" in first.headers["Set-Cookie"]
    later = client.get("/id/organisation/nordlys", headers={"Accept-Language": "en"})
    assert '<html lang="da">' in later.get_data(as_text=True)  # the cookie wins over the browser
    assert "Cookie" in later.headers["Vary"]
    back = client.get("/id/organisation/nordlys?lang=en")
    assert f"{COOKIE}=en" in back.headers["Set-Cookie"] and "Nordlys Studio<" in back.get_data(as_text=True)


def test_the_switch_link_keeps_the_page_and_its_query(entity_client: FlaskClient) -> None:
    html = entity_client.get("/search?q=vaekstfonden&kind=FundingBody").get_data(as_text=True)
    link = re.search(r'id="lang-switch"[^>]*href="([^"]+)"', html) or re.search(
        r'href="([^"]+)"[^>]*id="lang-switch"', html)
    assert link is not None
    assert link.group(1) == "/search?q=vaekstfonden&amp;kind=FundingBody&amp;lang=da"
    assert ">Dansk<" in html


def test_labels_fall_back_to_the_other_language(entity_client: FlaskClient) -> None:
    """The keyword has only English text on the project, the region only an untagged label."""
    html = entity_client.get("/id/project/immersive?lang=da").get_data(as_text=True)
    assert "<h1 id=\"entity-label\">Immersive Learning</h1>" in html  # no Danish title: the English one
    assert "Udvidet virkelighed" in html  # the topic has a Danish label: that one


def test_the_home_and_error_pages_speak_danish(entity_client: FlaskClient) -> None:
    home = entity_client.get("/?lang=da").get_data(as_text=True)
    assert "Den danske digitale visuelle industri som graf" in home and "Virksomhed" in home  # class label
    assert 'aria-label="Hovedmenu"' in home and 'placeholder="Organisation, projekt, person …"' in home
    error = entity_client.get("/no/such/page?lang=da")
    assert error.status_code == 404 and "404 · Ikke fundet" in error.get_data(as_text=True)


# --------------------------------------------------------------------------- formatting


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (Decimal("1000000.5"), "en", "1,000,000.5"), (Decimal("1000000.5"), "da", "1.000.000,5"),
    (2500, "en", "2,500"), (2500, "da", "2.500"), (Decimal("5.70"), "da", "5,7"),
    (-1234.25, "en", "-1,234.25"),
    (0, "da", "0"), (None, "en", ""), ("n/a", "en", "n/a"),
])
def test_numbers(value: object, lang: str, expected: str) -> None:
    assert filters.number(value, lang) == expected


@pytest.mark.parametrize(("amount", "currency", "lang", "expected"), [
    (9200000, "DKK", "en", "DKK 9.2 million"), (9200000, "DKK", "da", "9,2 mio. kr."),
    (5700000000, "DKK", "en", "DKK 5.7 billion"), (5700000000, "DKK", "da", "5,7 mia. kr."),
    (250000, "DKK", "en", "DKK 250,000"), (250000, "DKK", "da", "250.000 kr."),
    (Decimal("11150006"), "DKK", "da", "11,15 mio. kr."), (3000000, "EUR", "en", "EUR 3 million"),
    (3000000, "EUR", "da", "3 mio. EUR"), (1500, None, "en", "1,500"),
])
def test_money(amount: object, currency: str | None, lang: str, expected: str) -> None:
    assert filters.money(amount, currency, lang) == expected


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (dt.date(2020, 5, 27), "en", "27 May 2020"), (dt.date(2020, 5, 27), "da", "27. maj 2020"),
    ("2024-12-31", "da", "31. december 2024"), (2023, "en", "2023"), ("2023", "da", "2023"),
    (dt.datetime(2026, 11, 29, 4, 18, tzinfo=dt.UTC), "en", "29 November 2026, 04:18"),
    ("not a date", "en", "not a date"), (None, "da", ""),
])
def test_dates(value: object, lang: str, expected: str) -> None:
    assert filters.date_text(value, lang) == expected


def test_periods_percent_and_durations() -> None:
    start, end = dt.date(2020, 5, 27), dt.date(2024, 12, 31)
    assert filters.period(start, end, "en") == "27 May 2020 – 31 December 2024"
    assert filters.period(2023, None, "da") == "2023 –" and filters.period(None, None, "en") == ""
    assert filters.percent(Decimal("20.5"), "da") == "20,5 %" and filters.percent(20, "en") == "20%"
    assert filters.duration("P5Y", "da") == "5 år" and filters.duration("P1Y", "en") == "1 year"
    assert filters.duration("P18M", "en") == "18 months" and filters.duration("PT5H", "en") == "PT5H"


def test_links_only_for_our_pages_and_the_web(entity_app: Flask) -> None:
    with entity_app.test_request_context("/"):
        ours = filters.href("https://w3id.org/vdk/id/organisation/ærø film")
        assert ours == "/id/organisation/%C3%A6r%C3%B8%20film"
        assert filters.href("https://example.org/x") == "https://example.org/x"
        assert filters.href("javascript:alert(1)") == "" and filters.href("data:text/html,x") == ""
        assert filters.href("JavaScript:alert(1)") == ""

"""Template filters: links for IRIs, and dates, numbers and money written the Danish or the English way.

Danish: 1.000.000,5 · 27. maj 2020 · 9,2 mio. kr. · 20 %.
English: 1,000,000.5 · 27 May 2020 · DKK 9.2 million · 20%.
The language is the page's (:func:`webapp.i18n.current_lang`); every filter
also takes ``lang=`` so it can be tested without a request.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
from flask import Flask, has_request_context

from vdk_graph.results import short_term
from webapp.state import settings

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "da": ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"],
}
SCALES = {  # (threshold, English word, Danish abbreviation)
    "billion": (Decimal(10) ** 9, "billion", "mia."),
    "million": (Decimal(10) ** 6, "million", "mio."),
}
DURATION_UNITS = {"Y": ("year", "years", "år", "år"), "M": ("month", "months", "måned", "måneder"),
                  "D": ("day", "days", "dag", "dage")}
SAFE_SCHEMES = ("http", "https", "mailto")
_DANISH_SEPARATORS = str.maketrans(",.", ".,")


def _lang(lang: str | None) -> str:
    if lang:
        return lang
    if has_request_context():
        from webapp.i18n import current_lang

        return current_lang()
    return "en"


# --------------------------------------------------------------------------- links


def href(iri: str) -> str:
    """Our own IRIs link to their page in this app; web links link out; anything else links nowhere.

    A ``javascript:`` or ``data:`` IRI in the data must never become a link.
    """
    base = settings().base_iri
    if iri.startswith(base):
        return "/id/" + quote(iri[len(base):], safe="/:@!$&'()*+,;=-._~%")
    return iri if is_web_link(iri) else ""


def is_web_link(iri: object) -> bool:
    return isinstance(iri, str) and urlsplit(iri).scheme.lower() in SAFE_SCHEMES


def term_text(term: object) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return short_term(term)
    return str(term)


# --------------------------------------------------------------------------- numbers


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def number(value: Any, lang: str | None = None, places: int | None = None) -> str:
    """1,000,000.5 (English) or 1.000.000,5 (Danish); at most ``places`` decimals when given."""
    amount = _decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    if places is not None:
        amount = round(amount, places)
    text = f"{amount:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if _lang(lang) == "da":
        text = text.translate(_DANISH_SEPARATORS)
    return text


def money(value: Any, currency: str | None = None, lang: str | None = None) -> str:
    """DKK 9.2 million / 9,2 mio. kr.; DKK 5.7 billion / 5,7 mia. kr.; DKK 250,000 / 250.000 kr."""
    amount = _decimal(value)
    if amount is None:
        return "" if value is None else str(value)
    lang = _lang(lang)
    code = (currency or "").strip()
    for threshold, word, abbreviation in SCALES.values():
        if abs(amount) >= threshold:
            scaled = number(amount / threshold, lang, places=2)
            if lang == "da":
                unit = "kr." if code in ("DKK", "") else code
                return f"{scaled} {abbreviation} {unit}".strip()
            return f"{code} {scaled} {word}".strip()
    plain = number(amount, lang, places=2)
    if lang == "da":
        return f"{plain} {'kr.' if code == 'DKK' else code}".strip()
    return f"{code} {plain}".strip()


def percent(value: Any, lang: str | None = None) -> str:
    text = number(value, lang, places=2)
    return f"{text} %" if _lang(lang) == "da" else f"{text}%"


# --------------------------------------------------------------------------- dates


def date_text(value: Any, lang: str | None = None) -> str:
    """27 May 2020 / 27. maj 2020; a bare year stays a year; text that is no date is shown as it is."""
    if value is None or value == "":
        return ""
    lang = _lang(lang)
    if isinstance(value, str):
        value = _parse_date(value)
        if isinstance(value, str):
            return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return f"{date_text(value.date(), lang)}, {value:%H:%M}"
    if isinstance(value, dt.date):
        month = MONTHS[lang if lang in MONTHS else "en"][value.month - 1]
        return f"{value.day}. {month} {value.year}" if lang == "da" else f"{value.day} {month} {value.year}"
    return str(value)


def _parse_date(text: str) -> Any:
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    try:
        if "T" in text:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def period(start: Any, end: Any = None, lang: str | None = None) -> str:
    """"27 May 2020 – 31 December 2024"; an open end shows as "27 May 2020 –"."""
    first, last = date_text(start, lang), date_text(end, lang)
    if first and last:
        return first if first == last else f"{first} – {last}"
    if first:
        return f"{first} –"
    return f"– {last}" if last else ""


def duration(value: Any, lang: str | None = None) -> str:
    """An ISO 8601 duration like P5Y as "5 years" / "5 år"; anything else unchanged."""
    match = re.fullmatch(r"P(\d+)([YMD])", str(value or ""))
    if not match:
        return "" if value is None else str(value)
    n, unit = int(match.group(1)), match.group(2)
    one, many, one_da, many_da = DURATION_UNITS[unit]
    if _lang(lang) == "da":
        return f"{n} {one_da if n == 1 else many_da}"
    return f"{n} {one if n == 1 else many}"


def register_filters(app: Flask) -> None:
    for name, fn in (("href", href), ("term", term_text), ("date", date_text), ("number", number),
                     ("money", money), ("percent", percent), ("period", period), ("duration", duration)):
        app.add_template_filter(fn, name)
    app.jinja_env.tests["iri"] = lambda t: isinstance(t, ox.NamedNode)
    app.jinja_env.tests["web_link"] = is_web_link

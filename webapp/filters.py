"""Template filters: links for IRIs, short forms of terms."""

from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
from flask import Flask

from vdk_graph.results import short_term
from webapp.state import settings


def href(iri: str) -> str:
    """Our own IRIs link to their page in this app; others link out."""
    base = settings().base_iri
    return "/id/" + iri[len(base):] if iri.startswith(base) else iri


def term_text(term: object) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return short_term(term)
    return str(term)


def date_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def register_filters(app: Flask) -> None:
    app.add_template_filter(href, "href")
    app.add_template_filter(term_text, "term")
    app.add_template_filter(date_text, "date")
    app.jinja_env.tests["iri"] = lambda t: isinstance(t, ox.NamedNode)

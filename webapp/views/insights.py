"""Insight pages: ``/insights`` and three pages, each also ``.json`` and ``.csv`` (the format in the route).

* ``/insights/money`` — money flows (funders → programmes → recipients → projects),
  narrowed by years, topic and the entities a visitor clicks;
* ``/insights/time`` — the ecosystem year by year;
* ``/insights/places`` — organisations, projects and money per region and municipality.

The numbers are :mod:`vdk_graph.insights`' (derived views: once per data version,
language and filter); a visit waits at most :data:`WAIT` seconds for new data and is
otherwise shown the previous version's page. One view function serves a page and its
twins, so the three can never disagree about what they are counting.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from vdk_graph import insights, queries
from vdk_graph.errors import ParameterError
from vdk_graph.insights import export
from vdk_graph.insights.money import COLUMNS, MoneyFilter
from vdk_graph.mapview.assets import script_json
from vdk_graph.results import spreadsheet_cell
from webapp import insight_strings
from webapp.i18n import current_lang, t
from webapp.params import accepts
from webapp.state import store

bp = Blueprint("insights", __name__)
NAV = (25, "Insights", "Indsigter", "insights.index")
insight_strings.register()

#: Seconds a visit waits for the numbers of new data before it is shown the previous ones.
WAIT = 2.0
#: Grants the money page lists in HTML (its JSON and CSV twins have all), so a big graph's page stays small.
HTML_GRANTS = 200
#: Entities a page may be narrowed to per column (a node names at most a few funders together).
MAX_ENTITIES = 5
#: The named queries behind each page ("show SPARQL").
SOURCES = {
    "money": ("money-flows", "exchange-rates"),
    "time": ("participations-by-year", "money-flows", "exchange-rates"),
    "places": ("organisation-places", "participations-by-year", "money-flows", "exchange-rates"),
}
FORMATS = "<any(json, csv):fmt>"
_YEAR = re.compile(r"^\d{4}$")


def _year(name: str) -> int | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    if not _YEAR.match(raw):
        raise ParameterError(f"{name} must be a year as four digits, such as 2021, not {raw[:20]!r}", name,
                             "year")
    return int(raw)


def _iris(name: str) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(v.strip() for v in request.args.getlist(name) if v.strip()))
    if len(values) > MAX_ENTITIES or any(len(v) > 500 or not v.startswith(("http://", "https://"))
                                         for v in values):
        raise ParameterError(f"{name} takes up to {MAX_ENTITIES} IRIs (http or https)", name, "iri")
    return values


def _money_filter() -> MoneyFilter:
    topic = _iris("topic")
    return MoneyFilter(from_year=_year("from"), to_year=_year("to"), topic=topic[0] if topic else None,
                       **{column: _iris(column) for column, _ in COLUMNS})


def _sources(page: str) -> list[dict[str, str]]:
    lang = current_lang()
    return [{"name": name, "title": queries.get(name).title_in(lang), "sparql": queries.get(name).sparql,
             "url": url_for("queries.page", name=name)} for name in SOURCES[page]]


def _csv(columns: list[str], rows: list[list[Any]]) -> Response:
    """CSV whose text cells no spreadsheet runs as formulas (numbers are written as numbers)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else str(v) if isinstance(v, int | Decimal)
                         else spreadsheet_cell(str(v)) for v in row])
    return Response(out.getvalue(), mimetype="text/csv")


def _twin(fmt: str, page: str, data: dict[str, Any], table: Callable[[], tuple[list[str], list[list[Any]]]],
          **context: Any) -> Response | str:
    if fmt == "json":
        return jsonify(data | {"queries": [{"name": s["name"], "url": s["url"]} for s in _sources(page)]})
    if fmt == "csv":
        return _csv(*table())
    strings = {key: t(f"insights.{key}") for key in insight_strings.SCRIPT}
    charted = {key: value for key, value in data.items() if key != "grants"}  # the charts need no grant list
    return render_template(f"insights_{page}.html", data=data, sources=_sources(page),
                           chart_json=script_json({"page": page, "data": charted, "strings": strings,
                                                   "lang": current_lang()}),
                           html_grants=HTML_GRANTS, **context)


@bp.get("/insights")
@accepts()
def index() -> str:
    lang = current_lang()
    flows = insights.MONEY.get(store(), lang, MoneyFilter(), wait=WAIT, stale=True)
    timeline = insights.TIME.get(store(), lang, wait=WAIT, stale=True)
    places = insights.PLACES.get(store(), lang, wait=WAIT, stale=True)
    return render_template("insights.html", flows=flows, timeline=timeline, places=places)


def _money_url(args: Mapping[str, object]) -> str:
    """The money page with these filters (url_for's keywords typed loosely: filters are lists)."""
    values: dict[str, Any] = dict(args)
    return url_for("insights.money", **values)


def _query_url(name: str, params: Mapping[str, object]) -> str:
    values: dict[str, Any] = dict(params)
    return url_for("queries.page", name=name, **values)


def _href(args: Mapping[str, object]) -> str:
    return _money_url(args) + "#grants"


@bp.get("/insights/money", defaults={"fmt": "html"})
@bp.get(f"/insights/money.{FORMATS}")
@accepts("from", "to", "topic", *(column for column, _ in COLUMNS), "bom")
def money(fmt: str) -> Response | str:
    lang = current_lang()
    flt = _money_filter()
    flows = insights.MONEY.get(store(), lang, flt, wait=WAIT, stale=True)
    facts = insights.FACTS.get(store(), lang, wait=WAIT, stale=True)
    data = export.money_json(flows, facts)
    base = flt.args()
    for diagram in data["diagrams"]:  # each node and band links to its grants: the page narrowed to them
        names = {}
        for node in diagram["nodes"]:
            if node["kind"] == "none":
                node["label"] = t(f"insights.node.none.{node['column']}")
            elif node["kind"] == "others":
                node["label"] = t("insights.node.others", n=node["folded"])
            names[node["key"]] = node["label"]
        for link in diagram["links"]:
            link["from_label"], link["to_label"] = names[link["from"]], names[link["to"]]
        for item in (*diagram["nodes"], *diagram["links"]):
            item["href"] = _href(base | item["filter"]) if item["filter"] else None
    narrowed = [{"column": column, "entities": [{"iri": iri, "label": facts.label(iri)} for iri in iris],
                 "remove": _money_url({k: v for k, v in base.items() if k != column})}
                for column, _ in COLUMNS for iris in (getattr(flt, column),) if iris]
    return _twin(fmt, "money", data, lambda: export.money_rows(flows, facts), flows=flows, facts=facts,
                 flt=flt, narrowed=narrowed, topics=[(iri, facts.label(iri)) for iri in flows.topics],
                 query_url=_query_url("money-flows", flt.query_params()),
                 narrow=lambda column, iris: _href(base | {column: list(iris)}),
                 link=lambda **changes: _href(base | changes))


@bp.get("/insights/time", defaults={"fmt": "html"})
@bp.get(f"/insights/time.{FORMATS}")
@accepts("bom")
def over_time(fmt: str) -> Response | str:
    timeline = insights.TIME.get(store(), current_lang(), wait=WAIT, stale=True)
    return _twin(fmt, "time", export.timeline_json(timeline), lambda: export.timeline_rows(timeline),
                 timeline=timeline)


@bp.get("/insights/places", defaults={"fmt": "html"})
@bp.get(f"/insights/places.{FORMATS}")
@accepts("bom")
def places(fmt: str) -> Response | str:
    lang = current_lang()
    found = insights.PLACES.get(store(), lang, wait=WAIT, stale=True)
    facts = insights.FACTS.get(store(), lang, wait=WAIT, stale=True)
    return _twin(fmt, "places", export.places_json(found, facts), lambda: export.places_rows(found, facts),
                 places=found, facts=facts)

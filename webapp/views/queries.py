"""Named queries as pages: ``/queries`` (the list) and ``/queries/<name>`` (a form and its results table),
each with ``.json`` twins and a ``.csv`` of the results, Datasette-style.

The parameters come from the query string (the same for the page and its
twins, so a filled-in form is a link). Queries run through the app's SPARQL
endpoint, under its time limit and row cap, like any other query from the web.
The page shows the result in the workbench's views (``dist/query-page.js``): the
answer travels in a JSON block, ``?view=`` picks the view, and the HTML table of
the first rows is what a visitor without JavaScript sees.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from vdk_graph import queries
from vdk_graph.endpoint import QueryRequest
from vdk_graph.errors import VdkError
from vdk_graph.mapview.assets import script_json
from vdk_graph.namespaces import PREFIXES
from vdk_graph.queries import NamedQuery, choices
from vdk_graph.queries.labels import label_map
from vdk_graph.queries.tables import Table, from_results_json, is_numeric
from vdk_graph.texts import Texts
from webapp.i18n import current_lang, register_strings
from webapp.pages import with_twins
from webapp.params import accepts
from webapp.result_views import graph_config, script_strings
from webapp.state import settings, store
from webapp.views.sparql import client, endpoint

bp = Blueprint("queries", __name__)
NAV = (30, "Named queries", "Færdige forespørgsler", "queries.index")

#: Rows an HTML page shows; the CSV and JSON twins carry all (up to the endpoint's row cap).
HTML_ROWS = 1000

register_strings(Texts((
    ("title", "Named queries", "Færdige forespørgsler"),
    ("lead",
     "Ready answers to the questions analysts ask of the cluster. Each is a page with a form, a table, "
     "JSON and CSV, and runs from the command line as vdk-graph query --named NAME.",
     "Færdige svar på de spørgsmål, analytikere stiller til klyngen. Hver er en side med en formular, en "
     "tabel, JSON og CSV, og kan køres fra kommandolinjen som vdk-graph query --named NAVN."),
    ("params", "Parameters", "Parametre"),
    ("none", "none", "ingen"),
    ("run", "Run", "Kør"),
    ("required", "required", "skal udfyldes"),
    ("default", "default", "standard"),
    ("example", "for example", "for eksempel"),
    ("any", "(any)", "(alle)"),
    ("yes", "yes", "ja"),
    ("no", "no", "nej"),
    ("fill", "Fill in the required parameters and press Run.",
     "Udfyld de parametre, der skal udfyldes, og tryk på Kør."),
    ("rows", "{n} rows", "{n} rækker"),
    ("one_row", "1 row", "1 række"),
    ("no_rows", "No rows: nothing in the graph answers this question with these parameters.",
     "Ingen rækker: intet i grafen besvarer spørgsmålet med disse parametre."),
    ("truncated", "The result was cut at the row limit of {n}.",
     "Resultatet blev afkortet ved grænsen på {n} rækker."),
    ("shown", "Showing the first {n} rows; the CSV and JSON have them all.",
     "Viser de første {n} rækker; CSV og JSON har dem alle."),
    ("workbench", "Open in the workbench", "Åbn i arbejdsbænken"),
    ("sparql", "The SPARQL", "SPARQL-forespørgslen"),
    ("all", "All named queries", "Alle færdige forespørgsler"),
    ("cli", "From the command line", "Fra kommandolinjen"),
), prefix="queries."))


def _param_names(name: str) -> list[str]:
    """A named query's parameters: what its form and its twins take in the query string."""
    return [p.name for p in queries.get(name).params]


def _given(named: NamedQuery) -> dict[str, str]:
    """The query's parameters from the URL (other arguments, such as lang, are not ours)."""
    return {p.name: request.args[p.name] for p in named.params if request.args.get(p.name, "").strip()}


def _ready(named: NamedQuery, given: dict[str, str]) -> bool:
    return all(p.name in given for p in named.params if p.required and p.default is None)


def _run(named: NamedQuery, given: dict[str, str], fmt: str) -> tuple[str, Any]:
    """The text that ran and the endpoint's answer in ``fmt`` (time-limited, row-capped).

    The text is the formulation chosen for the store's data now: the materialised one while
    the aggregates it reads are current, else the original (docs/decisions/0011); bound for the
    endpoint's row cap, so a first page that has its rows' places counted reads only those.
    """
    text = named.bind(given, store(), cap=endpoint().settings.max_rows)
    return text, endpoint().query(QueryRequest(text, format=fmt), client=client())


def _table(answer: Any) -> Table:
    table = from_results_json(answer.body, answer.truncated)
    table.labels = label_map(store(), table.iris(), current_lang())
    return table


def _describe(named: NamedQuery, lang: str) -> dict[str, Any]:
    return {
        "name": named.name,
        "title": named.title_in(lang),
        "description": named.description_in(lang),
        "params": [{"name": p.name, "type": p.type, "label": p.label_in(lang), "required": p.required,
                    "default": p.default, "example": p.example} for p in named.params],
        "url": url_for("queries.page", name=named.name, _external=False),
        "json": url_for("queries.page", name=named.name, fmt="json"),
        "csv": url_for("queries.page", name=named.name, fmt="csv"),
        "sparql": named.sparql,
        "example": named.example(store()),
    }


@with_twins(bp, "/queries", "json")
@accepts()
def index(fmt: str) -> str | Response:
    lang = current_lang()
    if fmt == "json":
        return jsonify({"queries": [_describe(q, lang) for q in queries.load_all()]})
    return render_template("queries.html",
                           queries=sorted(queries.load_all(), key=lambda q: q.title_in(lang).casefold()))


def _views_data(named: NamedQuery, text: str, answer: Any, table: Table, lang: str) -> str:
    """The JSON block the result views read: the answer (SPARQL JSON), its labels, the graph view's needs."""
    return script_json({
        "name": named.name, "query": text, "results": json.loads(answer.body), "labels": table.labels,
        "truncated": table.truncated, "base": settings().base_iri, "prefixes": PREFIXES,
        "graph": graph_config(lang),
    })


def _takes(name: str, fmt: str) -> list[str]:
    """The query's parameters; the page also ``view`` (the result view), the CSV also ``bom``."""
    return [*_param_names(name), *{"html": ["view"], "csv": ["bom"]}.get(fmt, [])]


@with_twins(bp, "/queries/<name>", "json", "csv", endpoint="page")
@accepts(dynamic=_takes)
def page(name: str, fmt: str) -> tuple[str, int] | Response:
    """A named query's form and results, or (``.json``, ``.csv``) its results for the same parameters."""
    named = queries.get(name)
    given = _given(named)
    if fmt == "json":
        return _json_twin(named, given)
    if fmt == "csv":
        return _csv_twin(named, given)
    lang = current_lang()
    options = {p.name: choices.options(store(), p, lang) for p in named.params if p.is_entity}
    text, table, error, status, views_data = named.example(store()), None, None, 200, None
    link = text
    if _ready(named, given):
        try:
            # The workbench gets the same formulation without the name index's list of candidates
            # (the same rows; a list of entities is no text for a link).
            link = named.bind(given, store(), narrowed=False, show_unset=True)
            text, answer = _run(named, given, "json")
            table = _table(answer)
            views_data = _views_data(named, text, answer, table, lang)
        except VdkError as exc:
            error, status = str(exc), exc.http_status
    query_string = urlencode(given)
    return render_template(
        "query.html", q=named, given=given, options=options, table=table, error=error, text=text,
        query_string=f"?{query_string}" if query_string else "", html_rows=HTML_ROWS, is_numeric=is_numeric,
        workbench=url_for("workbench.index", q=link), views_data=views_data,
        strings=json.dumps(script_strings(), ensure_ascii=False), lang=lang,
    ), status


def _json_twin(named: NamedQuery, given: dict[str, str]) -> Response:
    text, answer = _run(named, given, "json")
    table = _table(answer)
    return jsonify({
        "query": _describe(named, current_lang()) | {"sparql": text},
        "params": given,
        "columns": table.columns,
        "rows": table.json_rows(),
        "labels": table.labels,
        "truncated": table.truncated,
    })


def _csv_twin(named: NamedQuery, given: dict[str, str]) -> Response:
    _, answer = _run(named, given, "csv")
    response = Response(answer.body, content_type=answer.content_type)
    response.headers["X-VDK-Truncated"] = "true" if answer.truncated else "false"
    response.headers["X-VDK-Row-Limit"] = str(answer.row_limit)
    return response

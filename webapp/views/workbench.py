"""``/query``: the SPARQL workbench (an editor over the app's own ``/sparql`` endpoint).

The page is plain HTML plus one script bundled from npm (``frontend/``, built into
``webapp/static/dist``): no CDN, no inline script. The script reads its settings
from ``data-*`` attributes and its completion vocabulary, examples and the graph
view's kinds from ``/query.json``, the page's JSON twin. The query travels in the
URL (``?q=``), so a permalink restores it even without the script; ``?view=`` picks
the result view (table, chart, graph, timeline) and ``#run`` runs the query on opening.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from vdk_graph import queries
from vdk_graph.namespaces import PREFIXES
from vdk_graph.queries import vocabulary
from vdk_graph.texts import Texts
from webapp.i18n import current_lang, register_strings, t
from webapp.params import accepts
from webapp.result_views import graph_config, script_strings
from webapp.state import settings

bp = Blueprint("workbench", __name__)
NAV = (20, "Query", "Forespørgsel", "workbench.index")

DEFAULT_QUERY = """# {comment}
SELECT ?project ?title ?lead WHERE {
  ?project a vdk:Project ;
           dcterms:title ?title .
  OPTIONAL { ?project vdk:hasLeadPartner ?lead }
}
ORDER BY ?title
LIMIT 100
"""

register_strings(Texts((
    ("title", "SPARQL workbench", "SPARQL-arbejdsbænk"),
    ("lead",
     "Ask the whole graph in SPARQL 1.1. The default graph is the union of all sources; GRAPH ?g reaches "
     "each source. Ctrl-Enter (⌘-Enter) runs the query.",
     "Spørg hele grafen med SPARQL 1.1. Standardgrafen er foreningen af alle kilder; GRAPH ?g når hver "
     "kilde. Ctrl-Enter (⌘-Enter) kører forespørgslen."),
    ("editor", "SPARQL query", "SPARQL-forespørgsel"),
    ("default", "Projects and their lead partners. Ctrl-Enter runs the query.",
     "Projekter og deres ledende partnere. Ctrl-Enter kører forespørgslen."),
    ("run", "Run", "Kør"),
    ("prefixes", "Prefixes declared for you", "Præfikser, der er erklæret for dig"),
    ("permalink", "Permalink", "Permanent link"),
    ("download", "Download", "Hent"),
    ("examples", "Examples", "Eksempler"),
    ("history", "Your recent queries", "Dine seneste forespørgsler"),
    ("history.note", "Kept in this browser only.", "Gemmes kun i denne browser."),
    ("history.clear", "Clear", "Ryd"),
    ("endpoint", "The endpoint for your own tools", "Endpointet til dine egne værktøjer"),
    ("noscript", "The editor needs JavaScript; without it, the form sends the query to the endpoint.",
     "Editoren kræver JavaScript; uden det sender formularen forespørgslen til endpointet."),
    # strings the script shows ({…} are filled in by it)
    ("js.running", "Running…", "Kører…"),
    ("js.rows_in", "{n} rows in {ms} ms", "{n} rækker på {ms} ms"),
    ("js.one_row", "1 row in {ms} ms", "1 række på {ms} ms"),
    ("js.triples_in", "{n} triples in {ms} ms", "{n} tripler på {ms} ms"),
    ("js.one_triple", "1 triple in {ms} ms", "1 tripel på {ms} ms"),
    ("js.server", "(server {ms} ms)", "(server {ms} ms)"),
    ("js.truncated", "— cut at the row limit of {limit}", "— afkortet ved grænsen på {limit}"),
    ("js.failed_after", "Failed after {ms} ms", "Fejlede efter {ms} ms"),
    ("js.at", "Line {line}, column {column}:", "Linje {line}, kolonne {column}:"),
    ("js.network", "The server could not be reached.", "Serveren kunne ikke nås."),
    ("js.yes", "Yes (true)", "Ja (sand)"),
    ("js.no", "No (false)", "Nej (falsk)"),
    ("js.row", "row", "række"),
    ("js.rows", "rows", "rækker"),
    ("js.failed", "failed", "fejlede"),
), prefix="workbench."))

SCRIPT_STRINGS = ("running", "rows_in", "one_row", "triples_in", "one_triple", "server", "truncated",
                  "failed_after", "at", "network", "yes", "no", "row", "rows", "failed")


@bp.get("/query")
@accepts("q", "view")
def index() -> str:
    lang = current_lang()
    strings = script_strings() | {key: t(f"workbench.js.{key}") for key in SCRIPT_STRINGS}
    return render_template(
        "workbench.html",
        query=request.args.get("q") or DEFAULT_QUERY.replace("{comment}", t("workbench.default")),
        prefixes=PREFIXES,
        examples=sorted(queries.load_all(), key=lambda q: q.title_in(lang).casefold()),
        strings=json.dumps(strings, ensure_ascii=False),
        base=settings().base_iri,
        lang=lang,
        endpoint_url=url_for("sparql.query", _external=True),
    )


@bp.get("/query.json")
@accepts()
def index_json() -> Response:
    """What the workbench script needs: prefixes, terms, examples, the endpoint, the graph view's kinds."""
    lang = current_lang()
    return jsonify({
        "endpoint": url_for("sparql.query"),
        "prefixes": PREFIXES,
        "terms": vocabulary.for_language(lang),
        "examples": [{"name": q.name, "title": q.title_in(lang), "sparql": q.example(),
                      "page": url_for("queries.page", name=q.name)} for q in queries.load_all()],
        "graph": graph_config(lang),
    })

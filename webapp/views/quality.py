"""How complete the data is: /data/quality and its JSON twin, a view of :mod:`vdk_graph.curation.quality`.

Visitors see the coverage as counts; curators see the lists of what to fix next (each item
links to its page). ``?check=KEY`` shows all items of one check instead of the first few.
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, jsonify, render_template, request

from vdk_graph.curation.quality import DEFAULT_LIMIT, QualityReport, confirmed_different, quality_report
from vdk_graph.errors import VdkError
from vdk_graph.texts import Texts
from webapp.filters import href
from webapp.i18n import register_strings
from webapp.pages import with_twins
from webapp.params import accepts
from webapp.state import settings, store

bp = Blueprint("quality", __name__)
#: Items shown per check on the page (all of one check with ?check=KEY).
SHOWN = 10
_KEY = re.compile(r"[a-z-]{1,80}")

register_strings(Texts((
    ("title", "How complete the data is", "Hvor komplette data er"),
    ("lead",
     "Coverage of the graph as counts, and what a curator should fix next. Every fact in the graph cites "
     "its public source; where the sources say nothing, the graph says nothing.",
     "Grafens dækning i tal, og hvad en kurator bør rette som det næste. Hvert faktum i grafen har sin "
     "offentlige kilde; hvor kilderne intet siger, siger grafen intet."),
    ("figures", "Coverage", "Dækning"),
    ("figure", "Figure", "Tal"),
    ("count", "Count", "Antal"),
    ("of", "Of", "Af"),
    ("share", "Share", "Andel"),
    ("checks", "What to fix next", "Hvad der skal rettes"),
    ("none", "Nothing to fix.", "Intet at rette."),
    ("more", "All {n}", "Alle {n}"),
    ("same_as", "same as?", "samme som?"),
    ("back", "All checks", "Alle kontroller"),
    ("teaser", "coverage as counts and the lists of what to fix next",
     "dækningen i tal og listerne over, hvad der skal rettes"),
), prefix="quality."))


def _report(limit: int) -> tuple[QualityReport, str | None]:
    check = request.args.get("check")
    if check is not None and not _KEY.fullmatch(check):
        raise VdkError(
            f"check must be the key of a check, such as organisations-without-place, not {check!r}"
        )
    report = quality_report(store(), limit=limit, different=confirmed_different(settings().data_dir))
    if check is not None and check not in {c.key for c in report.checks}:
        raise VdkError(f"no check {check!r}; the page /data/quality lists them")
    return report, check


@with_twins(bp, "/data/quality", "json")
@accepts("check")
def index(fmt: str) -> Response:
    report, check = _report(DEFAULT_LIMIT)
    if fmt == "html":
        return Response(render_template("quality.html", report=report, check=check, shown=SHOWN),
                        mimetype="text/html")
    data = report.as_dict()
    for entry in data["checks"]:
        for item in entry["items"]:
            item["page"] = href(item["iri"])
    if check is not None:
        data["checks"] = [c for c in data["checks"] if c["key"] == check]
    return jsonify(data)

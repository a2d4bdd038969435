"""The home page: counts by type and the projects, a page at a time (and its JSON twin).

Everything on it is computed once per data version (:data:`OVERVIEW`, a derived
view), so a visit costs a render; on a large store the first visit after an
import waits at most :data:`WAIT` seconds and then sees the previous version's
figures, or a 503 if there is none yet. The project list is paged: at 1M
triples it held 19,205 rows (6.6 MB) in one page (issue 10).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, jsonify, render_template, request

from vdk_graph import overview, stats
from vdk_graph.derived import Derived
from vdk_graph.errors import ParameterError
from vdk_graph.store import Store
from webapp.i18n import current_lang, register_strings
from webapp.params import accepts
from webapp.state import store

bp = Blueprint("home", __name__)
NAV = (0, "Overview", "Overblik", "home.index")

#: Projects per page of the list.
PER_PAGE = 50
#: Seconds a visit waits for the figures of new data before it is shown the previous ones.
WAIT = 2.0

register_strings({
    "home.page": {"en": "Projects {first}–{last} of {total}", "da": "Projekter {first}–{last} af {total}"},
})


@dataclass(frozen=True)
class Overview:
    classes: list[stats.ClassCount]
    projects: list[overview.ProjectRow]
    triples: int


def _compute(s: Store, lang: str) -> Overview:
    return Overview(stats.class_counts(s, lang), overview.projects(s, lang), s.triple_count())


#: The home page's figures and project list, per data version and language.
OVERVIEW: Derived[Overview] = Derived("overview of the graph", _compute, keys=4, warm=True)


def _page() -> int:
    raw = request.args.get("page", "1")
    try:
        page = int(raw)
    except ValueError:
        page = 0
    if page < 1:
        raise ParameterError(f"page must be a whole number from 1, not {raw[:20]!r}", "page", "integer")
    return page


def _data() -> dict[str, Any]:
    data = OVERVIEW.get(store(), current_lang(), wait=WAIT, stale=True)
    page = _page()
    total = len(data.projects)
    pages = max(1, -(-total // PER_PAGE))
    first = (page - 1) * PER_PAGE
    return {
        "classes": data.classes,
        "projects": data.projects[first:first + PER_PAGE],
        "triples": data.triples,
        "page": page,
        "pages": pages,
        "total": total,
        "first": first + 1,
        "last": min(total, first + PER_PAGE),
    }


@bp.get("/")
@accepts("page")
def index() -> str:
    return render_template("home.html", **_data())


@bp.get("/index.json")
@accepts("page")
def index_json():
    data = _data()
    return jsonify(
        {
            "triples": data["triples"],
            "classes": [c.__dict__ for c in data["classes"]],
            "page": data["page"],
            "pages": data["pages"],
            "projects_total": data["total"],
            "projects": [
                {
                    **p.__dict__,
                    "start": str(p.start) if p.start else None,
                    "end": str(p.end) if p.end else None,
                }
                for p in data["projects"]
            ],
        }
    )

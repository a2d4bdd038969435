"""The home page: counts by type and the list of projects (and its JSON twin)."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from vdk_graph import overview, stats
from webapp.i18n import current_lang
from webapp.params import accepts
from webapp.state import store

bp = Blueprint("home", __name__)
NAV = (0, "Overview", "Overblik", "home.index")


def _data() -> dict[str, object]:
    s = store()
    lang = current_lang()
    return {
        "classes": stats.class_counts(s, lang),
        "projects": overview.projects(s, lang),
        "triples": s.triple_count(),
    }


@bp.get("/")
@accepts()
def index() -> str:
    return render_template("home.html", **_data())


@bp.get("/index.json")
@accepts()
def index_json():
    data = _data()
    return jsonify(
        {
            "triples": data["triples"],
            "classes": [c.__dict__ for c in data["classes"]],
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

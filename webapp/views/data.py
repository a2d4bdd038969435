"""``/data``: what the graph holds — counts per class, the named graphs, every project — a page at a time.

The inventory that used to be the home page (issue 16). It is computed once per
data version and language (:data:`INVENTORY`); the lists are paged, each with
its own page parameter, so a store with 19,205 projects gives pages of
:data:`PER_PAGE` rows, not one page of 6.6 MB.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from vdk_graph import overview, stats
from vdk_graph.curation.sources import SourceEntry, list_sources
from vdk_graph.derived import Derived
from vdk_graph.errors import ParameterError
from vdk_graph.store import Store
from vdk_graph.texts import Texts
from webapp.i18n import current_lang, register_strings
from webapp.pages import with_twins
from webapp.params import accepts
from webapp.state import store

bp = Blueprint("data", __name__)
NAV = (90, "Data", "Data", "data.index")

#: Rows per page of each list.
PER_PAGE = 50
#: Seconds a visit waits for the inventory of new data before it is shown the previous one.
WAIT = 2.0

register_strings(Texts((
    ("title", "The data: what the graph holds", "Data: hvad grafen rummer"),
    ("lead", "{n} facts from public sources, each in the named graph of the page it comes from.",
     "{n} fakta fra offentlige kilder, hver i den navngivne graf for den side, den stammer fra."),
    ("classes", "Things by kind", "Ting efter art"),
    ("graphs", "Named graphs (sources)", "Navngivne grafer (kilder)"),
    ("graph", "Graph", "Graf"),
    ("source", "Source", "Kilde"),
    ("triples", "Triples", "Tripler"),
    ("retrieved", "Read", "Læst"),
    ("projects", "Projects", "Projekter"),
    ("page", "{first}–{last} of {total}", "{first}–{last} af {total}"),
), prefix="data."))


@dataclass(frozen=True)
class Inventory:
    classes: list[stats.ClassCount]
    graphs: list[SourceEntry]
    projects: list[overview.ProjectRow]
    triples: int


def _compute(s: Store, lang: str) -> Inventory:
    classes, graphs = stats.class_counts(s, lang), list_sources(s)
    return Inventory(classes, graphs, overview.projects(s, lang), s.triple_count())


#: The inventory, per data version and language.
INVENTORY: Derived[Inventory] = Derived("inventory of the graph", _compute, keys=4)


def _page_of(name: str, total: int) -> dict[str, int]:
    raw = request.args.get(name, "1")
    page = int(raw) if raw.isdigit() else 0
    if page < 1:
        raise ParameterError(f"{name} must be a whole number from 1, not {raw[:20]!r}", name, "integer")
    first = (page - 1) * PER_PAGE
    return {"page": page, "pages": max(1, -(-total // PER_PAGE)), "first": first + 1,
            "last": min(total, first + PER_PAGE), "total": total, "start": first}


def _data() -> dict[str, Any]:
    inventory = INVENTORY.get(store(), current_lang(), wait=WAIT, stale=True)
    graphs = _page_of("graphs_page", len(inventory.graphs))
    projects = _page_of("projects_page", len(inventory.projects))
    return {
        "inventory": inventory,
        "graphs_pager": graphs,
        "graphs": inventory.graphs[graphs["start"]:graphs["start"] + PER_PAGE],
        "projects_pager": projects,
        "projects": inventory.projects[projects["start"]:projects["start"] + PER_PAGE],
    }


@with_twins(bp, "/data", "json")
@accepts("graphs_page", "projects_page")
def index(fmt: str) -> str | Response:
    data = _data()
    if fmt == "html":
        return render_template("data.html", **data)
    inventory: Inventory = data["inventory"]
    return jsonify({
        "triples": inventory.triples,
        "classes": [c.__dict__ for c in inventory.classes],
        "graphs": {**{k: v for k, v in data["graphs_pager"].items() if k != "start"},
                   "rows": [g.as_dict() for g in data["graphs"]]},
        "projects": {**{k: v for k, v in data["projects_pager"].items() if k != "start"},
                     "rows": [{**p.__dict__, "start": str(p.start) if p.start else None,
                               "end": str(p.end) if p.end else None} for p in data["projects"]]},
    })

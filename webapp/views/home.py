"""The home page: the ecosystem in its first screen — a picture of the map, figures, ways in — then stories.

Everything on it is computed once per data version and language
(:data:`FRONT`, a derived view: the map picture, the figures, the stories'
first rows), so a visit costs a render. The first visit after an import waits
at most :data:`WAIT` seconds and then sees the previous version's page (or a
503 if there is none yet). The full inventory — every class, graph and project —
is the ``/data`` page's (``webapp/views/data.py``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, jsonify, render_template, url_for

from vdk_graph import mapview, overview
from vdk_graph.derived import Derived
from vdk_graph.mapview import picture
from vdk_graph.mapview.style import kind_label
from vdk_graph.network import ORGANISATION_KIND_NAMES, ecosystem
from vdk_graph.queries.tables import is_numeric
from vdk_graph.store import Store
from vdk_graph.texts import Texts
from webapp.i18n import current_lang, register_strings, t
from webapp.params import accepts
from webapp.state import store

bp = Blueprint("home", __name__)
NAV = (0, "Overview", "Overblik", "home.index")

#: Seconds a visit waits for the page of new data before it is shown the previous one.
WAIT = 2.0

register_strings(Texts((
    ("home.lead2",
     "An open knowledge graph of the Danish digital visual industry — games, film, TV, animation and XR — "
     "around the cluster Vision Denmark: who works with whom, on what, with whose money.",
     "En åben vidensgraf over den danske digitale visuelle industri — spil, film, tv, animation og XR — "
     "omkring klyngen Vision Denmark: hvem arbejder med hvem, om hvad, for hvis penge."),
    ("home.find", "Find an organisation or project", "Find en organisation eller et projekt"),
    ("home.find.placeholder", "e.g. Animation Workshop, VIA, XR", "fx Animation Workshop, VIA, XR"),
    ("home.figures", "The graph in figures", "Grafen i tal"),
    ("home.organisations", "organisations", "organisationer"),
    ("home.other_organisations", "other organisations", "andre organisationer"),
    ("home.projects_n", "projects", "projekter"),
    ("home.money", "public money recorded", "offentlige midler registreret"),
    ("home.money_grants", "in {n} grants", "i {n} bevillinger"),
    ("home.years", "years covered", "år dækket"),
    ("home.sources", "public sources", "offentlige kilder"),
    ("home.ways", "Ways in", "Veje ind"),
    ("home.way.map", "Explore the map", "Udforsk kortet"),
    ("home.way.map.note", "who works with whom, filtered by kind, topic, region and year",
     "hvem arbejder med hvem, filtreret efter art, emne, region og år"),
    ("home.way.match", "Find partners", "Find partnere"),
    ("home.way.match.note", "suggestions with reasons for an organisation or an idea",
     "forslag med begrundelser for en organisation eller en idé"),
    ("home.way.query", "Ask your own question", "Stil dit eget spørgsmål"),
    ("home.way.query.note", "SPARQL in the workbench, or the ready-made queries",
     "SPARQL i arbejdsbænken eller de færdige forespørgsler"),
    ("home.map.open", "Open the network map", "Åbn netværkskortet"),
    ("home.map.title", "The network of the Danish digital visual industry",
     "Netværket i den danske digitale visuelle industri"),
    ("home.map.desc", "{nodes} organisations, projects and programmes, and {edges} links between them.",
     "{nodes} organisationer, projekter og programmer og {edges} forbindelser mellem dem."),
    ("home.stories", "Stories from the data", "Historier fra data"),
    ("home.story.all", "All {n} rows", "Alle {n} rækker"),
    ("home.story.sparql", "Show SPARQL", "Vis SPARQL"),
    ("home.story.empty", "Nothing in the graph answers this yet.", "Intet i grafen svarer på dette endnu."),
    ("col.started", "Started", "Startede"),
    ("col.leads", "Lead partners", "Hovedpartnere"),
    ("col.grant", "Grant", "Bevilling"),
    ("col.amount", "Amount", "Beløb"),
    ("col.recipientLabel", "Recipient", "Modtager"),
    ("col.organisation", "Organisation", "Organisation"),
    ("col.partners", "Partners", "Partnere"),
    ("col.projects", "Projects", "Projekter"),
    ("col.otherCommunities", "Other communities reached", "Andre fællesskaber nået"),
    ("home.inventory", "Everything the graph holds, and how complete it is",
     "Alt, hvad grafen rummer, og hvor komplet den er"),
)))


@dataclass(frozen=True)
class HomePage:
    front: overview.Front
    picture: str
    legend: list[dict[str, Any]]


def _compute(s: Store, lang: str) -> HomePage:
    eco = ecosystem(s)
    kinds = Counter(d.get("kind") for _, d in eco.graph.nodes(data=True)
                    if d.get("kind") in ORGANISATION_KIND_NAMES)
    front = overview.front(s, {str(k): n for k, n in kinds.items()}, lang)
    view = mapview.map_view(eco, mapview.MapQuery(lang=lang))
    title = t("home.map.title", lang=lang)
    description = t("home.map.desc", lang=lang, nodes=len(view.nodes), edges=len(view.edges))
    return HomePage(front, picture.svg(view, title=title, description=description),
                    picture.legend(view, lang))


#: The home page's content, per data version and language.
FRONT: Derived[HomePage] = Derived("home page", _compute, keys=4, warm=(("en",), ("da",)))


def _page() -> HomePage:
    return FRONT.get(store(), current_lang(), wait=WAIT, stale=True)


def _figures(front: overview.Front, lang: str) -> list[dict[str, Any]]:
    """The figures in order, each with the page or query behind it."""
    out = [{"n": n, "label": kind_label(kind, lang, plural=True), "kind": kind,
            "href": url_for("map.index", kind=kind)} for kind, n in front.kinds]
    if front.other_organisations:
        out.append({"n": front.other_organisations, "label": t("home.other_organisations"),
                    "href": url_for("queries.page", name="organisation-kinds")})
    out.append({"n": front.projects, "label": t("home.projects_n"),
                "href": url_for("queries.page", name="newest-projects")})
    for currency, total, grants in front.money:
        out.append({"n": total, "label": f"{currency} {t('home.money')}",
                    "note": t("home.money_grants", n=grants), "money": True,
                    "href": url_for("queries.page", name="largest-grants", currency=currency)})
    if front.years:
        out.append({"n": f"{front.years[0]}–{front.years[1]}", "label": t("home.years"),
                    "href": url_for("queries.page", name="newest-projects")})
    out.append({"n": front.sources, "label": t("home.sources"),
                "href": url_for("queries.page", name="sources")})
    return out


@bp.get("/")
@accepts()
def index() -> str:
    page = _page()
    figures = _figures(page.front, current_lang())
    return render_template("home.html", page=page, front=page.front, figures=figures, is_numeric=is_numeric)


@bp.get("/index.json")
@accepts()
def index_json():
    page = _page()
    front = page.front
    return jsonify({
        "organisations": front.organisations,
        "organisations_by_kind": dict(front.kinds) | {"other": front.other_organisations},
        "projects": front.projects,
        "money": [{"currency": c, "total": total, "grants": n} for c, total, n in front.money],
        "years": list(front.years) if front.years else None,
        "sources": front.sources,
        "stories": [
            {"query": s.name, "params": s.params, "title": s.title, "rows": s.table.json_rows(),
             "total": s.total, "url": url_for("queries.page", name=s.name, **s.params)}
            for s in front.stories
        ],
        "map": {"legend": page.legend, "url": url_for("map.index")},
        "inventory": url_for("data.index"),
    })

"""Matchmaking pages: /match, /connect, /brokers, /communities — each one view with its JSON twin (.json).

Thin: every route reads its parameters, calls the library (:mod:`vdk_graph.matchmaking`)
and renders. The expensive network measures come from
:mod:`vdk_graph.matchmaking.cache` without waiting: while they are computed the
pages say so and refresh themselves.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from vdk_graph.errors import AmbiguousName, MatchError, NotFound
from vdk_graph.kinds import ORGANISATION_KINDS_IN_ORDER
from vdk_graph.matchmaking import cache, structure
from vdk_graph.matchmaking.index import match_index
from vdk_graph.matchmaking.lookup import search_organisations
from vdk_graph.matchmaking.paths import DEFAULT_K, connect, route, sketch
from vdk_graph.matchmaking.scoring import Weights
from vdk_graph.matchmaking.suggestions import DEFAULT_TOP, MAX_TOP, Suggestions, suggest, suggest_for_idea
from webapp.i18n import current_lang, register_strings, t
from webapp.match_strings import STRINGS
from webapp.pages import with_twins
from webapp.params import accepts
from webapp.state import store

bp = Blueprint("match", __name__)
NAV = (40, "Matchmaking", "Matchmaking", "match.index")
#: The organisation kinds, in the network's legend order.
KINDS = ORGANISATION_KINDS_IN_ORDER
#: Suggestions that get a small map of the route to them.
SKETCHED = 10

register_strings(*STRINGS)


def _list(name: str) -> list[str]:
    """A repeatable parameter that may also be comma-separated (kind=a&kind=b or kind=a,b)."""
    return [part.strip() for value in request.args.getlist(name) for part in value.split(",") if part.strip()]


def _int(name: str, default: int, low: int, high: int) -> int:
    """A whole-number parameter, held to its range; absent or left empty in the form, the default."""
    raw = request.args.get(name, "").strip()
    try:
        return max(low, min(high, int(raw))) if raw else default
    except ValueError:
        raise MatchError(f"parameter {name} must be a whole number, not {request.args.get(name)!r}") from None


def _flag(name: str) -> bool:
    """A checkbox or a flag in the query string: on for 1, on, true or yes."""
    return request.args.get(name, "").strip().lower() in ("1", "on", "true", "yes")


def _float(name: str, default: float) -> float:
    """A number parameter, the default when absent or left empty; its range is the library's to check (a
    400 with a sentence either way)."""
    raw = request.args.get(name, "").strip()
    try:
        return float(raw) if raw else default
    except ValueError:
        raise MatchError(f"parameter {name} must be a number, for example 0.5, "
                         f"not {request.args.get(name)!r}") from None


#: The query string of a suggestion list (what _ask reads).
ASK_PARAMS = (
    "org", "org_iri", "idea", "topic", "with", "kind", "region", "include_partners", "top", "weights",
    "keep_first", "floor", "cold_uncapped",
)


def _ask() -> dict[str, Any]:
    """The question in the query string (the weights are checked when answering, so the form stays)."""
    return {
        "org": (request.args.get("org_iri") or request.args.get("org") or "").strip(),
        "idea": (request.args.get("idea") or "").strip(),
        "topics": _list("topic"),
        "members": _list("with"),
        "kinds": _list("kind"),
        "regions": _list("region"),
        "include_partners": _flag("include_partners"),
        "top": _int("top", DEFAULT_TOP, 1, MAX_TOP),
        "weights": (request.args.get("weights") or "").strip(),
        "keep_first": _int("keep_first", 0, 0, MAX_TOP),
        "floor": _float("floor", 0.0),
        "cold_uncapped": _flag("cold_uncapped"),
    }


def _answer(ask: dict[str, Any]) -> Suggestions | None:
    """An idea (with the organisation, if named, as its first member), else the organisation's partners.

    ``weights=topics=2,geography=0`` changes the fitted defaults for the kind of question (a cold
    start has its own); a name that is not a signal, or a value that is not a finite number from 0
    up (nan, inf, -1), is a :class:`MatchError`: a 400 with a sentence, never invalid JSON.
    """
    lang = current_lang()
    weights = Weights.changes(ask["weights"]) if ask["weights"] else None
    if ask["idea"] or ask["topics"] or ask["members"]:
        members = ([ask["org"]] if ask["org"] else []) + ask["members"]
        return suggest_for_idea(store(), ask["idea"], topics=ask["topics"], kinds=ask["kinds"],
                                members=members, regions=ask["regions"], top=ask["top"],
                                weights=weights, lang=lang)
    if ask["org"]:
        return suggest(store(), ask["org"], top=ask["top"], kinds=ask["kinds"], regions=ask["regions"],
                       include_partners=ask["include_partners"], weights=weights, lang=lang,
                       keep_first=ask["keep_first"], floor=ask["floor"], cold_uncapped=ask["cold_uncapped"])
    return None


def _sketches(result: Suggestions) -> dict[str, Any]:
    """A small map of the shortest route from the organisation (or the idea's first member) to each one."""
    index = match_index(store())
    start = (result.organisation or {}).get("iri") or next(
        (m["iri"] for m in (result.idea or {}).get("members", [])), None)  # type: ignore[attr-defined]
    if not start:
        return {}
    out = {}
    for s in result.items[:SKETCHED]:
        path = route(index, str(start), s.iri, current_lang())
        if path is not None:
            out[s.iri] = sketch([path])
    return out


@with_twins(bp, "/match", "json")
@accepts(*ASK_PARAMS)
def index(fmt: str) -> str | Response:
    ask = _ask()
    if fmt == "json":  # errors go to the one error renderer (a name that fits several: its candidates)
        result = _answer(ask)
        if result is None:
            raise MatchError("give an organisation (org=name or IRI) or an idea (idea=text, topic=…, with=…)")
        return jsonify(result.as_dict())
    try:
        result = _answer(ask)
    except (AmbiguousName, NotFound, MatchError) as exc:
        # The form stays, with what went wrong (and, for a name that fits several, the choice).
        candidates = exc.candidates if isinstance(exc, AmbiguousName) else []
        html = render_template("match.html", ask=ask, kinds=KINDS, result=None, sketches={},
                               ambiguous=candidates, error=str(exc))
        return Response(html, status=exc.http_status, mimetype="text/html")
    sketches = _sketches(result) if result else {}
    return render_template("match.html", ask=ask, kinds=KINDS, result=result, sketches=sketches, ambiguous=[],
                           error=None)


@bp.get("/match/organisations.json")
@accepts("q", "limit")
def organisations_json() -> Response:
    """Organisation names for the search-as-you-type field."""
    query = request.args.get("q", "")
    limit = _int("limit", 10, 1, 50)
    found = search_organisations(match_index(store()), query, limit=limit, lang=current_lang())
    return jsonify([{**item, "kind_label": t(f"match.kind.{item['kind']}")} for item in found])


def _connection() -> tuple[dict[str, Any], Any]:
    a, b = (request.args.get("a") or "").strip(), (request.args.get("b") or "").strip()
    k = _int("k", DEFAULT_K, 1, 10)
    ask = {"a": a, "b": b, "k": k}
    if not (a and b):
        return ask, None
    return ask, connect(store(), a, b, k=k, lang=current_lang())


@with_twins(bp, "/connect", "json")
@accepts("a", "b", "k")
def connect_page(fmt: str) -> str | Response:
    if fmt == "json":
        _ask_, result = _connection()
        if result is None:
            raise MatchError("give two organisations: a=name or IRI and b=name or IRI")
        return jsonify(result.as_dict())
    try:
        ask, result = _connection()
    except (AmbiguousName, NotFound, MatchError) as exc:
        ask = {"a": request.args.get("a", ""), "b": request.args.get("b", ""), "k": DEFAULT_K}
        html = render_template("connect.html", ask=ask, result=None, drawing=None, error=str(exc))
        return Response(html, status=exc.http_status, mimetype="text/html")
    drawing = sketch(result.paths) if result and result.paths else None
    return render_template("connect.html", ask=ask, result=result, drawing=drawing, error=None)


def _structure_data(top: int) -> dict[str, Any]:
    state = cache.structure_for(store(), wait=False)
    lang = current_lang()
    data: dict[str, Any] = {"status": state.status, "brokers": [], "communities": []}
    if state.structure is not None:
        s = state.structure
        data.update({
            "computed_at": s.computed_at.isoformat(), "samples": s.samples, "seed": s.seed,
            "organisations": len(state.index.orgs),
            "brokers": [b.as_dict() for b in structure.brokers(state.index, s, top=top, lang=lang)],
            "communities": structure.community_views(state.index, s, lang=lang),
        })
    return data


@with_twins(bp, "/brokers", "json")
@accepts("top")
def brokers_page(fmt: str) -> str | Response:
    data = _structure_data(_int("top", 20, 1, 200))
    if fmt == "json":
        data.pop("communities")
        return jsonify(data)
    return render_template("brokers.html", data=data)


@with_twins(bp, "/communities", "json")
@accepts()
def communities_page(fmt: str) -> str | Response:
    data = _structure_data(0)
    data["outreach"] = structure.outreach(match_index(store()), lang=current_lang())
    if fmt == "json":
        data.pop("brokers")
        return jsonify(data)
    return render_template("communities.html", data=data)

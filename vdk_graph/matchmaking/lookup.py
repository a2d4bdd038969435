"""Naming an organisation the way people do: by its IRI, its name, part of its name, or a misspelling.

Order of trust: an IRI; the exact name key (:func:`vdk_graph.names.name_key`, so
"Filmby Århus" is "Filmby Aarhus"); a name that contains what was typed as whole
words ("Filmby"); a fuzzy match (rapidfuzz) clearly ahead of the next. When
several are equally close the user is asked to choose
(:class:`~vdk_graph.errors.AmbiguousName` carries the candidates); when nothing
is close the error says so and offers the nearest names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from vdk_graph.errors import AmbiguousName, MatchError, NotFound
from vdk_graph.kinds import ORGANISATION_KIND_NAMES
from vdk_graph.matchmaking.index import MatchIndex
from vdk_graph.names import fold, name_key

#: A fuzzy match must score this much (0–100) to count, and lead the next by this much to win alone.
ACCEPT = 86
CLEAR_LEAD = 5
SUGGEST = 60
SHOWN = 8


def names_of(index: MatchIndex) -> dict[str, set[str]]:
    """name key → organisations with that name (English and Danish labels both count)."""
    table = getattr(index, "_names", None)
    if table is None:
        table = {}
        for org in index.orgs:
            for lang in ("en", "da"):
                key = name_key(index.label(org, lang))
                if key:
                    table.setdefault(key, set()).add(org)
        index._names = table  # type: ignore[attr-defined]
    return table


def resolve_organisation(index: MatchIndex, name: str) -> str:
    """The IRI of the organisation ``name`` means; :class:`NotFound` or :class:`AmbiguousName` otherwise."""
    text = name.strip()
    if not text:
        raise NotFound("no organisation named: give a name or an IRI")
    if text.startswith(("http://", "https://", "urn:")):
        if text in index.kind:
            return text
        raise NotFound(f"no organisation <{text}> in the graph; check the IRI, or give the organisation's "
                       "name")
    table = names_of(index)
    key = name_key(text)
    exact = table.get(key, set())
    if len(exact) == 1:
        return next(iter(exact))
    if exact:
        raise _ambiguous(index, text, sorted(exact))
    words = f" {key} "
    containing = sorted({org for k, orgs in table.items() if words in f" {k} " for org in orgs})
    if len(containing) == 1 and len(key) >= 3:
        return containing[0]
    if len(containing) > 1 and len(key) >= 3:
        raise _ambiguous(index, text, containing)
    matches = process.extract(key, list(table), scorer=fuzz.WRatio, limit=20, score_cutoff=SUGGEST)
    best: dict[str, float] = {}
    for match_key, score, _ in matches:
        for org in table[match_key]:
            best[org] = max(best.get(org, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: (-item[1], index.label(item[0])))
    close = [org for org, score in ranked if score >= ACCEPT]
    if close and (len(close) == 1 or best[close[0]] - best[close[1]] >= CLEAR_LEAD):
        return close[0]
    if close:
        raise _ambiguous(index, text, [org for org in close if best[close[0]] - best[org] < CLEAR_LEAD])
    nearest = ", ".join(f"'{index.label(org)}'" for org, _ in ranked[:3])
    hint = f"; did you mean {nearest}?" if nearest else "; search for it on the map or with vdk-graph query"
    raise NotFound(f"no organisation called '{text}' in the graph{hint}")


def _ambiguous(index: MatchIndex, text: str, orgs: list[str]) -> AmbiguousName:
    orgs = sorted(orgs, key=lambda o: (index.label(o), o))
    listed = "; ".join(f"{index.label(o)} <{o}>" for o in orgs[:SHOWN])
    more = f" and {len(orgs) - SHOWN} more" if len(orgs) > SHOWN else ""
    return AmbiguousName(
        f"'{text}' matches {len(orgs)} organisations: {listed}{more}; "
        "name one by its IRI or by a longer name",
        [(o, index.label(o)) for o in orgs],
    )


def search_organisations(index: MatchIndex, query: str, limit: int = 10,
                         lang: str = "en") -> list[dict[str, str]]:
    """Organisations whose name best matches ``query`` (for a search-as-you-type field), best first."""
    key = name_key(query)
    if not key:
        return []
    table = names_of(index)
    starting = {org for k, orgs in table.items() if k.startswith(key) or f" {key}" in f" {k}" for org in orgs}
    prefix = sorted(starting, key=lambda o: (index.label(o, lang), o))
    found = list(prefix[:limit])
    if len(found) < limit:
        near = process.extract(key, list(table), scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
        for match_key, _, _ in near:
            for org in sorted(table[match_key]):
                if org not in found and len(found) < limit:
                    found.append(org)
    return [{"iri": o, "label": index.label(o, lang), "kind": index.kind[o]} for o in found]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[0-9a-z]+", fold(text)))


def check_kinds(kinds: Iterable[str] | None) -> set[str] | None:
    """The wanted organisation kinds, checked against the network's kinds."""
    wanted = {k.strip().lower() for k in kinds or () if k.strip()}
    unknown = wanted - ORGANISATION_KIND_NAMES
    if unknown:
        raise MatchError(f"unknown kind {', '.join(sorted(unknown))}; "
                         f"the kinds are {', '.join(sorted(ORGANISATION_KIND_NAMES))}")
    return wanted or None


def resolve_regions(index: MatchIndex, regions: Iterable[str] | None) -> set[str] | None:
    """Region (or city) names or IRIs → the place IRIs they mean; an unknown name is an error."""
    asked = [r.strip() for r in regions or () if r.strip()]
    if not asked:
        return None
    places = {p.iri: p for p in [*index.region.values(), *index.city.values()]}
    out: set[str] = set()
    for name in asked:
        wanted = fold(name)
        found = {iri for iri, p in places.items()
                 if iri == name or any(wanted in fold(label) for _, label in p.labels)}
        if not found:
            known = sorted({p.label() for p in index.region.values()})
            raise MatchError(f"no region or city '{name}' among the organisations' places; "
                             f"regions: {', '.join(known) or 'none recorded'}")
        out |= found
    return out


def resolve_topics(index: MatchIndex, topics: Iterable[str], text: str = "") -> tuple[set[str], list[str]]:
    """Topic labels or IRIs → topic IRIs, plus the topics a free text names; and the names matching none."""
    labels: dict[str, str] = {}
    for topic in index.topic_idf:
        for lang in ("en", "da"):
            labels.setdefault(fold(index.label(topic, lang)), topic)
    found: set[str] = set()
    unmatched: list[str] = []
    for name in (t.strip() for t in topics):
        if not name:
            continue
        if name in index.topic_idf:
            found.add(name)
        elif fold(name) in labels:
            found.add(labels[fold(name)])
        else:
            unmatched.append(name)
    words = f" {_words(text)} "
    for label, topic in labels.items():
        phrase = _words(label)
        if len(phrase) >= 2 and f" {phrase} " in words:
            found.add(topic)
    return found, unmatched

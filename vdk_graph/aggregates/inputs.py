"""What the aggregates are computed from, read in one pass, with a fingerprint per family.

Each *family* of aggregates depends on a few kinds of triples only, and its
fingerprint is a SHA-1 of exactly those (sorted), so a family is current
exactly when what it counts has not changed — not whenever any triple of the
store changed, and not merely because the metrics or the aggregates graph itself
was written (the same reasoning as the network measures' fingerprint, ADR 0004):

* ``participation`` — every ``?x vdk:participatesIn ?project`` (ties, partner,
  project and participant counts);
* ``topics`` — every ``?project a vdk:Project ; vdk:keyword|vdk:researchArea|vdk:hasTopic ?t``;
* ``graph-sizes`` — the size of every named graph that is not derived (the
  ``sources`` query's counts; derived graphs are counted live);
* ``communities`` — the participations and every ``?x vdk:community ?c``;
* ``reach`` — the participations and which participants are knowledge institutions and which
  companies (their classes under ``vdk:KnowledgeInstitution`` and ``vdk:Company``): a class
  changed is a reach changed, though no participation is;
* ``public-money`` — the public money per topic and currency itself (:data:`PUBLIC_MONEY`, the
  grouping of ``public-money-by-topic``, computed by the engine with that query's own expressions):
  what it depends on — grants, their funders' kinds, amounts, periods, projects' keywords, the
  topic hierarchy — is spread over too many kinds of triples to list, so the fingerprint is
  that of the answer: it is current exactly while the engine would count the same;
* ``clusters`` — which projects are cluster projects of which cluster organisations
  (:data:`CLUSTER_PROJECTS`, cluster-project-participants-in-city's own subquery, run by the
  engine): its fingerprint is that of the links, for the same reason;
* ``first-years`` — the year each organisation first took part in a project (:data:`FIRST_YEARS`,
  participations-by-year's own subquery, run by the engine), fingerprinted by the years;
* ``label-order`` — every participant's name (one ``rdfs:label``, as ``SAMPLE`` takes it) and every
  project's title (``dcterms:title``) (:data:`LABEL_ORDER`, :data:`TITLE_ORDER`), put in the order
  Oxigraph's ``ORDER BY`` gives them by :mod:`.compute`, fingerprinted by all their names (:data:`NAMES`):
  the queries that sort participants by name or projects by title sort by a whole number instead;
* ``page-order`` — the place of every row of the two named queries without parameters whose first page
  is a cut of thousands of rows, in the order of that page (``knowledge-reaches-companies``' reaches,
  ``newest-projects``' projects, ``participations-by-year``'s projects; :mod:`.compute`): computed from
  the reaches, participations and name places above and each project's years (:data:`STARTS`,
  :data:`PROJECT_YEARS`: the queries' own expressions, run by the engine), fingerprinted by all of those.
  A project that is a blank node or has two first years cannot be given one place: the family's
  fingerprint is then one no store can match (never current: the originals run).
* ``money-flows`` — every granted project's topics with their broader ones (:data:`GRANT_THEMES`, the
  query's own path), run by the engine and fingerprinted by its rows; a blank node among them makes the
  family never current.

Reading goes through SPARQL (``Store.query``), so every backend is read the same way.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from vdk_graph.aggregates.reads import (
    CLUSTER_PROJECTS,
    COMMUNITIES,
    FIRST_YEARS,
    GRANT_THEMES,
    IMPORTERS,
    KINDS,
    LABEL_ORDER,
    NAMES,
    PARTICIPATION,
    PROJECT_YEARS,
    PUBLIC_MONEY,
    STARTS,
    TITLE_ORDER,
    TOPICS,
)
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store

#: Importers whose graphs are computed from the others (never counted as sources, never inputs).
DERIVED_IMPORTERS = ("metrics", "aggregates")
FAMILIES = ("participation", "topics", "graph-sizes", "communities", "reach", "public-money", "clusters",
            "first-years", "label-order", "page-order", "money-flows")
#: What the aggregates graph holds, in which terms: part of every fingerprint, and raised whenever
#: :mod:`.compute` writes something else, so aggregates an older vdk-graph counted are not current.
FORMAT = 6


Term = ox.NamedNode | ox.BlankNode | ox.Literal
#: A topic, a currency, the total (None where the engine could not sum), how many grants and projects.
MoneyRow = tuple[Term, Term, ox.Literal | None, ox.Literal, ox.Literal]


@dataclass
class Inputs:
    """The triples the aggregates count, grouped the way the counting needs them."""

    #: project → its participants (IRIs only: a blank node cannot be named from another graph).
    participants: dict[ox.NamedNode, set[ox.NamedNode]] = field(default_factory=dict)
    #: project → its topics (IRIs or literals).
    topics: dict[ox.NamedNode, set[ox.NamedNode | ox.Literal]] = field(default_factory=dict)
    #: participant → its communities.
    communities: dict[ox.NamedNode, set[ox.NamedNode]] = field(default_factory=dict)
    #: participant → its roles for ``reach``: "institution", "company" or both.
    roles: dict[ox.NamedNode, set[ox.Literal]] = field(default_factory=dict)
    #: (topic, currency, total, grants, projects) rows of :data:`PUBLIC_MONEY`; a total the engine could
    #: not sum (an amount that is no number) is None. Rows naming a blank node are left out.
    money: list[MoneyRow] = field(default_factory=list)
    #: project → its cluster organisations (:data:`CLUSTER_PROJECTS`; IRIs only).
    clusters: dict[ox.NamedNode, set[ox.NamedNode]] = field(default_factory=dict)
    #: organisation → the year it first took part in a project (:data:`FIRST_YEARS`; IRIs only).
    first_years: dict[ox.NamedNode, set[ox.Literal]] = field(default_factory=dict)
    #: (participant, its name) (:data:`LABEL_ORDER`; IRIs only).
    label_order: list[tuple[ox.NamedNode, Term]] = field(default_factory=list)
    #: (project, its title) (:data:`TITLE_ORDER`; IRIs only).
    title_order: list[tuple[ox.NamedNode, Term]] = field(default_factory=list)
    #: project → the year it started as an integer, None without one (:data:`STARTS`; IRIs only).
    starts: dict[ox.NamedNode, int | None] = field(default_factory=dict)
    #: project → its first year as an integer, None without one (:data:`PROJECT_YEARS`; IRIs only).
    project_years: dict[ox.NamedNode, int | None] = field(default_factory=dict)
    #: project → how many participation triples name it (blank-node participants too: every row counts).
    participations: dict[ox.NamedNode, int] = field(default_factory=dict)
    #: granted project → its topics and their broader ones (:data:`GRANT_THEMES`; IRIs only).
    grant_themes: dict[ox.NamedNode, set[ox.NamedNode | ox.Literal]] = field(default_factory=dict)
    #: source graph → triples (derived graphs left out).
    sizes: dict[str, int] = field(default_factory=dict)
    #: the derived graphs (metrics, aggregates) in the store.
    derived: set[str] = field(default_factory=set)
    fingerprints: dict[str, str] = field(default_factory=dict)


def _rows(store: Store, sparql: str) -> Iterable[tuple[object, ...]]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return result.rows


def _digest(lines: Iterable[str]) -> str:
    sha = hashlib.sha1(f"aggregates format {FORMAT}\n".encode())
    for line in sorted(lines):
        sha.update(line.encode("utf-8"))
        sha.update(b"\n")
    return sha.hexdigest()


def derived_graphs(store: Store) -> set[str]:
    """The graphs that describe themselves as computed by a derived importer (metrics, aggregates)."""
    return {g.value for g, importer in _rows(store, IMPORTERS)  # type: ignore[attr-defined]
            if isinstance(importer, ox.Literal) and importer.value in DERIVED_IMPORTERS}


def _grouped(store: Store, sparql: str, key: int, values: type | tuple[type, ...],
             ) -> tuple[list[str], dict[ox.NamedNode, set]]:
    """The rows as fingerprint lines (both terms, in the query's order), and grouped: column ``key``'s
    IRI → the set of the other column's terms of the types ``values`` (a blank node cannot be named
    from another graph)."""
    lines = []
    grouped: defaultdict[ox.NamedNode, set] = defaultdict(set)
    for row in _rows(store, sparql):
        lines.append(f"{row[0]} {row[1]}")
        k, v = row[key], row[1 - key]
        if isinstance(k, ox.NamedNode) and isinstance(v, values):
            grouped[k].add(v)
    return lines, dict(grouped)


def _money(store: Store) -> tuple[list[MoneyRow], list[str]]:
    """The rows of :data:`PUBLIC_MONEY` (blank nodes left out: no other graph can name them), as lines too."""
    found, lines = [], []
    for theme, currency, total, grants, projects in _rows(store, PUBLIC_MONEY):
        lines.append(f"{theme} {currency} {total} {grants} {projects}")
        if isinstance(theme, ox.BlankNode) or isinstance(currency, ox.BlankNode):
            continue
        found.append((theme, currency, total, grants, projects))
    return found, lines  # type: ignore[return-value]


def _ordered(store: Store, sparql: str) -> list[tuple[ox.NamedNode, Term]]:
    """The rows of :data:`LABEL_ORDER` or :data:`TITLE_ORDER` (IRIs only)."""
    return [(thing, label) for thing, label in _rows(store, sparql)  # type: ignore[misc]
            if isinstance(thing, ox.NamedNode) and label is not None]


def _years(store: Store, sparql: str) -> tuple[dict[ox.NamedNode, int | None], list[str]]:
    """The (project, year) rows of :data:`STARTS` or :data:`PROJECT_YEARS`, and as lines.

    Data the page order cannot be kept for — a blank-node project, a year that is no whole number (the
    queries' ``YEAR`` and cast give none), a project with two first years (two rows of the answer's
    order each) — adds a line no later reading repeats: the family is then never current, and the
    originals run.
    """
    found: dict[ox.NamedNode, int | None] = {}
    lines = []
    for project, year in _rows(store, sparql):
        lines.append(f"{project} {year}")
        try:
            number = None if year is None else int(year.value)  # type: ignore[attr-defined]
        except ValueError:
            number = None
            lines.append(f"unorderable {os.urandom(8).hex()}")
        if not isinstance(project, ox.NamedNode) or project in found:
            lines.append(f"not one place {os.urandom(8).hex()}")
        else:
            found[project] = number
    return found, lines


def _participations(lines: Iterable[str]) -> dict[ox.NamedNode, int]:
    """How many participation rows name each project, from :data:`PARTICIPATION`'s lines (``x project``:
    the subject is an IRI or a blank node, neither holds a space)."""
    counted: Counter[str] = Counter(line.split(" ", 1)[1] for line in lines)
    return {ox.NamedNode(term[1:-1]): n for term, n in counted.items() if term.startswith("<")}


def read(store: Store, families: Iterable[str] = FAMILIES, *, ordered: bool = True) -> Inputs:
    """The inputs of the given families, and their fingerprints.

    Without ``ordered``, the names ``SAMPLE`` takes are not read (:data:`LABEL_ORDER`, :data:`TITLE_ORDER`:
    most of what the label-order family costs to read at a million triples): only counting needs them, a
    freshness check compares fingerprints.
    """
    wanted = set(families)
    inputs = Inputs()
    if wanted & {"participation", "communities", "reach", "page-order"}:
        lines, inputs.participants = _grouped(store, PARTICIPATION, 1, ox.NamedNode)
        inputs.fingerprints["participation"] = _digest(lines)
        if "page-order" in wanted:
            inputs.participations = _participations(lines)
    if "topics" in wanted:
        lines, inputs.topics = _grouped(store, TOPICS, 0, (ox.NamedNode, ox.Literal))
        inputs.fingerprints["topics"] = _digest(lines)
    if "communities" in wanted:
        lines, inputs.communities = _grouped(store, COMMUNITIES, 0, ox.NamedNode)
        inputs.fingerprints["communities"] = _digest([inputs.fingerprints["participation"], *lines])
    if wanted & {"reach", "page-order"}:
        lines, inputs.roles = _grouped(store, KINDS, 0, ox.Literal)
        inputs.fingerprints["reach"] = _digest([inputs.fingerprints["participation"], *lines])
    if "public-money" in wanted:
        inputs.money, lines = _money(store)
        inputs.fingerprints["public-money"] = _digest(lines)
    if "clusters" in wanted:
        lines, inputs.clusters = _grouped(store, CLUSTER_PROJECTS, 0, ox.NamedNode)
        inputs.fingerprints["clusters"] = _digest(lines)
    if "first-years" in wanted:
        lines, inputs.first_years = _grouped(store, FIRST_YEARS, 0, ox.Literal)
        inputs.fingerprints["first-years"] = _digest(lines)
    if wanted & {"label-order", "page-order"}:
        if ordered:
            inputs.label_order = _ordered(store, LABEL_ORDER)
            inputs.title_order = _ordered(store, TITLE_ORDER)
        inputs.fingerprints["label-order"] = _digest(f"{thing} {name}" for thing, name in _rows(store, NAMES))
    if "page-order" in wanted:
        inputs.starts, lines = _years(store, STARTS)
        inputs.project_years, more = _years(store, PROJECT_YEARS)
        inputs.fingerprints["page-order"] = _digest(
            [inputs.fingerprints["reach"], inputs.fingerprints["label-order"], *lines,
             *(f"from {m}" for m in more)])
    if "money-flows" in wanted:
        themes, inputs.grant_themes = _grouped(store, GRANT_THEMES, 0, (ox.NamedNode, ox.Literal))
        blank = sum(len(v) for v in inputs.grant_themes.values()) != len(themes)
        inputs.fingerprints["money-flows"] = _digest(
            [*themes, *([f"blank node {os.urandom(8).hex()}"] if blank else [])])
    if "graph-sizes" in wanted:
        inputs.derived = derived_graphs(store)
        inputs.sizes = {g: n for g, n in store.graph_sizes().items() if g not in inputs.derived}
        inputs.fingerprints["graph-sizes"] = _digest(f"{g} {n}" for g, n in inputs.sizes.items())
    return inputs


def fingerprints(store: Store, families: Iterable[str] = FAMILIES) -> dict[str, str]:
    """The current fingerprint of each of ``families`` (what a freshness check compares)."""
    return read(store, families, ordered=False).fingerprints

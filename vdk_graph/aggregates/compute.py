"""The aggregates as N-Triples lines: counted in Python from :class:`~.inputs.Inputs`, in one pass each.

Python counts what SPARQL would count by joining participation with itself
(the 194,000 collaboration ties of a 1M-triple graph took 10–70 s as queries);
writing them into the store is what costs (ADR 0011's measurements). Each number
means exactly what the named query it replaces computed
(``vdk_graph/queries/materialised/``, held to the originals by ``tests/aggregates/test_aggregates.py``):

* ``vdk:participantCount`` of a project — its distinct participants;
* ``vdk:projectCount`` of a participant — the projects it takes part in;
* ``vdk:partnerCount`` — the other participants it shares a project with
  (written when there is one), ``vdk:sharedProjectCount`` — its projects with
  another participant;
* a *tie* per pair of participants sharing projects: ``vdk:between`` both,
  ``vdk:sharedProjects`` how many, and for the 10,000 strongest (``collaborating-pairs``' order: most
  shared first, then by IRI) ``vdk:tieRank`` and the two ends apart, ``vdk:tieFrom`` the one whose
  IRI sorts first, ``vdk:tieTo`` the other (the query reads them without pairing every end with every
  end and comparing their texts);
* ``vdk:iriOrder`` — the place of every project's and participant's IRI in the order of their text
  (code points: the order ``ORDER BY`` gives IRIs), so a query sorts participations by two whole
  numbers instead of reading both IRIs from the store at every comparison (``participations-by-year``);
* a *topic pair* per two topics projects have together: ``vdk:pairOf`` both
  (not ``vdk:between``: the engine joins a pair with its ends by reading every
  triple of the property, and ties outnumber pairs a hundredfold),
  ``vdk:cooccurrences`` how many projects have both;
* ``vdk:partnerCommunities`` — communities, other than its own, of the
  participants of its projects (``organisations-bridging-communities``);
* a *reach* per knowledge institution and company sharing projects: ``vdk:reachFrom`` the
  institution, ``vdk:reachTo`` the company (an organisation of both kinds reaches itself, in all
  its projects, as the query counts it), ``vdk:reachProjects`` how many (``knowledge-reaches-companies``:
  the query then reads these instead of every tie and every participant's classes);
* a *money total* per topic and currency of public grants (``public-money-by-topic``):
  ``vdk:moneyTopic`` the topic, ``vdk:moneyCurrency`` the currency, ``vdk:moneyTotal`` the sum
  (as the engine summed it; left out where it could not), ``vdk:moneyGrants`` and
  ``vdk:moneyProjects`` how many grants and projects — computed by the engine with the query's own
  expressions (:data:`~.reads.PUBLIC_MONEY`), only written here;
* ``vdk:projectCluster`` — from a project to each cluster organisation whose cluster project it is
  (``cluster-project-participants-in-city``; found by the engine with the query's own subquery,
  :data:`~.reads.CLUSTER_PROJECTS`, only written here);
* ``vdk:firstParticipationYear`` — the year an organisation first took part in a project
  (``participations-by-year``; by the engine with the query's own subquery, :data:`~.reads.FIRST_YEARS`);
* ``vdk:labelOrder`` — the place of a participant's name among all participants' names in the order
  Oxigraph's ``ORDER BY`` gives them (:func:`name_key`; equal names, equal places), so the queries that sort
  participants by name compare whole numbers, not strings decoded at every comparison
  (``knowledge-reaches-companies``, ``collaborating-pairs``); ``vdk:titleOrder`` the same for projects'
  titles (:data:`~.reads.TITLE_ORDER`, ``newest-projects``);
* ``vdk:reachRank`` of a reach and ``vdk:newestRank`` of a project — its row's place (from 1) in the
  whole answer of ``knowledge-reaches-companies`` (most shared projects first, then by the institution's
  and the company's name places) and of ``newest-projects`` (latest start first, undated last, then most
  participants, then by the title's place; with ``vdk:startedIn``, the year the query shows), rows the
  query leaves tied put in the order of their IRIs:
  a page cut at the row cap asks for the first places only (``# page:`` in its materialised formulation)
  instead of making and sorting every row (Oxigraph has no top-k); ``vdk:participationsPlace`` of a project
  the same for the first of its rows in ``participations-by-year`` (earliest first year first, undated first,
  then by IRI; one row per participation);
* ``vdk:projectTheme`` from a granted project to each of its topics and their broader ones, and
  ``vdk:projectTopics`` their texts as ``money-flows`` joins them (found by the engine with the query's own
  path, :data:`~.reads.GRANT_THEMES`): the query follows no path and makes no row per topic;
* ``vdk:tripleCount`` of every source graph.

Lines are written with the terms' N-Triples forms, so the engine's bulk loader
reads them without a Python object per triple.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from vdk_graph.aggregates.inputs import Inputs
from vdk_graph.namespaces import VDK_NS

#: How many of the strongest ties get a rank (the rows ``collaborating-pairs`` shows).
RANKED_TIES = 10_000
_INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"


def _p(name: str) -> str:
    return f"<{VDK_NS}{name}>"


def _count(n: int) -> str:
    return f'"{n}"^^{_INTEGER}'


def _node(graph: str, kind: str, a: ox.NamedNode | ox.Literal, b: ox.NamedNode | ox.Literal) -> str:
    """A stable IRI for a pair under the aggregates graph: the same two terms always give the same node."""
    digest = hashlib.sha1(f"{a}\n{b}".encode()).hexdigest()[:20]
    return f"<{graph}/{kind}/{digest}>"


def participation_lines(inputs: Inputs, graph: str) -> Iterator[str]:
    """Counts per project and participant, and the collaboration ties."""
    projects_of: defaultdict[ox.NamedNode, list[ox.NamedNode]] = defaultdict(list)
    for project, who in inputs.participants.items():
        yield f"{project} {_p('participantCount')} {_count(len(who))} ."
        for participant in who:
            projects_of[participant].append(project)
    ties: Counter[tuple[ox.NamedNode, ox.NamedNode]] = Counter()
    for who in inputs.participants.values():
        if len(who) > 1:
            ordered = sorted(who, key=lambda n: n.value)
            ties.update(itertools.combinations(ordered, 2))
    partners: defaultdict[ox.NamedNode, int] = defaultdict(int)
    for a, b in ties:
        partners[a] += 1
        partners[b] += 1
    for participant, projects in projects_of.items():
        yield f"{participant} {_p('projectCount')} {_count(len(projects))} ."
        if partners[participant]:
            shared = sum(1 for p in projects if len(inputs.participants[p]) > 1)
            yield f"{participant} {_p('partnerCount')} {_count(partners[participant])} ."
            yield f"{participant} {_p('sharedProjectCount')} {_count(shared)} ."
    strongest = heapq.nsmallest(RANKED_TIES, ties.items(),
                                key=lambda t: (-t[1], t[0][0].value, t[0][1].value))
    rank = {pair: number for number, (pair, _) in enumerate(strongest, 1)}
    between, shared_projects, tie_rank = _p("between"), _p("sharedProjects"), _p("tieRank")
    for (a, b), n in ties.items():
        node = _node(graph, "tie", a, b)
        yield f"{node} {between} {a} ."
        yield f"{node} {between} {b} ."
        yield f"{node} {shared_projects} {_count(n)} ."
        if (a, b) in rank:  # a's IRI sorts before b's (``ordered`` above)
            yield f"{node} {tie_rank} {_count(rank[a, b])} ."
            yield f"{node} {_p('tieFrom')} {a} ."
            yield f"{node} {_p('tieTo')} {b} ."
    yield from iri_order_lines(inputs)


def iri_order_lines(inputs: Inputs) -> Iterator[str]:
    """Every project and participant numbered in the order of its IRI's text.

    Python compares strings by code point, as Oxigraph compares IRIs (bytes of UTF-8, the same order)
    and as SPARQL's ``ORDER BY`` orders IRIs by their text.
    """
    iris = {project.value for project in inputs.participants}
    iris.update(participant.value for who in inputs.participants.values() for participant in who)
    prop = _p("iriOrder")
    for number, iri in enumerate(sorted(iris), 1):
        yield f"<{iri}> {prop} {_count(number)} ."


def topic_lines(inputs: Inputs, graph: str) -> Iterator[str]:
    """Pairs of topics projects have together, with how many projects have both."""
    pairs: Counter[tuple[ox.NamedNode | ox.Literal, ox.NamedNode | ox.Literal]] = Counter()
    for topics in inputs.topics.values():
        ordered = sorted(topics, key=lambda t: t.value)
        # STR(?a) < STR(?b), as the query says: two terms with the same text make no pair.
        pairs.update((a, b) for a, b in itertools.combinations(ordered, 2) if a.value < b.value)
    yield from _counted_pairs(graph, "topic-pair", pairs, _p("pairOf"), _p("pairOf"), _p("cooccurrences"))


def community_lines(inputs: Inputs) -> Iterator[str]:
    """How many communities other than its own the participants of an organisation's projects are in.

    As the query counted it: the participants of its projects (itself among them); with one
    community of its own, that one is left out; with two or more, none is (each row of the
    query left out a different one).
    """
    if not inputs.communities:
        return
    projects_of: defaultdict[ox.NamedNode, list[ox.NamedNode]] = defaultdict(list)
    for project, who in inputs.participants.items():
        for participant in who:
            projects_of[participant].append(project)
    prop = _p("partnerCommunities")
    for participant, projects in projects_of.items():
        found: set[ox.NamedNode] = set()
        for project in projects:
            for other in inputs.participants[project]:
                found |= inputs.communities.get(other, set())
        own = inputs.communities.get(participant, set())
        if len(own) == 1:
            found -= own
        if found:
            yield f"{participant} {prop} {_count(len(found))} ."


def _reaches(inputs: Inputs) -> Counter[tuple[ox.NamedNode, ox.NamedNode]]:
    """How many projects each knowledge institution shares with each company (itself included)."""
    reach: Counter[tuple[ox.NamedNode, ox.NamedNode]] = Counter()
    for who in inputs.participants.values():
        roles = [(p, {r.value for r in inputs.roles.get(p, ())}) for p in who]
        institutions = [p for p, r in roles if "institution" in r]
        companies = [p for p, r in roles if "company" in r]
        reach.update(itertools.product(institutions, companies))
    return reach


def reach_lines(inputs: Inputs, graph: str) -> Iterator[str]:
    """The reaches: institution, company and how many projects they share."""
    yield from _counted_pairs(graph, "reach", _reaches(inputs), _p("reachFrom"), _p("reachTo"),
                              _p("reachProjects"))


def _counted_pairs(graph: str, kind: str, counts: Counter[tuple[Any, Any]], first: str, second: str,
                   count: str) -> Iterator[str]:
    """One node per counted pair: its two members and the count (topic pairs, reaches)."""
    for (a, b), n in counts.items():
        node = _node(graph, kind, a, b)
        yield f"{node} {first} {a} ."
        yield f"{node} {second} {b} ."
        yield f"{node} {count} {_count(n)} ."


def money_lines(inputs: Inputs, graph: str) -> Iterator[str]:
    """One node per topic and currency with the public money the engine summed for them."""
    for theme, currency, total, grants, projects in inputs.money:
        node = _node(graph, "money", theme, currency)  # type: ignore[arg-type]
        yield f"{node} {_p('moneyTopic')} {theme} ."
        yield f"{node} {_p('moneyCurrency')} {currency} ."
        if total is not None:
            yield f"{node} {_p('moneyTotal')} {total} ."
        yield f"{node} {_p('moneyGrants')} {grants} ."
        yield f"{node} {_p('moneyProjects')} {projects} ."


def cluster_lines(inputs: Inputs) -> Iterator[str]:
    """A project's cluster organisations, one triple each."""
    return _link_lines("projectCluster", inputs.clusters)


def first_year_lines(inputs: Inputs) -> Iterator[str]:
    """The year each organisation first took part in a project."""
    return _link_lines("firstParticipationYear", inputs.first_years)


def _link_lines(name: str, links: Mapping[Any, Iterable[Any]]) -> Iterator[str]:
    """One ``vdk:name`` triple from each subject to each of its objects (terms in N-Triples form)."""
    prop = _p(name)
    for subject, objects in links.items():
        for obj in objects:
            yield f"{subject} {prop} {obj} ."


def name_key(name: Any) -> tuple[str, int, str]:
    """A name's place in Oxigraph's ``ORDER BY``: by its text (code points, as UTF-8 bytes compare), then
    language-tagged before plain before other datatypes, by tag or datatype (``"a"@da < "a"@en < "a"``)."""
    if isinstance(name, ox.Literal):
        if name.language:
            return name.value, 0, name.language
        datatype = name.datatype.value
        return name.value, 1 if datatype == "http://www.w3.org/2001/XMLSchema#string" else 2, datatype
    return str(name), 3, ""


def name_places(found: Iterable[tuple[ox.NamedNode, Any]]) -> dict[ox.NamedNode, int]:
    """Each thing's place (from 1) in the order of its name (:func:`name_key`): equal names, equal places."""
    places: dict[ox.NamedNode, int] = {}
    number, last = 0, None
    for thing, label in sorted(found, key=lambda pair: name_key(pair[1])):
        if label != last:
            number, last = number + 1, label
        places[thing] = number
    return places


def label_order_lines(inputs: Inputs) -> Iterator[str]:
    """Every participant's place in the order of their names, and every project's in that of their titles:
    equal names, equal places (rows the query's ORDER BY leaves tied stay tied)."""
    for name, found in (("labelOrder", inputs.label_order), ("titleOrder", inputs.title_order)):
        prop = _p(name)
        for thing, number in name_places(found).items():
            yield f"{thing} {prop} {_count(number)} ."


def page_order_lines(inputs: Inputs, graph: str) -> Iterator[str]:
    """The place of every row in the order of knowledge-reaches-companies and of newest-projects, and of
    every project's first row in that of participations-by-year.

    The keys are the materialised formulations' own: what they sorted by before (a missing name place
    sorts first, as ``ORDER BY`` puts an unbound value first; ``DESC`` puts an undated project last),
    then the IRIs, so that every row has a place of its own.
    """
    names = name_places(inputs.label_order)
    reaches = sorted(_reaches(inputs).items(),
                     key=lambda r: (-r[1], names.get(r[0][0], 0), names.get(r[0][1], 0),
                                    r[0][0].value, r[0][1].value))
    prop = _p("reachRank")
    for number, ((institution, company), _) in enumerate(reaches, 1):
        yield f"{_node(graph, 'reach', institution, company)} {prop} {_count(number)} ."
    titles = name_places(inputs.title_order)
    projects = sorted(inputs.starts.items(),
                      key=lambda p: (p[1] is None, -(p[1] or 0), -len(inputs.participants.get(p[0], ())),
                                     titles.get(p[0], 0), p[0].value))
    prop, started = _p("newestRank"), _p("startedIn")
    for number, (project, year) in enumerate(projects, 1):
        yield f"{project} {prop} {_count(number)} ."
        if year is not None:  # MIN of the years: an xsd:integer, as the engine writes it
            yield f"{project} {started} {_count(year)} ."
    prop, place = _p("participationsPlace"), 1
    by_year = sorted(inputs.project_years.items(), key=lambda p: (p[1] is not None, p[1] or 0, p[0].value))
    for project, _ in by_year:
        rows = inputs.participations.get(project, 0)
        if rows:
            yield f"{project} {prop} {_count(place)} ."
            place += rows


def money_flow_lines(inputs: Inputs) -> Iterator[str]:
    """Each granted project's topics with the broader ones, as links and as the text the query shows."""
    yield from _link_lines("projectTheme", inputs.grant_themes)
    topics = _p("projectTopics")
    for project, themes in inputs.grant_themes.items():
        # GROUP_CONCAT(DISTINCT STR(?theme); separator=" "): the texts, each once (in an order of their own)
        yield f"{project} {topics} {ox.Literal(' '.join(sorted({t.value for t in themes})))} ."


def size_lines(inputs: Inputs) -> Iterator[str]:
    prop = _p("tripleCount")
    for graph, n in sorted(inputs.sizes.items()):
        yield f"<{graph}> {prop} {_count(n)} ."


def lines(inputs: Inputs, graph: str) -> Iterator[str]:
    """Every aggregate line of the families ``inputs`` was read for."""
    if "participation" in inputs.fingerprints:
        yield from participation_lines(inputs, graph)
    if "topics" in inputs.fingerprints:
        yield from topic_lines(inputs, graph)
    if "communities" in inputs.fingerprints:
        yield from community_lines(inputs)
    if "reach" in inputs.fingerprints:
        yield from reach_lines(inputs, graph)
    if "public-money" in inputs.fingerprints:
        yield from money_lines(inputs, graph)
    if "clusters" in inputs.fingerprints:
        yield from cluster_lines(inputs)
    if "first-years" in inputs.fingerprints:
        yield from first_year_lines(inputs)
    if "label-order" in inputs.fingerprints:
        yield from label_order_lines(inputs)
    if "page-order" in inputs.fingerprints:
        yield from page_order_lines(inputs, graph)
    if "money-flows" in inputs.fingerprints:
        yield from money_flow_lines(inputs)
    if "graph-sizes" in inputs.fingerprints:
        yield from size_lines(inputs)

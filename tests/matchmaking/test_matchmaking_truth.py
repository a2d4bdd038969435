"""Every reason a suggestion gives is true: checked against the graph with SPARQL, on generated worlds.

The reasons are built from the matchmaking index; these checks go back to the
triples instead (what an analyst would ask), for a sample of organisations of both
generators — with and without existing ties shown, established and cold start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from vdk_graph import synth
from vdk_graph.matchmaking import match_index, suggest
from vdk_graph.matchmaking.reasons import Reason
from vdk_graph.matchmaking.suggestions import Suggestion
from vdk_graph.matchmaking.text import STOPWORDS, name_terms, tokens
from vdk_graph.names import fold
from vdk_graph.results import AskResult, SelectResult
from vdk_graph.store import MemoryStore
from vdk_graph.synth import hubs

PREFIXES = """PREFIX vdk: <https://w3id.org/vdk/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
IN = "vdk:participatesIn"
OWN = "vdk:field|vdk:researchArea|vdk:hasTopic|vdk:keyword"
#: What each kind phrase may say of an organisation: the classes that make it true.
PHRASES = {
    "a company": "vdk:Company", "a knowledge institution": "vdk:University vdk:UniversityCollege "
    "vdk:GTSInstitute vdk:KnowledgeInstitution", "a fund": "vdk:FundingBody", "an investor": "vdk:Investor",
    "a cluster organisation": "vdk:ClusterOrganisation",
    "a public body": "vdk:Municipality vdk:PublicAuthority",
    "an industry association": "vdk:IndustryAssociation", "an organisation": "vdk:Organisation",
}


@pytest.fixture(scope="module", params=["communities", "hubs"])
def world(request: pytest.FixtureRequest) -> Iterator[MemoryStore]:
    make = synth.generate if request.param == "communities" else hubs.generate
    eco = make(400, seed=9, first_year=2012, last_year=2022)
    store = MemoryStore()
    with store.transaction() as tx:
        tx.replace_graph(eco.graph_iri, list(eco.triples()))
    yield store
    store.close()


def ask(store: MemoryStore, body: str) -> bool:
    result = store.query(PREFIXES + f"ASK {{ {body} }}")
    assert isinstance(result, AskResult)
    return bool(result.value)


def one(store: MemoryStore, sparql: str) -> object:
    result = store.query(PREFIXES + sparql)
    assert isinstance(result, SelectResult)
    rows = list(result.dicts())
    return next(iter(rows[0].values()), None) if rows else None


def count(store: MemoryStore, sparql: str) -> int:
    value = one(store, sparql)
    return int(str(value)) if value is not None else 0


def check_kind_phrase(store: MemoryStore, org: str, phrase: str) -> None:
    base, _, role = phrase.partition(" that ")
    assert ask(store, f"VALUES ?c {{ {PHRASES[base]} }} <{org}> a ?c"), (org, phrase)
    if role:
        assert role == "invests"
        assert ask(store, f"{{ <{org}> a vdk:Investor }} UNION {{ ?i vdk:investor <{org}> }}")


def texts_of(store: MemoryStore, org: str) -> str:
    result = store.query(PREFIXES + f"""SELECT ?t WHERE {{
        {{ <{org}> {IN} ?p . ?p dcterms:title|dcterms:description ?t }}
        UNION {{ <{org}> dcterms:description ?t }} }}""")
    assert isinstance(result, SelectResult)
    return " ".join(str(row["t"]) for row in result.dicts())


def check(store: MemoryStore, q: str, s: Suggestion, reason: Reason, names: frozenset[str]) -> None:
    c, text, ev = s.iri, reason.text, [e.iri for e in reason.evidence]
    signal = reason.signal
    if signal == "cold_start":
        assert not ask(store, f"<{q}> {IN} ?p")
    elif signal == "topics":
        assert text.startswith("both work on") and all(e.label in text for e in reason.evidence[:3])
        for t in ev:
            assert ask(store, f"<{q}> vdk:field <{t}> . <{c}> vdk:field <{t}>"), (q, c, t)
    elif signal == "project_topics":
        for t in ev:
            if text.startswith("both have projects on"):
                body = f"<{q}> {IN}/vdk:keyword <{t}> . <{c}> {IN}/vdk:keyword <{t}>"
            elif text.startswith("has projects on"):
                body = f"<{c}> {IN}/vdk:keyword <{t}> . <{q}> {OWN} <{t}>"
            else:
                assert text.startswith("works on")
                body = f"<{c}> {OWN} <{t}> . <{q}> {IN}/vdk:keyword <{t}>"
            assert ask(store, body), (text, t)
            both_own = ask(store, f"<{q}> vdk:field <{t}> . <{c}> vdk:field <{t}>")
            assert not both_own, "an own field said as a keyword"
    elif signal == "network":
        if text.startswith("both partner with"):
            for m in ev:
                body = f"<{q}> {IN} ?p . <{m}> {IN} ?p . <{c}> {IN} ?p2 . <{m}> {IN} ?p2"
                assert ask(store, body), (text, m)
        else:
            assert text.startswith("is ") and "steps away" in text
            chain = [q, *ev, c]
            for a, b in zip(chain, chain[1:], strict=False):
                assert ask(store, f"<{a}> {IN} ?p . <{b}> {IN} ?p"), (a, b)
    elif signal == "complementarity":
        found = re.fullmatch(r"one is (.+) and one (.+)", text)
        assert found, text
        check_kind_phrase(store, q, found.group(1))
        check_kind_phrase(store, c, found.group(2))
    elif signal == "geography":
        place = ev[0]
        path = "vdk:basedIn" if text.startswith("both are based in") else "vdk:basedIn/vdk:locatedIn"
        assert ask(store, f"<{q}> {path} <{place}> . <{c}> {path} <{place}>"), text
    elif signal == "popularity":
        n = int(re.fullmatch(r"well connected: (\d+) partners so far", text).group(1))  # type: ignore[union-attr]
        assert n == count(store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ <{c}> {IN} ?p . ?o {IN} ?p "
                                 f"FILTER(?o != <{c}>) }}")
        for partner in ev:
            assert ask(store, f"<{c}> {IN} ?p . <{partner}> {IN} ?p")
    elif signal == "text":
        words = re.findall(r"“([^”]+)”", text)
        assert words
        mine, theirs = fold(texts_of(store, q)), fold(texts_of(store, c))
        for word in words:
            assert fold(word) in mine and fold(word) in theirs, word
            assert fold(word) not in STOPWORDS and not set(tokens(word)) & names, word
    elif signal == "funding":
        for thing in ev:
            assert ask(store, f"""{{ <{c}> {IN}?/vdk:partOfProgramme <{thing}> }} UNION
                {{ ?g vdk:awardedBy <{thing}> ; vdk:grantFor|vdk:recipient ?x . <{c}> {IN}? ?x }} UNION
                {{ ?g vdk:awardedBy <{c}> ; vdk:grantFor|vdk:recipient ?x . <{thing}> {IN}? ?x }}"""), text
    elif signal == "existing":
        if text.startswith("already partners in"):
            for p in ev:
                assert ask(store, f"<{q}> {IN} <{p}> . <{c}> {IN} <{p}>")
        elif "member" in text:
            a, b = (c, q) if text.startswith("is a member") else (q, c)
            assert ask(store, f"<{a}> vdk:memberOf <{b}>")
        elif "invested" in text:
            a, b = (c, q) if text.startswith("has invested") else (q, c)
            assert ask(store, f"?i vdk:investor <{a}> ; vdk:investee <{b}>")
        elif "funded" in text:
            a, b = (c, q) if text.startswith("has funded") else (q, c)
            assert ask(store, f"?g vdk:awardedBy <{a}> ; vdk:grantFor|vdk:recipient ?x . <{b}> {IN}? ?x")
        else:
            pytest.fail(f"an existing tie the generated worlds do not make: {text}")
    else:
        pytest.fail(f"a reason of an unchecked signal {signal}: {text}")


def check_why_now(store: MemoryStore, s: Suggestion) -> None:
    assert s.why_now is not None
    c, text = s.iri, s.why_now.text
    now = count(store, "SELECT (MAX(YEAR(?d)) AS ?y) WHERE { ?p a vdk:Project ; schema:startDate ?d }")
    if found := re.fullmatch(r"active in (\d+) projects? since (\d+)", text):
        n, since = int(found.group(1)), int(found.group(2))
        assert since == now - 2
        assert n == count(store, f"""SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ <{c}> {IN} ?p .
            ?p schema:startDate ?s ; schema:endDate ?e FILTER(YEAR(?e) >= {since} && YEAR(?s) <= {now}) }}""")
    elif found := re.fullmatch(r"last active in (\d+)", text):
        assert int(found.group(1)) == count(store, f"""SELECT (MAX(YEAR(?e)) AS ?y) WHERE {{
            <{c}> {IN} ?p . ?p schema:endDate ?e }}""") < now - 2
    else:
        assert text == "no projects on record yet" and not ask(store, f"<{c}> {IN} ?p")


def test_every_reason_and_every_why_now_is_true(world: MemoryStore) -> None:
    index = match_index(world)
    # Words of names are never a text reason, unless they are words of a topic too ("Digital twins").
    topics = [index.label(t, lang) for t in index.topic_idf for lang in ("en", "da")]
    names = name_terms([index.label(o) for o in index.orgs], topics)
    established = [o for o in index.orgs if index.has_history(o)][::23][:12]
    newcomers = [o for o in index.orgs if not index.has_history(o) and index.kind[o] == "company"][::17][:5]
    checked = 0
    for org in established + newcomers:
        for include in (False, True):
            result = suggest(index, org, top=10, include_partners=include)
            assert result.cold_start == (org in newcomers)
            for s in result.items:
                assert s.partner == (s.iri in index.relations[org])
                check_kind_phrase(world, s.iri, s.kind_phrase)
                check_why_now(world, s)
                for reason in s.reasons:
                    check(world, org, s, reason, names)
                    checked += 1
    assert checked > 300

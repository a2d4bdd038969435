"""The exposure penalty: the usual suspects give way where other evidence is nearly as strong.

A candidate's *exposure* is the share of all organisations' lists it appears in
(``exposure_of``, once per data version). Weighed (``--weights exposure=2``), it is
subtracted from the candidate's score: on a generated world with hubs, the share
of distinct organisations across many questions rises, while a hub is still
suggested wherever its evidence outweighs the penalty — and the penalty never
adds a candidate, never becomes a reason, and shows in the JSON as a negative
contribution.
"""

from __future__ import annotations

import pytest

from vdk_graph.errors import MatchError
from vdk_graph.matchmaking import suggest
from vdk_graph.matchmaking.index import MatchIndex
from vdk_graph.matchmaking.scoring import (
    KEEP_FIRST,
    PENALTIES,
    SIGNAL_NAMES,
    TAIL_HUBNESS,
    TAIL_KEEP_FIRST,
    UNITS,
    Weights,
    combine,
    unit,
)
from vdk_graph.matchmaking.suggestions import EXPOSURE_SAMPLE, exposure_of, exposure_sample

STRENGTH = 2.0


@pytest.fixture
def index(hubs_index: MatchIndex) -> MatchIndex:
    """The world with hubs (``tests/matchmaking_fixtures.py``), by the name these tests use."""
    return hubs_index


def asked(index: MatchIndex) -> list[str]:
    """Organisations with a history of projects, in the exposure sample's fixed order (60 of them)."""
    return [o for o in exposure_sample(index) if index.has_history(o)][:60]


def lists(index: MatchIndex, strength: float) -> dict[str, list[str]]:
    return {org: [s.iri for s in suggest(index, org, weights={"exposure": strength}).items]
            for org in asked(index)}


def distinct_share(answers: dict[str, list[str]]) -> float:
    shown = [c for ranked in answers.values() for c in ranked]
    return len(set(shown)) / len(shown)


def test_exposure_is_the_share_of_the_sampled_lists_a_candidate_is_in(index: MatchIndex) -> None:
    sample = exposure_sample(index)
    assert len(sample) == min(EXPOSURE_SAMPLE, len(index.orgs)) and sample == exposure_sample(index)
    shares = index.exposures()
    assert shares is index.exposures()  # once per index
    assert shares == exposure_of(index)
    assert all(0 < v <= 1 for v in shares.values())
    counts = {c: round(v * len(sample)) for c, v in shares.items()}
    plain = {"exposure": 0.0}
    assert sum(counts.values()) == sum(len(suggest(index, o, weights=plain).items) for o in sample)
    hub = max(shares, key=shares.__getitem__)
    assert index.degree[hub] >= sorted(index.degree.values())[-len(index.orgs) // 20]  # a hub: top 5 %
    assert shares[hub] > 0.3


def test_the_penalty_spreads_the_lists_over_more_organisations(index: MatchIndex) -> None:
    plain, spread = lists(index, 0.0), lists(index, STRENGTH)
    assert distinct_share(spread) > distinct_share(plain) + 0.03
    assert distinct_share(spread) > 0.2
    shares = index.exposures()
    most = sorted(shares, key=lambda c: -shares[c])[:5]
    shown = lambda answers: sum(c in most for ranked in answers.values() for c in ranked)  # noqa: E731
    assert shown(spread) < 0.8 * shown(plain)  # the usual suspects give way …
    assert shown(spread) > 0  # … but are not banned


def test_a_hub_stays_where_it_is_the_best_evidence(index: MatchIndex) -> None:
    """Where a hub is the strongest candidate, it is still suggested (mostly), and still first wherever
    its lead over the next one is larger than its penalty."""
    shares = index.exposures()
    hub_first = kept = still_first = 0
    for org in asked(index):
        plain = suggest(index, org, weights={"exposure": 0.0}).items
        if len(plain) < 2 or shares.get(plain[0].iri, 0.0) <= 0.3:
            continue
        hub_first += 1
        spread = suggest(index, org, weights={"exposure": STRENGTH}).items
        shown = [s.iri for s in spread]
        kept += plain[0].iri in shown
        still_first += shown[0] == plain[0].iri
        if plain[0].score - plain[1].score > STRENGTH * shares[plain[0].iri]:
            assert shown[0] == plain[0].iri, org
    assert hub_first >= 10
    assert kept >= 0.6 * hub_first and still_first >= 3


def test_the_penalty_is_a_negative_contribution_never_a_reason_nor_a_candidate(index: MatchIndex) -> None:
    org = asked(index)[0]
    plain = suggest(index, org, top=40, weights={"exposure": 0.0})
    spread = suggest(index, org, top=40, weights={"exposure": STRENGTH})
    assert {s.iri for s in spread.items} <= {s.iri for s in plain.items} | {
        s.iri for s in suggest(index, org, top=200, weights={"exposure": 0.0}).items}
    penalised = [s for s in spread.items if "exposure" in s.signals]
    assert penalised
    for s in penalised:
        assert s.signals["exposure"] == pytest.approx(-STRENGTH * index.exposures()[s.iri])
        assert sum(s.signals.values()) == pytest.approx(s.score)
        assert all(r.signal != "exposure" for r in s.reasons)
        data = s.as_dict()
        assert data["signals"]["exposure"] < 0 and set(data) >= {"iri", "score", "reasons", "signals"}
    assert spread.as_dict()["weights"]["exposure"] == STRENGTH
    assert all(s.score > 0 or "exposure" in s.signals for s in spread.items)


def test_exposure_is_a_weight_like_the_others() -> None:
    assert "exposure" in SIGNAL_NAMES and set(PENALTIES) == {"exposure", "hubness"}
    assert Weights.changes("exposure=2") == {"exposure": 2.0}
    assert Weights.parse("exposure=0").exposure == 0.0
    with pytest.raises(MatchError):
        Weights.changes("exposure=-1")


def test_keep_first_spares_the_first_places_and_penalises_only_the_rest() -> None:
    """Position-aware: the first ``keep_first`` places go to the strongest evidence, unpenalised; only the
    places after them give way to less exposed candidates (scores and contributions say which)."""
    evidence = {"a": 1.0, "b": 0.9, "c": 0.8, "d": 0.7, "e": 0.6}
    raw = {"topics": evidence, "exposure": {"a": 1.0, "b": 1.0, "c": 1.0, "d": 0.0, "e": 0.0}}
    weights = Weights.only("topics").with_(exposure=0.5)
    everywhere = [s.iri for s in combine(raw, weights, evidence)]
    assert everywhere == ["d", "e", "a", "b", "c"]  # a penalty on every place: the exposed give way first
    spared = combine(raw, weights, evidence, keep_first=2)
    assert [s.iri for s in spared] == ["a", "b", "d", "e", "c"]
    for s in spared[:2]:
        assert "exposure" not in s.contributions and s.score == pytest.approx(evidence[s.iri])
    c = spared[-1]
    assert c.contributions["exposure"] == pytest.approx(-0.5) and c.score == pytest.approx(0.3)
    assert all(sum(s.contributions.values()) == pytest.approx(s.score) for s in spared)
    assert [s.iri for s in combine(raw, weights, evidence, top=3, keep_first=2)] == ["a", "b", "d"]
    assert [s.iri for s in combine(raw, weights, evidence, top=1, keep_first=2)] == ["a"]
    without = Weights.only("topics")  # no penalty weighed: keep_first changes nothing
    assert [s.iri for s in combine(raw, without, evidence, keep_first=2)] == ["a", "b", "c", "d", "e"]


def test_keep_first_leaves_the_head_of_every_list_as_it_is(index: MatchIndex) -> None:
    """On a world with hubs: the first KEEP_FIRST places are those without any penalty, the rest are
    spread over more organisations than the penalty-free tails, and a negative value is refused."""
    tails_plain: list[str] = []
    tails_spread: list[str] = []
    for org in asked(index)[:30]:
        plain = [s.iri for s in suggest(index, org, weights={"exposure": 0.0}).items]
        spread = suggest(index, org, weights={"exposure": 8.0}, keep_first=KEEP_FIRST)
        shown = [s.iri for s in spread.items]
        assert shown[:KEEP_FIRST] == plain[:KEEP_FIRST], org
        assert all("exposure" not in s.signals for s in spread.items[:KEEP_FIRST])
        assert spread.as_dict()["filters"]["keep_first"] == KEEP_FIRST
        tails_plain += plain[KEEP_FIRST:]
        tails_spread += shown[KEEP_FIRST:]
    assert len(set(tails_spread)) > len(set(tails_plain))
    with pytest.raises(MatchError):
        suggest(index, asked(index)[0], keep_first=-1)


def test_hubness_is_the_popularity_signal_subtracted_in_its_unit() -> None:
    """The popularity discount: a candidate's own popularity, in the popularity signal's unit and capped at
    1, subtracted like exposure; it is off by default and a weight like the others."""
    assert "hubness" in SIGNAL_NAMES and Weights().hubness == 0.0 and Weights.cold_start().hubness == 0.0
    assert unit("hubness") == UNITS["popularity"] and Weights.changes("hubness=3") == {"hubness": 3.0}
    size = UNITS["popularity"]
    evidence = {"a": 1.0, "b": 0.9, "c": 0.8}
    raw = {"topics": evidence, "hubness": {"a": 2 * size, "b": size / 2, "x": size}}
    found = {s.iri: s for s in combine(raw, Weights.only("topics").with_(hubness=1.0), evidence)}
    assert set(found) == {"a", "b", "c"}  # "x" has no evidence: the penalty makes no candidate
    assert found["a"].contributions["hubness"] == pytest.approx(-1.0)  # capped at one unit
    assert found["b"].contributions["hubness"] == pytest.approx(-0.5)
    assert "hubness" not in found["c"].contributions and found["c"].score == pytest.approx(0.8)
    ranked = combine(raw, Weights.only("topics").with_(hubness=1.0), evidence)
    assert [s.iri for s in ranked] == ["c", "b", "a"]


def test_hubness_on_the_tail_spreads_it_over_the_less_connected(index: MatchIndex) -> None:
    """``--keep-first 8 --weights hubness=2.5``: the first eight places as without it, the last ones to less
    connected candidates some evidence speaks for, more distinct across questions; the penalty is a negative
    contribution (−2.5 × popularity in its unit), never a reason."""
    size, first = UNITS["popularity"], TAIL_KEEP_FIRST
    tails_plain: list[str] = []
    tails_spread: list[str] = []
    for org in asked(index)[:30]:
        plain = suggest(index, org).items
        spread = suggest(index, org, weights={"hubness": TAIL_HUBNESS}, keep_first=first)
        shown = [s.iri for s in spread.items]
        assert shown[:first] == [s.iri for s in plain[:first]], org
        reachable = {s.iri for s in suggest(index, org, top=200).items}
        assert set(shown) <= reachable  # only candidates some evidence speaks for
        for s in spread.items:
            assert sum(s.signals.values()) == pytest.approx(s.score)
            assert all(r.signal != "hubness" for r in s.reasons)
        for s in spread.items[first:]:
            expected = -TAIL_HUBNESS * min(1.0, index.popularity.get(s.iri, 0.0) / size)
            assert s.signals.get("hubness", 0.0) == pytest.approx(expected)
        assert spread.as_dict()["weights"]["hubness"] == TAIL_HUBNESS
        tails_plain += [s.iri for s in plain[first:]]
        tails_spread += shown[first:]
    assert len(set(tails_spread)) > len(set(tails_plain))
    mean_degree = lambda tail: sum(index.degree.get(c, 0) for c in tail) / len(tail)  # noqa: E731
    assert mean_degree(tails_spread) < mean_degree(tails_plain)

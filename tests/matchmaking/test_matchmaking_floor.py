"""The floor on the penalised places: a quiet candidate displaces a strong one only if nearly as strong.

``--floor F`` (``combine(…, floor=F)``): place by place, the best candidate by evidence minus the
penalty takes the place only if its evidence is at least F × that of the candidate the list without
the penalty would show there; else that one keeps it, unpenalised. 0 is the plain penalty, 1 the list
without it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from vdk_graph.errors import MatchError
from vdk_graph.matchmaking import match_index, suggest
from vdk_graph.matchmaking.index import MatchIndex
from vdk_graph.matchmaking.scoring import TAIL_FLOOR, TAIL_HUBNESS, TAIL_KEEP_FIRST, Weights, combine
from vdk_graph.store import MemoryStore
from vdk_graph.synth import hubs

#: Five candidates by evidence; a, b, c are hubs (exposure 1), d is nearly as strong as c and quiet, e is
#: weak and quiet.
EVIDENCE = {"a": 1.0, "b": 0.9, "c": 0.8, "d": 0.7, "e": 0.2}
RAW = {"topics": EVIDENCE, "exposure": {"a": 1.0, "b": 1.0, "c": 1.0, "d": 0.0, "e": 0.0}}
PENALISED = Weights.only("topics").with_(exposure=1.0)


def ranked(**options: float) -> list[str]:
    return [s.iri for s in combine(RAW, PENALISED, EVIDENCE, **options)]  # type: ignore[arg-type]


def test_a_weak_quiet_candidate_does_not_displace_a_strong_one() -> None:
    """Keep one place: the plain tail puts d and e (no exposure) above the hubs b and c; with floor 0.5,
    d (0.7 ≥ 0.5 × 0.9) still takes b's place, but e (0.2 < 0.5 × 0.9) does not take b's, nor c's."""
    assert ranked(keep_first=1) == ["a", "d", "e", "b", "c"]
    floored = combine(RAW, PENALISED, EVIDENCE, keep_first=1, floor=0.5)
    assert [s.iri for s in floored] == ["a", "d", "b", "c", "e"]
    by_iri = {s.iri: s for s in floored}
    for kept in ("b", "c"):  # kept by the floor: unpenalised, their score their evidence, as the first places
        assert "exposure" not in by_iri[kept].contributions
        assert by_iri[kept].score == pytest.approx(EVIDENCE[kept])
    assert by_iri["d"].score == pytest.approx(0.7) and "exposure" not in by_iri["d"].contributions
    assert by_iri["e"].score == pytest.approx(0.2)
    assert all(sum(s.contributions.values()) == pytest.approx(s.score) for s in floored)
    assert ranked(keep_first=1, floor=0.5, top=3) == ["a", "d", "b"]


def test_the_floor_compares_with_the_candidate_displaced_not_the_first_places() -> None:
    """e (0.2) needs floor × 0.9 to take b's place and floor × 0.8 to take c's: at 0.3 neither, at 0.24 c's
    only (b is placed first, then e displaces c), at 0.2 both."""
    assert ranked(keep_first=1, floor=0.3) == ["a", "d", "b", "c", "e"]
    assert ranked(keep_first=1, floor=0.24) == ["a", "d", "b", "e", "c"]
    assert ranked(keep_first=1, floor=0.2) == ["a", "d", "e", "b", "c"]


def test_floor_zero_is_the_plain_penalty_and_floor_one_the_list_without_it() -> None:
    for keep_first in (0, 1, 2):
        for top in (None, 2, 4):
            options = {"keep_first": keep_first, **({"top": top} if top else {})}
            plain = combine(RAW, PENALISED, EVIDENCE, **options)  # type: ignore[arg-type]
            zero = combine(RAW, PENALISED, EVIDENCE, floor=0.0, **options)  # type: ignore[arg-type]
            assert [(s.iri, s.score, s.contributions) for s in zero] == [
                (s.iri, s.score, s.contributions) for s in plain]
            unpenalised = combine(RAW, Weights.only("topics"), EVIDENCE, **options)  # type: ignore[arg-type]
            one = combine(RAW, PENALISED, EVIDENCE, floor=1.0, **options)  # type: ignore[arg-type]
            assert [s.iri for s in one] == [s.iri for s in unpenalised]
    without = Weights.only("topics")  # no penalty weighed: the floor changes nothing
    assert [s.iri for s in combine(RAW, without, EVIDENCE, floor=0.5)] == ["a", "b", "c", "d", "e"]


@pytest.mark.parametrize("floor", [-0.1, 1.5, math.nan, math.inf])
def test_a_floor_outside_zero_to_one_is_refused(floor: float) -> None:
    with pytest.raises(MatchError, match="floor must be a number from 0 to 1"):
        combine(RAW, PENALISED, EVIDENCE, keep_first=1, floor=floor)


@pytest.fixture(scope="module")
def index() -> Iterator[MatchIndex]:
    eco = hubs.generate(600, seed=5, first_year=2010, last_year=2022)
    store = MemoryStore()
    with store.transaction() as tx:
        tx.replace_graph(eco.graph_iri, list(eco.triples()))
    yield match_index(store)
    store.close()


def test_the_floor_keeps_the_tail_strong_on_a_world_with_hubs(index: MatchIndex) -> None:
    """``--keep-first 8 --weights hubness=2.5 --floor 0.5``: the first eight places as without the penalty;
    each later place holds either the unpenalised list's candidate or one with at least half its evidence;
    no tail candidate is weaker than with the plain tail option, and floor 0 is that option exactly."""
    asked = [o for o in sorted(index.orgs) if index.has_history(o)][:25]
    assert asked
    weaker = 0
    for org in asked:
        plain = suggest(index, org).items
        tail = suggest(index, org, weights={"hubness": TAIL_HUBNESS}, keep_first=TAIL_KEEP_FIRST).items
        zero = suggest(index, org, weights={"hubness": TAIL_HUBNESS}, keep_first=TAIL_KEEP_FIRST, floor=0.0)
        floored = suggest(index, org, weights={"hubness": TAIL_HUBNESS}, keep_first=TAIL_KEEP_FIRST,
                          floor=TAIL_FLOOR)
        assert [s.iri for s in zero.items] == [s.iri for s in tail]
        assert floored.as_dict()["filters"]["floor"] == TAIL_FLOOR
        shown = [s.iri for s in floored.items]
        assert shown[:TAIL_KEEP_FIRST] == [s.iri for s in plain[:TAIL_KEEP_FIRST]], org
        evidence = {s.iri: s.score - s.signals.get("hubness", 0.0) for s in floored.items}
        weakest_plain = min((s.score for s in plain[TAIL_KEEP_FIRST:]), default=0.0)
        for s in floored.items[TAIL_KEEP_FIRST:]:
            assert sum(s.signals.values()) == pytest.approx(s.score)
            kept = "hubness" not in s.signals
            assert kept or evidence[s.iri] >= TAIL_FLOOR * weakest_plain - 1e-9, (org, s.iri)
        tail_evidence = sorted(s.score - s.signals.get("hubness", 0.0) for s in tail[TAIL_KEEP_FIRST:])
        floor_evidence = sorted(evidence[c] for c in shown[TAIL_KEEP_FIRST:])
        assert all(f >= t - 1e-9 for f, t in zip(floor_evidence, tail_evidence, strict=True))
        weaker += floor_evidence != tail_evidence
    assert weaker > 0  # the floor changed some list: the test would see it do nothing

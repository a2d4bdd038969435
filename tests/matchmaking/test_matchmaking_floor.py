"""The floor on the penalised places: a quiet candidate displaces a strong one only if nearly as strong.

``--floor F`` (``combine(…, floor=F)``): place by place, the best candidate by evidence minus the
penalty takes the place only if its evidence is at least F × that of the candidate the list without
the penalty would show there; else that one keeps it, unpenalised. 0 is the plain penalty, 1 the list
without it.
"""

from __future__ import annotations

import math
from itertools import pairwise

import pytest

from vdk_graph.errors import MatchError
from vdk_graph.matchmaking import suggest
from vdk_graph.matchmaking.index import MatchIndex
from vdk_graph.matchmaking.scoring import TAIL_FLOOR, TAIL_HUBNESS, TAIL_KEEP_FIRST, Weights, combine

#: Five candidates by evidence; a, b, c are hubs (exposure 1), d is nearly as strong as c and quiet, e is
#: weak and quiet.
EVIDENCE = {"a": 1.0, "b": 0.9, "c": 0.8, "d": 0.7, "e": 0.2}
RAW = {"topics": EVIDENCE, "exposure": {"a": 1.0, "b": 1.0, "c": 1.0, "d": 0.0, "e": 0.0}}
PENALISED = Weights.only("topics").with_(exposure=1.0)


def descending(scores: list[float]) -> bool:
    """Scores never rise down a list (equal up to rounding is equal)."""
    return all(higher >= lower - 1e-9 for higher, lower in pairwise(scores))


def ranked(**options: float) -> list[str]:
    return [s.iri for s in combine(RAW, PENALISED, EVIDENCE, **options)]  # type: ignore[arg-type]


def test_a_weak_quiet_candidate_does_not_displace_a_strong_one() -> None:
    """Keep one place, three after it: without the penalty b, c, d; the plain tail puts d and e (no
    exposure) above the hubs, d, e, b. With floor 0.5, d (0.7 ≥ 0.5 × 0.9) takes b's place, but e (0.2)
    takes neither b's (needs 0.45) nor c's (0.4): b and c stay, unpenalised, and the places are shown by
    score."""
    assert ranked(keep_first=1, top=4) == ["a", "d", "e", "b"]
    assert [s.iri for s in combine(RAW, Weights.only("topics"), EVIDENCE, top=4)] == ["a", "b", "c", "d"]
    floored = combine(RAW, PENALISED, EVIDENCE, keep_first=1, top=4, floor=0.5)
    assert [s.iri for s in floored] == ["a", "b", "c", "d"]
    for s in floored:  # incumbents in their places: unpenalised, their score their evidence
        assert "exposure" not in s.contributions and s.score == pytest.approx(EVIDENCE[s.iri])
    assert ranked(keep_first=1, top=3, floor=0.5) == ["a", "b", "d"]  # d displaced c; e displaced nobody
    assert ranked(keep_first=1, top=3) == ["a", "d", "e"]


def test_the_floor_compares_with_the_candidate_displaced_and_a_displacer_carries_the_penalty() -> None:
    """e (0.2) needs floor × 0.9 to take b's place and floor × 0.8 to take c's: at 0.3 neither, at 0.24
    c's only (b is placed first, then e displaces c), at 0.2 both: the plain tail's candidates, where b
    is in its own place (the best left after the penalty and without it), so shown unpenalised, first."""
    assert ranked(keep_first=1, top=4, floor=0.3) == ["a", "b", "c", "d"]
    assert ranked(keep_first=1, top=4, floor=0.24) == ["a", "b", "d", "e"]
    assert ranked(keep_first=1, top=4, floor=0.2) == ["a", "b", "d", "e"]
    assert set(ranked(keep_first=1, top=4, floor=0.2)) == set(ranked(keep_first=1, top=4))
    hub = {**RAW, "exposure": {**RAW["exposure"], "d": 0.5}}  # d displaces b, and carries its penalty
    floored = {s.iri: s for s in combine(hub, PENALISED, EVIDENCE, keep_first=1, top=3, floor=0.2)}
    assert floored["d"].contributions["exposure"] == pytest.approx(-0.5)
    assert floored["d"].score == pytest.approx(0.2)
    scores = [s.score for s in combine(hub, PENALISED, EVIDENCE, keep_first=1, floor=0.2)]
    assert descending(scores)


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
            assert [(s.iri, s.score, s.contributions) for s in one] == [
                (s.iri, s.score, s.contributions) for s in unpenalised]
    without = Weights.only("topics")  # no penalty weighed: the floor changes nothing
    assert [s.iri for s in combine(RAW, without, EVIDENCE, floor=0.5)] == ["a", "b", "c", "d", "e"]


@pytest.mark.parametrize("floor", [-0.1, 1.5, math.nan, math.inf])
def test_a_floor_outside_zero_to_one_is_refused(floor: float) -> None:
    with pytest.raises(MatchError, match="floor must be a number from 0 to 1"):
        combine(RAW, PENALISED, EVIDENCE, keep_first=1, floor=floor)


def test_the_floor_keeps_the_tail_strong_on_a_world_with_hubs(hubs_index: MatchIndex) -> None:
    """``--keep-first 8 --weights hubness=2.5 --floor 0.5``: the first eight places as without the penalty;
    each later place holds either the unpenalised list's candidate or one with at least half its evidence;
    no tail candidate is weaker than with the plain tail option, and floor 0 is that option exactly."""
    index = hubs_index
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
        scores = [s.score for s in floored.items]
        assert descending(scores), org
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

"""Partner suggestions on a hand-built ecosystem where the right answer is obvious (matchmaking_fixtures)."""

from __future__ import annotations

import pytest

from tests.matchmaking_fixtures import org
from vdk_graph.errors import AmbiguousName, MatchError, NotFound
from vdk_graph.matchmaking import Weights, match_index, resolve_organisation, suggest, suggest_for_idea
from vdk_graph.matchmaking.scoring import COLD_HEAD, COLD_UNCAPPED, combine, scores, uncapped, unit
from vdk_graph.store import MemoryStore

TOPIC = "https://w3id.org/vdk/id/topic/"


def evidence_of(suggestion, signal: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.iri for r in suggestion.reasons if r.signal == signal for e in r.evidence}


def test_the_one_sharing_topics_and_partners_and_complementing_ranks_first(match_store: MemoryStore) -> None:
    result = suggest(match_store, org("studio"))
    assert [s.iri for s in result.items][:2] == [org("uni"), org("gamesco")]
    first = result.items[0]
    assert first.kind == "knowledge" and first.score > 2 * result.items[1].score
    assert set(first.signals) >= {"project_topics", "text", "common_partners", "complementarity", "geography",
                                  "popularity", "activity"}
    assert sum(first.signals.values()) == pytest.approx(first.score)
    assert not result.cold_start


def test_existing_partners_are_never_suggested_unless_asked(match_store: MemoryStore) -> None:
    partners = {org("filmby"), org("partner")}
    plain = {s.iri for s in suggest(match_store, org("studio"), top=50).items}
    assert not plain & partners and org("studio") not in plain
    asked = suggest(match_store, org("studio"), top=50, include_partners=True).items
    shown = {s.iri: s for s in asked}
    assert partners <= set(shown) and org("studio") not in shown
    assert shown[org("filmby")].partner and not shown[org("uni")].partner
    assert shown[org("filmby")].reasons[0].text == "already partners in XR animation pilot"
    # Past partners come first when shown: they have worked together.
    assert asked[0].iri in partners


def test_the_reasons_name_the_true_evidence_and_nothing_else(match_store: MemoryStore) -> None:
    first = suggest(match_store, org("studio"), weights={"funding": 1.0}).items[0]
    # Neither states a field of its own: the topics they share are their projects' keywords, and say so.
    assert evidence_of(first, "topics") == set()
    assert evidence_of(first, "project_topics") == {TOPIC + "xr", TOPIC + "animation"}
    assert evidence_of(first, "network") == {org("filmby")}
    assert evidence_of(first, "funding") == {"https://w3id.org/vdk/id/programme/vdk"}
    assert evidence_of(first, "geography") == {"https://w3id.org/vdk/id/place/aarhus"}
    assert evidence_of(first, "complementarity") == {org("studio"), org("uni")}
    texts = [r.text for r in first.reasons]
    assert "both have projects on animation and XR" in texts
    assert "both partner with Filmby Aarhus" in texts
    assert "one is a company and one a knowledge institution" in texts
    assert "both are based in Aarhus" in texts
    assert first.why_now is not None and first.why_now.text == "active in 1 project since 2021"
    assert [e.iri for e in first.why_now.evidence] == ["https://w3id.org/vdk/id/project/lab"]
    # Copenhagen Games shares the partner and nothing else: one reason, naming that partner only.
    games = suggest(match_store, org("studio")).items[1]
    assert [r.text for r in games.reasons] == ["both partner with Filmby Aarhus"]


def test_reasons_in_danish(match_store: MemoryStore) -> None:
    first = suggest(match_store, "Nordlys Studio", lang="da").items[0]
    assert first.label == "Aarhus Animationsuniversitet"
    assert {"begge har projekter om animation og XR", "begge samarbejder med Filmby Aarhus",
            "den ene er en virksomhed og den anden en videninstitution",
            "begge har hjemsted i Aarhus"} <= {r.text for r in first.reasons}
    assert first.why_now is not None and first.why_now.text == "aktiv i 1 projekt siden 2021"


def test_a_fund_that_funds_a_partner_is_suggested_with_that_reason(match_store: MemoryStore) -> None:
    # Shared funding is not worth a fitted weight on the training worlds; weighed, it says why.
    fund = next(s for s in suggest(match_store, org("studio"), weights={"funding": 1.0}).items
                if s.iri == org("fund"))
    assert [r.text for r in fund.reasons] == ["has funded Filmby Aarhus, a partner of Nordlys Studio",
                                              "one is a company and one a fund"]


def test_filters_by_kind_and_region(match_store: MemoryStore) -> None:
    knowledge = suggest(match_store, org("studio"), kinds=["knowledge"]).items
    assert [s.iri for s in knowledge] == [org("uni"), org("school")]
    southern = suggest(match_store, org("studio"), regions=["Syddanmark"]).items
    assert {s.iri for s in southern} == {org("school"), org("fund")}
    with pytest.raises(MatchError, match="unknown kind spaceship"):
        suggest(match_store, org("studio"), kinds=["spaceship"])
    with pytest.raises(MatchError, match="Region Midtjylland"):
        suggest(match_store, org("studio"), regions=["Atlantis"])


def test_weights_live_in_one_place_and_can_be_set_per_call(match_store: MemoryStore) -> None:
    only_geography = suggest(match_store, org("studio"), weights=Weights.only("geography"))
    # The university is the only organisation in Aarhus that is not a partner yet.
    assert [s.iri for s in only_geography.items] == [org("uni")]
    assert only_geography.items[0].signals == {"geography": 1.0}
    assert Weights.parse("topics=2, geography=0").topics == 2.0
    # Changes apply to the fitted defaults of the kind of question: a cold start has its own.
    cold = suggest(match_store, "Pixel North", weights={"geography": 0.0})
    assert cold.weights == Weights.cold_start().with_(geography=0.0)
    with pytest.raises(MatchError, match="unknown signal colour"):
        Weights().with_(colour=1.0)
    with pytest.raises(MatchError, match="NAME=NUMBER"):
        Weights.parse("topics=lots")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1"])
def test_a_weight_must_be_a_finite_number_from_zero_up(value: str) -> None:
    with pytest.raises(MatchError, match="finite number"):
        Weights.changes(f"topics={value}")


def test_signals_are_measured_in_fixed_units_and_capped_before_weighing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("vdk_graph.matchmaking.scoring.UNITS", {"topics": 10.0, "text": 0.4})
    raw = {"topics": {"a": 10.0, "b": 5.0}, "text": {"b": 0.2, "c": 4.0}}
    scored = combine(raw, Weights.only("topics", "text"), ["a", "b", "c"])
    # a: 10 / 10 = 1; b: 5 / 10 + 0.2 / 0.4 = 1; c: 4 / 0.4 capped at 1. A faint hint stays faint, whatever
    # the other candidates of the question: no value is stretched to the best of this question.
    assert [(s.iri, s.score) for s in scored] == [("b", 1.0), ("a", 1.0), ("c", 1.0)]
    assert scored[0].contributions == {"topics": 0.5, "text": 0.5}


def test_equal_scores_are_ordered_by_evidence_not_the_alphabet() -> None:
    raw = {"topics": {"a": 1.0, "z": 0.5}, "text": {"z": 0.5}}
    scored = combine(raw, Weights.only("topics", "text"), ["a", "z"])
    # Equal scores: z has two signals speaking for it, a one: z first although "a" < "z".
    assert [s.iri for s in scored] == ["z", "a"]
    more = combine({"topics": {"a": 1.0, "z": 1.0}}, Weights.only("topics"), ["a", "z"],
                   evidence=lambda c: (3,) if c == "z" else (1,))
    assert [s.iri for s in more] == ["z", "a"]


def test_an_idea_finds_its_consortium_with_reasons(match_store: MemoryStore) -> None:
    result = suggest_for_idea(match_store, "A real-time animation pipeline for museums", kinds=["knowledge"])
    assert result.items[0].iri == org("uni")
    assert [t["iri"] for t in result.idea["topics"]] == [TOPIC + "animation"]  # type: ignore[index]
    texts = [r.text for r in result.items[0].reasons]
    assert "has projects on animation" in texts
    assert any(t.startswith("its projects are described in words") for t in texts)
    assert all(s.kind == "knowledge" for s in result.items)


def test_an_idea_with_a_member_looks_for_the_kinds_the_consortium_lacks(match_store: MemoryStore) -> None:
    result = suggest_for_idea(match_store, "animation for museums", topics=["XR"], members=["Nordlys Studio"])
    shown = {s.iri: s for s in result.items}
    assert org("studio") not in shown
    uni = [r.text for r in shown[org("uni")].reasons]
    assert "is a knowledge institution, which the consortium lacks" in uni
    assert "is also based in Aarhus" in uni
    assert "already works with Nordlys Studio" in [r.text for r in shown[org("filmby")].reasons]
    with pytest.raises(MatchError, match="describe the idea"):
        suggest_for_idea(match_store, "  ")


def test_organisations_are_named_by_iri_name_part_or_near_miss(match_store: MemoryStore) -> None:
    index = match_index(match_store)
    assert resolve_organisation(index, org("uni")) == org("uni")
    assert resolve_organisation(index, "Aarhus Animationsuniversitet") == org("uni")
    assert resolve_organisation(index, "nordlys studio") == org("studio")
    assert resolve_organisation(index, "Nordlys") == org("studio")
    assert resolve_organisation(index, "Nordlys Studoi") == org("studio")
    with pytest.raises(AmbiguousName) as ambiguous:
        resolve_organisation(index, "Pixel")
    assert [iri for iri, _ in ambiguous.value.candidates] == [org("pixel-north"), org("pixel-south")]
    with pytest.raises(NotFound, match="no organisation called 'Zebra Factory'"):
        resolve_organisation(index, "Zebra Factory")
    with pytest.raises(NotFound, match="no organisation <https://example.org/x>"):
        resolve_organisation(index, "https://example.org/x")


def test_a_newcomer_gets_cold_start_suggestions_that_say_so(match_store: MemoryStore) -> None:
    result = suggest(match_store, "Pixel North")
    assert result.cold_start and result.as_dict()["cold_start"] is True
    assert result.weights == Weights.cold_start()
    # Nothing is known of it but its kind: the active come first, then its complements; never the
    # organisations as empty as itself (Pixel South), which nothing speaks for.
    assert result.items[0].iri == org("filmby")
    assert org("pixel-south") not in {s.iri for s in result.items}
    for s in result.items:
        assert s.reasons[0].signal == "cold_start" and s.reasons[0].text.startswith("a cold-start suggestion")


def test_the_cold_start_head_option_weighs_popularity_more_and_still_says_cold_start(
        match_store: MemoryStore) -> None:
    plain = {s.iri: s for s in suggest(match_store, "Pixel North", top=50).items}
    head = suggest(match_store, "Pixel North", weights=COLD_HEAD)
    assert head.cold_start and head.weights == Weights.cold_start().with_(**COLD_HEAD)
    assert set(COLD_HEAD) == {"popularity"} and COLD_HEAD["popularity"] > Weights.cold_start().popularity
    factor = COLD_HEAD["popularity"] / Weights.cold_start().popularity
    popular = [s for s in head.items if "popularity" in s.signals]
    assert popular
    for s in popular:
        assert s.signals["popularity"] == pytest.approx(factor * plain[s.iri].signals["popularity"])
        assert sum(s.signals.values()) == pytest.approx(s.score)
    for s in head.items:
        assert s.reasons[0].signal == "cold_start" and s.reasons[0].text.startswith("a cold-start suggestion")


def test_an_empty_profile_is_never_a_strong_match_because_it_is_empty(match_store: MemoryStore) -> None:
    # Lonely Pixels works on games. The one other games organisation is active; the empty ones
    # (Pixel North, Pixel South: no field, no project) share nothing and are not suggested.
    result = suggest(match_store, "Lonely Pixels", top=20)
    shown = [s.iri for s in result.items]
    assert shown[:2] == [org("filmby"), org("gamesco")]
    assert not {org("pixel-north"), org("pixel-south")} & set(shown)
    games = next(s for s in result.items if s.iri == org("gamesco"))
    assert "has projects on games, which Lonely Pixels works on" in [r.text for r in games.reasons]


def test_the_json_form_has_iri_label_score_reasons_signals_and_evidence(match_store: MemoryStore) -> None:
    data = suggest(match_store, org("studio"), top=1).as_dict()
    [item] = data["suggestions"]  # type: ignore[misc]
    assert {"iri", "label", "score", "reasons", "signals", "evidence", "why_now", "why_now_evidence",
            "kind_phrase", "kinds"} <= set(item)
    assert item["reasons"][0] == item["evidence"][0]["text"]
    assert item["why_now"] == "active in 1 project since 2021"
    assert item["kind_phrase"] == "a knowledge institution"
    assert data["organisation"] == {"iri": org("studio"), "label": "Nordlys Studio", "kind": "company"}


def test_a_cold_start_may_leave_the_candidates_busyness_uncapped(match_store: MemoryStore) -> None:
    raw = {"popularity": {"hub": 3.0 * unit("popularity"), "quiet": 0.5 * unit("popularity")},
           "topics": {"hub": 2.0, "quiet": 2.0}}
    weights = Weights.only("popularity", "topics")
    capped, _ = scores(raw, weights, {"hub", "quiet"})
    loose, parts = scores(raw, weights, {"hub", "quiet"}, uncapped(True))
    # Capped, the hub counts as one unit of popularity; uncapped, as three. Topics stay capped either way.
    assert capped == {"hub": 2.0, "quiet": 1.5}
    assert loose == {"hub": 4.0, "quiet": 1.5} and parts["topics"] == {"hub": 1.0, "quiet": 1.0}
    assert uncapped(False) == frozenset() and uncapped(True) == COLD_UNCAPPED
    asked = suggest(match_store, "Pixel North", cold_uncapped=True)
    assert asked.cold_start and asked.as_dict()["filters"]["cold_uncapped"] is True
    for s in asked.items:
        assert s.reasons[0].signal == "cold_start" and sum(s.signals.values()) == pytest.approx(s.score)
    # An organisation with projects is never uncapped: its list is the default's.
    plain = suggest(match_store, org("studio"))
    option = suggest(match_store, org("studio"), cold_uncapped=True)
    assert [(s.iri, s.score) for s in option.items] == [(s.iri, s.score) for s in plain.items]

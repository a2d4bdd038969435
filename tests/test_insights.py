"""vdk_graph.insights: money flows, the ecosystem over time and where it happens, counted by hand.

The made-up ecosystem of ``tests/insights_fixtures.py`` holds one grant for every rule (a joint grant,
one without recipient, one per year, one without amount, one in SEK); the expected figures below were
worked out on paper from it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests import insights_fixtures as w
from vdk_graph import insights, queries, synth
from vdk_graph.insights import facts as insight_facts
from vdk_graph.insights.facts import Grant, Rate, Rates
from vdk_graph.insights.money import MoneyFilter, diagram, money_flows
from vdk_graph.insights.places import where
from vdk_graph.insights.years import over_time
from vdk_graph.store import MemoryStore
from vdk_graph.synth.rdf import provenance_triples, triples


@pytest.fixture(scope="module")
def plain(insights_store: MemoryStore) -> insight_facts.Facts:
    return insight_facts.read(insights_store, "en")


@pytest.fixture(scope="module")
def with_rates(insights_rates_store: MemoryStore) -> insight_facts.Facts:
    return insight_facts.read(insights_rates_store, "en")


# --------------------------------------------------------------------------- the facts


def test_the_facts_read_each_grant_once_with_all_its_funders(plain: insight_facts.Facts) -> None:
    grants = {g.iri: g for g in plain.grants}
    assert len(grants) == 6
    assert grants[w.G + "g2"].funders == tuple(sorted((w.F1, w.F2)))
    assert grants[w.G + "g3"].recipients == () and grants[w.G + "g3"].leads == (w.D,)
    assert grants[w.G + "g4"].total == Decimal(300000) and grants[w.G + "g4"].annual == Decimal(100000)
    assert grants[w.G + "g5"].total is None
    assert grants[w.G + "g6"].currency == "SEK"  # written "sek" in the source
    assert grants[w.G + "g1"].topics == {w.XR, w.VR}  # its project's topic and the broader XR
    assert plain.label(w.F1) == "Filmfonden"


def test_an_annual_amount_counts_in_every_year_of_its_period_and_a_one_off_in_its_first() -> None:
    yearly = Grant("g", annual=Decimal(10), first_year=2020, last_year=2022, currency="DKK")
    assert yearly.total == Decimal(30) and yearly.yearly() == {2020: 10, 2021: 10, 2022: 10}
    once = Grant("g", amount=Decimal(50), first_year=2021, last_year=2023, currency="DKK")
    assert once.yearly() == {2021: Decimal(50)}
    assert Grant("g", annual=Decimal(10), first_year=2020, currency="DKK").total is None  # no period


# --------------------------------------------------------------------------- money without rates


def test_without_rates_each_currency_has_its_own_diagram_and_nothing_is_added_across(
        plain: insight_facts.Facts) -> None:
    flows = money_flows(plain)
    assert not flows.has_rates
    assert [(d.currency, d.total, d.grants, d.converted) for d in flows.diagrams] == [
        ("DKK", Decimal(1300000), 2, False), ("EUR", Decimal(700000), 2, False),
        ("SEK", Decimal(50000), 1, False)]
    assert {t.currency: (t.total, t.grants, t.dkk) for t in flows.totals} == {
        "DKK": (Decimal(1300000), 2, Decimal(1300000)), "EUR": (Decimal(700000), 2, None),
        "SEK": (Decimal(50000), 1, None)}
    assert flows.without_amount == 1


def test_every_column_of_a_diagram_carries_its_whole_money(plain: insight_facts.Facts) -> None:
    for d in money_flows(plain).diagrams:
        for column in d.columns:
            if column == "project":  # a grant for no project ends at its recipient
                continue
            assert sum(n.amount for n in d.nodes if n.column == column) == d.total, (d.currency, column)
        into = {}
        for link in d.links:
            into[link.target] = into.get(link.target, Decimal(0)) + link.amount
        for node in d.nodes:
            if node.key in into:
                assert into[node.key] == node.amount, node.key


def test_two_funders_together_are_one_node_and_missing_steps_say_so(plain: insight_facts.Facts) -> None:
    dkk, eur = money_flows(plain).diagrams[:2]
    assert dkk.columns == ("funder", "programme", "recipient", "project")
    assert {n.key: n.amount for n in dkk.nodes if n.column == "programme"} == {
        f"programme:{w.PROGRAMME}": Decimal(1000000), "programme:-": Decimal(300000)}
    assert next(n for n in dkk.nodes if n.key == "programme:-").kind == "none"
    assert eur.columns == ("funder", "recipient", "project")  # no EUR grant names a programme
    keys = {n.key: n for n in eur.nodes}
    joint = keys[f"funder:{' '.join(sorted((w.F1, w.F2)))}"]
    assert joint.amount == Decimal(500000) and joint.filter() == {"funder": tuple(sorted((w.F1, w.F2)))}
    assert keys["recipient:-"].amount == Decimal(200000) and keys["recipient:-"].filter() == {}
    assert keys[f"project:{w.P3}"].amount == Decimal(200000)
    band = next(link for link in eur.links if link.source == "recipient:-")
    assert eur.link_filter(band) == {"project": (w.P3,)}


def test_a_column_no_grant_fills_is_left_out(plain: insight_facts.Facts) -> None:
    sek = next(d for d in money_flows(plain).diagrams if d.currency == "SEK")
    assert sek.columns == ("funder", "recipient")
    assert [(link.source, link.target) for link in sek.links] == [(f"funder:{w.F2}", f"recipient:{w.D}")]


def test_a_crowded_column_folds_its_smallest_nodes_into_one() -> None:
    grants = [(Grant(f"g{i}", funders=(f"https://f/{i}",), recipients=("https://r",), currency="DKK"),
               Decimal(100 - i)) for i in range(20)]
    d = diagram(grants, "DKK", False, max_nodes=5)
    funders = [n for n in d.nodes if n.column == "funder"]
    assert len(funders) == 5 and funders[-1].kind == "others" and funders[-1].folded == 16
    assert sum(n.amount for n in funders) == d.total == sum(range(81, 101))
    assert [n.iris for n in funders[:4]] == [(f"https://f/{i}",) for i in range(4)]  # the largest kept
    assert sum(link.amount for link in d.links) == d.total


def test_filters_narrow_by_years_topic_and_entities(plain: insight_facts.Facts) -> None:
    def grants(**kwargs: object) -> set[str]:
        return {line.grant.iri.rsplit("/", 1)[1] for line in money_flows(plain, MoneyFilter(**kwargs)).grants}

    assert grants() == {"g1", "g2", "g3", "g4", "g5", "g6"}
    assert grants(from_year=2021) == {"g2", "g3", "g4", "g6"}  # g4 runs 2020–2022; g5 has no year
    assert grants(to_year=2020) == {"g1", "g4"}
    assert grants(topic=w.XR) == {"g1"}  # its project is about VR, a narrower topic than XR
    assert grants(topic=w.GAMES) == {"g2", "g3"}
    assert grants(funder=(w.F1,)) == {"g1", "g2", "g4", "g5"}
    assert grants(funder=(w.F1, w.F2)) == {"g2"}  # both funders: the grant they gave together
    assert grants(recipient=(w.A,), programme=(w.PROGRAMME,)) == {"g1"}


def test_the_page_and_its_named_query_list_the_same_grants(insights_store: MemoryStore,
                                                           plain: insight_facts.Facts) -> None:
    for flt in (MoneyFilter(), MoneyFilter(from_year=2021), MoneyFilter(to_year=2020),
                MoneyFilter(topic=w.XR), MoneyFilter(from_year=2021, to_year=2021, topic=w.GAMES)):
        rows = queries.get("money-flows").run(insights_store, flt.query_params()).dicts()
        assert {r["grant"] for r in rows} == {line.grant.iri for line in money_flows(plain, flt).grants}, flt


def test_money_per_year_and_per_topic_stay_per_currency(plain: insight_facts.Facts) -> None:
    flows = money_flows(plain)
    assert {y.year: y.by_currency for y in flows.by_year} == {
        2019: {"DKK": Decimal(1000000)}, 2020: {"DKK": Decimal(100000)},
        2021: {"DKK": Decimal(100000), "EUR": Decimal(500000)},
        2022: {"DKK": Decimal(100000), "EUR": Decimal(200000), "SEK": Decimal(50000)}}
    topics = {t.topic: t.by_currency for t in flows.by_topic}
    assert topics[w.GAMES] == {"EUR": Decimal(700000)} and topics[w.XR] == {"DKK": Decimal(1000000)}


# --------------------------------------------------------------------------- money with a recorded rate


def test_a_recorded_rate_draws_one_diagram_in_dkk_and_the_rest_apart(with_rates: insight_facts.Facts) -> None:
    flows = money_flows(with_rates)
    assert flows.has_rates
    [rate] = with_rates.rates.rates
    assert (rate.currency, rate.dkk, rate.valid_from, rate.valid_through) == (
        "EUR", Decimal("7.45"), 2021, 2022)
    assert rate.source == "https://example.org/eur-rates"
    assert [(d.currency, d.total, d.converted) for d in flows.diagrams] == [
        ("DKK", Decimal(1300000) + Decimal("7.45") * 700000, True), ("SEK", Decimal(50000), False)]
    eur = next(t for t in flows.totals if t.currency == "EUR")
    assert eur.total == Decimal(700000) and eur.dkk == Decimal("5215000.00") and eur.unconverted == 0
    assert next(t for t in flows.totals if t.currency == "SEK").dkk is None


def test_a_rate_converts_only_the_years_it_holds_for() -> None:
    rates = Rates((Rate("EUR", Decimal("7.4"), 2020, 2024), Rate("EUR", Decimal("7.5"), 2022, 2022),
                   Rate("NOK", Decimal("0.7"))))
    assert rates.to_dkk(Decimal(10), "EUR", 2021) == Decimal("74.0")
    assert rates.to_dkk(Decimal(10), "EUR", 2022) == Decimal("75.0")  # the narrower rate wins
    assert rates.to_dkk(Decimal(10), "EUR", 2019) is None
    assert rates.to_dkk(Decimal(10), "EUR", None) is None  # an undated amount needs an undated rate
    assert rates.to_dkk(Decimal(10), "NOK", None) == Decimal("7.0")
    assert rates.to_dkk(Decimal(10), "DKK", None) == Decimal(10)
    spread = Grant("g", annual=Decimal(10), first_year=2021, last_year=2023, currency="EUR")
    assert rates.grant_in_dkk(spread) == Decimal("74.0") + Decimal("75.0") + Decimal("74.0")


def test_no_rate_is_ever_made_up(plain: insight_facts.Facts) -> None:
    assert not plain.rates and plain.rates.rates == ()
    assert all(not d.converted for d in money_flows(plain).diagrams)


# --------------------------------------------------------------------------- over time


def test_the_ecosystem_year_by_year(plain: insight_facts.Facts) -> None:
    timeline = over_time(plain)
    years = {y.year: y for y in timeline.years}
    assert sorted(years) == [2019, 2020, 2021, 2022]
    rows = {year: (y.projects_active, y.projects_started, y.organisations_active, y.new_partners,
                   y.returning_partners, y.partnerships, y.new_partnerships) for year, y in years.items()}
    assert rows == {
        2019: (1, 1, 2, 2, 0, 1, 1),
        2020: (1, 0, 2, 0, 0, 1, 0),
        2021: (2, 1, 3, 1, 1, 2, 1),  # Uni C new, Studio A back; (A, C) a new pair
        2022: (2, 1, 4, 1, 2, 4, 3),  # Lab D new, Studio B and Uni C back; three new pairs
    }
    assert years[2022].money == {"DKK": Decimal(100000), "EUR": Decimal(200000), "SEK": Decimal(50000)}
    assert years[2022].grants == 3
    assert timeline.undated_projects == 1 and timeline.undated_grants == 0
    assert timeline.currencies == ["DKK", "EUR", "SEK"]


# --------------------------------------------------------------------------- places


def test_where_it_happens_per_region_and_municipality(plain: insight_facts.Facts) -> None:
    places = where(plain)
    areas = {(a.level, a.iri): a for a in places.areas}
    counts = {key: (len(a.organisations), len(a.projects), dict(a.money)) for key, a in areas.items()}
    assert counts == {
        ("region", w.MIDT): (2, 2, {"DKK": Decimal(1000000)}),
        ("region", w.HOVEDSTADEN): (1, 2, {"DKK": Decimal(300000)}),
        ("region", w.SYD): (1, 2, {"EUR": Decimal(500000)}),
        # no recipient: the money of Grant three goes where its project's lead (Lab D) is based
        ("country", w.SWEDEN): (1, 1, {"EUR": Decimal(200000), "SEK": Decimal(50000)}),
        ("none", None): (2, 1, {}),  # the EU and Loner E have no place
    }
    assert [a.level for a in places.areas] == ["region", "region", "region", "country", "none"]
    cities = {a.iri: (a.within, len(a.organisations)) for a in places.municipalities}
    assert cities == {w.AARHUS: (w.MIDT, 2), w.COPENHAGEN: (w.HOVEDSTADEN, 1), w.ODENSE: (w.SYD, 1),
                      w.MALMO: (w.SWEDEN, 1)}
    assert places.organisations == 7 and places.projects == 4
    assert {w.E, w.F2} == areas[("none", None)].organisations
    assert w.P1 in areas[("region", w.MIDT)].projects and {w.P2, w.P3} == areas[("region", w.SYD)].projects
    assert w.B in areas[("region", w.HOVEDSTADEN)].organisations
    assert w.C in areas[("region", w.SYD)].organisations


def test_labels_follow_the_language(insights_store: MemoryStore) -> None:
    assert insight_facts.read(insights_store, "da").label(w.COPENHAGEN) == "København"
    assert insight_facts.read(insights_store, "en").label(w.COPENHAGEN) == "Copenhagen"


# --------------------------------------------------------------------------- once per data version


def test_each_insight_is_computed_once_per_data_version_and_again_after_a_change() -> None:
    store = w.insight_store()
    first = insights.MONEY.get(store, "en", MoneyFilter())
    assert insights.MONEY.get(store, "en", MoneyFilter()) is first
    assert insights.TIME.get(store, "en") is insights.TIME.get(store, "en")
    eco = synth.generate(12, seed=5)
    with store.transaction() as tx:
        tx.replace_graph(eco.graph_iri, provenance_triples(eco) + list(triples(eco)))
    second = insights.MONEY.get(store, "en", MoneyFilter())
    assert second is not first and len(second.grants) > len(first.grants)
    store.close()


def test_a_large_synthetic_ecosystem_adds_up(query_graph: MemoryStore) -> None:
    """The named queries' test graph (the curated data and 60 synthetic organisations)."""
    found = insight_facts.read(query_graph, "en")
    flows = money_flows(found)
    assert flows.diagrams and all(d.links for d in flows.diagrams)
    for d in flows.diagrams:
        assert sum(n.amount for n in d.nodes if n.column == "funder") == d.total
    assert len([n for d in flows.diagrams for n in d.nodes if n.column == "recipient"]) >= 5
    timeline = over_time(found)
    assert sum(y.new_partners for y in timeline.years) == len(
        {p.organisation for p in found.participations if p.first_year is not None})
    places = where(found)
    assert sum(1 for a in places.areas if a.level == "region") >= 3
    assert places.organisations == len({s.organisation for s in found.seats})


def test_many_labels_are_read_in_one_pass_and_ranked_as_for_a_few(insights_store: MemoryStore,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    few = insight_facts.read(insights_store, "da").labels
    monkeypatch.setattr(insight_facts, "MAX_IRIS", 3)  # every read now takes the one-pass way
    many = insight_facts.read(insights_store, "da").labels
    assert many == few and many[w.COPENHAGEN] == "København" and many[w.GAMES] == "Spil"

"""The ecosystem over time: organisations, projects, partnerships and money, year by year.

Counted from who took part in which project and when (``participations-by-year``)
and from the grants (``money-flows``), with these rules, which the page states:

* a project runs from its start year to its end year; one without an end is
  counted in its start year only (the data does not say it still runs), one
  without any date is left off and counted apart;
* an organisation is *active* in a year when it takes part in a project running
  that year; among the partners of the projects *starting* in a year, it is *new*
  when that is the first year it took part in any project, else *returning*;
* a *partnership* is two organisations in one project; it is *new* in the year
  their first shared project starts;
* money is counted in the year a grant starts (an annual amount in every year of
  its period), per currency, and in DKK only where the data records a rate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from vdk_graph.insights.facts import Facts
from vdk_graph.insights.money import GrantLine, money_flows


@dataclass(frozen=True)
class Year:
    year: int
    projects_active: int
    projects_started: int
    organisations_active: int
    #: Partners of the projects starting this year taking part for the first time, and the others.
    new_partners: int
    returning_partners: int
    #: Pairs of organisations working in a common project this year, and those doing so for the first time.
    partnerships: int
    new_partnerships: int
    grants: int
    money: dict[str, Decimal]
    #: All of the year's money in DKK where every amount of it converts, else None.
    money_dkk: Decimal | None


@dataclass(frozen=True)
class Timeline:
    years: list[Year]
    #: Projects with no date at all (left off the timeline).
    undated_projects: int
    #: Grants with an amount but no year.
    undated_grants: int
    #: Currencies the money columns hold, most used first.
    currencies: list[str]
    has_rates: bool


def over_time(facts: Facts) -> Timeline:
    """Year by year, from the first to the last year anything happened (years with nothing stay, as zeros)."""
    spans: dict[str, tuple[int, int]] = {}
    members: dict[str, set[str]] = defaultdict(set)
    undated: set[str] = set()
    for p in facts.participations:
        members[p.project].add(p.organisation)
        if p.first_year is None:
            undated.add(p.project)
        else:
            spans[p.project] = (p.first_year, p.last_year if p.last_year is not None else p.first_year)

    first_year: dict[str, int] = {}
    first_pair: dict[tuple[str, str], int] = {}
    for project, (start, _) in spans.items():
        for org in members[project]:
            first_year[org] = min(first_year.get(org, start), start)
        for pair in combinations(sorted(members[project]), 2):
            first_pair[pair] = min(first_pair.get(pair, start), start)

    active: dict[int, set[str]] = defaultdict(set)
    started: dict[int, set[str]] = defaultdict(set)
    for project, (start, end) in spans.items():
        started[start].add(project)
        for year in range(start, max(start, end) + 1):
            active[year].add(project)

    flows = money_flows(facts)
    money = {row.year: row for row in flows.by_year}
    lines: list[GrantLine] = [line for line in flows.grants if line.grant.total is not None]
    undated_grants = sum(1 for line in lines if not line.grant.yearly())
    years = sorted(set(active) | set(money))
    out = []
    for year in range(years[0], years[-1] + 1) if years else ():
        orgs = {o for project in active[year] for o in members[project]}
        partners = {o for project in started[year] for o in members[project]}
        new = {o for o in partners if first_year.get(o) == year}
        pairs = {pair for project in active[year] for pair in combinations(sorted(members[project]), 2)}
        row = money.get(year)
        out.append(Year(
            year=year, projects_active=len(active[year]), projects_started=len(started[year]),
            organisations_active=len(orgs), new_partners=len(new), returning_partners=len(partners - new),
            partnerships=len(pairs),
            new_partnerships=sum(1 for pair in pairs if first_pair.get(pair) == year),
            grants=row.grants if row else 0, money=row.by_currency if row else {},
            money_dkk=row.dkk if row else (Decimal(0) if flows.has_rates else None),
        ))
    return Timeline(out, len(undated - set(spans)), undated_grants, [t.currency for t in flows.totals],
                    flows.has_rates)


__all__ = ["Timeline", "Year", "over_time"]

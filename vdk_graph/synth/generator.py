"""Generating a synthetic ecosystem: communities, organisations, projects, grants, investments, memberships.

One :class:`random.Random` drives every choice, in a fixed order, and nothing
iterates a set, so the same arguments give the same ecosystem (and the same bytes).
Partners are drawn by preferential attachment from urns: an organisation goes in
once when founded and once more per project, so a uniform draw picks it with
chance ∝ 1 + past projects.
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from vdk_graph.synth import text
from vdk_graph.synth.model import (
    DEFAULT_BASE_IRI,
    SynthEcosystem,
    SynthGrant,
    SynthInvestment,
    SynthMembership,
    SynthOrganisation,
    SynthProgramme,
    SynthProject,
    iri_key,
    synthetic_root,
)
from vdk_graph.synth.parameters import (
    CITIES_BY_REGION,
    CITY_CUM,
    CITY_REGION,
    DURATION_CUM,
    DURATIONS,
    FIXED_TRIPLES,
    GRANT_SHARE,
    GROUPS,
    KEYWORD_COUNTS,
    KEYWORD_CUM,
    KEYWORD_FROM_COMMUNITY,
    LEAD_CUM,
    MEMBER_SHARE,
    MIN_ORGS,
    NEWCOMER_CHANCE,
    PARTNER_CUM,
    PROGRAMME_SHARE,
    PROJECTS_PER_ORG,
    REGION_CITY_CUM,
    SIZE_CUM,
    SIZES,
    TRIPLES_PER_ORG,
    WITHIN_COMMUNITY,
    YEARLY_GROWTH,
    cumulative,
)
from vdk_graph.synth.vocabulary import (
    CITIES,
    CLUSTER,
    COMPANY,
    FAMILIES,
    FUNDING_BODY,
    GROUP,
    INVESTOR,
    KINDS,
    MARK,
    NAME_PATTERNS,
    PROGRAMME_LINES,
    STEM_HEADS,
    STEM_TAILS,
    TOPIC_LABELS,
    TOPICS,
)

T = TypeVar("T")


def generate(orgs: int, *, seed: int = 1, first_year: int = 2008, last_year: int = 2025,
             base_iri: str = DEFAULT_BASE_IRI) -> SynthEcosystem:
    """A synthetic ecosystem of ``orgs`` organisations; the same arguments give the same ecosystem."""
    if orgs < MIN_ORGS:
        raise ValueError(f"a synthetic ecosystem needs at least {MIN_ORGS} organisations, not {orgs}")
    if last_year < first_year:
        raise ValueError(f"last_year {last_year} is before first_year {first_year}")
    return _Builder(orgs, seed, first_year, last_year, base_iri).build()


def orgs_for_triples(target: int) -> int:
    """About how many organisations give ``target`` triples (calibrated: within 5 % from 20,000 up)."""
    return max(MIN_ORGS, round((target - FIXED_TRIPLES) / TRIPLES_PER_ORG))


# --- The generator ------------------------------------------------------------------------------

@dataclass
class _Community:
    topics: list[str]
    family: str
    home: str
    weight: float


class _Builder:
    """One generation run: a single Random drives every choice, in a fixed order."""

    def __init__(self, n: int, seed: int, first_year: int, last_year: int, base: str) -> None:
        self.n, self.seed, self.base = n, seed, base
        self.rng = random.Random(seed)
        self.root = synthetic_root(base)
        self.years = list(range(first_year, last_year + 1))
        self.year_weights = [YEARLY_GROWTH ** i for i in range(len(self.years))]
        # Urns for preferential attachment: an organisation is put in once when founded and once
        # more per project, so a uniform draw picks it with chance ∝ 1 + past projects.
        self.urn_cg: dict[tuple[int, str], list[int]] = {}
        self.urn_c: dict[int, list[int]] = {}
        self.urn_all: list[int] = []
        #: Organisations without a project yet, per community, oldest first.
        self.newcomers: dict[int, collections.deque[int]] = {}
        self.in_projects: set[int] = set()

    def build(self) -> SynthEcosystem:
        self.communities = self._communities()
        self.orgs = self._organisations()
        self.by_kind: dict[str, list[int]] = {}
        for i, org in enumerate(self.orgs):
            self.by_kind.setdefault(org.kind, []).append(i)
        self.programmes = self._programmes()
        projects, grants = self._projects()
        return SynthEcosystem(
            orgs=self.orgs, projects=projects, grants=grants, investments=self._investments(),
            memberships=self._memberships(), base=self.base, seed=self.seed, programmes=self.programmes,
            communities={i: c.topics for i, c in enumerate(self.communities)},
            first_year=self.years[0], last_year=self.years[-1],
        )

    # Small helpers
    def _pick(self, items: Sequence[T], cum: Sequence[float]) -> T:
        """random.choices for one item, with precomputed cumulative weights (choices is slow)."""
        return items[bisect.bisect(cum, self.rng.random() * cum[-1], 0, len(items) - 1)]

    def _stem(self) -> str:
        return self.rng.choice(STEM_HEADS) + self.rng.choice(STEM_TAILS)

    def _day(self, year: int) -> dt.date:
        day = 1 if self.rng.random() < 0.6 else self.rng.randint(2, 28)
        return dt.date(year, self.rng.randint(1, 12), day)

    def _by_community(self, kind: str) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i in self.by_kind.get(kind, []):
            out.setdefault(self.orgs[i].community, []).append(i)
        return out

    def _communities(self) -> list[_Community]:
        by_family: dict[str, list[str]] = {}
        for family, en, _ in TOPICS:
            by_family.setdefault(family, []).append(en)
        families, family_cum = list(FAMILIES), cumulative(FAMILIES.values())
        out = []
        for _ in range(max(3, round(math.sqrt(self.n) / 3))):
            main = self._pick(families, family_cum)
            second = self.rng.choice([f for f in families if f != main])
            topics = (self.rng.sample(by_family[main], self.rng.randint(3, 4))
                      + self.rng.sample(by_family[second], self.rng.randint(1, 2))
                      + self.rng.sample(by_family["business"], self.rng.randint(1, 2)))
            out.append(_Community(topics, main, self._pick(CITIES, CITY_CUM)[0], self.rng.uniform(0.5, 1.5)))
        return out

    def _organisations(self) -> list[SynthOrganisation]:
        kinds: list[str] = []
        for kind, share, minimum, _ in KINDS:
            kinds += [kind] * max(minimum, round(share * self.n))
        kinds += [COMPANY] * (self.n - len(kinds))
        self.rng.shuffle(kinds)
        k = len(self.communities)
        cum = cumulative(c.weight for c in self.communities)
        year_cum = cumulative(self.year_weights)
        orgs = []
        for i, kind in enumerate(kinds):
            c = i if i < k else self._pick(range(k), cum)  # every community gets someone
            community = self.communities[c]
            r = self.rng.random()
            if r < 0.45:
                city = community.home
            elif r < 0.65:
                region = CITY_REGION[community.home]
                city = self._pick(CITIES_BY_REGION[region], REGION_CITY_CUM[region])[0]
            else:
                city = self._pick(CITIES, CITY_CUM)[0]
            if kind == COMPANY and self.rng.random() > 0.45:
                founded = self._pick(self.years, year_cum)
            else:
                founded = self.rng.randint(min(1950, self.years[0] - 1), self.years[0] - 1)
            name = self.rng.choice(NAME_PATTERNS[kind]).format(s=self._stem())
            orgs.append(SynthOrganisation(
                iri=f"{self.root}organisation/o{i + 1:06d}", label=f"{name} {i + 1:04d}{MARK}", kind=kind,
                community=c, city=city, topics=self.rng.sample(community.topics, self.rng.randint(2, 4)),
                founded=founded,
            ))
        return orgs

    def _programmes(self) -> list[SynthProgramme]:
        funders = self.by_kind[FUNDING_BODY]
        out: list[SynthProgramme] = []
        for line_no, line in enumerate(PROGRAMME_LINES):
            for y0 in range(self.years[0] + 2 * line_no, self.years[-1] + 1, 4):
                y1 = min(y0 + 3, self.years[-1])
                funder = self.orgs[self.rng.choice(funders)].iri
                label = f"{self._stem()} {line} Programme {y0}–{y1}{MARK}"
                iri = f"{self.root}programme/pr{len(out) + 1:02d}"
                out.append(SynthProgramme(iri, label, funder, y0, y1))
        return out

    def _projects(self) -> tuple[list[SynthProject], list[SynthGrant]]:
        total = round(PROJECTS_PER_ORG * self.n)
        scale = total / sum(self.year_weights)
        counts = [int(w * scale) for w in self.year_weights]
        by_remainder = sorted(range(len(counts)), key=lambda i: (counts[i] - self.year_weights[i] * scale, i))
        for i in by_remainder[: total - sum(counts)]:
            counts[i] += 1
        joining = collections.deque(
            sorted((org.founded, i) for i, org in enumerate(self.orgs) if GROUP[org.kind] != "finance"))
        self.fallback = [i for _, i in joining]
        community_cum = cumulative(c.weight for c in self.communities)
        self.funders = self._by_community(FUNDING_BODY)
        projects: list[SynthProject] = []
        grants: list[SynthGrant] = []
        for year, count in zip(self.years, counts, strict=True):
            while joining and joining[0][0] <= year:
                i = joining.popleft()[1]
                self._enter(i)
                self.newcomers.setdefault(self.orgs[i].community, collections.deque()).append(i)
            programmes = [p for p in self.programmes if p.start_year <= year <= p.end_year]
            for _ in range(count):
                community = self._pick(range(len(self.communities)), community_cum)
                project = self._project(len(projects) + 1, year, community, programmes)
                projects.append(project)
                if self.rng.random() < GRANT_SHARE:
                    grants.append(self._grant(project))
        return projects, grants

    def _enter(self, i: int) -> None:
        org = self.orgs[i]
        self.urn_cg.setdefault((org.community, GROUP[org.kind]), []).append(i)
        self.urn_c.setdefault(org.community, []).append(i)
        self.urn_all.append(i)

    def _draw(self, *urns: list[int] | None) -> int | None:
        for urn in urns:
            if urn:
                return urn[int(self.rng.random() * len(urn))]
        return None

    def _newcomer(self, community: int) -> int | None:
        queue = self.newcomers.get(community)
        while queue and queue[0] in self.in_projects:
            queue.popleft()
        return queue[0] if queue else None

    def _partners(self, c: int) -> list[int]:
        """The lead (first) and the partners of one project led from community ``c``."""
        rng = self.rng
        lead = self._draw(self.urn_cg.get((c, self._pick(GROUPS, LEAD_CUM))), self.urn_c.get(c), self.urn_all)
        lead = self.fallback[0] if lead is None else lead
        c, lead_group = self.orgs[lead].community, GROUP[self.orgs[lead].kind]
        size = self._pick(SIZES, SIZE_CUM)
        if lead_group == "knowledge":  # universities lead the big consortia
            size = max(size, self._pick(SIZES, SIZE_CUM))
        other = c  # partners from across come from one other community, chosen by its activity
        for _ in range(3):
            drawn = self._draw(self.urn_all)
            if drawn is not None and self.orgs[drawn].community != c:
                other = self.orgs[drawn].community
                break
        chosen, seen = [lead], {lead}
        for _ in range(size * 6):
            if len(chosen) == size:
                break
            group = self._pick(GROUPS, PARTNER_CUM[lead_group])
            home = c if rng.random() < WITHIN_COMMUNITY else other
            if rng.random() < NEWCOMER_CHANCE:
                pick = self._newcomer(home)
            else:
                pick = self._draw(self.urn_cg.get((home, group)), self.urn_c.get(home))
            if pick is not None and pick not in seen:
                seen.add(pick)
                chosen.append(pick)
        for pick in self.fallback:  # a tiny ecosystem in its first year
            if len(chosen) >= 2:
                break
            if pick not in seen:
                seen.add(pick)
                chosen.append(pick)
        for i in chosen:
            self._enter(i)
            self.in_projects.add(i)
        return chosen

    def _project(self, number: int, year: int, c: int, programmes: list[SynthProgramme]) -> SynthProject:
        rng = self.rng
        chosen = self._partners(c)
        community = self.communities[self.orgs[chosen[0]].community]
        keywords: list[str] = []
        wanted = self._pick(KEYWORD_COUNTS, KEYWORD_CUM)
        while len(keywords) < wanted:
            label = rng.choice(community.topics if rng.random() < KEYWORD_FROM_COMMUNITY else TOPIC_LABELS)
            if label not in keywords:
                keywords.append(label)
        start = self._day(year)
        years = self._pick(DURATIONS, DURATION_CUM)
        end = dt.date(start.year + years, start.month, start.day) - dt.timedelta(days=1)
        codename = f"{self._stem()} {number}"
        programme = rng.choice(programmes).iri if programmes and rng.random() < PROGRAMME_SHARE else None
        title = text.title(rng, codename, keywords)
        description = text.description(rng, codename, keywords, len(chosen), years, community.family)
        return SynthProject(
            iri=f"{self.root}project/p{number:06d}", title=title, start=start, end=end,
            lead=self.orgs[chosen[0]].iri, partners=[self.orgs[i].iri for i in chosen], topics=keywords,
            description=description, programme=programme, codename=codename,
        )

    def _grant(self, project: SynthProject) -> SynthGrant:
        rng = self.rng
        if project.programme:
            funder = next(p.funder for p in self.programmes if p.iri == project.programme)
        else:
            local = self.funders.get(self.orgs[_index(project.lead)].community)
            pool = local if local and rng.random() < 0.6 else self.by_kind[FUNDING_BODY]
            funder = self.orgs[rng.choice(pool)].iri
        amount = rng.lognormvariate(math.log(1_500_000), 0.8) * (0.6 + 0.1 * len(project.partners))
        return SynthGrant(
            iri=f"{self.root}grant/g{iri_key(project.iri)[1:]}", label=f"Grant for {project.codename}{MARK}",
            funder=funder, recipient=project.lead, project=project.iri, amount=_round_money(amount, 50_000),
            start=project.start, end=project.end, programme=project.programme,
        )

    def _investments(self) -> list[SynthInvestment]:
        rng = self.rng
        investors, companies = self.by_kind[INVESTOR], self.by_kind[COMPANY]
        by_community = self._by_community(COMPANY)
        out = []
        for number in range(1, max(1, round(self.n / 20)) + 1):
            investor = self.orgs[rng.choice(investors)]
            local = by_community.get(investor.community)
            investee = self.orgs[rng.choice(local if local and rng.random() < 0.8 else companies)]
            day = self._day(rng.randint(max(self.years[0], investee.founded), self.years[-1]))
            amount = rng.lognormvariate(math.log(3_000_000), 1.0)
            out.append(SynthInvestment(
                iri=f"{self.root}investment/i{number:06d}",
                label=f"Investment by {investor.name} in {investee.name}, {day.year}{MARK}",
                investor=investor.iri, investee=investee.iri, amount=_round_money(amount, 100_000),
                date=day, stake=f"{rng.uniform(5, 45):.1f}",
            ))
        return out

    def _memberships(self) -> list[SynthMembership]:
        rng = self.rng
        clusters, companies = self.by_kind[CLUSTER], self.by_kind[COMPANY]
        local_clusters = self._by_community(CLUSTER)
        local_companies = self._by_community(COMPANY)
        pairs: list[tuple[int, int]] = []
        for i in companies:
            if rng.random() < MEMBER_SHARE:
                local = local_clusters.get(self.orgs[i].community)
                pairs.append((i, rng.choice(local if local and rng.random() < 0.7 else clusters)))
        with_members = {cluster for _, cluster in pairs}
        for cluster in clusters:  # every cluster has members
            if cluster not in with_members:
                pool = local_companies.get(self.orgs[cluster].community) or companies
                pairs.append((rng.choice(pool), cluster))
        out = []
        for member, cluster_org in ((self.orgs[m], self.orgs[c]) for m, c in pairs):
            out.append(SynthMembership(
                iri=f"{self.root}membership/{iri_key(member.iri)}--{iri_key(cluster_org.iri)}",
                label=f"{member.name} member of {cluster_org.name}{MARK}", member=member.iri,
                cluster=cluster_org.iri,
                since=rng.randint(max(self.years[0], member.founded), self.years[-1]),
            ))
        return out


def _round_money(amount: float, minimum: int) -> int:
    """Whole tens of thousands of DKK, at least ``minimum``."""
    return max(minimum, round(amount / 10_000) * 10_000)


def _index(iri: str) -> int:
    """The list position of a generated organisation (o000123 → 122)."""
    return int(iri_key(iri)[1:]) - 1

"""A second synthetic world: hubs, preferential attachment, repeat partners and partners of partners.

Synthetic, like everything in :mod:`vdk_graph.synth`: minted under ``{base}synthetic/``,
flagged ``vdk:synthetic true``, every name marked "(synthetic)", never written into
``data/``. It exists so that matchmaking is not judged only on the world it was
built next to (:func:`vdk_graph.synth.generate`, planted communities). This one
has *no* communities; who works with whom comes from other mechanisms, with other
parameters (:class:`HubParameters`):

- organisations have a home topic family and 1–4 own fields mostly from it, a
  city (some near their family's centre), and a founding year — new companies keep
  arriving;
- a few **hubs** (cluster organisations, big universities, a national institute)
  join a large share of all projects, across topics;
- each project has a lead drawn by **preferential attachment** on its partners so
  far (``(1 + degree)^alpha``), and fills its slots by one of: **repeat** (a past
  partner of the lead, by shared projects), **triadic closure** (a partner of a
  partner), a **hub**, a **newcomer** (an organisation with no project yet, by
  topic and place), or an **open call**: most calls are *topical* (one of the
  project's keywords is picked and only organisations with that field apply),
  the rest open to anyone weighted by ``exp(beta · topic similarity)``; either
  way weighted by preferential attachment × a place bonus × a company ↔
  knowledge-institution bonus;
- about ``0.45 · n`` projects over the years (≈ 675 for 1,500 organisations),
  growing 6 % a year; keywords from the lead's fields, texts written from them.

The knobs and their defaults are :mod:`vdk_graph.synth.hubs_parameters`.

Randomness: one :class:`numpy.random.Generator` seeded with ``seed`` drives every
choice in a fixed order, so the same arguments give the same world.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from typing import TypeVar

import numpy as np

from vdk_graph.synth import text
from vdk_graph.synth.hubs_parameters import HubParameters, random_parameters
from vdk_graph.synth.model import (
    DEFAULT_BASE_IRI,
    SynthEcosystem,
    SynthGrant,
    SynthInvestment,
    SynthMembership,
    SynthOrganisation,
    SynthProject,
    iri_key,
    synthetic_root,
)
from vdk_graph.synth.parameters import MIN_ORGS
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
    STEM_HEADS,
    STEM_TAILS,
    TOPICS,
)
from vdk_graph.vocab import VDK

MODEL = "hubs"
T = TypeVar("T")

__all__ = ["MODEL", "HubParameters", "generate", "random_parameters"]


def generate(orgs: int, *, seed: int = 1, first_year: int = 2008, last_year: int = 2025,
             base_iri: str = DEFAULT_BASE_IRI, parameters: HubParameters | None = None) -> SynthEcosystem:
    """A hubs-and-attachment ecosystem of ``orgs`` organisations; the same arguments give the same world."""
    if orgs < MIN_ORGS:
        raise ValueError(f"a synthetic ecosystem needs at least {MIN_ORGS} organisations, not {orgs}")
    if last_year < first_year:
        raise ValueError(f"last_year {last_year} is before first_year {first_year}")
    return _World(orgs, seed, first_year, last_year, base_iri, parameters or HubParameters()).build()


class _World:
    """One generation run: every random choice from one numpy Generator, in a fixed order."""

    def __init__(self, n: int, seed: int, first_year: int, last_year: int, base: str,
                 params: HubParameters) -> None:
        self.n, self.seed, self.base, self.p = n, seed, base, params
        self.rng = np.random.default_rng(seed)
        self.root = synthetic_root(base)
        self.years = list(range(first_year, last_year + 1))
        self.py = _Py(self.rng)

    # --- small helpers
    def _choice(self, items: list[str] | tuple[str, ...]) -> str:
        return items[int(self.rng.integers(len(items)))]

    def _stem(self) -> str:
        return self._choice(STEM_HEADS) + self._choice(STEM_TAILS)

    def _weighted(self, weights: np.ndarray) -> int | None:
        total = float(weights.sum())
        if total <= 0:
            return None
        return int(np.searchsorted(np.cumsum(weights), self.rng.random() * total, side="right"))

    def _day(self, year: int) -> dt.date:
        return dt.date(year, int(self.rng.integers(1, 13)), 1 if self.rng.random() < 0.6 else
                       int(self.rng.integers(2, 29)))

    # --- the world
    def build(self) -> SynthEcosystem:
        self._organisations()
        projects = self._projects()
        grants = self._grants(projects)
        families = sorted(FAMILIES)
        return SynthEcosystem(
            orgs=self.orgs, projects=projects, grants=grants, investments=self._investments(),
            memberships=self._memberships(), base=self.base, seed=self.seed,
            communities={i: [en for fam, en, _ in TOPICS if fam == f] for i, f in enumerate(families)},
            first_year=self.years[0], last_year=self.years[-1], model=MODEL,
        )

    def _organisations(self) -> None:
        p, n = self.p, self.n
        kinds: list[str] = []
        for kind, share, minimum, _ in KINDS:
            kinds += [kind] * max(minimum, round(share * n))
        kinds += [COMPANY] * (n - len(kinds))
        order = self.rng.permutation(len(kinds))
        kinds = [kinds[i] for i in order]
        families = sorted(FAMILIES)
        family_weights = np.array([FAMILIES[f] for f in families], dtype=float)
        by_family = {f: [en for fam, en, _ in TOPICS if fam == f] for f in families}
        self.topic_labels = [en for _, en, _ in TOPICS]
        topic_index = {label: i for i, label in enumerate(self.topic_labels)}
        city_names = [c for c, _, _ in CITIES]
        city_weights = np.array([w for _, _, w in CITIES], dtype=float)
        centre = {f: city_names[self._weighted(city_weights) or 0] for f in families}
        self.region_of = {c: r for c, r, _ in CITIES}
        self.orgs: list[SynthOrganisation] = []
        fields = np.zeros((n, len(self.topic_labels)))
        self.family = np.zeros(n, dtype=int)
        for i, kind in enumerate(kinds):
            fam = self._weighted(family_weights) or 0
            self.family[i] = fam
            count = int(self.rng.integers(1, 5))
            chosen: list[str] = []
            while len(chosen) < count:
                pool = by_family[families[fam]] if self.rng.random() < p.home_fields else self.topic_labels
                label = self._choice(pool)
                if label not in chosen:
                    chosen.append(label)
            for label in chosen:
                fields[i, topic_index[label]] = 1.0
            city = (centre[families[fam]] if self.rng.random() < p.clustered_places
                    else city_names[self._weighted(city_weights) or 0])
            if kind == COMPANY and self.rng.random() < p.new_companies:
                founded = int(self.rng.integers(self.years[0], self.years[-1] + 1))
            else:
                founded = int(self.rng.integers(1950, self.years[0]))
            name = self._choice(NAME_PATTERNS[kind]).format(s=self._stem())
            self.orgs.append(SynthOrganisation(
                iri=f"{self.root}organisation/o{i + 1:06d}", label=f"{name} {i + 1:04d}{MARK}", kind=kind,
                community=fam, city=city, topics=chosen, founded=founded,
            ))
        norms = np.linalg.norm(fields, axis=1, keepdims=True)
        self.fields = fields / np.maximum(norms, 1e-9)
        self.topic_index = topic_index
        self.kinds = kinds
        self.group = np.array([{"company": 0, "knowledge": 1}.get(GROUP[k], 2) for k in kinds])
        self.partnering = np.array([GROUP[k] != "finance" for k in kinds])
        self.founded = np.array([o.founded for o in self.orgs])
        self.city = np.array([city_names.index(o.city) for o in self.orgs])
        regions = sorted({r for _, r, _ in CITIES})
        self.region = np.array([regions.index(self.region_of[o.city]) for o in self.orgs])
        # Hubs: clusters, universities and a few companies, the oldest first.
        hub_count = max(3, round(p.hub_share * n)) if p.hub_share > 0 else 0
        candidates = [i for i, k in enumerate(kinds) if k in (CLUSTER, str(VDK.University))]
        candidates += [i for i, k in enumerate(kinds) if k == COMPANY and self.founded[i] < self.years[0]][:5]
        self.hubs = np.array(sorted(candidates[:hub_count] if hub_count else []), dtype=int)
        for h in self.hubs:
            self.founded[h] = min(self.founded[h], self.years[0] - 1)
            self.orgs[h].founded = int(self.founded[h])

    def _projects(self) -> list[SynthProject]:
        p, n = self.p, self.n
        weights = [p.yearly_growth ** i for i in range(len(self.years))]
        total = max(len(self.years), round(p.projects_per_org * n))
        counts = [max(1, round(total * w / sum(weights))) for w in weights]
        self.degree = np.zeros(n)
        self.shared: dict[int, dict[int, int]] = {}
        self.in_projects = np.zeros(n, dtype=bool)
        projects: list[SynthProject] = []
        for year, count in zip(self.years, counts, strict=True):
            present = self.partnering & (self.founded <= year)
            for _ in range(count):
                projects.append(self._project(len(projects) + 1, year, present))
        return projects

    def _project(self, number: int, year: int, present: np.ndarray) -> SynthProject:
        p, rng = self.p, self.rng
        attach = (1.0 + self.degree) ** p.alpha * present
        lead = self._weighted(attach * np.where(self.in_projects, 1.0, 0.3))
        lead = int(np.flatnonzero(present)[0]) if lead is None else lead
        own = list(self.orgs[lead].topics)
        keywords = [self._choice(own)]
        wanted = 2 + int(rng.random() < 0.5)
        while len(keywords) < wanted:
            label = self._choice(own) if rng.random() < 0.7 else self._choice(self.topic_labels)
            if label not in keywords:
                keywords.append(label)
        vector = np.zeros(self.fields.shape[1])
        for label in keywords:
            vector[self.topic_index[label]] = 1.0
        similarity = self.fields @ (vector / np.linalg.norm(vector))
        size = int(min(10, 2 + rng.geometric(0.45)))
        chosen = [lead]
        taken = np.zeros(self.n, dtype=bool)
        taken[lead] = True
        fit = np.exp(p.beta * similarity)
        place = np.where(self.city == self.city[lead], p.same_city,
                         np.where(self.region == self.region[lead], p.same_region, 1.0))
        lead_group = self.group[lead]
        pair = {0: 1, 1: 0}.get(int(lead_group), -1)
        kind_bonus = np.where(self.group == pair, p.complement, 1.0)
        open_call = attach * fit * place * kind_bonus
        columns = [self.topic_index[label] for label in keywords]
        topical = [attach * place * kind_bonus * (self.fields[:, c] > 0) for c in columns]
        for _ in range(size * 4):
            if len(chosen) >= size:
                break
            call = topical[int(rng.integers(len(topical)))] if rng.random() < p.topical else open_call
            pick = self._slot(lead, present, taken, call, fit * place)
            if pick is not None and not taken[pick]:
                taken[pick] = True
                chosen.append(pick)
        if len(chosen) < 2:
            rest = np.flatnonzero(present & ~taken)
            if len(rest):
                chosen.append(int(rest[int(rng.integers(len(rest)))]))
        for a in chosen:
            self.in_projects[a] = True
            for b in chosen:
                if a != b:
                    row = self.shared.setdefault(a, {})
                    if b not in row:
                        self.degree[a] += 1
                    row[b] = row.get(b, 0) + 1
        start = self._day(year)
        years = int(rng.integers(1, 4))
        end = dt.date(start.year + years, start.month, start.day) - dt.timedelta(days=1)
        codename = f"{self._stem()} {number}"
        family = sorted(FAMILIES)[int(self.family[lead])]
        return SynthProject(
            iri=f"{self.root}project/p{number:06d}", title=text.title(self.py, codename, keywords),
            start=start, end=end, lead=self.orgs[lead].iri, partners=[self.orgs[i].iri for i in chosen],
            topics=keywords,
            description=text.description(self.py, codename, keywords, len(chosen), years, family),
            codename=codename,
        )

    def _slot(self, lead: int, present: np.ndarray, taken: np.ndarray, open_call: np.ndarray,
              newcomer_fit: np.ndarray) -> int | None:
        """One partner slot, by the mechanism drawn for it (see the module docstring)."""
        p, rng = self.p, self.rng
        r = rng.random()
        if r < p.p_repeat:
            past = self.shared.get(lead, {})
            options = [o for o in sorted(past) if not taken[o] and present[o]]
            if options:
                return options[self._weighted(np.array([past[o] for o in options], dtype=float)) or 0]
        elif r < p.p_repeat + p.p_triadic:
            partners = sorted(self.shared.get(lead, {}))
            if partners:
                middle = partners[int(rng.integers(len(partners)))]
                options = [o for o in sorted(self.shared.get(middle, {})) if not taken[o] and present[o]]
                if options:
                    return options[int(rng.integers(len(options)))]
        elif r < p.p_repeat + p.p_triadic + p.p_hub:
            hubs = [int(h) for h in self.hubs if not taken[h] and present[h]]
            if hubs:
                return hubs[int(rng.integers(len(hubs)))]
        elif r < p.p_repeat + p.p_triadic + p.p_hub + p.p_newcomer:
            fresh = present & ~self.in_projects & ~taken
            pick = self._weighted(newcomer_fit * fresh)
            if pick is not None:
                return pick
        return self._weighted(open_call * ~taken)

    def _grants(self, projects: list[SynthProject]) -> list[SynthGrant]:
        funders = [i for i, k in enumerate(self.kinds) if k == FUNDING_BODY]
        out = []
        for project in projects:
            if self.rng.random() < 0.35 and funders:
                funder = self.orgs[funders[int(self.rng.integers(len(funders)))]]
                amount = int(round(float(self.rng.lognormal(math.log(1_200_000), 0.8)) / 10_000) * 10_000)
                out.append(SynthGrant(
                    iri=f"{self.root}grant/g{iri_key(project.iri)[1:]}",
                    label=f"Grant for {project.codename}{MARK}", funder=funder.iri, recipient=project.lead,
                    project=project.iri, amount=max(50_000, amount), start=project.start, end=project.end,
                ))
        return out

    def _investments(self) -> list[SynthInvestment]:
        investors = [i for i, k in enumerate(self.kinds) if k == INVESTOR]
        companies = [i for i, k in enumerate(self.kinds) if k == COMPANY]
        out = []
        for number in range(1, max(1, round(self.n / 25)) + 1):
            investor = self.orgs[investors[int(self.rng.integers(len(investors)))]]
            investee = self.orgs[companies[int(self.rng.integers(len(companies)))]]
            year = int(self.rng.integers(max(self.years[0], investee.founded), self.years[-1] + 1))
            day = self._day(year)
            out.append(SynthInvestment(
                iri=f"{self.root}investment/i{number:06d}",
                label=f"Investment by {investor.name} in {investee.name}, {day.year}{MARK}",
                investor=investor.iri, investee=investee.iri,
                amount=max(100_000, int(round(float(self.rng.lognormal(math.log(2_500_000), 1.0)) / 100_000)
                                        * 100_000)),
                date=day, stake=f"{float(self.rng.uniform(5, 45)):.1f}",
            ))
        return out

    def _memberships(self) -> list[SynthMembership]:
        clusters = [i for i, k in enumerate(self.kinds) if k == CLUSTER]
        out = []
        for i, kind in enumerate(self.kinds):
            if kind == COMPANY and clusters and self.rng.random() < 0.25:
                c = clusters[int(self.rng.integers(len(clusters)))]
                member, cluster = self.orgs[i], self.orgs[c]
                out.append(SynthMembership(
                    iri=f"{self.root}membership/{iri_key(member.iri)}--{iri_key(cluster.iri)}",
                    label=f"{member.name} member of {cluster.name}{MARK}", member=member.iri,
                    cluster=cluster.iri,
                    since=int(self.rng.integers(max(self.years[0], member.founded), self.years[-1] + 1)),
                ))
        return out


class _Py(random.Random):
    """A :class:`random.Random` whose choices come from the world's numpy Generator (for synth.text)."""

    def __init__(self, rng: np.random.Generator) -> None:
        super().__init__(0)
        self._numpy = rng

    def random(self) -> float:
        return float(self._numpy.random())

    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]
        return seq[int(self._numpy.integers(len(seq)))]

"""Likely duplicates that entity resolution did not merge: ``vdk-graph duplicates``.

Resolution merges names only when their keys are equal (or a curator said so
in ``data/aliases.csv``), because a wrong merge silently corrupts the graph.
What it leaves apart but probably should not, this module finds for a curator
to confirm: names whose keys are close (rapidfuzz similarity, 0–100), and
organisations that share a CVR number or a website yet are different nodes.
Each candidate can be written as a row ready to paste into the alias file.

Comparing every pair of 10,000 organisations would be 50 million comparisons,
so candidates are first *blocked*: only names that share a word (one that is
not too common to tell names apart) or their first four letters are compared.
Pairs a curator marked as different (``different_from`` in the alias file, under
any of their names), and
pairs the data itself says are distinct (one is part of, owned by or formed
from the other), are not listed.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from vdk_graph.importers.resolution import normalise_cvr, normalise_website, organisation_classes
from vdk_graph.names import name_key
from vdk_graph.namespaces import VDK_NS
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store

#: Default lowest score listed: "Aarhus Universitet"/"Aalborg Universitet" (81) stay out,
#: "Det Danske Filminstitut"/"Danish Film Institute" (85) come in.
MIN_SCORE = 85.0
#: A word shared by more names than this does not tell them apart ("film", "kommune").
MAX_BLOCK = 100
#: A name inside another scores 100 × (its share of the longer name's letters) ** this:
#: "Nordisk Games" in "Nordisk Film Games" 92,
#: "Vision Denmark" in "Vision Denmark Creative Business Alliance" 76.
SUBSET_EXPONENT = 0.25
#: The highest score of two names whose numbers differ.
DIFFERENT_NUMBERS = 50.0
_NUMBERS = re.compile(r"\d+")


@dataclass(frozen=True)
class OrgRecord:
    """An organisation as the duplicate finder sees it."""

    iri: str
    #: Its display label first, then its other names.
    names: tuple[str, ...]
    cvr: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    #: How many named graphs mention it: the better-attested node is proposed as the one to keep.
    graphs: int = 1

    @property
    def label(self) -> str:
        return self.names[0] if self.names else self.iri


@dataclass(frozen=True)
class Duplicate:
    """Two nodes that are probably one organisation; ``keep`` is the better-attested one."""

    score: float
    reason: str
    keep: OrgRecord
    merge: OrgRecord

    def alias_row(self) -> dict[str, str]:
        """The row for ``data/aliases.csv`` that would merge ``merge`` into ``keep`` on the next build."""
        return {
            "name": self.merge.label,
            "same_as": self.keep.label,
            "different_from": "",
            "note": f"vdk-graph duplicates: {self.reason}, score {self.score:.0f}; "
            f"<{self.merge.iri}> into <{self.keep.iri}>",
        }

    def as_dict(self) -> dict[str, object]:
        return {
            "score": round(self.score, 1),
            "reason": self.reason,
            "keep": self.keep.iri,
            "keep_label": self.keep.label,
            "merge": self.merge.iri,
            "merge_label": self.merge.label,
        }


@dataclass
class _Best:
    score: float = -1.0
    reason: str = ""


@dataclass
class DuplicateFinder:
    """Candidates among records; pairs in ``different`` (name keys) or ``related`` (IRIs) are skipped."""

    records: list[OrgRecord]
    different: set[frozenset[str]] = field(default_factory=set)
    related: set[frozenset[str]] = field(default_factory=set)
    min_score: float = MIN_SCORE

    def find(self) -> list[Duplicate]:
        best: dict[tuple[int, int], _Best] = defaultdict(_Best)
        self._identifiers(best)
        self._names(best)
        found = []
        for (i, j), hit in best.items():
            a, b = self.records[i], self.records[j]
            if hit.score < self.min_score or frozenset((a.iri, b.iri)) in self.related:
                continue
            if self._confirmed_different(a, b):
                continue
            keep, merge = (a, b) if (a.graphs, -i) >= (b.graphs, -j) else (b, a)
            found.append(Duplicate(hit.score, hit.reason, keep, merge))
        return sorted(found, key=lambda d: (-d.score, d.keep.label, d.merge.label))

    def _confirmed_different(self, a: OrgRecord, b: OrgRecord) -> bool:
        """A curator said one of a's names and one of b's are two organisations (any of their names)."""
        if not self.different:
            return False
        keys_a, keys_b = {name_key(n) for n in a.names}, {name_key(n) for n in b.names}
        return any(frozenset((x, y)) in self.different for x in keys_a for y in keys_b)

    def _identifiers(self, best: dict[tuple[int, int], _Best]) -> None:
        for what, values in (
            ("CVR", lambda r: [normalise_cvr(c) for c in r.cvr]),
            ("website", lambda r: [normalise_website(w) for w in r.websites]),
        ):
            owners: dict[str, list[int]] = defaultdict(list)
            for i, record in enumerate(self.records):
                for value in set(values(record)):
                    if value:
                        owners[value].append(i)
            for value, group in owners.items():
                for i, j in itertools.combinations(sorted(group), 2):
                    hit = best[(i, j)]
                    if hit.score < 100:
                        hit.score, hit.reason = 100.0, f"same {what} {value}"

    def _names(self, best: dict[tuple[int, int], _Best]) -> None:
        keys = [
            (i, key)
            for i, record in enumerate(self.records)
            for key in dict.fromkeys(name_key(n) for n in record.names)
            if key
        ]
        blocks: dict[str, list[int]] = defaultdict(list)
        for number, (_, key) in enumerate(keys):
            for block in {*key.split(), "^" + key.replace(" ", "")[:4]}:
                blocks[block].append(number)
        compared: set[tuple[int, int]] = set()
        for members in blocks.values():
            if len(members) < 2 or len(members) > MAX_BLOCK:
                continue
            texts = [keys[x][1] for x in members]
            for position, x in enumerate(members[:-1]):
                for y in self._close(texts[position], texts[position + 1 :], members[position + 1 :]):
                    (i, key_a), (j, key_b) = keys[x], keys[y]
                    if i == j or (x, y) in compared:
                        continue
                    compared.add((x, y))
                    score = similarity(key_a, key_b)
                    pair = (min(i, j), max(i, j))
                    if score > best[pair].score:
                        best[pair].score, best[pair].reason = score, f"names '{key_a}' and '{key_b}'"

    def _close(self, key: str, others: list[str], numbers: list[int]) -> set[int]:
        """The others that can reach the lowest score: rapidfuzz's C loop sifts, :func:`similarity` decides.

        :func:`similarity` is never above the word-order-free ratio unless one name lies inside the
        other (token-set ratio 100), so nothing that could be listed is sifted out.
        """
        close = process.extract(
            key, others, scorer=fuzz.token_sort_ratio, score_cutoff=self.min_score, limit=None
        )
        inside = process.extract(key, others, scorer=fuzz.token_set_ratio, score_cutoff=100, limit=None)
        return {numbers[index] for _, _, index in [*close, *inside]}


def similarity(a: str, b: str) -> float:
    """How alike two name keys are, 0–100.

    Word order does not count (``token_sort_ratio``). Words both names share say nothing about
    whether they differ, so when each name has words of its own, those words must be alike too:
    "Nyborg Kommune"/"Viborg Kommune" is judged on "nyborg"/"viborg" (67), not on the whole
    (86). A name inside the other ("Nordisk Games" in "Nordisk Film Games") scores by how much
    of the longer name it covers. Names with different numbers in them ("TV 2"/"TV 3",
    "Studio 54"/"Studio 55") are different organisations and score at most 50.
    """
    if _NUMBERS.findall(a) != _NUMBERS.findall(b) and _NUMBERS.search(a) and _NUMBERS.search(b):
        return min(fuzz.token_sort_ratio(a, b), DIFFERENT_NUMBERS)
    whole = fuzz.token_sort_ratio(a, b)
    words_a, words_b = set(a.split()), set(b.split())
    own_a, own_b = words_a - words_b, words_b - words_a
    if own_a and own_b:
        return min(whole, fuzz.token_sort_ratio(" ".join(sorted(own_a)), " ".join(sorted(own_b))))
    if own_a or own_b:
        short, long = sorted((a, b), key=len)
        return max(whole, 100 * (len(short) / len(long)) ** SUBSET_EXPONENT)
    return 100.0


def find_duplicates(
    store: Store, *, min_score: float = MIN_SCORE, different: Iterable[frozenset[str]] = ()
) -> list[Duplicate]:
    """Likely duplicate organisations in the store (see the module docstring)."""
    finder = DuplicateFinder(organisation_records(store), set(different), related_pairs(store), min_score)
    return finder.find()


_PREFIXES = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX vdk: <{VDK_NS}>
"""


def organisation_records(store: Store) -> list[OrgRecord]:
    """Every organisation with its names, identifiers and the number of graphs that mention it."""
    classes = " ".join(f"<{c}>" for c in sorted(organisation_classes()))
    found: dict[str, dict[str, list[str]]] = {}
    for org, kind, value in _select(
        store,
        f"""{_PREFIXES}
        SELECT DISTINCT ?org ?kind ?value WHERE {{ VALUES ?class {{ {classes} }} ?org a ?class .
          {{ ?org rdfs:label ?value BIND("label" AS ?kind) }}
          UNION {{ ?org skos:altLabel ?value BIND("name" AS ?kind) }}
          UNION {{ ?org vdk:cvr ?value BIND("cvr" AS ?kind) }}
          UNION {{ ?org vdk:website ?value BIND("web" AS ?kind) }}
        }} ORDER BY ?org ?kind ?value""",
    ):
        slots = found.setdefault(org, {"label": [], "name": [], "cvr": [], "web": []})
        slots[kind].append(value)
    graphs = {
        org: int(n)
        for org, n in _select(
            store,
            f"""{_PREFIXES}
        SELECT ?org (COUNT(DISTINCT ?g) AS ?n) WHERE {{ VALUES ?class {{ {classes} }}
          GRAPH ?g {{ ?org ?p ?o }} ?org a ?class }} GROUP BY ?org""",
        )
    }
    return [
        OrgRecord(
            org,
            tuple(dict.fromkeys([*s["label"], *s["name"]])),
            tuple(s["cvr"]),
            tuple(s["web"]),
            graphs.get(org, 1),
        )
        for org, s in found.items()
    ]


def related_pairs(store: Store) -> set[frozenset[str]]:
    """Pairs the data says are two organisations: one is part of, owned by or formed from the other."""
    return {
        frozenset(pair)
        for pair in _select(
            store,
            f"""{_PREFIXES}
        SELECT DISTINCT ?a ?b WHERE {{ ?a vdk:subOrganisationOf|vdk:ownedBy|vdk:formedFrom ?b }}""",
        )
    }


def _select(store: Store, sparql: str) -> list[tuple[str, ...]]:
    result = store.query(sparql)
    assert isinstance(result, SelectResult)
    return [tuple(term.value for term in row) for row in result.rows if all(t is not None for t in row)]  # type: ignore[union-attr]

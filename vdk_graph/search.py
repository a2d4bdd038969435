"""Finding entities by name (labels, aliases, acronyms, short titles), forgiving typos and Danish spellings.

Visitors type "Aarhus" for "Århus", "Vaekstfonden" for "Vækstfonden", "Kobenhavn"
for "København", or simply mistype. Every name is reduced to a *match key*:
:func:`vdk_graph.names.fold` (case, accents, æ→ae, ø→oe, å→aa) and then the
loose Danish spellings (aa→a, oe→o, ae→e), so all those spellings meet. Hits
are ranked: the whole name exactly (100), the name starting with the query
(90–99), every query word starting a word of the name (70–89), and fuzzy
matches by edit distance, of the whole name or word by word (40–69,
rapidfuzz). Ties go to organisations and projects before other kinds, then to
shorter names.

The index is built once per store data version (like
:func:`vdk_graph.network.ecosystem`) and answers in milliseconds at 20k entities.
Relation nodes (participations, positions, memberships) are left out: they are
named after what they relate ("FilmFyn in VDK (project partner)") and are
reached from those pages.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from vdk_graph.derived import Derived
from vdk_graph.entity.facts import LABEL_PROPERTIES, label_rank
from vdk_graph.entity.groups import most_specific
from vdk_graph.entity.model import pick
from vdk_graph.kinds import ORGANISATION_KINDS, OTHER_KINDS
from vdk_graph.names import fold
from vdk_graph.namespaces import VDK_NS
from vdk_graph.ontology import term_labels
from vdk_graph.store.base import Store
from vdk_graph.vocab import DCTERMS, RDFS, SKOS, VDK

NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, DCTERMS.title, VDK.acronym, VDK.shortTitle)
#: An entity's names are kept in this order (then alphabetically): labels first.
NAME_RANK = {str(p): rank for rank, p in enumerate(NAME_PROPERTIES)}
EXCLUDED_CLASSES = frozenset(str(c) for c in (
    VDK.Participation, VDK.LeadParticipation, VDK.Position, VDK.ClusterMembership,
))
#: Kinds listed first when scores tie (organisations, then projects, programmes, people, topics, places):
#: the kinds table's classes in the order the network gives an organisation its kind, then places.
KIND_ORDER = {c: i for i, c in enumerate((
    *(iri for iri, _ in ORGANISATION_KINDS), *OTHER_KINDS,
    *(str(c) for c in (VDK.City, VDK.Region, VDK.Country, VDK.Place)),
))}
FUZZY_CUTOFF = 75.0
MIN_FUZZY_LENGTH = 4
_LOOSE = (("aa", "a"), ("oe", "o"), ("ae", "e"))
_NON_WORD = re.compile(r"[^0-9a-z]+")


def match_key(text: str) -> str:
    """The text reduced for matching: folded, loose Danish spellings, words separated by one space."""
    key = fold(text)
    for spelled, loose in _LOOSE:
        key = key.replace(spelled, loose)
    return " ".join(t for t in _NON_WORD.split(key) if t)


@dataclass
class Entry:
    iri: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    _keys: list[str] | None = field(default=None, repr=False, compare=False)

    def keys(self) -> list[str]:
        """The match key of each name, computed once: an index updated after a write keeps its entries."""
        if self._keys is None:
            self._keys = [match_key(name) for name in self.names]
        return self._keys


@dataclass
class Hit:
    iri: str
    label: str
    kind: str
    kind_label: str
    score: float
    match: str
    matched: str | None = None

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass
class Facet:
    kind: str
    label: str
    count: int
    key: str


@dataclass
class SearchResult:
    query: str
    kind: str | None
    total: int
    hits: list[Hit]
    facets: list[Facet]
    offset: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"query": self.query, "kind": self.kind, "total": self.total, "offset": self.offset,
                "hits": [h.as_dict() for h in self.hits], "facets": [f.__dict__ for f in self.facets]}


class SearchIndex:
    """Every name of every entity, keyed for exact, prefix, word and fuzzy matching."""

    def __init__(self, entries: list[Entry], version: str = "") -> None:
        self.entries, self.version = entries, version
        self.keys: list[str] = []
        self.owner: list[int] = []
        self.text: list[str] = []
        for i, entry in enumerate(entries):
            for name, key in zip(entry.names, entry.keys(), strict=True):
                if key:
                    self.keys.append(key)
                    self.owner.append(i)
                    self.text.append(name)
        self.exact: dict[str, list[int]] = defaultdict(list)
        for k, key in enumerate(self.keys):
            self.exact[key].append(k)
        self.sorted_keys = sorted((key, k) for k, key in enumerate(self.keys))
        words: dict[str, set[int]] = defaultdict(set)
        for k, key in enumerate(self.keys):
            for word in key.split():
                words[word].add(k)
        self.words = dict(words)
        self.vocabulary = sorted(words)
        self.letters = [max(1, len(key.replace(" ", ""))) for key in self.keys]
        self._kind_order = [KIND_ORDER.get(e.kind, 99) for e in entries]
        self._shown: dict[str, list[str]] = {}

    def _labels(self, lang: str) -> list[str]:
        """Each entry's label in ``lang`` (with fallbacks), computed once per language."""
        if lang not in self._shown:
            self._shown[lang] = [pick(e.labels, lang) or e.iri.rsplit("/", 1)[-1] for e in self.entries]
        return self._shown[lang]

    def __len__(self) -> int:
        return len(self.entries)

    def _prefixed(self, sorted_items: list[str] | list[tuple[str, int]], prefix: str) -> range:
        lo = bisect.bisect_left(sorted_items, (prefix,) if isinstance(sorted_items[0], tuple) else prefix)
        hi = bisect.bisect_left(sorted_items, (prefix + "\uffff",) if isinstance(sorted_items[0], tuple)
                                else prefix + "\uffff")
        return range(lo, hi)

    def _word_matches(self, word: str, fuzzy: bool) -> tuple[set[int], dict[int, float]]:
        """Keys with a word starting with ``word``, and keys with a word close to it (similarity < 1).

        A word that is itself a word of some name is taken as meant: no fuzzy look-up for it.
        """
        starting: set[int] = set()
        for i in self._prefixed(self.vocabulary, word):
            starting.update(self.words[self.vocabulary[i]])
        close: dict[int, float] = {}
        if fuzzy and len(word) >= MIN_FUZZY_LENGTH and word not in self.words:
            for other, score, _ in process.extract(word, self.vocabulary, scorer=fuzz.ratio, limit=40,
                                                   score_cutoff=FUZZY_CUTOFF):
                for k in self.words[other].difference(starting):
                    close[k] = max(close.get(k, 0.0), score / 100)
        return starting, close

    def match(self, query: str) -> dict[int, tuple[float, str, int]]:
        """Best (score, how, key index) per matching entry."""
        q = match_key(query)
        best: dict[int, tuple[float, str, int]] = {}
        if not q or not self.keys:
            return best

        def offer(k: int, score: float, how: str) -> None:
            entry = self.owner[k]
            if entry not in best or score > best[entry][0]:
                best[entry] = (score, how, k)

        for k in self.exact.get(q, []):
            offer(k, 100.0, "exact")
        for i in self._prefixed(self.sorted_keys, q):
            key, k = self.sorted_keys[i]
            offer(k, 90 + 9 * len(q) / len(key), "prefix")
        per_word = [self._word_matches(w, fuzzy=True) for w in q.split()]
        common = set.intersection(*(starting | close.keys() for starting, close in per_word))
        letters = len(q.replace(" ", ""))
        for k in common:
            similarity = min(1.0 if k in starting else close[k] for starting, close in per_word)
            if similarity == 1.0:
                offer(k, 70 + 19 * min(1.0, letters / self.letters[k]), "words")
            else:
                offer(k, 40 + 29 * (similarity * 100 - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF), "fuzzy")
        if len(q) >= MIN_FUZZY_LENGTH:
            for _, score, k in process.extract(q, self.keys, scorer=fuzz.ratio, limit=40,
                                               score_cutoff=FUZZY_CUTOFF):
                offer(k, 40 + 29 * (score - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF), "fuzzy")
        return best

    def search(self, query: str, kind: str | None = None, lang: str = "en", limit: int = 20,
               offset: int = 0) -> SearchResult:
        """Ranked hits for ``query`` (optionally of one kind: a class local name like ``Company``)."""
        labels = term_labels(lang)
        found = self.match(query)
        counts = Counter(self.entries[i].kind for i in found)
        wanted = VDK_NS + kind if kind and not kind.startswith("http") else kind
        chosen = [i for i in found if not wanted or self.entries[i].kind == wanted]

        shown = self._labels(lang)
        order = self._kind_order

        def rank(i: int) -> tuple[float, int, int, str]:
            return (-found[i][0], order[i], len(shown[i]), shown[i].casefold())

        page = heapq.nsmallest(offset + limit, chosen, key=rank)[offset:]
        hits = []
        for i in page:
            entry, (score, how, k) = self.entries[i], found[i]
            label = shown[i]
            matched = self.text[k] if match_key(self.text[k]) != match_key(label) else None
            kind_name = entry.kind.removeprefix(VDK_NS)
            hits.append(Hit(entry.iri, label, kind_name, _kind_label(entry.kind, labels), round(score, 1),
                            how, matched))
        facets = [Facet(k, _kind_label(k, labels), n, k.removeprefix(VDK_NS))
                  for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], KIND_ORDER.get(kv[0], 99)))]
        return SearchResult(query, kind, len(chosen), hits, facets, offset)


def _kind_label(kind: str, labels: dict[str, str]) -> str:
    return labels.get(kind) or kind.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def build_index(store: Store, base: str) -> SearchIndex:
    """Read every named entity under ``base`` (prefer :func:`index`, which caches)."""
    version = store.data_version()
    return SearchIndex(sorted(_entries(store, base).values(), key=lambda e: e.iri), version)


#: Past this many subjects touched by the writes since the previous index, it is read again whole.
MAX_UPDATED = 5000


def updated_index(store: Store, previous: SearchIndex, since: str, base: str) -> SearchIndex | None:
    """The index after a small write (``previous`` was of data version ``since``): the entries of the
    subjects it touched read again, the rest kept.

    An entry is made of its subject's own triples (names, classes, in how many sources), so a
    write changes only the entries of the subjects it touched. None when the store does not
    know what changed (the index is then read whole).
    """
    touched = store.subjects_touched_since(since, MAX_UPDATED)
    if touched is None:
        return None
    fresh = _entries(store, base, touched) if touched else {}
    kept = [e for e in previous.entries if e.iri not in touched]
    return SearchIndex(sorted([*kept, *fresh.values()], key=lambda e: e.iri), store.data_version())


def _entries(store: Store, base: str, only: frozenset[str] | None = None) -> dict[str, Entry]:
    """The entries of every named entity under ``base`` (or of the subjects ``only``)."""
    values = " ".join(f"<{p}>" for p in NAME_PROPERTIES)
    restrict = "" if only is None else "VALUES ?s { " + " ".join(f"<{s}>" for s in sorted(only)) + " }"
    names = store.select(f"""SELECT ?s ?p ?name (COUNT(DISTINCT ?g) AS ?sources) WHERE {{ {restrict}
        VALUES ?p {{ {values} }} GRAPH ?g {{ ?s ?p ?name }}
        FILTER(isLiteral(?name) && STRSTARTS(STR(?s), "{_escape(base)}")) }} GROUP BY ?s ?p ?name""")
    types = store.select(f"""SELECT ?s ?type WHERE {{ {restrict} ?s a ?type
        FILTER(STRSTARTS(STR(?type), "{VDK_NS}") && STRSTARTS(STR(?s), "{_escape(base)}")) }}""")
    classes: dict[str, set[str]] = defaultdict(set)
    for s, t in types.rows:
        classes[s.value].add(t.value)  # type: ignore[union-attr]
    entries: dict[str, Entry] = {}
    label_props = {str(p): rank for rank, p in enumerate(LABEL_PROPERTIES)}
    best: dict[tuple[str, str], tuple[int, int, int, str]] = {}
    order: dict[tuple[str, str], int] = {}
    for s, p, name, sources in names.rows:
        iri = s.value  # type: ignore[union-attr]
        kinds = classes.get(iri)
        if not kinds or kinds & EXCLUDED_CLASSES:
            continue
        entry = entries.get(iri)
        if entry is None:
            specific = most_specific(kinds)
            ranked = sorted(specific, key=lambda c: (KIND_ORDER.get(c, 99), c))
            entry = entries[iri] = Entry(iri, ranked[0] if ranked else sorted(kinds)[0])
        text = name.value  # type: ignore[union-attr]
        if p.value in label_props:  # type: ignore[union-attr]
            lang = getattr(name, "language", None) or ""
            rank = label_rank(label_props[p.value], int(sources.value), text)  # type: ignore[union-attr]
            if (iri, lang) not in best or rank < best[(iri, lang)]:
                best[(iri, lang)] = rank
                entry.labels[lang] = text
        given = NAME_RANK[p.value]  # type: ignore[union-attr]
        if text not in entry.names:
            entry.names.append(text)
            order[(iri, text)] = given
        order[(iri, text)] = min(order[(iri, text)], given)
    for iri, entry in entries.items():  # an order of their own, not the store's: read whole or updated alike
        entry.names.sort(key=lambda name, iri=iri: (order[(iri, name)], name))  # type: ignore[misc]
    return entries


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


#: The search index per store, data version and base IRI: the one derived-view mechanism (one thread
#: builds it, weakly keyed by store, a closed store's index goes with it).
INDEX: Derived[SearchIndex] = Derived("search index", build_index, keys=4, update=updated_index)


def index(store: Store, base: str) -> SearchIndex:
    """The search index of ``store``, rebuilt only when its data changed."""
    return INDEX.get(store, base)


def search(store: Store, query: str, base: str, kind: str | None = None, lang: str = "en", limit: int = 20,
           offset: int = 0) -> SearchResult:
    """Entities of ``store`` whose names match ``query``, best first, with counts per kind."""
    return index(store, base).search(query, kind=kind, lang=lang, limit=limit, offset=offset)


__all__ = ["Facet", "Hit", "SearchIndex", "SearchResult", "build_index", "index", "match_key", "search"]

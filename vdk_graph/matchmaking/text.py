"""Text similarity for Danish and English project descriptions: a small TF-IDF of our own.

Why not scikit-learn: it is not installed, and for a few thousand short
descriptions a dictionary-based TF-IDF is as good and much lighter. What matters
for this corpus is handled here:

* Danish and English are mixed (often in one record), so one token stream serves
  both: text is folded with :func:`vdk_graph.names.fold` (æ→ae, ø→oe, å→aa,
  accents off, case off), split on anything that is not a letter or digit, and
  stripped of the stopwords of *both* languages;
* a very light suffix stripper merges plurals and Danish definite forms
  ("games"/"game", "virksomheden"/"virksomhed", "produktioner"/"produktion")
  without the errors of a full stemmer on names and loan words;
* names are not evidence of shared work: the words of organisations', places',
  programmes' and people's names ("filmby", "aarhus", "vision", "denmark") are left
  out of the vectors (:func:`name_terms`), unless they are also words of a topic
  ("animation", "games"); so are money and filler words of both languages
  (:data:`FILLER`: "total", "budget", "kr", "mio", months …), which say how a
  record is written, not what the work is about;
* weights are ``(1 + log tf) · idf`` with ``idf = log((1 + N) / (1 + df)) + 1``
  and vectors are L2-normalised, so cosine similarity is a dot product;
* :meth:`TextIndex.similar` scores only through the query's strongest terms, via an
  inverted index, so one query costs milliseconds even on 10,000 organisations.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from vdk_graph.names import fold

Vector = dict[str, float]

_WORD = re.compile(r"[0-9a-z]+")

def _words(text: str) -> list[str]:
    return text.split()


#: English stopwords (folded), the usual short list plus words every project description uses.
STOPWORDS_EN = frozenset(_words("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves
new use used using within across well way ways also may one two three per via etc project projects
"""))

#: Danish stopwords (folded): the common function words plus "projekt" and friends.
STOPWORDS_DA = frozenset(fold(w) for w in _words("""
ad af aldrig alle alt anden andet andre at bare begge blev blive bliver da de dem den denne der deres det
dette dig din dine disse dit dog du efter eller en end er et for fordi fra gennem ham han hans har havde have
hende hendes her hos hun hvad hvem hver hvilke hvilken hvis hvor hvordan hvorfor hvornår i ikke ind ingen
intet jeg jer jeres jo kan kom kommer kunne lidt lige man mange med meget men mens mere mig min mine mit mod
når ned nej noget nogen nogle nu ny nye og også om op os over på så sådan selv sig sin sine sit skal skulle
som synes thi til ud uden under var ved vi vil ville vor vores være været
projekt projektet projekter projekterne
"""))

#: Money, counting, calendar and record-keeping words of both languages (folded): frequent in project
#: records, and never what two organisations have in common in their work.
FILLER = frozenset(fold(w) for w in _words("""
total totals budget budgets budgetted budgeted cost costs amount amounts kr dkk eur euro euros usd mio mia
mill million millions billion billions thousand funding funded grant grants granted sum
samlet samlede budget budgettet budgetter beloeb beløb millioner milliarder tusind kroner tilskud bevilling
bevillinger bevilget kroner
january february march april may june july august september october november december
januar februar marts april maj juni juli august september oktober november december
year years month months week weeks day days aar maaned maaneder uge uger dag dage
period start end started ended ends date dates
partner partners partnership participant participants lead leader consortium
eu dk www http https com aps ltd inc gmbh
"""))

STOPWORDS = STOPWORDS_EN | STOPWORDS_DA | FILLER

#: Groups kept per term in the inverted index, those where the term weighs most: a query then costs at
#: most ``top_terms × MAX_POSTINGS`` steps, and a group past the cut only loses that term's small share.
MAX_POSTINGS = 500

#: Suffixes stripped once, longest first, when at least four letters remain.
_SUFFIXES = ("erne", "ene", "er", "en", "et", "s")
_MIN_STEM = 4


def stem(token: str) -> str:
    """A light stem: 'games' → 'game', 'produktioner' → 'produktion', 'virksomheden' → 'virksomhed'."""
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= _MIN_STEM:
            if suffix == "s" and token.endswith("ss"):
                return token
            return token[: -len(suffix)]
    return token


def tokens(text: str) -> list[str]:
    """The content words of a Danish or English text, folded and lightly stemmed."""
    return [term for term, _ in _content_words(text)]


@lru_cache(maxsize=400_000)
def _content_words(text: str) -> tuple[tuple[str, str], ...]:
    """(stem, word as written, folded) of each content word of ``text``.

    Kept per text: the index is built again after every write, and a write changes few
    texts (at 1M triples, folding and stemming every text took most of the index's text part).
    """
    out = []
    for word in _WORD.findall(fold(text)):
        if len(word) < 2 or word.isdigit() or word in STOPWORDS:
            continue
        out.append((stem(word), word))
    return tuple(out)


def name_terms(names: Iterable[str], topic_labels: Iterable[str] = (),
               counted: Iterable[str] = ()) -> frozenset[str]:
    """The terms of ``names`` (and the terms ``counted`` already) that are not also terms of a topic
    label: what a name, not the work, says."""
    named = {t for name in names for t in tokens(name)}
    named.update(counted)
    topical = {t for label in topic_labels for t in tokens(label)}
    return frozenset(named - topical)


def _normalised(weights: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The dot product of two normalised vectors (iterating over the shorter)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def shared_terms(a: Mapping[str, float], b: Mapping[str, float], top: int = 3) -> list[str]:
    """The terms that contribute most to the similarity of two vectors, strongest first."""
    if len(a) > len(b):
        a, b = b, a
    products = [(w * b[t], t) for t, w in a.items() if t in b]
    products.sort(key=lambda p: (-p[0], p[1]))
    return [t for _, t in products[:top]]


@dataclass
class TextIndex:
    """TF-IDF vectors of documents (projects), grouped vectors (organisations), and an inverted index."""

    #: (Read-only mappings: dicts in memory, tables of the index's file when read from disk.)
    idf: Mapping[str, float] = field(default_factory=dict)
    #: Document (project) vectors, normalised.
    documents: Mapping[str, Vector] = field(default_factory=dict)
    #: Group (organisation) vectors: the normalised sum of their documents' vectors.
    groups: Mapping[str, Vector] = field(default_factory=dict)
    #: term → [(group, weight)], for scoring groups against a query.
    postings: Mapping[str, list[tuple[str, float]]] = field(default_factory=dict)
    #: A representative surface form of each stem (the most frequent one), for showing terms to people.
    surface: Mapping[str, str] = field(default_factory=dict)
    #: Terms left out (names): a new text's vector leaves them out too.
    ignored: frozenset[str] = frozenset()

    @classmethod
    def build(cls, documents: Mapping[str, str], groups: Mapping[str, Iterable[str]],
              ignore: frozenset[str] = frozenset()) -> TextIndex:
        """Index ``documents`` (id → text) and the ``groups`` (id → document ids) made of them.

        Terms in ``ignore`` (stems, as :func:`tokens` gives them: names, see :func:`name_terms`)
        are left out.
        """
        counts: dict[str, Counter[str]] = {}
        df: Counter[str] = Counter()
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for doc, text in documents.items():
            terms: list[str] = []
            for term, word in _content_words(text):
                if term in ignore:
                    continue
                terms.append(term)
                surfaces[term][word] += 1
            if terms:
                counts[doc] = Counter(terms)
                df.update(counts[doc].keys())
        n = len(counts)
        idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}
        vectors = {doc: _normalised({t: (1 + math.log(k)) * idf[t] for t, k in c.items()})
                   for doc, c in counts.items()}
        grouped: dict[str, Vector] = {}
        postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for group, docs in groups.items():
            total: dict[str, float] = defaultdict(float)
            for doc in docs:
                for t, w in vectors.get(doc, {}).items():
                    total[t] += w
            vector = _normalised(total)
            if vector:
                grouped[group] = vector
                for t, w in vector.items():
                    postings[t].append((group, w))
        for entries in postings.values():
            entries.sort(key=lambda gw: (-gw[1], gw[0]))
            del entries[MAX_POSTINGS:]
        return cls(idf=idf, documents=vectors, groups=grouped, postings=dict(postings),
                   surface={t: c.most_common(1)[0][0] for t, c in surfaces.items()}, ignored=ignore)

    def vector(self, text: str) -> Vector:
        """The TF-IDF vector of a new text (a project idea), in this index's term space."""
        c = Counter(t for t in tokens(text) if t in self.idf)
        return _normalised({t: (1 + math.log(k)) * self.idf[t] for t, k in c.items()})

    def similar(self, query: Mapping[str, float], top_terms: int = 16) -> dict[str, float]:
        """Cosine similarity of ``query`` to every group sharing one of its ``top_terms`` strongest terms.

        Truncating the query to its strongest terms is what keeps this fast; the
        weak terms it drops are the common words that say least about a match.
        """
        strongest = sorted(query.items(), key=lambda tw: (-tw[1], tw[0]))[:top_terms]
        scores: dict[str, float] = defaultdict(float)
        for term, weight in strongest:
            for group, w in self.postings.get(term, ()):
                scores[group] += weight * w
        return dict(scores)

    def words(self, terms: Iterable[str]) -> list[str]:
        """How people wrote these stems."""
        return [self.surface.get(t, t) for t in terms]

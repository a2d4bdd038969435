"""How each field of the matchmaking index is written to its table and read back, value for value.

Reading must give back *equal values in the same order* (the order of a list,
of a dict's keys, the insertion order of a set: they decide ties), and be cheap
per row, since a command decodes tens of thousands of rows. So: IRIs are written
as numbers (:class:`~vdk_graph.derived.sqlite_maps.Strings`), flat lists as text joined by
:data:`SEP` (a control character no IRI, term, kind or number contains), floats
by ``repr`` (which reads back to the same float), and only values holding free
text (labels) or nesting as JSON. A set's iteration order depends on how it was
built: the index builds every set by inserting its items in sorted order
(``index._sorted_sets``), and so does reading one back, so both iterate alike (the
small sets of tie keys inside ``ties`` are the exception: nothing iterates them
in an order that matters).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from vdk_graph.derived.sqlite_maps import Strings
from vdk_graph.matchmaking.index_model import MatchIndex, Place

#: Separates the items of a flat value.
SEP = "\x1f"

Decoder = Callable[[str], Any]


@dataclass(frozen=True)
class Codec:
    """How one table's values are written (``encode``) and read (``decoder(names)`` gives the function)."""

    encode: Callable[[Any, Strings], str]
    decoder: Callable[[list[str]], Decoder]
    #: Whether the keys are IRIs (stored as their numbers) rather than plain text.
    iri_keys: bool = True

    def rows(self, mapping: Mapping[str, Any], strings: Strings) -> Iterator[tuple[Any, str]]:
        encode = self.encode
        if self.iri_keys:
            for key, value in mapping.items():
                yield strings.id(key), encode(value, strings)
        else:
            for key, value in mapping.items():
                yield key, encode(value, strings)


def _plain(decode: Decoder) -> Callable[[list[str]], Decoder]:
    return lambda names: decode


def _iris(v: Any, s: Strings) -> str:
    return s.joined(v, SEP)


def _sorted_iris(v: Any, s: Strings) -> str:
    """A set's items in sorted order: rebuilt by inserting them in that order, as the index built it."""
    return s.joined(sorted(v), SEP)


def _iri_collection(kind: Callable[[Any], Any]) -> Callable[[list[str]], Decoder]:
    def decoder(names: list[str]) -> Decoder:
        get = names.__getitem__
        empty = kind(())
        return lambda text: kind(map(get, map(int, text.split(SEP)))) if text else empty.copy()
    return decoder


def _pairs(v: Any, s: Strings) -> str:
    ref = s.ref
    return SEP.join([f"{ref(g)}{SEP}{w!r}" for g, w in v])


def _pairs_decoder(names: list[str]) -> Decoder:
    def decode(text: str) -> list[tuple[str, float]]:
        if not text:
            return []
        parts = text.split(SEP)
        return list(zip(map(names.__getitem__, map(int, parts[0::2])), map(float, parts[1::2]), strict=True))
    return decode


def _vector(v: Mapping[str, float], s: Strings) -> str:
    return SEP.join([f"{t}{SEP}{w!r}" for t, w in v.items()])


def _vector_decode(text: str) -> dict[str, float]:
    if not text:
        return {}
    parts = text.split(SEP)
    return dict(zip(parts[0::2], map(float, parts[1::2]), strict=True))


def _ties(v: Mapping[str, set[str]], s: Strings) -> str:
    ref = s.ref
    return SEP.join([f"{ref(o)}{SEP}{','.join(keys)}" for o, keys in v.items()])


def _ties_decoder(names: list[str]) -> Decoder:
    def decode(text: str) -> dict[str, set[str]]:
        if not text:
            return {}
        parts = text.split(SEP)
        return {names[int(o)]: set(keys.split(",")) for o, keys in zip(parts[0::2], parts[1::2], strict=True)}
    return decode


def _weighted(adj: Mapping[str, Mapping[str, Any]], s: Strings) -> str:
    ref = s.ref
    return SEP.join([f"{ref(o)}{SEP}{d.get('weight', 1)!r}" for o, d in adj.items()])


def _number(text: str) -> int | float:
    return int(text) if text.isdigit() else float(text)


def _weighted_decoder(names: list[str]) -> Decoder:
    def decode(text: str) -> dict[str, dict[str, Any]]:
        if not text:
            return {}
        parts = text.split(SEP)
        return {names[int(o)]: {"weight": _number(w)} for o, w in zip(parts[0::2], parts[1::2], strict=True)}
    return decode


def _place(p: Place, s: Strings) -> str:
    return json.dumps([s.id(p.iri), [list(label) for label in p.labels]], ensure_ascii=False)


def _place_decoder(names: list[str]) -> Decoder:
    def decode(text: str) -> Place:
        iri, labels = json.loads(text)
        return Place(names[iri], tuple((lang, label) for lang, label in labels))
    return decode


def _related(adj: Mapping[str, Mapping[str, Any]], s: Strings) -> str:
    return json.dumps([[s.id(o), [[s.id(a), r, s.id(b)] for a, r, b in d["relations"]]]
                       for o, d in adj.items()])


def _related_decoder(names: list[str]) -> Decoder:
    def decode(text: str) -> dict[str, dict[str, Any]]:
        return {names[o]: {"relations": [(names[a], r, names[b]) for a, r, b in relations]}
                for o, relations in json.loads(text)}
    return decode


def _place_pair(v: tuple[Place, Place | None], s: Strings) -> str:
    return json.dumps([None if p is None else [s.id(p.iri), [list(label) for label in p.labels]] for p in v],
                      ensure_ascii=False)


def _place_pair_decoder(names: list[str]) -> Decoder:
    def decode(text: str) -> tuple[Place | None, ...]:
        return tuple(None if p is None else Place(names[p[0]], tuple((lang, label) for lang, label in p[1]))
                     for p in json.loads(text))
    return decode


STR = Codec(lambda v, s: str(v), _plain(str))
FLOAT = Codec(lambda v, s: repr(v), _plain(float))
INT = Codec(lambda v, s: str(v), _plain(int))
IRI_LIST = Codec(_iris, _iri_collection(list))
IRI_SET = Codec(_sorted_iris, _iri_collection(set))
IRI_FROZENSET = Codec(_sorted_iris, _iri_collection(frozenset))
STR_FROZENSET = Codec(lambda v, s: SEP.join(sorted(v)),
                      _plain(lambda t: frozenset(t.split(SEP)) if t else frozenset()))
YEARS = Codec(lambda v, s: f"{v[0]}{SEP}{v[1]}", _plain(lambda t: tuple(map(int, t.split(SEP)))))
PAIRS = Codec(_pairs, _pairs_decoder)
VECTOR = Codec(_vector, _plain(_vector_decode))
PLACE = Codec(_place, _place_decoder)
TIES = Codec(_ties, _ties_decoder)
#: The collaboration network: a node's neighbours in their order, with the weight of each edge.
COLLAB = Codec(_weighted, _weighted_decoder)
#: The path network: a node's neighbours with the typed relations of each edge.
PATHS = Codec(_related, _related_decoder)
#: Name key → the organisations with that name (``lookup.names_of``).
NAMES = Codec(_sorted_iris, _iri_collection(set), iri_keys=False)
#: Every node of the projection: ``[kind, English label, Danish label]`` (a missing label stays missing).
NODES = Codec(lambda v, s: json.dumps(v, ensure_ascii=False), _plain(json.loads))

#: Every field of the index stored as a table, and how (``relations`` and ``transitions`` are computed
#: from ``ties`` and ``collab`` when read: see :func:`transition`).
FIELDS: dict[str, Codec] = {
    "kind": STR, "topics": IRI_FROZENSET, "topic_idf": FLOAT, "topic_orgs": IRI_LIST, "topic_norm": FLOAT,
    "projects": IRI_LIST, "funders": IRI_SET, "fundees": IRI_SET, "programmes": IRI_FROZENSET,
    "programme_orgs": IRI_LIST, "tie_weight": FLOAT, "city": PLACE, "region": PLACE, "city_orgs": IRI_LIST,
    "region_orgs": IRI_LIST, "kind_orgs": replace(IRI_LIST, iri_keys=False), "kinds": STR_FROZENSET,
    "roles": STR_FROZENSET, "own_topics": IRI_FROZENSET, "own_topic_orgs": IRI_LIST,
    "own_topic_idf": FLOAT, "own_topic_norm": FLOAT, "project_topics": IRI_FROZENSET, "ties": TIES,
    "years": YEARS, "recent": IRI_LIST, "degree": INT, "popularity": FLOAT, "activity": FLOAT,
    "closed": INT, "topic_projects": IRI_LIST, "project_orgs": IRI_LIST, "exposure": FLOAT,
}
#: What a full build read besides the projection (:class:`~vdk_graph.matchmaking.index_model.Inputs`;
#: tables ``input_<name>``), so that the first write after a restart updates the index read from its
#: file instead of building it whole. A file without them (written before) reads back without inputs.
INPUT_FIELDS: dict[str, Codec] = {
    "texts": Codec(lambda v, s: json.dumps(v, ensure_ascii=False), _plain(json.loads)),
    "places": Codec(_place_pair, _place_pair_decoder),
    "classes": IRI_SET,
}
#: The text index's mappings (tables ``text_<name>``): terms and documents are keyed by plain text.
TEXT_FIELDS: dict[str, Codec] = {
    "idf": replace(FLOAT, iri_keys=False), "documents": replace(VECTOR, iri_keys=False), "groups": VECTOR,
    "postings": replace(PAIRS, iri_keys=False), "surface": replace(STR, iri_keys=False),
}


def node_rows(index: MatchIndex) -> dict[str, list[Any]]:
    """``[kind, English label, Danish label]`` of every node of an index's projection (in memory)."""
    graph = index.eco.graph  # type: ignore[attr-defined]
    return {node: [str(data.get("kind", "")), data.get("label_en"), data.get("label_da")]
            for node, data in graph.nodes(data=True)}


#: The same table, computed afresh for a damaged file.
node_table = node_rows

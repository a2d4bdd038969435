"""The matchmaking index as an SQLite file, read back one organisation at a time.

Why this form (``docs/decisions/0013-derived-data-on-disk.md``): at a million
triples the index is millions of small Python objects, and no format loads all
of them in under a second (pickle took 6–15 s). A suggestion list touches a few
thousand. So each field of :class:`~vdk_graph.matchmaking.index.MatchIndex` is a
table keyed by IRI (or topic, project, term), and the index read back is the same
class with :class:`~vdk_graph.derived.sqlite_maps.LazyMap` s in place of dicts: the
signals, the reasons and the lookups run unchanged, on exactly the same values in
exactly the same order, so they give exactly the same answers.

Encoding (:mod:`~vdk_graph.matchmaking.index_codecs`): IRIs are numbered
(:class:`~vdk_graph.derived.sqlite_maps.Strings`), lists are flat text, nested values JSON;
two fields that are functions of others (``relations`` of ``ties``,
``transitions`` of the collaboration network) are recomputed from them as read.
The typed network is not in the file: only labels and kinds of its nodes
(``nodes``), the collaboration network's neighbours with weights (``collab``), the
name keys used to find an organisation by name (``names``), and, in a file of its
own (:class:`PathFile`, for ``connect``), the typed network without topics.

A row that fails its checksum (a damaged file) makes every table switch to the
index computed afresh (:class:`_Recovery`), and the file is unpublished, so the
answer is still right and the next process rebuilds the file.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from vdk_graph.derived import Derived
from vdk_graph.derived import disk as derived_disk
from vdk_graph.derived.disk import DamagedFile, DiskCodec, Manifest
from vdk_graph.derived.sqlite_maps import (
    DamagedRow,
    LazyMap,
    LazySequence,
    MappedView,
    Reader,
    Strings,
    write_table,
)
from vdk_graph.matchmaking import index_codecs as codecs
from vdk_graph.matchmaking.graphs import AdjacencyGraph
from vdk_graph.matchmaking.index_model import Inputs, MatchIndex, build_path_graph, has_weight, transition
from vdk_graph.matchmaking.lookup import names_of
from vdk_graph.matchmaking.text import TextIndex
from vdk_graph.store.base import Store
from vdk_graph.texts import LANGS, lang_of, other_lang

log = logging.getLogger(__name__)


def _new_file(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = OFF")  # a new file under a temporary name: nothing to roll back to
    conn.execute("PRAGMA synchronous = OFF")  # derived_disk fsyncs the finished file before publishing it
    return conn


def _write_meta(conn: sqlite3.Connection, meta: dict[str, Any]) -> None:
    write_table(conn, "meta", ((k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()))


def _read_meta(reader: Reader, fmt: str) -> dict[str, Any]:
    try:
        meta = {k: json.loads(v) for k, v in reader.rows("meta")}
    except DamagedRow as exc:
        raise DamagedFile(str(exc)) from exc
    if meta.get("format") != fmt:
        raise DamagedFile(f"{reader.path} holds {meta.get('format')!r}, not {fmt}")
    missing = set(meta.get("rows", {})) - reader.tables()
    if missing:
        raise DamagedFile(f"{reader.path} lacks the tables {', '.join(sorted(missing))}")
    return meta


class StoredNodes:
    """The projection's labels and kinds, read from the file (what ``index_model.Nodes`` asks for)."""

    def __init__(self, nodes: Mapping[str, list[Any]], version: str) -> None:
        self._nodes = nodes
        self._version = version

    @property
    def version(self) -> str:
        return self._version

    def __contains__(self, node: object) -> bool:
        return node in self._nodes

    def label(self, node: str, lang: str = "en") -> str:
        _, *labels = self._nodes[node]  # [kind, English, Danish]
        mine, other = labels[LANGS.index(lang_of(lang))], labels[LANGS.index(other_lang(lang))]
        return str(mine or other or node.rsplit("/", 1)[-1])

    def kind_of(self, node: str) -> str:
        return str(self._nodes[node][0])


class StoredIndex(MatchIndex):
    """A :class:`MatchIndex` whose fields read its file as they are used (its path network has its own)."""

    store: Store

    @cached_property
    def path_graph(self) -> Any:
        return PATH_NETWORK.get(self.store)


class _Recovery:
    """The index computed afresh, once, for when its file turns out to be damaged while being read."""

    def __init__(self, store: Store, file: str) -> None:
        self.store, self.file = store, file
        self._index: MatchIndex | None = None
        self._lock = threading.Lock()

    def index(self) -> MatchIndex:
        with self._lock:
            if self._index is None:
                from vdk_graph.matchmaking.index import _compute

                log.warning("the matchmaking index file %s is damaged; computing the index afresh", self.file)
                derived_disk.discard(IndexFile(), self.store, (), self.file)
                self._index = _compute(self.store)
            return self._index


class IndexFile(DiskCodec[MatchIndex]):
    """The codec :data:`~vdk_graph.matchmaking.index.MATCH_INDEX` keeps its value on disk with."""

    name = "match-index"
    format = "vdk-match-index/6"
    verify_whole = False

    def write(self, value: MatchIndex, path: Path) -> dict[str, str]:
        strings = Strings()
        rows: dict[str, int] = {}
        # The exposure penalty is off unless asked for (weights exposure=…) and costs a suggestion list
        # per sampled organisation (34 s at 10k organisations): kept only if something computed it.
        exposed = value.exposure is not None
        conn = _new_file(path)
        try:
            for name, codec in codecs.FIELDS.items():
                field_value = (value.exposure or {}) if name == "exposure" else getattr(value, name)
                rows[name] = write_table(conn, name, codec.rows(field_value, strings))
            for name, codec in codecs.TEXT_FIELDS.items():
                rows[f"text_{name}"] = write_table(conn, f"text_{name}",
                                                   codec.rows(getattr(value.text, name), strings))
            if value.inputs is not None:
                for name, codec in codecs.INPUT_FIELDS.items():
                    rows[f"input_{name}"] = write_table(conn, f"input_{name}",
                                                        codec.rows(getattr(value.inputs, name), strings))
            rows["collab"] = write_table(conn, "collab", codecs.COLLAB.rows(value.collab.adj, strings))
            rows["names"] = write_table(conn, "names", codecs.NAMES.rows(names_of(value), strings))
            rows["nodes"] = write_table(conn, "nodes", codecs.NODES.rows(codecs.node_rows(value), strings))
            _write_meta(conn, {
                "format": self.format, "version": value.version, "fingerprint": value.fingerprint,
                "now": value.now, "collab_edges": value.collab.number_of_edges(),
                "text_ignored": sorted(value.text.ignored), "rows": rows, "exposure_kept": exposed,
                "unrelated": [strings.id(o) for o in value.unrelated], "strings": strings.names,
            })
            conn.commit()
        finally:
            conn.close()
        return {"fingerprint": value.fingerprint, "organisations": str(rows["kind"])}

    def read(self, path: Path, manifest: Manifest, store: Store) -> MatchIndex:
        reader = Reader(path)
        meta = _read_meta(reader, self.format)
        rows: dict[str, int] = meta["rows"]
        strings = Strings(list(meta["strings"]))
        recovery = _Recovery(store, manifest.file)

        def lazy(table: str, codec: codecs.Codec, recover: Callable[[MatchIndex], Mapping[str, Any]]) -> Any:
            return LazyMap(reader, table, codec.decoder(strings.names), rows[table],
                           key=strings.ids.get if codec.iri_keys else None,
                           unkey=strings.names.__getitem__ if codec.iri_keys else None,
                           recover=lambda: recover(recovery.index()))

        fields = {name: lazy(name, codec, _field(name)) for name, codec in codecs.FIELDS.items()}
        text = TextIndex(**{name: lazy(f"text_{name}", codec, _text_field(name))
                            for name, codec in codecs.TEXT_FIELDS.items()},
                         ignored=frozenset(meta["text_ignored"]))
        collab = lazy("collab", codecs.COLLAB, lambda index: index.collab.adj)
        kind = fields["kind"]
        values: dict[str, Any] = dict(fields)
        if not meta.get("exposure_kept", True):
            values["exposure"] = None  # not computed when the file was written: computed on first use
        if all(f"input_{name}" in rows for name in codecs.INPUT_FIELDS):
            values["inputs"] = Inputs(**{name: lazy(f"input_{name}", codec, _input_field(name))
                                         for name, codec in codecs.INPUT_FIELDS.items()})
        orgs = LazySequence(lambda: list(kind))  # the index's organisations, in order: its kinds' keys
        index = StoredIndex(
            eco=StoredNodes(lazy("nodes", codecs.NODES, codecs.node_table), str(meta["version"])),
            collab=AdjacencyGraph(collab, int(meta["collab_edges"])),
            orgs=orgs, text=text, now=meta["now"],
            relations=MappedView(fields["ties"], set, order=orgs),  # as build_index: one per organisation
            transitions=MappedView(collab, transition, keep=has_weight),
            **values)
        index.store = store
        index.__dict__["fingerprint"] = str(meta["fingerprint"])
        index.__dict__["unrelated"] = [strings.names[i] for i in meta["unrelated"]]
        index._names = lazy("names", codecs.NAMES, names_of)  # type: ignore[attr-defined]  # lookup's table
        return index


def _field(name: str) -> Callable[[MatchIndex], Mapping[str, Any]]:
    if name == "exposure":  # computed on first use
        return lambda index: index.exposures()
    return lambda index: getattr(index, name)


def _input_field(name: str) -> Callable[[MatchIndex], Mapping[str, Any]]:
    return lambda index: getattr(index.inputs, name)


def _text_field(name: str) -> Callable[[MatchIndex], Mapping[str, Any]]:
    return lambda index: getattr(index.text, name)


# --------------------------------------------------------------------------- the path network


class PathFile(DiskCodec[Any]):
    """The typed network without topics (``connect``'s paths), one node's neighbours at a time."""

    name = "path-network"
    format = "vdk-path-network/2"
    verify_whole = False

    def write(self, value: Any, path: Path) -> dict[str, str]:
        strings = Strings()
        conn = _new_file(path)
        try:
            count = write_table(conn, "adjacency", codecs.PATHS.rows(value.adj, strings))
            _write_meta(conn, {"format": self.format, "edges": value.number_of_edges(),
                               "rows": {"adjacency": count}, "strings": strings.names})
            conn.commit()
        finally:
            conn.close()
        return {"nodes": str(count)}

    def read(self, path: Path, manifest: Manifest, store: Store) -> Any:
        reader = Reader(path)
        meta = _read_meta(reader, self.format)
        strings = Strings(list(meta["strings"]))

        def recover() -> Mapping[str, Any]:
            log.warning("the path network file %s is damaged; computing it afresh", manifest.file)
            derived_disk.discard(self, store, (), manifest.file)
            return _path_network(store).adj

        adjacency: LazyMap[Any] = LazyMap(
            reader, "adjacency", codecs.PATHS.decoder(strings.names), meta["rows"]["adjacency"],
            key=strings.ids.get, unkey=strings.names.__getitem__, recover=recover)
        return AdjacencyGraph(adjacency, int(meta["edges"]))


def _path_network(store: Store) -> Any:
    from vdk_graph.network import ecosystem

    return build_path_graph(ecosystem(store))


#: The path network of an index read from disk (an index in memory has its own, ``MatchIndex.path_graph``).
PATH_NETWORK: Derived[Any] = Derived("path network", _path_network, keys=1, codec=PathFile())

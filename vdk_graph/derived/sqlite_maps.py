"""Read-only mappings over the tables of an SQLite file, decoded one key at a time, each row checked.

A derived view on disk (:mod:`vdk_graph.derived.disk`) is useful to a new process
only if reading it costs less than computing it. Loading all of a million-triple
matchmaking index takes seconds (millions of small Python objects, whatever the
format); one suggestion list needs a few thousand of them. So each table is a
:class:`LazyMap`: a key is looked up (an indexed SQLite read, a few microseconds)
and decoded the first time it is asked for, then kept. A map asked for many keys,
or iterated, reads its whole table once instead (:data:`BULK_SHARE`).

Tables have the layout ``(k, v TEXT, c INTEGER)`` with a unique index on ``k``:
``k`` is the key (text, or the integer id of an IRI, see :class:`Strings`), ``v``
the encoded value, ``c`` the CRC-32 of both. Every row read is checked against its
CRC, so a damaged file is caught where it is read without hashing hundreds of
megabytes per command; then the map calls its ``recover`` function and serves
the value computed afresh (the file is never trusted past a bad row). Rows keep
the order they were written in (rowid order), which is the order of the dict they
came from, so a map iterates exactly as the original did — the order decides
ties, so it must. Files are opened read-only and ``immutable`` (a published file
is never written again), so readers take no locks and need no journal.
"""

from __future__ import annotations

import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

V = TypeVar("V")
T = TypeVar("T")

#: A map reads its whole table once it has been asked for more than this share of its rows one by one.
BULK_SHARE = 0.125
#: … but never before this many single reads (small tables are cheap either way).
BULK_MIN = 256
#: What a row's CRC covers: ``f"{k}{SEPARATOR}{v}"``.
SEPARATOR = "\x1e"


class DamagedRow(Exception):
    """A row does not match its CRC, or the file cannot be read: the file is not to be trusted."""


def row_crc(key: object, value: str) -> int:
    return zlib.crc32(f"{key}{SEPARATOR}{value}".encode())


class Strings:
    """IRIs as small integers: written once in a table of their own, referred to by number everywhere else.

    Three quarters of a matchmaking index's bytes were IRIs. Numbered, the file is a
    fraction of the size, quicker to write and to read; the table of all of them is
    one string, split once when the file is opened.
    """

    def __init__(self, names: list[str] | None = None) -> None:
        self.names: list[str] = names if names is not None else []
        self.ids: dict[str, int] = {name: i for i, name in enumerate(self.names)}
        #: name → its number as text, for writing values (filled as names are numbered).
        self.refs: dict[str, str] = {name: str(i) for i, name in enumerate(self.names)}

    def id(self, name: str) -> int:
        found = self.ids.get(name)
        if found is None:
            found = self.ids[name] = len(self.names)
            self.names.append(name)
            self.refs[name] = str(found)
        return found

    def ref(self, name: str) -> str:
        """The number of ``name`` as text (for values)."""
        found = self.refs.get(name)
        if found is None:
            self.id(name)
            found = self.refs[name]
        return found

    def joined(self, names: Iterable[str], sep: str) -> str:
        """The numbers of ``names`` as text joined by ``sep`` (one C loop when all are numbered already)."""
        items = names if isinstance(names, list | tuple) else list(names)
        try:
            return sep.join(map(self.refs.__getitem__, items))
        except KeyError:
            for name in items:
                self.id(name)
            return sep.join(map(self.refs.__getitem__, items))


def write_table(conn: sqlite3.Connection, name: str, rows: Iterable[tuple[Any, str]]) -> int:
    """Create table ``name`` holding ``rows`` (key, encoded value) in their order; how many rows it has."""
    conn.execute(f'CREATE TABLE "{name}" (k NOT NULL, v TEXT NOT NULL, c INTEGER NOT NULL)')
    cursor = conn.executemany(f'INSERT INTO "{name}" (k, v, c) VALUES (?, ?, ?)',
                              ((k, v, row_crc(k, v)) for k, v in rows))
    count = cursor.rowcount
    conn.execute(f'CREATE UNIQUE INDEX "{name}_k" ON "{name}" (k)')
    return count


class Reader:
    """One read-only connection to a file, shared by the maps over its tables (and by threads, in turn)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def one(self, table: str, key: object) -> str | None:
        """The value of ``key`` in ``table`` (None if none); :class:`DamagedRow` if it fails its CRC."""
        try:
            with self._lock:
                row = self._conn.execute(f'SELECT v, c FROM "{table}" WHERE k = ?', (key,)).fetchone()
        except sqlite3.Error as exc:
            raise DamagedRow(f"{self.path}: {exc}") from exc
        if row is None:
            return None
        if row_crc(key, row[0]) != row[1]:
            raise DamagedRow(f"{self.path}: the row of {key!r} in {table} fails its checksum")
        return str(row[0])

    def rows(self, table: str) -> list[tuple[Any, str]]:
        """Every (key, value) of ``table`` in the order written, each checked."""
        try:
            with self._lock:
                found = self._conn.execute(f'SELECT k, v, c FROM "{table}" ORDER BY rowid').fetchall()
        except sqlite3.Error as exc:
            raise DamagedRow(f"{self.path}: {exc}") from exc
        for k, v, c in found:
            if row_crc(k, v) != c:
                raise DamagedRow(f"{self.path}: the row of {k!r} in {table} fails its checksum")
        return [(k, v) for k, v, _ in found]

    def tables(self) -> set[str]:
        try:
            with self._lock:
                found = self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        except sqlite3.Error as exc:
            raise DamagedRow(f"{self.path}: {exc}") from exc
        return {name for (name,) in found}


class LazyMap(Mapping[str, V], Generic[V]):
    """A mapping over one table whose values are decoded by ``decode`` on first use (see the module doc).

    ``key``/``unkey`` turn a key into the table's (an IRI into its number; None: not in
    the table) and back. ``recover`` gives the whole mapping computed afresh, for when
    the file turns out to be damaged.
    """

    def __init__(self, reader: Reader, table: str, decode: Callable[[str], V], rows: int, *,
                 key: Callable[[str], Any] | None = None, unkey: Callable[[Any], str] | None = None,
                 recover: Callable[[], Mapping[str, V]] | None = None) -> None:
        self._reader, self._table, self._decode = reader, table, decode
        self._key, self._unkey, self._recover = key, unkey, recover
        self._seen: dict[str, V] = {}
        self._absent: set[str] = set()
        self._complete = False
        self._reads = 0
        self._bulk_after = max(BULK_MIN, int(rows * BULK_SHARE))

    def _fetch(self, key: str) -> None:
        """Read ``key`` from the table into the values seen (nothing when it has none)."""
        if self._complete or key in self._absent:
            return
        stored = self._key(key) if self._key is not None else key
        try:
            raw = None if stored is None else self._reader.one(self._table, stored)
            if raw is None:
                self._absent.add(key)
                return
            self._seen[key] = self._decode(raw)
        except (DamagedRow, ValueError, LookupError, TypeError) as exc:
            self._recovered(exc)
            return
        self._reads += 1
        if self._reads > self._bulk_after:
            self.load_all()

    def _recovered(self, exc: Exception) -> None:
        if self._recover is None:
            raise DamagedRow(str(exc)) from exc
        self._seen = dict(self._recover())
        self._complete = True
        self._absent.clear()

    def __getitem__(self, key: str) -> V:
        try:
            return self._seen[key]
        except KeyError:
            pass
        self._fetch(key)
        return self._seen[key]

    @overload
    def get(self, key: str, /) -> V | None: ...
    @overload
    def get(self, key: str, /, default: V | T) -> V | T: ...

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self._seen[key]
        except KeyError:
            pass
        self._fetch(key)
        return self._seen.get(key, default)

    def __contains__(self, key: object) -> bool:
        if key in self._seen:
            return True
        if not isinstance(key, str):
            return False
        self._fetch(key)
        return key in self._seen

    def load_all(self) -> None:
        """Read and decode the whole table (in its order), keeping the values already decoded."""
        if self._complete:
            return
        seen, decode, unkey = self._seen, self._decode, self._unkey
        try:
            rows = self._reader.rows(self._table)
            everything: dict[str, V] = {}
            for k, v in rows:
                key = unkey(k) if unkey is not None else k
                everything[key] = seen[key] if key in seen else decode(v)
        except (DamagedRow, ValueError, LookupError, TypeError) as exc:
            self._recovered(exc)
            return
        self._seen = everything
        self._complete = True
        self._absent.clear()

    def __iter__(self) -> Iterator[str]:
        self.load_all()
        return iter(self._seen)

    def __len__(self) -> int:
        self.load_all()
        return len(self._seen)

    def __repr__(self) -> str:
        state = "complete" if self._complete else f"{len(self._seen)} read"
        return f"<LazyMap {self._table}: {state}>"


class MappedView(Mapping[str, T], Generic[T, V]):
    """Values computed from another mapping's on first use (a field that is a function of another:
    stored once, not twice). ``keep`` says which of the source's keys this mapping has; ``order``, when
    given, the order they iterate in (else the source's)."""

    def __init__(self, source: Mapping[str, V], convert: Callable[[V], T],
                 keep: Callable[[V], bool] | None = None, order: Iterable[str] | None = None) -> None:
        self._source, self._convert, self._keep, self._order = source, convert, keep, order
        self._seen: dict[str, T] = {}

    def _value(self, key: str) -> T | None:
        raw = self._source.get(key)
        if raw is None or (self._keep is not None and not self._keep(raw)):
            return None
        value = self._seen[key] = self._convert(raw)
        return value

    def __getitem__(self, key: str) -> T:
        found = self._seen.get(key)
        if found is None:
            found = self._value(key)
            if found is None:
                raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._seen or self._value(key) is not None)

    def __iter__(self) -> Iterator[str]:
        keep, source = self._keep, self._source
        keys = self._order if self._order is not None else source
        return (k for k in keys if k in source and (keep is None or keep(source[k])))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class LazySequence(Sequence[T]):
    """A list computed by ``load`` the first time it is used (the organisations, in their order)."""

    def __init__(self, load: Callable[[], list[T]]) -> None:
        self._load = load
        self._items: list[T] | None = None

    def _list(self) -> list[T]:
        if self._items is None:
            self._items = self._load()
        return self._items

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[T]: ...

    def __getitem__(self, i: int | slice) -> T | Sequence[T]:
        return self._list()[i]

    def __len__(self) -> int:
        return len(self._list())

    def __iter__(self) -> Iterator[T]:
        return iter(self._list())

    def __contains__(self, item: object) -> bool:
        return item in self._list()

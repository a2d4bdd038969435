"""The default backend: embedded Oxigraph on disk, published in immutable generations.

Oxigraph allows one read-write open of a database, says that reading while
another process writes is undefined, and documents its bulk loader as not
atomic. So a published database is never written again:

    var/store/
      generation         <- pointer: the name of the current generation
      gen-00000007/      <- current, opened read-only by every reader
      gen-00000006/      <- previous, kept so readers that have not yet looked again still work
      write.lock         <- flock held by the one writer

A write transaction takes the lock, makes a RocksDB checkpoint of the current
generation (hard links, so cheap), opens that copy read-write, applies the
changes, closes it and only then swaps the pointer with an atomic rename. A
failure or ``kill -9`` before the swap leaves the pointer, and so the data,
untouched; the half-written copy is removed by the next writer. Readers (the
web app, other CLI commands) notice the new pointer on their next query and
reopen. See docs/decisions/0001-store-generations.md.

Reads from RocksDB are several times slower than from Oxigraph's in-memory
store on large scans (co-participation edges of 1M triples: 6.8 s against
1.3 s). A long-running reader (the web app) may therefore ask for a *memory
mirror*: after each publication a background thread copies the current
generation into memory (when it holds at most ``memory_mirror_max_quads``
quads) and queries move to the copy once it is complete. Until then, and
always for larger stores, queries read the disk, so new data is visible as
soon as it is published. See docs/decisions/0003-memory-mirror.md.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import logging
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from vdk_graph.errors import ConfigError, StoreDamaged, StoreError, StoreNotFound, file_system_problem
from vdk_graph.results import QueryResult
from vdk_graph.store.base import Capabilities, Store
from vdk_graph.store.changes import Change, FileChangeLog
from vdk_graph.store.checksums import VERIFIED, check_sums, write_sums
from vdk_graph.store.locking import WriteLock
from vdk_graph.store.oxigraph import OxigraphTransaction, run_query

log = logging.getLogger(__name__)

POINTER = "generation"
LOCK = "write.lock"
#: What each write touched, per data version (:mod:`vdk_graph.store.changes`), in ``derived/``.
CHANGES = "changes.json"
_GENERATION = re.compile(r"^gen-(\d{8})$")
#: A transaction that changed at least this many triples is compacted before it is published
#: (RocksDB's full compaction, ``Store.optimize``). A bulk load leaves many overlapping files that
#: every index look-up visits: at 1M triples, after the aggregates were written, compacting cut the
#: CPU time of the named queries 2-2.6x (best-connected-organisations 1.45 s -> 0.61 s). It costs a
#: rewrite of the store, seconds at 1M, so the small writes of an import leave it to the next large one.
COMPACT_AFTER = 50_000


class EmbeddedStore(Store):
    kind = "oxigraph"
    capabilities = Capabilities(native=True, local_files=True, shared=True)

    def __init__(
        self, path: str | Path, *, memory_mirror_max_quads: int = 0, create: bool = True, verify: bool = False
    ) -> None:
        """Open the store in folder ``path``.

        Args:
            create: whether a missing (or empty) folder is a store yet to be written (the
                default, for writers); if False it raises :class:`StoreNotFound`, as opening
                the store the way users do must (a mistyped path is not an empty graph).
            verify: check the current generation's files against their checksums and open it
                now, so that a damaged store is reported at once, in one sentence
                (:mod:`vdk_graph.store.checksums`).
        """
        self.root = Path(path)
        self.memory_mirror_max_quads = memory_mirror_max_quads
        self._mirror: tuple[str, ox.Store] | None = None
        #: Set when no mirror copy is running (done, failed, too large, or none asked for).
        self._mirror_settled = threading.Event()
        self._mirror_settled.set()
        self.location = str(self.root)
        if self.root.exists() and not self.root.is_dir():
            raise ConfigError(f"store path {self.root} is a file; give a folder (it is created if missing)")
        if self.root.is_dir() and not (self.root / POINTER).exists() and _looks_foreign(self.root):
            raise ConfigError(
                f"folder {self.root} holds files but is not a vdk-graph store (no '{POINTER}' file); "
                "choose an empty or new folder for --store"
            )
        self._guard = threading.Lock()
        self._reader_store: ox.Store | None = None
        self._reader_name: str | None = None
        self._pointer_key: tuple[int, int, int] | None = None
        self._empty = ox.Store()
        self._changes = FileChangeLog(self.root / "derived" / CHANGES)
        if not create and not (self.root / POINTER).is_file():
            raise StoreNotFound(_missing(self.root))
        if verify:
            name = self._current_name()
            problem = check_sums(self.root / name, self.root / "derived" / VERIFIED) if name else None
            if problem:
                raise StoreDamaged.at(self.root, problem)
            self._reader()

    def exists(self) -> bool:
        """Whether a generation has been published here (a store, possibly empty, rather than nothing)."""
        return (self.root / POINTER).is_file()

    def reopen_spec(self) -> str:
        return str(self.root.resolve())

    # ------------------------------------------------------------------ reading

    def _current_name(self) -> str | None:
        try:
            name = (self.root / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreDamaged.at(self.root, f"its '{POINTER}' file cannot be read: {exc}") from None
        if not _GENERATION.match(name) or not (self.root / name).is_dir():
            raise StoreDamaged.at(self.root, f"'{POINTER}' names {name[:40]!r}, which is missing")
        return name

    def _reader(self) -> ox.Store:
        try:
            st = os.stat(self.root / POINTER)
        except FileNotFoundError:
            return self._empty
        key = (st.st_mtime_ns, st.st_ino, st.st_size)
        if key != self._pointer_key:
            with self._guard:
                if key != self._pointer_key:
                    name = self._current_name()
                    if name is None:
                        return self._empty
                    if name != self._reader_name:
                        try:
                            self._reader_store = ox.Store.read_only(str(self.root / name))
                        except (OSError, RuntimeError) as exc:  # RocksDB: IO errors, "Corruption: …"
                            raise StoreDamaged.at(self.root, _first_line(exc)) from None
                        self._reader_name = name
                        self._mirror = None
                        if self.memory_mirror_max_quads > 0:
                            self._start_mirror(name, self._reader_store)
                    self._pointer_key = key
        mirror = self._mirror
        if mirror is not None and mirror[0] == self._reader_name:
            return mirror[1]
        assert self._reader_store is not None
        return self._reader_store

    def _start_mirror(self, name: str, source: ox.Store) -> None:
        """Copy generation ``name`` into memory in the background; queries switch to it when it is done."""

        def copy() -> None:
            try:
                if len(source) > self.memory_mirror_max_quads:
                    log.info("store %s: %s is too large for a memory mirror", self.root, name)
                    return
                buffer = io.BytesIO()
                source.dump(buffer, format=ox.RdfFormat.N_QUADS)
                mirror = ox.Store()
                mirror.bulk_load(buffer.getvalue(), format=ox.RdfFormat.N_QUADS)
                del buffer
                with self._guard:
                    if self._reader_name == name:
                        self._mirror = (name, mirror)
            except (OSError, ValueError, SyntaxError) as exc:  # the disk stays the reader
                log.warning("store %s: no memory mirror of %s: %s", self.root, name, exc)
            finally:
                self._mirror_settled.set()

        self._mirror_settled.clear()
        threading.Thread(target=copy, name=f"vdk-mirror-{name}", daemon=True).start()

    def wait_for_mirror(self, timeout: float | None = None) -> bool:
        """Wait until the current generation's memory copy is done; whether queries now use it.

        False at once when no mirror was asked for, and when the store is too large for one.
        """
        self._reader()
        self._mirror_settled.wait(timeout)
        return self.mirror_ready()

    def mirror_ready(self) -> bool:
        """Whether queries are currently answered from a complete in-memory copy."""
        self._reader()
        mirror = self._mirror
        return mirror is not None and mirror[0] == self._reader_name

    def query(
        self,
        sparql: str,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        return run_query(self._reader(), sparql, default_graphs, named_graphs)

    def native(self) -> ox.Store:
        return self._reader()

    def cache_folder(self) -> Path | None:
        return self.root / "derived"

    def modified(self) -> dt.datetime | None:
        """When the current generation was published (its folder's time), to the second."""
        self._reader()
        name = self._reader_name
        try:
            stamp = os.stat(self.root / name).st_mtime if name else None
        except FileNotFoundError:
            return None
        return dt.datetime.fromtimestamp(int(stamp), dt.UTC) if stamp is not None else None

    def data_version(self) -> str:
        """The generation and its folder's inode: a store rebuilt from scratch never repeats a version."""
        self._reader()
        name = self._reader_name
        if name is None:
            return "empty"
        try:
            return f"{name}-{os.stat(self.root / name).st_ino}"
        except FileNotFoundError:  # pruned by a writer a moment ago; the next query reopens
            return name

    def _version_of(self, name: str | None) -> str:
        """The data version generation ``name`` has (see :meth:`data_version`)."""
        return f"{name}-{os.stat(self.root / name).st_ino}" if name else "empty"

    def _note(self, parent: str, version: str, change: Change | None) -> None:
        """Keep what the transaction touched (for views updating themselves); never fails the write."""
        try:
            self._changes.record(parent, version, change)
        except OSError as exc:  # views find no note and rebuild whole: slower, never wrong
            log.warning("store %s: what the write touched was not noted (%s)", self.root, exc)

    def touched_between(self, old: str, new: str) -> Change | None:
        return self._changes.touched_between(old, new)

    def close(self) -> None:
        with self._guard:
            self._reader_store = None
            self._reader_name = None
            self._pointer_key = None
            self._mirror = None
        gc.collect()

    # ------------------------------------------------------------------ writing

    @contextmanager
    def transaction(self) -> Iterator[OxigraphTransaction]:
        self.root.mkdir(parents=True, exist_ok=True)
        with WriteLock(self.root / LOCK, str(self.root)):
            current = self._current_name()
            self._remove_unfinished(current)
            number = int(current[4:]) + 1 if current else 1
            name = f"gen-{number:08d}"
            work = self.root / f"{name}.tmp"
            try:
                if current:
                    source = ox.Store.read_only(str(self.root / current))
                    source.backup(str(work))
                    del source
                store = ox.Store(str(work))
            except RuntimeError as exc:  # RocksDB found the current generation damaged
                shutil.rmtree(work, ignore_errors=True)
                raise StoreDamaged.at(self.root, _first_line(exc)) from None
            except OSError as exc:
                shutil.rmtree(work, ignore_errors=True)
                raise _write_failed(self.root, exc) from None
            tx = OxigraphTransaction(store)
            try:
                yield tx
                store.flush()
                if tx.changed >= COMPACT_AFTER:
                    _compact(store)
            except BaseException as exc:
                tx.close()
                del store
                gc.collect()
                shutil.rmtree(work, ignore_errors=True)
                if isinstance(exc, OSError):  # the disk filled up, a file-size limit ...
                    raise _write_failed(self.root, exc) from None
                raise
            tx.close()
            del store
            gc.collect()  # the RocksDB handle closes when the last reference goes
            try:
                write_sums(work, self.root / current if current else None)
                parent = self._version_of(current)
                os.rename(work, self.root / name)
                _fsync_dir(self.root)
                self._publish(name)
            except OSError as exc:  # the pointer still names the old generation: nothing changed
                shutil.rmtree(work, ignore_errors=True)
                shutil.rmtree(self.root / name, ignore_errors=True)
                raise _write_failed(self.root, exc) from None
            self._note(parent, self._version_of(name), tx.touched.change)
            self._remove_old(keep={name, current})

    def _publish(self, name: str) -> None:
        pointer = self.root / POINTER
        scratch = self.root / f"{POINTER}.new"
        with scratch.open("w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(scratch, pointer)
        _fsync_dir(self.root)

    def _remove_unfinished(self, current: str | None) -> None:
        """Remove what a failed or killed writer left: its ``*.tmp`` copy, or a generation it never published.

        A writer killed between renaming its copy into place and swapping the pointer
        leaves ``gen-<current + 1>``; the next writer needs that name for its own copy.
        """
        published = int(current[4:]) if current else 0
        for path in self.root.iterdir():
            match = _GENERATION.match(path.name)
            unfinished = path.name.startswith("gen-") and path.name.endswith(".tmp")
            if unfinished or (match and int(match.group(1)) > published):
                shutil.rmtree(path, ignore_errors=True)

    def _remove_old(self, keep: set[str | None]) -> None:
        for path in self.root.iterdir():
            if _GENERATION.match(path.name) and path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)


def _compact(store: ox.Store) -> None:
    """RocksDB's full compaction of a generation nobody reads yet (``COMPACT_AFTER`` says why)."""
    store.optimize()


def _missing(root: Path) -> str:
    return (
        f"there is no store at {root}: build it from the curated data with 'vdk-graph --store {root} build' "
        f"(or import into it); from Python, KnowledgeGraph({str(root)!r}, create=True) makes an empty one"
    )


def _write_failed(root: Path, exc: OSError) -> StoreError:
    what, todo = file_system_problem(exc)
    return StoreError(
        f"could not write the store at {root}: {what}. Nothing was changed (the store holds what it held "
        f"before); {todo}, then run the command again"
    )


def _first_line(exc: BaseException) -> str:
    """RocksDB's message without its trailing advice, which names internal files."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _looks_foreign(path: Path) -> bool:
    ours = {POINTER, LOCK, f"{POINTER}.new", "derived"}  # derived: dumps and other files made from the data
    return any(
        p.name not in ours and not _GENERATION.match(p.name) and not p.name.endswith(".tmp")
        for p in path.iterdir()
    )

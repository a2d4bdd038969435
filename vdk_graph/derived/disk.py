"""Derived views kept on disk beside the store, so that a new process reads them instead of recomputing.

A CLI command is a new process: without this, ``vdk-graph match`` at a million
triples rebuilt the network projection, the matchmaking index and the network
measures (tens of seconds) to answer in milliseconds. A :class:`DiskCodec`
gives a :class:`~vdk_graph.derived.Derived` view a file form; this module keeps
those files honest (``docs/decisions/0013-derived-data-on-disk.md``):

* **where**: ``store.cache_folder() / "views"`` (an embedded store's
  ``<store>/derived/views``; memory and remote stores have none, and keep their
  views in memory only). Everything there may be deleted at any time.
* **stamped**: each view has a *manifest* (``<name>.json``) naming its data file,
  the store's ``data_version()`` it was computed from, the codec's format, the
  file's size and CRC-32. A view is read only when the format is the codec's and
  the stamp is current (or the codec says the file still holds, see
  :meth:`DiskCodec.current`), and the file has that size and checksum (or, for
  large files whose rows carry their own, each row read matches its checksum).
  Anything else — absent, stale, truncated, damaged, foreign, another format — is
  ignored and recomputed, never trusted.
* **atomic**: the data file is written under a temporary name and renamed, then
  the manifest is written the same way; the manifest's rename publishes it. A
  killed writer leaves a ``.partial`` file that the next writer removes.
* **one builder**: writers of a view take an exclusive ``flock`` on
  ``<name>.lock``; a second process that wants the same view waits for the first
  and then reads what it wrote (:func:`building`). If the lock cannot be had
  in :data:`LOCK_WAIT` seconds it computes anyway, and the last rename wins.
* **safe to read**: formats that cannot run code (SQLite opened read-only,
  JSON); nothing here is ever unpickled.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import re
import secrets
import sqlite3
import time
import zlib
from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from vdk_graph.store.base import Store

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The subfolder of ``store.cache_folder()`` that holds the views.
VIEWS = "views"
#: Seconds a process waits for another that is building the same view before building it itself.
LOCK_WAIT = 600.0
#: Names a manifest may give its data file: ``<name>.<token><suffix>`` in the same folder, nothing else.
_DATA_FILE = re.compile(r"^[a-z0-9-]+\.[0-9a-f]{12}\.[a-z]+$")
_MANIFEST_KEYS = {"view", "format", "data_version", "file", "size", "crc32", "facts", "written_at", "seconds"}


class DamagedFile(Exception):
    """A derived file is not what its manifest says (raised by codecs; it is then ignored and rebuilt)."""


@dataclass(frozen=True)
class Manifest:
    """What a view's data file holds and what it was computed from."""

    view: str
    format: str
    data_version: str
    file: str
    size: int
    crc32: int
    #: Codec-specific facts about the value (the measures' network fingerprint …).
    facts: dict[str, str] = field(default_factory=dict)
    written_at: str = ""
    seconds: float = 0.0

    @classmethod
    def parse(cls, text: str) -> Manifest | None:
        """The manifest in ``text``, or None for anything that is not exactly one."""
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict) or set(data) != _MANIFEST_KEYS:
            return None
        strings = ("view", "format", "data_version", "file", "written_at")
        if not all(isinstance(data[k], str) for k in strings):
            return None
        if not (isinstance(data["size"], int) and isinstance(data["crc32"], int)
                and isinstance(data["seconds"], int | float) and isinstance(data["facts"], dict)):
            return None
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in data["facts"].items()):
            return None
        if not _DATA_FILE.match(data["file"]):
            return None
        return cls(**data)

    def dumps(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


class DiskCodec(ABC, Generic[T]):
    """How one derived view is written to a file and read back.

    ``read`` may return a value that keeps reading the file lazily (the matchmaking
    index does: a command needs a few organisations, not all of them).
    """

    #: The view's file name stem ("match-index"): lower-case letters, digits and dashes.
    name: ClassVar[str]
    #: The layout's name and version: bump it whenever the layout changes, and old files are ignored.
    format: ClassVar[str]
    #: The data file's suffix.
    suffix: ClassVar[str] = ".sqlite"
    #: Whether the whole file's CRC is checked before reading it. A codec whose rows carry their own
    #: checksums (:mod:`vdk_graph.derived.sqlite_maps`) says False: hashing hundreds of megabytes would cost a
    #: command more than the few rows it reads; its size is still checked.
    verify_whole: ClassVar[bool] = True

    @abstractmethod
    def write(self, value: T, path: Path) -> dict[str, str]:
        """Write ``value`` to ``path`` (a new file); facts about it for the manifest."""

    @abstractmethod
    def read(self, path: Path, manifest: Manifest, store: Store) -> T:
        """The value in ``path`` (already checked against its manifest); :class:`DamagedFile` if not one."""

    def current(self, manifest: Manifest, store: Store, version: str) -> bool:
        """Whether the file describes the store's data at ``version`` (by default: it was stamped with it)."""
        return manifest.data_version == version


def folder_of(store: Store) -> Path | None:
    """Where the store's derived views live, or None when it has no folder for them."""
    base = store.cache_folder()
    return None if base is None else base / VIEWS


def _stem(codec: DiskCodec[Any], key: tuple[Hashable, ...]) -> str:
    if not key:
        return codec.name
    digest = zlib.crc32(repr(key).encode("utf-8"))
    return f"{codec.name}-{digest:08x}"


def read_manifest(path: Path) -> Manifest | None:
    try:
        return Manifest.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def checksum(path: Path) -> tuple[int, int]:
    """Size and CRC-32 of a file (about a gigabyte a second: enough to catch damage, not an attack)."""
    crc, size = 0, 0
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
    return size, crc


def load(codec: DiskCodec[T], store: Store, key: tuple[Hashable, ...], version: str) -> T | None:
    """The view from disk when its file is current and intact; None (and the file ignored) otherwise."""
    folder = folder_of(store)
    if folder is None:
        return None
    stem = _stem(codec, key)
    manifest = read_manifest(folder / f"{stem}.json")
    if manifest is None or manifest.view != codec.name or manifest.format != codec.format:
        return None
    try:
        if not codec.current(manifest, store, version):
            return None
        path = folder / manifest.file
        if path.stat().st_size != manifest.size or (
                codec.verify_whole and checksum(path) != (manifest.size, manifest.crc32)):
            log.warning("derived file %s is damaged (size or checksum); it will be rebuilt", path)
            return None
        value = codec.read(path, manifest, store)
    except FileNotFoundError:
        return None  # replaced by another writer a moment ago, or removed by hand: computed anew
    except (DamagedFile, sqlite3.Error, OSError, ValueError, LookupError, TypeError) as exc:
        log.warning("derived file for %s cannot be read (%s); it will be rebuilt", codec.name, exc)
        return None
    if manifest.data_version != version:  # still current by the codec's own test: stamp it for this version
        with contextlib.suppress(OSError):
            _publish_manifest(folder, stem, Manifest(**{**asdict(manifest), "data_version": version}))
    return value


def save(codec: DiskCodec[T], store: Store, key: tuple[Hashable, ...], value: T, version: str,
         seconds: float = 0.0) -> Manifest | None:
    """Write the view and publish it; None (and a warning) when the folder cannot be written.

    A full disk or a read-only folder must not fail the command that computed the view: it
    just has to be computed again next time.
    """
    folder = folder_of(store)
    if folder is None:
        return None
    stem = _stem(codec, key)
    name = f"{stem}.{secrets.token_hex(6)}{codec.suffix}"
    partial = folder / f".{name}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        facts = codec.write(value, partial)
        _fsync(partial)
        size, crc = checksum(partial)
        os.replace(partial, folder / name)
        manifest = Manifest(codec.name, codec.format, version, name, size, crc, facts,
                            dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(), round(seconds, 3))
        _publish_manifest(folder, stem, manifest)
    except OSError as exc:
        log.warning("cannot keep the %s on disk in %s (%s); it will be computed again next time",
                    codec.name, folder, exc)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return None
    _remove_unpublished(folder, stem, keep=name)
    return manifest


def restamp(codec: DiskCodec[Any], store: Store, key: tuple[Hashable, ...], old: str, new: str) -> bool:
    """Stamp the view's file of data version ``old`` with ``new`` (see ``Derived.carry_over``)."""
    folder = folder_of(store)
    if folder is None:
        return False
    stem = _stem(codec, key)
    manifest = read_manifest(folder / f"{stem}.json")
    if manifest is None or manifest.format != codec.format or manifest.data_version != old:
        return False
    try:
        _publish_manifest(folder, stem, Manifest(**{**asdict(manifest), "data_version": new}))
    except OSError as exc:
        log.warning("cannot restamp the %s in %s (%s)", codec.name, folder, exc)
        return False
    return True


def discard(codec: DiskCodec[Any], store: Store, key: tuple[Hashable, ...], file: str) -> None:
    """Unpublish the view's file ``file`` (found damaged while being read), so that it is built anew."""
    folder = folder_of(store)
    if folder is None:
        return
    stem = _stem(codec, key)
    manifest = read_manifest(folder / f"{stem}.json")
    if manifest is not None and manifest.file == file:
        with contextlib.suppress(OSError):
            (folder / f"{stem}.json").unlink()
            (folder / file).unlink()


def _publish_manifest(folder: Path, stem: str, manifest: Manifest) -> None:
    partial = folder / f".{stem}.json.{secrets.token_hex(4)}.partial"
    partial.write_text(manifest.dumps(), encoding="utf-8")
    _fsync(partial)
    os.replace(partial, folder / f"{stem}.json")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_unpublished(folder: Path, stem: str, keep: str) -> None:
    """Data files of this view other than ``keep``, and partial files a killed writer left.

    Called with the view's build lock held, so no other writer of it is half-way. A reader
    that still has an old file open keeps reading it (POSIX keeps the inode until it is closed).
    """
    prefix = f"{stem}."
    for path in folder.iterdir():
        name = path.name
        ours = name.startswith(prefix) and _DATA_FILE.match(name) and name.count(".") == 2
        partial = name.startswith(f".{prefix}") and name.endswith(".partial")
        if (ours and name != keep) or partial:
            with contextlib.suppress(OSError):
                path.unlink()


@contextlib.contextmanager
def building(codec: DiskCodec[Any], store: Store, key: tuple[Hashable, ...],
             wait: float = LOCK_WAIT) -> Iterator[bool]:
    """Hold the view's build lock (yields True), waiting while another process holds it.

    Yields False without the lock when the folder cannot be written or the wait runs out:
    the caller then computes anyway (and the last rename wins).
    """
    folder = folder_of(store)
    fd: int | None = None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(folder / f"{_stem(codec, key)}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            fd = None
    if fd is None:
        yield False
        return
    try:
        held = _lock(fd, wait)
        yield held
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _lock(fd: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    delay = 0.01
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                log.warning("another process has been building a derived view for %.0f s; "
                            "building it here too", wait)
                return False
            time.sleep(delay)
            delay = min(0.25, delay * 2)


@dataclass(frozen=True)
class Entry:
    """One view on disk, for ``vdk-graph derive --status``."""

    name: str
    manifest: Manifest
    bytes: int
    #: Written by one of the codecs asked about, in its current format.
    known: bool
    #: … and stamped with the store's current data version.
    current: bool


def status(store: Store, codecs: list[DiskCodec[Any]]) -> list[Entry]:
    """Every view on disk, with whether it is in a format of ``codecs`` and stamped with the current data."""
    folder = folder_of(store)
    if folder is None or not folder.is_dir():
        return []
    version = store.data_version()
    formats = {(codec.name, codec.format) for codec in codecs}
    out = []
    for path in sorted(folder.glob("*.json")):
        manifest = read_manifest(path)
        if manifest is None:
            continue
        try:
            size = (folder / manifest.file).stat().st_size
        except OSError:
            size = 0
        known = (manifest.view, manifest.format) in formats
        out.append(Entry(path.stem, manifest, size, known, known and manifest.data_version == version))
    return out


def clear(store: Store) -> int:
    """Remove every derived view of the store from disk; how many files were removed."""
    folder = folder_of(store)
    if folder is None or not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        if path.suffix == ".lock":
            continue  # another process may hold it; an empty lock file costs nothing
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed

"""Checksums of a published generation, so that damaged files are found when the store is opened.

RocksDB finds some damage itself (a truncated file, a bad block checksum) and
pyoxigraph reports it; but not all: with garbled data blocks, a plain
``COUNT`` query grew to 8 GB in ten seconds before anything failed. A
generation never changes once published (readers open it read-only, the next
writer works on a copy), so the writer sums its files once, and opening the
store the way users do (the CLI, ``KnowledgeGraph``, the web app) checks
them. Summing costs about a second per gigabyte; so once a generation's files
have matched their sums, their state (inode, size, modification and change
times) is recorded beside the store (``derived/verified.json``), and a later
open sums only files whose state differs. Any write through the file system
changes a file's change time, which no program can set back, so a file changed
since it was verified is summed again. Generations written before this existed
have no sums and are not checked.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

SUMS = "vdk-checksums.json"
#: The record of files that matched their sums, in the store's derived folder.
VERIFIED = "verified.json"
#: RocksDB's lock file, and its info logs, which are not data (a read-write open appends to them).
_UNSUMMED = ("LOCK", "LOG")
_CHUNK = 1 << 20


def write_sums(folder: Path, previous: Path | None = None) -> None:
    """Record the size and CRC-32 of every data file of ``folder`` (a closed, finished generation).

    A new generation starts as hard links to the files of the ``previous`` one, and RocksDB never
    rewrites a file: a file that is still the same inode keeps its recorded sum (an import into a
    big store then sums only what it wrote).
    """
    known = _recorded(previous) if previous is not None else {}
    sums: dict[str, list[int]] = {}
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name == SUMS or path.name.startswith(_UNSUMMED):
            continue
        old = known.get(path.name)
        if old is not None and previous is not None and _same_file(path, previous / path.name):
            sums[path.name] = list(old)
        else:
            sums[path.name] = [path.stat().st_size, _crc(path)]
    scratch = folder / f"{SUMS}.new"
    with scratch.open("w", encoding="utf-8") as handle:
        json.dump(sums, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(scratch, folder / SUMS)


def _recorded(folder: Path) -> dict[str, tuple[int, int]]:
    try:
        sums = json.loads((folder / SUMS).read_text(encoding="utf-8"))
        return {str(name): (int(size), int(crc)) for name, (size, crc) in sums.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def check_sums(folder: Path, verified: Path | None = None) -> str | None:
    """What is wrong with ``folder``'s files (the first thing found), or None if they match their sums.

    ``verified``: the file recording which files matched before (see the module's doc): files whose
    state is unchanged since are not summed again, and a check that finds nothing wrong updates it.
    """
    try:
        text = (folder / SUMS).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None  # written before sums existed
    except (OSError, UnicodeDecodeError) as exc:
        return f"its checksum file cannot be read ({exc})"
    try:
        sums = json.loads(text)
        expected = {str(name): (int(size), int(crc)) for name, (size, crc) in sums.items()}
    except (ValueError, TypeError, AttributeError):
        return f"its checksum file {folder / SUMS} is garbled"
    known = _verified(verified, folder.name) if verified is not None else {}
    states: dict[str, list[int]] = {}
    for name, (size, crc) in expected.items():
        path = folder / name
        try:
            stat = path.stat()
        except FileNotFoundError:
            return f"the file {path} is missing"
        if stat.st_size != size:
            return f"the file {path} has {stat.st_size:,} bytes, not the {size:,} it was written with"
        state = [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]
        if known.get(name) != state and _crc(path) != crc:
            return f"the file {path} has changed since it was written (its checksum differs)"
        states[name] = state
    if verified is not None and states != known:
        _record(verified, folder.name, states)
    return None


def _verified(record: Path, generation: str) -> dict[str, list[int]]:
    """The file states recorded for ``generation`` (nothing if the record is absent, another's or garbled)."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        if data.get("generation") != generation:
            return {}
        return {str(name): [int(v) for v in state] for name, state in data["files"].items()}
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return {}


def _record(record: Path, generation: str, states: dict[str, list[int]]) -> None:
    """Write the record atomically; a store on a read-only file system is simply summed every time."""
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        scratch = record.with_name(f"{record.name}.{os.getpid()}.new")
        scratch.write_text(json.dumps({"generation": generation, "files": states}), encoding="utf-8")
        os.replace(scratch, record)
    except OSError:
        pass


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc

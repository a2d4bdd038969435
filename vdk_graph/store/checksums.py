"""Checksums of a published generation, so that damaged files are found when the store is opened.

RocksDB finds some damage itself (a truncated file, a bad block checksum) and
pyoxigraph reports it; but not all: with garbled data blocks, a plain
``COUNT`` query grew to 8 GB in ten seconds before anything failed. A
generation never changes once published (readers open it read-only, the next
writer works on a copy), so the writer sums its files once, and opening the
store the way users do (the CLI, ``KnowledgeGraph``, the web app) checks
them: about a second per gigabyte, paid once per command. Generations written
before this existed have no sums and are not checked.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

SUMS = "vdk-checksums.json"
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


def check_sums(folder: Path) -> str | None:
    """What is wrong with ``folder``'s files (the first thing found), or None if they match their sums."""
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
    for name, (size, crc) in expected.items():
        path = folder / name
        try:
            actual = path.stat().st_size
        except FileNotFoundError:
            return f"the file {path} is missing"
        if actual != size:
            return f"the file {path} has {actual:,} bytes, not the {size:,} it was written with"
        if _crc(path) != crc:
            return f"the file {path} has changed since it was written (its checksum differs)"
    return None


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc

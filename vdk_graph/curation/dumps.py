"""Downloadable dumps of the whole graph, written once per data version: N-Quads and Turtle, gzipped.

``vdk.nq.gz`` keeps every fact in the named graph of the source it came from
(with that graph's provenance), so it can be loaded elsewhere as it is;
``vdk.ttl.gz`` is the union of all graphs as one Turtle document, for tools
that know no named graphs. Both are written to the store's folder for derived
files (or a temporary folder for stores that have none), under the data
version, so a new import makes new files and the old ones are removed.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import tempfile
from pathlib import Path

from vdk_graph.curation.export import export
from vdk_graph.store.base import Store

#: The dumps: file name → export format.
DUMPS = {"vdk.nq.gz": "nquads", "vdk.ttl.gz": "turtle"}
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def dump_folder(store: Store) -> Path:
    """Where the dumps of ``store`` are written (a temporary folder when the store has none)."""
    folder = store.cache_folder()
    if folder is None:
        folder = Path(tempfile.gettempdir()) / f"vdk-graph-dumps-{os.getpid()}-{id(store)}"
    return folder / "dumps"


def write_dumps(store: Store) -> dict[str, Path]:
    """Write every dump of the store's current data (once per data version); name → file."""
    version = _SAFE.sub("-", store.data_version())
    root = dump_folder(store)
    here = root / version
    written = {name: here / name for name in DUMPS}
    if all(path.is_file() for path in written.values()):
        return written
    here.mkdir(parents=True, exist_ok=True)
    for name, fmt in DUMPS.items():
        partial = here / f".{name}.partial"
        with gzip.open(partial, "wb", compresslevel=6) as out:
            export(store, fmt, out)  # type: ignore[arg-type]
        os.replace(partial, here / name)  # whole or not at all
    for old in root.iterdir():
        if old.is_dir() and old.name != version:
            shutil.rmtree(old, ignore_errors=True)
    return written

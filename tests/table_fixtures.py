"""Fixtures and helpers for spreadsheet imports, resolution, duplicates and sources.

``table_env`` gives a memory store and a data folder of its own (so the real
``data/aliases.csv`` never changes a test), and a function that writes CSV
files into it and imports them through the real pipeline.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from vdk_graph.config import Settings
from vdk_graph.importers.base import ImportContext, ImportReport, run_import
from vdk_graph.importers.table import TableImporter
from vdk_graph.results import SelectResult
from vdk_graph.sparql import run
from vdk_graph.store import MemoryStore

BASE = "https://w3id.org/vdk/id/"
SRC = "https://example.org/page"


def write_csv(
    path: Path, header: list[str], *rows: list[str], delimiter: str = ",", encoding: str = "utf-8"
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def select(store: MemoryStore, sparql: str) -> list[dict[str, object]]:
    result = run(store, sparql)
    assert isinstance(result, SelectResult)
    return list(result.dicts())


@dataclass
class TableEnv:
    store: MemoryStore
    folder: Path

    @property
    def settings(self) -> Settings:
        return Settings(store="memory:", data_dir=self.folder)

    def csv(self, name: str, header: list[str], *rows: list[str], **kwargs: str) -> Path:
        return write_csv(self.folder / name, header, *rows, **kwargs)

    def aliases(self, *rows: str) -> Path:
        path = self.folder / "aliases.csv"
        path.write_text(
            "name,same_as,different_from,note\n" + "".join(r + "\n" for r in rows), encoding="utf-8"
        )
        return path

    def load(
        self, *paths: Path, kind: str | None = None, dry_run: bool = False, **context: object
    ) -> ImportReport:
        ctx = ImportContext.for_store(self.store, self.settings, **context)
        return run_import(self.store, TableImporter(kind), list(paths), ctx, dry_run=dry_run)

    def select(self, sparql: str) -> list[dict[str, object]]:
        return select(self.store, sparql)


@pytest.fixture
def table_env(tmp_path: Path) -> TableEnv:
    folder = tmp_path / "data"
    folder.mkdir()
    return TableEnv(MemoryStore(), folder)


TableEnvFactory = Callable[[], TableEnv]

"""Packages whose names load on first use: ``from vdk_graph.mapview import MapQuery`` imports one module.

A package ``__init__`` that imports all its modules makes importing any one of
them import everything (networkx, pyvis, numpy …): the command line paid ~2 s
before every command (issue 17). A package lists what it re-exports, and where
from, and lets :func:`exports` make its module ``__getattr__`` (PEP 562).

Modules that moved into packages (issue 13: ``vdk_graph.entity_facts`` is now
``vdk_graph.entity.facts``) keep their old paths for one release: :data:`MOVED`,
found by a finder on ``sys.meta_path`` that hands back the moved module itself.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings
from collections.abc import Callable
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any


def exports(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``names[name]`` (a submodule of ``package``) when asked."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        globals_ = importlib.import_module(package).__dict__
        globals_[name] = value  # the next look-up is a plain attribute
        return value

    return __getattr__


# --- Old module paths -------------------------------------------------------------------------------

#: Modules that moved into packages (issue 13), old path → new path. Importing an old path
#: still works for one release, with a DeprecationWarning that names the new path.
MOVED: dict[str, str] = {
    "vdk_graph.entity_facts": "vdk_graph.entity.facts",
    "vdk_graph.entity_groups": "vdk_graph.entity.groups",
    "vdk_graph.entity_kinds": "vdk_graph.entity.kinds",
    "vdk_graph.entity_model": "vdk_graph.entity.model",
    "vdk_graph.entity_tables": "vdk_graph.entity.tables",
    "vdk_graph.focus": "vdk_graph.entity.focus",
    "vdk_graph.build": "vdk_graph.curation.build",
    "vdk_graph.sources": "vdk_graph.curation.sources",
    "vdk_graph.duplicates": "vdk_graph.curation.duplicates",
    "vdk_graph.export": "vdk_graph.curation.export",
    "vdk_graph.dumps": "vdk_graph.curation.dumps",
    "vdk_graph.quality": "vdk_graph.curation.quality",
    "vdk_graph.resolution": "vdk_graph.importers.resolution",
    "vdk_graph.provenance": "vdk_graph.importers.provenance",
    "vdk_graph.importers.pure_dates": "vdk_graph.importers.pure.dates",
    "vdk_graph.importers.pure_language": "vdk_graph.importers.pure.language",
    "vdk_graph.importers.pure_layout": "vdk_graph.importers.pure.layout",
    "vdk_graph.importers.pure_numbers": "vdk_graph.importers.pure.numbers",
    "vdk_graph.importers.pure_parser": "vdk_graph.importers.pure.parser",
    "vdk_graph.importers.pure_record": "vdk_graph.importers.pure.record",
    "vdk_graph.importers.pure_roles": "vdk_graph.importers.pure.roles",
    "vdk_graph.importers.pure_vocabulary": "vdk_graph.importers.pure.vocabulary",
    "vdk_graph.importers.table_mapping": "vdk_graph.importers.table.mapping",
    "vdk_graph.importers.table_read": "vdk_graph.importers.table.read",
    "vdk_graph.importers.table_rules": "vdk_graph.importers.table.rules",
    "vdk_graph.importers.table_schema": "vdk_graph.importers.table.schema",
    "vdk_graph.importers.table_values": "vdk_graph.importers.table.values",
    "vdk_graph.importers.cordis_read": "vdk_graph.importers.cordis.read",
    "vdk_graph.derived_disk": "vdk_graph.derived.disk",
    "vdk_graph.derivation": "vdk_graph.warm",
    "vdk_graph.sqlite_maps": "vdk_graph.derived.sqlite_maps",
    "vdk_graph.ontology_doc": "vdk_graph.ontology.doc",
    "vdk_graph.sparql_shape": "vdk_graph.sparql.shape",
}


class _Moved(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old module path and hands back the module at its new path (the same object)."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        new = MOVED[spec.name]
        warnings.warn(f"{spec.name} moved to {new}; import it from there", DeprecationWarning, stacklevel=2)
        return importlib.import_module(new)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module at the new path ran when it was imported."""


def keep_old_paths() -> None:
    """Let ``import vdk_graph.<old path>`` find the moved modules (once per process)."""
    if not any(isinstance(finder, _Moved) for finder in sys.meta_path):
        sys.meta_path.append(_Moved())

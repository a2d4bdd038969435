"""Packages whose names load on first use: ``from vdk_graph.mapview import MapQuery`` imports one module.

A package ``__init__`` that imports all its modules makes importing any one of
them import everything (networkx, pyvis, numpy …): the command line paid ~2 s
before every command (issue 17). A package lists what it re-exports, and where
from, and lets :func:`exports` make its module ``__getattr__`` (PEP 562).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
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

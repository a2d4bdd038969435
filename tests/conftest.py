"""Fixtures shared by the whole suite. Each concern keeps its fixtures in its own module, imported here."""

from __future__ import annotations

from store_fixtures import embedded_store, oxigraph_server, remote_store, store

__all__ = ["embedded_store", "oxigraph_server", "remote_store", "store"]

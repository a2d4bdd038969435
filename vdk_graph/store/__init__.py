"""Stores: one interface (:class:`Store`), backends chosen by one setting.

``open_store(spec)`` takes what ``--store`` / ``VDK_STORE`` holds, and the
registry (:mod:`vdk_graph.store.registry`) picks the backend by its scheme:

* a folder path (default ``./var/store``): embedded Oxigraph on disk;
* ``memory:``: in memory, for tests and throwaway work;
* ``sparql+http://…`` or ``sparql+https://…``: a remote SPARQL 1.1 query + update endpoint
  (Oxigraph server, Fuseki, Virtuoso …; :mod:`vdk_graph.store.remote`).

Modules: ``base`` (the interface and its capability flags), ``registry``,
``embedded`` (generations on disk), ``memory``, ``oxigraph`` (what those two
share), ``dataset`` (FROM merged as a set), ``remote`` with ``remote_http``,
``remote_update`` and ``dialects`` (a SPARQL server and its quirks),
``checksums`` and ``locking``.
"""

from __future__ import annotations

from vdk_graph.store.base import BulkFile, Capabilities, GraphChange, Store, Transaction
from vdk_graph.store.embedded import EmbeddedStore
from vdk_graph.store.memory import MemoryStore
from vdk_graph.store.registry import backend_for, open_store
from vdk_graph.store.remote import RemoteStore

__all__ = [
    "BulkFile", "Capabilities", "EmbeddedStore", "GraphChange", "MemoryStore", "RemoteStore", "Store",
    "Transaction", "backend_for", "open_store",
]

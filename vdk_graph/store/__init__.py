"""Stores: one interface (:class:`Store`), backends chosen by one setting.

``open_store(spec)`` takes what ``--store`` / ``VDK_STORE`` holds, and the
registry (:mod:`vdk_graph.store.registry`) picks the backend by its scheme:

* a folder path (default ``./var/store``): embedded Oxigraph on disk;
* ``memory:``: in memory, for tests and throwaway work;
* ``sparql+http://…`` or ``sparql+https://…``: a remote SPARQL 1.1 query + update endpoint
  (Oxigraph server, Fuseki, Virtuoso …; :mod:`vdk_graph.store.remote`).

Modules: ``base`` (the interface and its capability flags), ``registry``,
``embedded`` (generations on disk), ``memory``, ``oxigraph`` (what those two
share), ``dataset`` (FROM merged as a set), ``checksums`` and ``locking``; and a remote SPARQL
server: ``remote`` (the store: its dataset, reads, sending writes), ``remote_text``
(what a query's text says: form, FROM, LIMIT), ``remote_answers`` (results read,
refusals turned into errors), ``remote_book`` (the bookkeeping graph as read),
``remote_transaction`` (what a transaction collects), ``remote_update`` (the update
requests it becomes), ``remote_http`` (POST and accounts) and ``dialects`` (each
server's quirks).
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

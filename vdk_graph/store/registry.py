"""The backends, chosen by the scheme of a ``--store`` value: one table, no ``if`` chains.

Each entry says which values it takes, how to open one, and (through its store
class) what it can do: :class:`~vdk_graph.store.base.Capabilities`. Callers that
must treat backends differently ask those flags, never the store's class.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vdk_graph.errors import ConfigError
from vdk_graph.store.base import Capabilities, Store
from vdk_graph.store.embedded import EmbeddedStore
from vdk_graph.store.memory import MemoryStore
from vdk_graph.store.remote import RemoteStore


@dataclass(frozen=True)
class Options:
    """How to open a store, for the backends that care."""

    #: A long-running reader may answer from an in-memory copy of up to this many quads (embedded).
    memory_mirror_max_quads: int = 0
    #: A missing folder is a store yet to be written, not an error (embedded).
    create: bool = False
    #: Check the store's files against their checksums when opening (embedded).
    verify: bool = True


@dataclass(frozen=True)
class Backend:
    """One kind of store: its name, the ``--store`` values it takes, and how to open them."""

    name: str
    store_class: type[Store]
    #: Whether a ``--store`` value is one of this backend's (the last entry takes what is left).
    takes: Callable[[str], bool]
    opener: Callable[[str, Options], Store]
    #: What a ``--store`` value for this backend looks like, for help texts and errors.
    example: str

    @property
    def capabilities(self) -> Capabilities:
        return self.store_class.capabilities


REGISTRY: tuple[Backend, ...] = (
    Backend(
        "memory", MemoryStore,
        takes=lambda spec: spec in ("memory:", "memory"),
        opener=lambda spec, options: MemoryStore(),
        example="memory:",
    ),
    Backend(
        "sparql", RemoteStore,
        takes=lambda spec: spec.startswith(("sparql+http://", "sparql+https://")),
        opener=lambda spec, options: RemoteStore(spec),
        example="sparql+http://127.0.0.1:8890/sparql",
    ),
    Backend(
        "oxigraph", EmbeddedStore,
        takes=lambda spec: True,  # a folder path: anything the others did not claim
        opener=lambda spec, options: EmbeddedStore(
            spec, memory_mirror_max_quads=options.memory_mirror_max_quads, create=options.create,
            verify=options.verify,
        ),
        example="./var/store",
    ),
)


def backend_for(spec: str) -> Backend:
    """The backend a ``--store`` value names."""
    spec = spec.strip()
    for backend in REGISTRY:
        if backend.takes(spec):
            return backend
    raise ConfigError(f"no store backend takes {spec!r}")  # pragma: no cover - the last one takes all


def backend_named(name: str) -> Backend:
    """The backend registered under ``name`` (``memory``, ``sparql``, ``oxigraph``)."""
    for backend in REGISTRY:
        if backend.name == name:
            return backend
    raise ConfigError(f"no store backend is called {name!r}; there are {', '.join(b.name for b in REGISTRY)}")


def open_store(
    spec: str, *, memory_mirror_max_quads: int = 0, create: bool = False, verify: bool = True
) -> Store:
    """Open the store a ``--store`` value names.

    ``memory_mirror_max_quads`` lets a long-running reader (the web app) answer from an
    in-memory copy of an embedded store of up to that many quads; one-shot commands leave it off.
    A folder must hold a store already unless ``create`` (what ``build`` and ``import`` ask), and
    its files are checked (unless ``verify`` is False) and opened at once, so a missing or damaged
    store is reported here, in one sentence, rather than as an empty graph or a failure deep inside
    a query.
    """
    spec = spec.strip()
    options = Options(memory_mirror_max_quads, create, verify)
    return backend_for(spec).opener(spec, options)

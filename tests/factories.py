"""What many tests make: the repository's paths, a store from Turtle, an app and a client over a store.

Fixture modules (``tests/*_fixtures.py``) hold each feature's made-up ecosystem; they build
their stores and apps with these, so a change in how a store is filled or an app made is one
change here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from vdk_graph.config import Settings
from vdk_graph.store import MemoryStore

if TYPE_CHECKING:
    from flask import Flask
    from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures"
#: The founding record, as shipped.
SEED = DATA / "pure" / "vision-denmark-klyngeprogram-2021-2024.txt"


def store_from_turtle(graphs: Mapping[str, str | Graph], store: MemoryStore | None = None) -> MemoryStore:
    """A store with one named graph per entry (graph IRI → Turtle text or a parsed graph), in one write."""
    store = store if store is not None else MemoryStore()
    with store.transaction() as tx:
        for name, data in graphs.items():
            parsed = data if isinstance(data, Graph) else Graph().parse(data=data, format="turtle")
            tx.replace_graph(name, parsed)
    return store


def app_for(store: Any, settings: Settings | None = None, **config: Any) -> Flask:
    """The web app over ``store`` in testing mode (``config`` added to Flask's)."""
    from webapp import create_app

    return create_app(settings or Settings(store="memory:"), {"TESTING": True, **config}, store=store)


def client_for(store: Any, settings: Settings | None = None, **config: Any) -> FlaskClient:
    return app_for(store, settings, **config).test_client()

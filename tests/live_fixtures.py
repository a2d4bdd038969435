"""A real server for tests: the app on waitress, on 127.0.0.1 and a free port, over a built store.

``live_app_factory(store, settings)`` starts a server for any store; ``live_server``
is one over the curated data, shared by a module's tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import waitress
from waitress.server import BaseWSGIServer

from vdk_graph.build import build
from vdk_graph.config import Settings
from vdk_graph.store import EmbeddedStore, Store
from webapp import create_app

DATA = Path(__file__).parent.parent / "data"


@dataclass
class LiveServer:
    url: str
    store: Store
    settings: Settings
    server: BaseWSGIServer

    def stop(self) -> None:
        self.server.close()


def start_live_server(store: Store, settings: Settings, threads: int = 4) -> LiveServer:
    app = create_app(settings, store=store)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads, ident="vdk-graph-test")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    port = server.effective_port  # type: ignore[union-attr]
    return LiveServer(f"http://127.0.0.1:{port}", store, settings, server)  # type: ignore[arg-type]


@pytest.fixture
def live_app_factory() -> Iterator[Callable[[Store, Settings], LiveServer]]:
    started: list[LiveServer] = []

    def factory(store: Store, settings: Settings) -> LiveServer:
        live = start_live_server(store, settings)
        started.append(live)
        return live

    yield factory
    for live in started:
        live.stop()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app over an embedded store built from data/ (module-scoped)."""
    folder = tmp_path_factory.mktemp("live-store")
    settings = Settings(store=str(folder / "store"), data_dir=DATA)
    store = EmbeddedStore(folder / "store")
    build(store, settings)
    live = start_live_server(store, settings)
    yield live
    live.stop()

"""A real server for tests: the app on waitress, on 127.0.0.1 and a free port, over a built store.

``live_app_factory(store, settings)`` starts a server for any store; ``live_server``
is one over the curated data, shared by a module's tests.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from waitress.server import BaseWSGIServer

from vdk_graph.config import Settings
from vdk_graph.curation.build import build
from vdk_graph.store import EmbeddedStore, Store
from vdk_graph.warm import STEPS, warm
from webapp import create_app
from webapp.server import Limits, create_server
from webapp.views.sparql import endpoint_of

DATA = Path(__file__).parent.parent / "data"


@dataclass
class LiveServer:
    url: str
    store: Store
    settings: Settings
    server: BaseWSGIServer
    app: Flask
    thread: threading.Thread
    stopping: threading.Event

    def stop(self) -> None:
        self.stopping.set()
        self.server.close()
        self.thread.join(5)


def start_live_server(
    store: Store,
    settings: Settings,
    threads: int = 4,
    test_config: dict[str, Any] | None = None,
    limits: Limits | None = None,
    warmed: bool = False,
) -> LiveServer:
    """The app served on a free port; ``warmed``: its derived views (home page, data page …) built first.

    A page that needs a view not built yet waits a moment and then answers 503 "try again"; on
    a loaded machine the home page's figures can take longer than that. Tests about something
    else (slow clients, limits) ask for a warmed app, as visitors get one from ``vdk-graph serve``.
    """
    app = create_app(settings, test_config, store=store)
    if warmed:
        warm(store, settings, steps=tuple(step for step in STEPS if step[0] == "derived views"))
    endpoint_of(app).executor.wait_ready()  # as `vdk-graph serve` does before it listens
    limits = limits or Limits(page_threads=threads, sparql_threads=threads)
    server = create_server(app, "127.0.0.1", 0, limits, ident="vdk-graph-test")
    stopping = threading.Event()

    def run() -> None:
        # close() from the test's thread pulls the sockets from under the select() of this loop:
        # the EBADF that follows is the stop we asked for, not a failure.
        try:
            server.run()
        except OSError:
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    port = server.effective_port  # type: ignore[union-attr]
    return LiveServer(f"http://127.0.0.1:{port}", store, settings, server, app, thread, stopping)  # type: ignore[arg-type]


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
    # Warmed before any test, as a server is by the time visitors come: on a loaded machine the home
    # page's figures may take longer than a page waits (it answers 503 "try again" until they are
    # ready). After the app exists: its views register what the warmer builds when they are imported.
    warm(store, settings)
    yield live
    live.stop()

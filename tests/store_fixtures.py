"""Store fixtures: a real Oxigraph server, one clean store per test on each backend, and small helpers.

Imported into ``conftest.py``; the helpers (``dump``, ``run_child`` …) are imported by the store tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from vdk_graph.results import SelectResult
from vdk_graph.store import EmbeddedStore, MemoryStore, RemoteStore, Store

REPO = Path(__file__).resolve().parent.parent
EX = "http://example.org/"
SERVER_START_TIMEOUT = 20.0

BACKENDS = [
    "memory",
    "embedded",
    pytest.param("remote", marks=pytest.mark.server),
    pytest.param("virtuoso", marks=pytest.mark.server),
]


# --------------------------------------------------------------------------- terms


def iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


def graph(name: str) -> str:
    return f"{EX}graph/{name}"


def triple(s: str, p: str, o: str | ox.Literal | ox.NamedNode | ox.BlankNode) -> ox.Triple:
    """A triple in the example namespace; a plain ``str`` object is a plain literal."""
    obj = ox.Literal(o) if isinstance(o, str) else o
    return ox.Triple(iri(s), iri(p), obj)


# --------------------------------------------------------------------------- reading helpers


def select(store: Store, sparql: str, **dataset: list[str]) -> list[tuple[object, ...]]:
    """Rows of a SELECT as tuples of pyoxigraph terms (``None`` for unbound)."""
    result = store.query(sparql, **dataset)  # type: ignore[arg-type]
    assert isinstance(result, SelectResult), result
    return [tuple(row) for row in result.rows]


def count(store: Store, where: str, **dataset: list[str]) -> int:
    [(n,)] = select(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", **dataset)
    assert isinstance(n, ox.Literal)
    return int(n.value)


def dump(store: Store) -> list[str]:
    """Every named-graph quad and every union triple, as sorted N-Quads lines: the store's whole content."""
    named = select(store, "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    union = select(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    lines = [f"{s} {p} {o} {g} ." for s, p, o, g in named]
    lines += [f"{s} {p} {o} ." for s, p, o in union]
    return sorted(lines)


# --------------------------------------------------------------------------- child processes


def run_child(code: str, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    """Run a Python snippet in a fresh interpreter (``sys.argv[1:]`` are ``args``) and wait for it."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(),
        cwd=REPO,
    )


def start_child(code: str, *args: str, log: Path) -> subprocess.Popen[bytes]:
    """Start a Python snippet in the background, its output going to ``log``."""
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(code), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=child_env(),
            cwd=REPO,
        )


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0,
             child: subprocess.Popen[bytes] | None = None, log: Path | None = None) -> None:
    """Poll ``condition`` until it holds; fail (with the child's output) on timeout or death."""
    deadline = time.monotonic() + timeout
    delay = 0.005
    while not condition():
        if child is not None and child.poll() is not None:
            output = log.read_text(errors="replace") if log else ""
            pytest.fail(f"the child process exited ({child.returncode}) before {what}:\n{output}")
        if time.monotonic() > deadline:
            output = log.read_text(errors="replace") if log else ""
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{output}")
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


# --------------------------------------------------------------------------- the Oxigraph server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers_ask(url: str, timeout: float = 0.5) -> bool:
    """Whether the SPARQL endpoint at ``url`` answers ``ASK {}`` (a server started by a test is up)."""
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    try:
        with urllib.request.urlopen(probe, timeout=timeout) as response:
            response.read()
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _still_running(server: subprocess.Popen[bytes]) -> bool:
    """Alive a moment after the port answered: the answer came from our server, not one that had the port."""
    try:
        server.wait(timeout=0.3)
    except subprocess.TimeoutExpired:
        return True
    return False


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real ``oxigraph serve`` on a free port for the session; yields its ``sparql+http://…/query`` URL."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        pytest.skip(f"no Oxigraph server at {binary}; install it with 'pip install oxigraph' (a test extra)")
    folder = tmp_path_factory.mktemp("oxigraph-server")
    port = free_port()
    query_url = f"http://127.0.0.1:{port}/query"
    log = folder / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(binary), "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not (answers_ask(query_url) and _still_running(server)):
            if server.poll() is not None or time.monotonic() > deadline:
                state = f"exited with {server.returncode}" if server.poll() is not None else "did not answer"
                raise RuntimeError(
                    f"the Oxigraph server on port {port} {state} within {SERVER_START_TIMEOUT:.0f} s; "
                    f"its output:\n{log.read_text(errors='replace')}"
                )
            time.sleep(0.05)
        yield "sparql+" + query_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def sparql_update(store_url: str, update: str) -> None:
    """Send a SPARQL Update straight to the server (behind the store's back)."""
    url = store_url.removeprefix("sparql+").removesuffix("/query") + "/update"
    body = urllib.parse.urlencode({"update": update}).encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


@pytest.fixture
def remote_store(oxigraph_server: str) -> Iterator[RemoteStore]:
    """A RemoteStore on the session's server, emptied (``DROP ALL``) before the test."""
    sparql_update(oxigraph_server, "DROP ALL")
    store = RemoteStore(oxigraph_server, timeout=10)
    yield store
    store.close()


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "store")
    yield store
    store.close()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on each backend in turn: ``memory:``, embedded, an Oxigraph server, Virtuoso."""
    backend: Store
    if request.param == "memory":
        backend = MemoryStore()
    elif request.param == "embedded":
        backend = EmbeddedStore(tmp_path / "store")
    elif request.param == "virtuoso":
        backend = request.getfixturevalue("virtuoso_store")
    else:
        backend = request.getfixturevalue("remote_store")
    yield backend
    backend.close()

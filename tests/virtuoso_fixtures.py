"""A real Virtuoso (Debian's ``virtuoso-opensource``), started for the session on 127.0.0.1.

The test writes the server's configuration file (free ports, a temporary
database folder), starts ``virtuoso-t`` in the foreground, waits until its
SPARQL endpoint answers, makes an account for writing (granted SPARQL_UPDATE,
with a random password) and gives the administrator a random password too, and
stops the server at the end. Skipped only when ``virtuoso-t`` is missing and
``CI`` is not set; in CI a missing Virtuoso is a failure (``.ci/run`` installs it).

The configuration differs from Virtuoso's defaults where the tests need it:
``ResultSetMaxRows`` is 12,000 (default 10,000), so that reading a graph of more
than 10,000 triples works in one answer and one of more than 12,000 has to be
read in pages (and a SELECT of more is refused rather than cut).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import textwrap
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.store_fixtures import answers_ask, free_port
from vdk_graph.store import RemoteStore
from vdk_graph.store.dialects import Virtuoso
from vdk_graph.store.remote_http import Client
from vdk_graph.store.remote_update import SEPARATOR

VIRTUOSO_START_TIMEOUT = 90.0
#: The watchdog asks ``ASK {}`` every WATCH_INTERVAL seconds, each ask given WATCH_ASK_TIMEOUT, and
#: restarts the server after WATCH_MISSES unanswered asks in a row, at most MOST_RESTARTS times a session.
WATCH_INTERVAL, WATCH_ASK_TIMEOUT, WATCH_MISSES, MOST_RESTARTS = 10.0, 20.0, 3, 3
#: A query of the tests' stores waits this long (updates longer: the store's own write time limit). Every
#: query of the tests answers in seconds; one Virtuoso never answers (ADR 0012) fails its test in minutes.
QUERY_TIMEOUT = 180.0
#: The test server's [SPARQL] ResultSetMaxRows.
ROW_LIMIT = 12_000


@dataclass
class VirtuosoServer:
    """A running Virtuoso: its store URL, the writer's account, and a way in for the administrator."""

    url: str  # sparql+http://127.0.0.1:PORT/sparql
    user: str
    password: str
    sql_port: int
    admin_password: str
    folder: Path
    process: VirtuosoProcess

    @property
    def http(self) -> str:
        return self.url.removeprefix("sparql+").removesuffix("/sparql")

    def require_answering(self) -> None:
        """Wait while the watchdog restarts a server that stopped answering; fail, saying why, if it gave up.

        Virtuoso 7.2 has stopped answering mid-module in full runs (no CPU, every thread waiting;
        ADR 0012); without this, every test after it would wait out its own timeout.
        """
        silent = WATCH_MISSES * (WATCH_INTERVAL + WATCH_ASK_TIMEOUT)  # before the watchdog restarts it
        deadline = time.monotonic() + silent + VIRTUOSO_START_TIMEOUT
        while not answers_ask(self.http + "/sparql", timeout=WATCH_ASK_TIMEOUT):
            if self.process.restarts >= MOST_RESTARTS or time.monotonic() > deadline:
                pytest.fail(f"Virtuoso at {self.http} does not answer ASK {{}}, restarted "
                            f"{self.process.restarts} time(s) (see docs/decisions/0012-server-engines.md); "
                            f"its logs: {self.folder / 'virtuoso.log'}, {self.process.log}")
            time.sleep(1)

    def store(self, **options: object) -> RemoteStore:
        """A store on this server with the writer's account."""
        return RemoteStore(self.url, user=self.user, password=self.password, timeout=QUERY_TIMEOUT,  # type: ignore[arg-type]
                           **options)

    def env(self) -> dict[str, str]:
        """The environment a vdk-graph command needs to work on this server."""
        return {"VDK_STORE": self.url, "VDK_STORE_USER": self.user, "VDK_STORE_PASSWORD": self.password}

    def isql(self, sql: str) -> str:
        """Run SQL as the administrator (``isql-vt``); its output."""
        isql = shutil.which("isql-vt") or shutil.which("isql")
        assert isql, "isql-vt is missing (it comes with virtuoso-opensource)"
        done = subprocess.run([isql, f"127.0.0.1:{self.sql_port}", "dba", self.admin_password, f"exec={sql}"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "*** Error" not in done.stdout, done.stdout + done.stderr
        return done.stdout

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Rows of a query sent straight to the server (no dataset), as {variable: value}."""
        body = urllib.parse.urlencode({"query": sparql}).encode()
        request = urllib.request.Request(self.http + "/sparql", data=body,
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            data = json.load(response)
        return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]

    def update(self, sparql: str) -> None:
        """Send a SPARQL Update as the writer, behind the store's back."""
        Client([self.http], self.user, self.password, timeout=120).post(
            self.http + "/sparql-auth", {"update": sparql}, "*/*")

    def graphs(self) -> dict[str, int]:
        """Every graph the server holds, its own included, with its size."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row["g"]: int(row["n"]) for row in rows}

    def clear(self) -> None:
        """Remove every graph but Virtuoso's own."""
        ours = [g for g in self.graphs() if not Virtuoso().is_system_graph(g)]
        drops = [f"DROP SILENT GRAPH <{g}>" for g in ours]
        most = Virtuoso.max_operations  # one request of ~900 drops passes Virtuoso's limit of generated SQL
        for start in range(0, len(drops), most):
            self.update(SEPARATOR.join(drops[start:start + most]))


def _config(folder: Path, sql_port: int, http_port: int) -> str:
    return textwrap.dedent(f"""\
        [Database]
        DatabaseFile = {folder}/virtuoso.db
        ErrorLogFile = {folder}/virtuoso.log
        LockFile = {folder}/virtuoso.lck
        TransactionFile = {folder}/virtuoso.trx
        xa_persistent_file = {folder}/virtuoso.pxa
        MaxCheckpointRemap = 2000
        Striping = 0
        TempStorage = TempDatabase

        [TempDatabase]
        DatabaseFile = {folder}/virtuoso-temp.db
        TransactionFile = {folder}/virtuoso-temp.trx
        MaxCheckpointRemap = 2000
        Striping = 0

        [Parameters]
        ServerPort = 127.0.0.1:{sql_port}
        DisableUnixSocket = 1
        MaxClientConnections = 10
        CheckpointInterval = 60
        CaseMode = 2
        DirsAllowed = {folder}
        NumberOfBuffers = 20000
        MaxDirtyBuffers = 15000
        ThreadsPerQuery = 1

        [HTTPServer]
        ServerPort = 127.0.0.1:{http_port}
        ServerRoot = {folder}
        MaxClientConnections = 10
        ServerThreads = 10
        EnabledDavVSP = 0
        Charset = UTF-8

        [SPARQL]
        ResultSetMaxRows = {ROW_LIMIT}
        MaxQueryExecutionTime = 600
        MaxQueryCostEstimationTime = 0

        [Plugins]
        """)


class VirtuosoProcess:
    """``virtuoso-t`` in the foreground on the configuration's ports; restarted on the same files and ports
    when it stops answering (its log rolls the database forward, so what was committed stays)."""

    def __init__(self, binary: str, folder: Path, endpoint: str) -> None:
        self.binary, self.folder, self.endpoint = binary, folder, endpoint
        self.log = folder / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self.lock = threading.Lock()

    def start(self) -> None:
        with self.log.open("ab") as out:
            # A session of its own: signals meant for the test run's process group (the kernel's SIGCONT to
            # a group that becomes orphaned while a member is stopped) do not reach it.
            self.process = subprocess.Popen(
                [self.binary, "+foreground", "+configfile", str(self.folder / "virtuoso.ini")],
                cwd=self.folder, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + VIRTUOSO_START_TIMEOUT
        while not answers_ask(self.endpoint, timeout=1):
            if self.process.poll() is not None or time.monotonic() > deadline:
                code = self.process.poll()
                state = f"exited with {code}" if code is not None else "did not answer"
                raise RuntimeError(
                    f"Virtuoso at {self.endpoint} {state} within {VIRTUOSO_START_TIMEOUT:.0f} s; "
                    f"its output:\n{self.log.read_text(errors='replace')[-3000:]}"
                )
            time.sleep(0.2)

    def stop(self) -> None:
        """Stopped as asked: Virtuoso checkpoints and exits on SIGTERM (killed if it does not within 60 s)."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def restart(self, why: str) -> None:
        """Killed (a stalled server does not checkpoint) and started again on the same files and ports."""
        with self.lock:
            assert self.process is not None
            with self.log.open("a", encoding="utf-8") as out:
                out.write(f"\n*** test watchdog: {why}; killed and restarted (ADR 0012)\n")
            self.process.kill()
            self.process.wait()
            (self.folder / "virtuoso.lck").unlink(missing_ok=True)
            self.restarts += 1
            self.start()


class Watchdog(threading.Thread):
    """Restarts a Virtuoso that has not answered ``ASK {}`` for a while (at most :data:`MOST_RESTARTS`).

    Virtuoso 7.2's HTTP server has stopped answering mid-run in full test runs (no CPU, every thread
    waiting, requests left unread; cause unknown, ADR 0012). Restarted, it answers again with the data it
    had, and the query that hung gets a dropped connection, which the store asks again (``Client.post``).
    """

    def __init__(self, server: VirtuosoProcess, interval: float = WATCH_INTERVAL,
                 ask_timeout: float = WATCH_ASK_TIMEOUT, misses: int = WATCH_MISSES) -> None:
        super().__init__(daemon=True, name="virtuoso-watchdog")
        self.server, self.interval, self.ask_timeout, self.misses = server, interval, ask_timeout, misses
        self.stopped = threading.Event()

    def run(self) -> None:
        missed = 0
        while not self.stopped.wait(self.interval):
            if answers_ask(self.server.endpoint, timeout=self.ask_timeout):
                missed = 0
                continue
            missed += 1
            if missed >= self.misses and self.server.restarts < MOST_RESTARTS and not self.stopped.is_set():
                self.server.restart(f"no answer to ASK {{}} {missed} times in a row")
                missed = 0

    def stop(self) -> None:
        self.stopped.set()
        if self.is_alive():
            self.join()


def configured(folder: Path) -> tuple[VirtuosoProcess, int]:
    """A Virtuoso (not started) for ``folder``, on free ports; its SQL port. Skipped where ``virtuoso-t``
    is missing, but in CI (``.ci/run`` installs it)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("virtuoso-t is missing, and CI runs the Virtuoso tests: "
                        "apt-get install virtuoso-opensource")
        pytest.skip("virtuoso-t is not installed (Debian: apt-get install virtuoso-opensource); "
                    "CI runs these tests")
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(_config(folder, sql_port, http_port), encoding="utf-8")
    return VirtuosoProcess(binary, folder, f"http://127.0.0.1:{http_port}/sparql"), sql_port


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """Virtuoso on free ports of 127.0.0.1 for the session, watched (:class:`Watchdog`)."""
    folder = tmp_path_factory.mktemp("virtuoso")
    process, sql_port = configured(folder)
    watchdog = Watchdog(process)
    try:
        process.start()
        running = VirtuosoServer(f"sparql+{process.endpoint}", "vdk_writer", secrets.token_hex(16), sql_port,
                                 "dba", folder, process)
        admin = secrets.token_hex(16)
        running.isql(f"DB.DBA.USER_CREATE('{running.user}', '{running.password}'); "
                     f"GRANT SPARQL_UPDATE TO \"{running.user}\"; "
                     f"DB.DBA.USER_CHANGE_PASSWORD('dba', 'dba', '{admin}');")
        running.admin_password = admin
        watchdog.start()
        yield running
    finally:
        watchdog.stop()
        with process.lock:
            process.stop()
    if process.restarts:
        warnings.warn(f"Virtuoso stopped answering and was restarted {process.restarts} time(s) by the "
                      f"test watchdog (docs/decisions/0012-server-engines.md); its log: {process.log}",
                      stacklevel=1)


@pytest.fixture
def virtuoso_store(virtuoso: VirtuosoServer) -> Iterator[RemoteStore]:
    """A store on the session's Virtuoso, emptied (but for Virtuoso's own graphs) before the test."""
    virtuoso.require_answering()
    virtuoso.clear()
    store = virtuoso.store()
    yield store
    store.close()

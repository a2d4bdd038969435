"""The tests' answer to Virtuoso 7.2 stalling mid-run (ADR 0012), tried on a Virtuoso of its own.

A stopped process (SIGSTOP) stands in for the stall: connections are accepted by
the kernel and never read, nothing answers, no CPU is used. The watchdog must
kill and restart it on the same files and ports, the data committed before must
still be there, and a query that was waiting must get its answer (the store asks
again when the connection drops).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.store_fixtures import count
from tests.virtuoso_fixtures import VirtuosoProcess, VirtuosoServer, Watchdog, configured
from vdk_graph.store import RemoteStore

pytestmark = pytest.mark.server


def _keep_stopped(stalled: subprocess.Popen[bytes], process: VirtuosoProcess) -> None:
    """SIGSTOP the server, again and again until the watchdog has killed it: a stall that stays (a stopped
    process can be continued by others; CI once saw the stopped server answer and no restart)."""
    while stalled.poll() is None and process.restarts == 0:
        with contextlib.suppress(ProcessLookupError):
            os.kill(stalled.pid, signal.SIGSTOP)
        time.sleep(0.1)


def test_a_virtuoso_that_stops_answering_is_restarted_and_the_waiting_query_answered(tmp_path: Path) -> None:
    process, sql_port = configured(tmp_path)
    process.start()
    watchdog = Watchdog(process, interval=1, ask_timeout=2, misses=2)
    try:
        server = VirtuosoServer("sparql+" + process.endpoint, "", "", sql_port, "dba", tmp_path, process)
        server.isql('SPARQL INSERT DATA { GRAPH <urn:vdk:watched> { <urn:vdk:a> <urn:vdk:b> "c" } };')
        store = RemoteStore(server.url, timeout=120)
        assert count(store, "<urn:vdk:a> ?p ?o") == 1
        assert process.process is not None
        stalled = process.process
        os.kill(stalled.pid, signal.SIGSTOP)  # stopped before the query is sent
        stopper = threading.Thread(target=_keep_stopped, args=(stalled, process), daemon=True)
        stopper.start()
        watchdog.start()
        assert count(store, "<urn:vdk:a> ?p ?o") == 1  # waits, is dropped, asks again, is answered
        stopper.join(timeout=5)
        assert process.restarts == 1 and process.process.pid != stalled.pid
        log = process.log.read_text(errors="replace")
        assert "test watchdog: no answer to ASK {} 2 times in a row" in log
        store.close()
    finally:
        watchdog.stop()
        process.stop()

"""Answering one query, start to finish: check, run, cap, serialise — and the worker process that does it.

:func:`answer` is the whole job, the same in a worker process and in a thread
(the ``memory:`` store). Everything that takes time happens inside it, so the
time limit covers it all: the safety parse, the query, and writing out the
capped result in the format the client asked for. The worker sends back bytes,
ready to go out; the parent only waits, and kills.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
import traceback
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from vdk_graph import sparql
from vdk_graph.endpoint import native, protocol, safety, sandbox
from vdk_graph.endpoint.json_results import write_json
from vdk_graph.endpoint.protocol import Kind, ProtocolError, QueryRequest
from vdk_graph.errors import (
    AnswerTooLarge,
    QueryError,
    QueryRefused,
    QueryTimeout,
    QueryTooLarge,
    StoreError,
    VdkError,
)
from vdk_graph.results import AskResult, GraphResult, QueryResult, SelectResult, write_graph, write_select
from vdk_graph.store import Capabilities, Store, backend_for, open_store
from vdk_graph.store.registry import backend_named

#: The environment variable that tells a worker its memory limit in megabytes (0: none).
MEMORY_ENV = "VDK_WORKER_MEMORY_MB"
#: The environment variable that tells a worker to confine itself (``1``) before it does anything else.
SANDBOX_ENV = "VDK_WORKER_SANDBOX"


@dataclass(frozen=True)
class Job:
    """One query to answer (picklable: it crosses to a worker process)."""

    request: QueryRequest
    max_rows: int
    #: The most bytes an answer may have (0: no limit).
    max_bytes: int = 0


@dataclass(frozen=True)
class Answer:
    """A finished answer: the bytes to send and what the response headers say about them."""

    body: bytes
    content_type: str
    kind: Kind
    truncated: bool
    row_limit: int
    #: Seconds spent answering in the worker (parse, query, serialisation).
    seconds: float


@dataclass(frozen=True)
class StoreSpec:
    """How a worker process opens the store the app serves (an open store cannot cross processes)."""

    kind: str  # the backend's name in the store registry: "oxigraph", "sparql"
    location: str  # the --store value that opens it
    update_url: str | None = None  # kept for the worker's command line; workers never write

    @classmethod
    def of(cls, store: Store) -> StoreSpec | None:
        """The spec for ``store``, or None when only this process can reach it (``memory:``)."""
        location = store.reopen_spec() if store.capabilities.shared else None
        if location is None:
            return None
        return cls(backend_for(location).name, location)

    def open(self) -> Store:
        # Not verified again: the server checked the files when it opened the store.
        return open_store(self.location, create=True, verify=False)

    @property
    def capabilities(self) -> Capabilities:
        return backend_named(self.kind).capabilities

    @property
    def strict(self) -> bool:
        """Remote servers have dialects of their own: parse every query before it leaves."""
        return self.capabilities.remote

    @staticmethod
    def confinement_of(store: Store) -> sandbox.Confinement:
        """Whether the endpoint's queries over ``store`` run kept off the network (``memory:``: threads)."""
        return _confinement(store.capabilities)

    def confinement(self) -> sandbox.Confinement:
        """Whether this store's workers are kept off the network (a remote store's cannot be)."""
        return _confinement(self.capabilities)


def _confinement(capabilities: Capabilities) -> sandbox.Confinement:
    if not capabilities.confinable:
        return sandbox.Confinement(
            False,
            "the store is a remote SPARQL server, which the workers must reach; that server must "
            "refuse SERVICE itself",
        )
    return sandbox.status()


def answer(store: Store, job: Job, *, strict: bool = False) -> Answer:
    """Check, run, cap and serialise one query; raises a :class:`VdkError` the client should see."""
    started = time.perf_counter()
    assert job.request.query is not None
    # The engine runs exactly the text the check read (escapes decoded once): see safety.prepare.
    text = safety.prepare(job.request.query, strict=strict)
    # Results live only in the frame of _execute: rdflib's parser can leave a traceback whose
    # frame chain keeps *this* frame alive, and pyoxigraph results must be dropped by the
    # thread that made them (the memory: store answers in threads).
    failure: VdkError | None = None
    try:
        return _bounded(_execute(store, Job(replace(job.request, query=text), job.max_rows), started), job)
    except PermissionError:
        # Only the sandbox says "permission denied" to a query: it tried to open a network socket.
        failure = QueryRefused(safety.SERVICE_REFUSED + " (This query tried to reach the network.)")
    except OSError as exc:
        failure = StoreError(f"the store could not be read while answering: {exc}")
    except RuntimeError as exc:  # pyoxigraph's evaluation errors ("… variable … is unbound")
        failure = QueryError(f"the query could not be run: {exc}")
    # Raised out here, not inside except: the engine's error (and the results its frames hold) is gone.
    raise failure


def _bounded(answer: Answer, job: Job) -> Answer:
    """The answer, or 413 if it is larger than one response may be (checked here, before it leaves)."""
    if job.max_bytes and len(answer.body) > job.max_bytes:
        raise AnswerTooLarge(
            f"the answer is {len(answer.body) / 1e6:,.1f} MB, more than the {job.max_bytes / 1e6:,.1f} MB "
            "one response may hold; ask for fewer rows (LIMIT and OFFSET, page by page) or fewer and "
            "shorter columns, or run it on your own copy of the data with 'vdk-graph query'"
        )
    return answer


def _execute(store: Store, job: Job, started: float) -> Answer:
    """Run the prepared query and write its answer.

    The pyoxigraph results it holds are dropped when it ends, whatever happens: a traceback
    kept by a reference cycle (the engine's errors) keeps this frame, and the frame must not
    keep results that another thread would then drop (pyoxigraph refuses that).
    """
    raw: object = None
    written: object = None
    result: QueryResult | None = None
    try:
        request = job.request
        assert request.query is not None
        default_graphs = list(request.default_graphs) if request.default_graphs is not None else None
        named_graphs = list(request.named_graphs) if request.named_graphs is not None else None
        fast = native.oxigraph_store(store)
        plan = native.plan(request.query, job.max_rows) if fast is not None else None
        try:
            if fast is not None and plan is not None:
                try:
                    raw = native.run(fast, plan.text, default_graphs, named_graphs)
                except QueryError:
                    if not plan.may_exceed:
                        raise
                    raw = None  # our appended LIMIT did not fit this query: the general path reports
                if isinstance(raw, ox.QuerySolutions):
                    media = protocol.choose(request, "results")
                    written = native.write(raw, media, plan, job.max_rows)
                    if not isinstance(written, SelectResult):
                        body, cut = written
                        return Answer(
                            body,
                            protocol.content_type(media),
                            "results",
                            cut,
                            job.max_rows,
                            time.perf_counter() - started,
                        )
                    result = written
                elif isinstance(raw, ox.QueryBoolean):
                    result = AskResult(bool(raw))
                elif raw is not None:
                    result = GraphResult(raw)
            if result is None:
                result = sparql.run(
                    store, request.query, default_graphs=default_graphs, named_graphs=named_graphs
                )
        except QueryError as exc:
            keyword = safety.update_keyword(request.query)
            if keyword:
                raise QueryRefused(protocol.READ_ONLY.replace("Update", f"Update ({keyword})", 1)) from None
            raise tidy(exc, request.query) from None
        kind: Kind = "graph" if isinstance(result, GraphResult) else "results"
        try:
            media = protocol.choose(request, kind)
        except VdkError:
            # pyoxigraph results must be dropped by the thread that made them; a traceback
            # handed to another thread would carry this one along.
            del result
            raise
        truncated = False
        if isinstance(result, GraphResult):
            capped = result.limit(job.max_rows)
            body = write_graph(capped, media.name)
            truncated = capped.truncated
        else:
            capped_rows: SelectResult | AskResult = (
                result.limit(job.max_rows) if isinstance(result, SelectResult) else result
            )
            if media.name == "json":
                body = write_json(capped_rows)
            else:
                body = "".join(write_select(capped_rows, media.name)).encode("utf-8")
            truncated = isinstance(capped_rows, SelectResult) and capped_rows.truncated
        return Answer(
            body, protocol.content_type(media), kind, truncated, job.max_rows, time.perf_counter() - started
        )
    finally:
        raw = written = result = None  # noqa: F841 - cleared on purpose (see above)


_PREFIXED_NAME = re.compile(r"([A-Za-z][\w.-]*)?:[\w.%-]*$")


def tidy(exc: QueryError, query: str = "") -> QueryError:
    """The parser's message without Oxigraph's lists of Unicode ranges, which help nobody read an error."""
    detail = exc.detail.split("\n")[0]
    if "Prefix not found" in detail and exc.line is not None and exc.column is not None:
        lines = query.splitlines()
        text = lines[exc.line - 1][: exc.column - 1] if 0 < exc.line <= len(lines) else ""
        match = _PREFIXED_NAME.search(text.rstrip())
        prefix = f"'{match.group(1) or ''}:'" if match else "a prefix"
        detail = (
            f"{prefix} is not declared; add PREFIX {prefix.strip(chr(39))} <…> at the top "
            "(vdk:, schema:, org:, foaf:, dcterms:, prov:, skos: … need no declaration)"
        )
    else:
        detail = _strip_ranges(detail)
    if exc.line is not None:
        message = f"SPARQL syntax error at line {exc.line}, column {exc.column}: {detail}"
    else:
        message = str(exc).split("\n")[0]
    return type(exc)(message, exc.line, exc.column, detail)


def _strip_ranges(text: str) -> str:
    """``expected one of ",", ".", ['0' ..= '9' | …], [_]`` → ``expected one of ",", "."``."""
    out, depth = [], 0
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
            continue
        if not depth:
            out.append(char)
    cleaned = ", ".join(p.strip() for p in "".join(out).split(",") if p.strip())
    return cleaned.rstrip(", ") or text


# --------------------------------------------------------------------------- errors across the pipe


def to_wire(exc: VdkError) -> dict[str, Any]:
    """An error as plain data: exceptions with extra fields do not survive pickling intact."""
    return {
        "type": type(exc).__name__,
        "message": str(exc),
        "status": exc.http_status,
        "line": getattr(exc, "line", None),
        "column": getattr(exc, "column", None),
        "headers": getattr(exc, "headers", None),
    }


def from_wire(data: dict[str, Any]) -> VdkError:
    kind = data["type"]
    if kind in ("QueryError", "QueryRefused"):
        cls = QueryRefused if kind == "QueryRefused" else QueryError
        return cls(data["message"], data["line"], data["column"])
    if kind == "QueryTimeout":
        return QueryTimeout(data["message"])
    if kind == "AnswerTooLarge":
        return AnswerTooLarge(data["message"])
    if kind == "QueryTooLarge":
        return QueryTooLarge(data["message"])
    if kind == "ProtocolError":
        return ProtocolError(data["message"], data["status"], data["headers"])
    error = StoreError(data["message"])
    error.http_status = data["status"]
    return error


def too_large(memory_mb: int) -> QueryTooLarge:
    return QueryTooLarge(
        f"the query needed more than {memory_mb:,} MB of memory, the most one query may use, and was "
        "stopped. Make it more selective (narrower patterns, a LIMIT, fewer rows to GROUP or ORDER), or "
        "run it on your own copy of the data with 'vdk-graph query', which has no limit"
    )


# --------------------------------------------------------------------------- the worker process


def main(conn: Connection, spec: StoreSpec) -> None:
    """A worker: keep off the network, open the store, say ready, then answer jobs until the pipe closes."""
    if os.environ.get(SANDBOX_ENV) == "1":
        # Before any thread starts, so that every thread of this process is confined.
        try:
            sandbox.confine()
        except sandbox.SandboxUnavailable as exc:
            failure = StoreError(f"a query worker could not keep off the network: {exc}")
            conn.send(("failed", to_wire(failure)))
            return
    _exit_with_parent()
    _limit_memory(int(os.environ.get(MEMORY_ENV) or 0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent decides
    try:
        store = spec.open()
    except VdkError as exc:
        conn.send(("failed", to_wire(exc)))
        return
    # rdflib's parser costs ~1 s to import and build: pay it now, not in the first client's query.
    safety.check("ASK { ?service ?p ?o }", strict=True)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", answer(store, job, strict=spec.strict))
        except VdkError as exc:
            reply = ("error", to_wire(exc))
        except MemoryError:  # Python's side ran out; Oxigraph's side aborts the process instead
            reply = ("error", to_wire(too_large(int(os.environ.get(MEMORY_ENV) or 0))))
        except Exception:  # noqa: BLE001 - a bug: the parent logs it and answers 500
            reply = ("bug", traceback.format_exc())
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return


def _limit_memory(megabytes: int) -> None:
    """Cap this worker's heap (RLIMIT_DATA: what malloc and Rust allocate), so one query cannot
    take the server's memory: past it, the allocation fails and the worker ends; the server
    answers 503 and starts another."""
    if megabytes <= 0:
        return
    import resource

    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def _exit_with_parent(interval: float = 1.0) -> None:
    """End this worker (even mid-query) when the server that started it is gone, killed or not.

    Linux's PR_SET_PDEATHSIG would fire when the *thread* that started the worker ends,
    which in a threaded server is any request thread; watching our parent's pid is safe.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()

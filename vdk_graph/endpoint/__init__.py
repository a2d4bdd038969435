"""A SPARQL 1.1 endpoint that is safe to put on the internet: read-only, offline, time- and size-limited.

The pieces, each in its own module:

* :mod:`~vdk_graph.endpoint.protocol` — the SPARQL 1.1 Protocol: reading a request, content negotiation;
* :mod:`~vdk_graph.endpoint.safety` — refusing SERVICE (in every spelling), updates and LOAD;
* :mod:`~vdk_graph.endpoint.worker` — answering one query: check, run, cap, serialise;
* :mod:`~vdk_graph.endpoint.executor` — worker processes that are killed at the time limit
  (:mod:`~.processes`; :mod:`~.threads` for ``memory:``; :mod:`~.limits`, the limits and their errors);
* :mod:`~vdk_graph.endpoint.budget` — a budget of query time per client (429 when used up);
* :mod:`~vdk_graph.endpoint.description` — the Service Description and VoID.

:class:`Endpoint` ties them together for any web framework; ``webapp/views/sparql.py``
is a thin Flask skin over it. See docs/decisions/0005-sparql-endpoint.md.
"""

from __future__ import annotations

import time

from vdk_graph.config import Settings
from vdk_graph.endpoint import description, protocol
from vdk_graph.endpoint.budget import ClientBudget
from vdk_graph.endpoint.executor import LONG_AFTER, Executor, executor_for
from vdk_graph.endpoint.protocol import ProtocolError, QueryRequest, read_request
from vdk_graph.endpoint.worker import Answer, Job
from vdk_graph.results import write_graph
from vdk_graph.store import Store

#: Seconds the service description waits for the VoID statistics of new data before it is sent
#: without them (or with the last counted); the warmer counts them at start and after each change.
DESCRIBE_WAIT = 5.0


class Endpoint:
    """One store served over the SPARQL protocol, under the limits of ``settings``."""

    def __init__(self, store: Store, settings: Settings, workers: int | None = None) -> None:
        self.store = store
        self.settings = settings
        self.executor: Executor = executor_for(
            store, settings.query_timeout, workers, settings.query_memory, settings.queue_wait
        )
        # One client may run queries on at most half the workers at once: the rest stay free for others.
        self.budget = ClientBudget(
            settings.client_budget, concurrency=max(1, self.executor.workers // 2), heavy_after=LONG_AFTER
        )
        self.limits = description.Limits(
            settings.query_timeout,
            settings.max_rows,
            settings.max_request_bytes,
            self.executor.mode,
            settings.client_budget,
            settings.query_memory if self.executor.mode == "process" else 0,
            settings.max_answer_bytes,
            settings.queue_wait,
            self.executor.confinement.describe(),
        )

    def query(self, request: QueryRequest, client: str | None = None) -> Answer:
        """Answer a query request; raises a :class:`~vdk_graph.errors.VdkError` the client should see.

        ``client`` (the remote address) is admitted by its budget and charged the time its query ran.
        """
        assert request.query is not None
        if not request.format and not protocol.acceptable(request.accept):
            raise ProtocolError(
                f"cannot answer in any media type the request accepts ({request.accept}); this endpoint "
                "speaks " + ", ".join(m.media_type for m in protocol.RESULT_TYPES + protocol.GRAPH_TYPES),
                406,
            )
        job = Job(request, self.settings.max_rows, self.settings.max_answer_bytes)
        if client is None:
            return self.executor.run(job)
        with self.budget.running(client) as meter:
            return self.executor.run(job, heavy=self.budget.heavy(client), meter=meter)

    def describe(self, request: QueryRequest, endpoint_url: str) -> Answer:
        """The service description (with VoID) of this endpoint, at its public URL."""
        started = time.perf_counter()
        media = protocol.choose(request, "graph")
        graph = description.describe(self.store, endpoint_url, self.limits, base_iri=self.settings.base_iri,
                                     wait=DESCRIBE_WAIT)
        body = write_graph(graph, media.name, description.DESCRIPTION_PREFIXES)
        return Answer(body, protocol.content_type(media), "graph", False, 0, time.perf_counter() - started)

    def close(self) -> None:
        self.executor.close()


__all__ = ["Answer", "Endpoint", "ProtocolError", "QueryRequest", "read_request"]

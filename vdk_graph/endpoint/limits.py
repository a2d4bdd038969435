"""The limits a query runs under, and what a client is told when one is reached.

Shared by both executors (:mod:`.processes`, :mod:`.threads`) and the client
budget (:mod:`.budget`, which charges a client the :class:`Meter`'s seconds): the
time limit (503 with ``Retry-After``), the wait for a free worker, and the mark
after which a query counts as long.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from vdk_graph.errors import Busy, QueryTimeout

#: Seconds a new worker may take to import and open the store before we give up on it.
START_TIMEOUT = 60.0
#: Seconds a request may wait for a free worker before it is told to come back (503, Retry-After).
QUEUE_WAIT = 5.0
#: Seconds after which a running query counts as long (and may not take the last worker).
LONG_AFTER = 1.0


def default_workers() -> int:
    """One worker per core plus one, three at least (one of them kept for short queries), four at most."""
    return max(3, min(4, (os.cpu_count() or 2) + 1))


@dataclass
class Meter:
    """How long a query ran in a worker: what its client's budget is charged."""

    seconds: float = 0.0


def timed_out(timeout: float, soft: bool = False) -> QueryTimeout:
    ended = (
        "was abandoned (this in-memory store cannot stop it: it finishes in the background)"
        if soft
        else "was stopped"
    )
    text = (
        f"the query ran longer than the time limit of {timeout:g} s and {ended}. Make it more "
        "selective (narrower patterns, a LIMIT, fewer OPTIONALs), or run it on your own copy of "
        "the data with 'vdk-graph query', which has no limit"
    )
    return QueryTimeout(text, retry_after=timeout)


def busy(workers: int, waited: float) -> Busy:
    return Busy(
        f"all {workers} query workers stayed busy for {waited:g} s; try again in a moment",
        retry_after=max(1.0, waited),
    )


def crowded(long_running: int, long_after: float) -> Busy:
    return Busy(
        f"the server is already running {long_running} queries that take longer than {long_after:g} s, "
        "the most it runs at once (one worker is kept for short queries); this one was stopped after "
        f"{long_after:g} s. Try again in a moment, or make it more selective",
        retry_after=5,
    )

"""One transaction on a remote store: one SPARQL Update request, or staging requests and one that publishes.

The publishing request, in order:

1. a *writing* mark in the bookkeeping graph;
2. out of the union graph: what the touched graphs held and no other graph states
   (or, when the union cannot be trusted, all of it, and the untouched graphs
   copied in again); one operation, not one per graph: Virtuoso compiles a whole
   request into one SQL text, and refuses it past 10,000 lines;
3. ``DROP SILENT`` the touched graphs, ``CREATE SILENT`` the ones left empty;
4. their new triples, into their graphs and the union: one ``INSERT DATA``, or,
   for a server that needs it (:class:`~vdk_graph.store.dialects.Virtuoso`),
   chunks of plain triples and ``INSERT … WHERE`` templates for the blank nodes,
   each blank node's triples in one operation (a blank node label names one node
   only within one operation);
5. the bookkeeping graph rewritten: the list of the store's graphs, a new version
   stamp, and no writing mark.

Nothing reads what the request itself wrote: Virtuoso does that very slowly.

A server that refuses long requests (Virtuoso: more than 10 MB of text, the
dialect's ``max_request_bytes``) gets the largest graphs of a transaction that
would pass three quarters of that limit *staged* first, in requests of their
own, into graphs ``urn:vdk-graph:staging:<run>:<n>`` that no query sees (they
are not in the store's graph list, hence in no query's dataset) and that the
bookkeeping graph lists as staged; in step 4 the publishing request copies them
into place and the union (``INSERT … WHERE``, fast since earlier requests wrote
them) and drops them. The store counts each staging graph before it publishes:
one that lost triples (another writer's publishing request drops what is
staged) is not published. A write that fails before publishing changes nothing
visible; what it staged is reported and dropped by the next write.

A server that applies a request whole or not at all (Oxigraph, Fuseki, GraphDB)
never shows the mark. Virtuoso applies the operations one by one: a request it
cannot parse changes nothing, but one that fails while running leaves the
operations before it applied, and the mark with them; the store then reports the
interrupted write and the next transaction rebuilds the union from scratch.
Readers of Virtuoso may likewise see a publishing request half-way (no
isolation); staging keeps that window to the copying, not the sending, of the
data (docs/decisions/0012-server-engines.md)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from vdk_graph.store.dialects import Dialect

#: Between two operations of one request.
SEPARATOR = " ;\n"
#: Graph names the store keeps for itself.
RESERVED = "urn:vdk-graph:"
#: The materialised set union of the named graphs: the default graph of every query.
UNION_GRAPH = RESERVED + "union"
#: The bookkeeping graph: version stamp, the list of the store's graphs, an interrupted write.
META_GRAPH = RESERVED + "meta"
STAMP = RESERVED + "stamp"
#: One statement per graph of the store: ``<meta> <graph> <g>`` (empty graphs included).
GRAPH = RESERVED + "graph"
#: Present when the graph list above is kept (stores written by vdk-graph since it was).
FORMAT = RESERVED + "format"
#: Present while a write is under way, and after one that failed half-way.
WRITING = RESERVED + "writing"
#: Graphs that hold a large transaction's data until it is published, and their listing in the meta graph.
STAGING = RESERVED + "staging:"
STAGING_LIST = RESERVED + "staged"
FORMAT_VERSION = "2"


@dataclass(frozen=True)
class State:
    """What a transaction starts from."""

    #: The store's graphs before the transaction.
    graphs: list[str]
    #: Whether the union graph holds exactly the set union of ``graphs`` (else it is rebuilt).
    union_ok: bool
    #: Staging graphs a transaction that never published left behind (dropped by the next one).
    staging: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """The requests of one transaction: staging (possibly none), then the one that publishes."""

    #: Requests that write staging graphs nobody reads; sent first, in order.
    staging: list[str]
    #: The request that makes the transaction visible ("" if it wrote nothing).
    publish: str
    #: Each staging graph and the number of triples it must hold before the publishing request is sent.
    staged: dict[str, int] = field(default_factory=dict)


def update_request(pending: dict[str, set[ox.Triple] | None], state: State, dialect: Dialect) -> str:
    """The SPARQL Update that turns ``state`` into ``pending`` applied, when one request can hold it."""
    return plan(pending, state, dialect).publish


def plan(pending: dict[str, set[ox.Triple] | None], state: State, dialect: Dialect) -> Plan:
    """The requests that turn ``state`` into ``pending`` applied ("" to publish if nothing was written).

    A server that takes requests of limited size (Virtuoso: 10 MB of text) gets the largest graphs
    first, in requests of their own, into staging graphs nobody reads (``urn:vdk-graph:staging:…``,
    listed in the bookkeeping graph until published); the publishing request then copies them
    into place. Graphs that share a blank node are staged together, so that it stays one node.
    Until the publishing request, readers see the old data, and a failure leaves nothing but
    the staging graphs, which the next write drops.
    """
    if not pending:
        return Plan([], "")
    touched = sorted(pending)
    filled = {g: pending[g] or set() for g in touched if pending[g]}
    budget = dialect.max_request_bytes * 3 // 4  # room for the publishing request's other operations
    inline = data_operations(filled, dialect, also_into=UNION_GRAPH)
    staged: dict[str, str] = {}
    requests: list[str] = []
    if budget and _size(inline) > budget:
        run = uuid.uuid4().hex[:12]
        groups = [(group, _size(data_operations({g: filled[g] for g in group}, dialect,
                                                also_into=UNION_GRAPH)))
                  for group in _linked_by_blank_nodes(filled)]
        left = sum(size for _, size in groups)  # at least the inline size: the union is counted per group
        for group, size in sorted(groups, key=lambda item: -item[1]):
            for g in group:
                staged[g] = f"{STAGING}{run}:{len(staged)}"
            left -= size
            if left <= budget:
                break
        inline = data_operations({k: v for k, v in filled.items() if k not in staged}, dialect,
                                 also_into=UNION_GRAPH)
        listed = " ".join(f"<{META_GRAPH}> <{STAGING_LIST}> <{name}> ." for name in staged.values())
        requests.append(f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ {listed} }} }}")
        requests += _requests(data_operations({name: filled[g] for g, name in staged.items()}, dialect),
                              budget)
    counts = {name: len(filled[g]) for g, name in staged.items()}
    return Plan(requests, _publish(pending, state, inline, staged), counts)


def _linked_by_blank_nodes(graphs: dict[str, set[ox.Triple]]) -> list[list[str]]:
    """The graphs in groups that share no blank node with each other."""
    owner: dict[str, str] = {}
    parent = {g: g for g in graphs}

    def find(g: str) -> str:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    for g, triples in graphs.items():
        for t in triples:
            for term in (t.subject, t.object):
                if isinstance(term, ox.BlankNode):
                    other = owner.setdefault(term.value, g)
                    parent[find(other)] = find(g)
    groups: dict[str, list[str]] = {}
    for g in graphs:
        groups.setdefault(find(g), []).append(g)
    return list(groups.values())


def _publish(pending: dict[str, set[ox.Triple] | None], state: State,
             inline: list[str], staged: dict[str, str]) -> str:
    touched = sorted(pending)
    after = sorted((set(state.graphs) - set(touched)) | {g for g in touched if pending[g] is not None})
    union = f"<{UNION_GRAPH}>"
    mark = f'<{META_GRAPH}> <{WRITING}> "{uuid.uuid4()}"'
    ops = [f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ {mark} }} }}"]
    if state.union_ok:
        stale = [g for g in touched if g in state.graphs]
        if stale:
            # "Held by no graph but the touched ones and the reserved": naming the untouched graphs
            # instead (VALUES or IN) made Virtuoso try each of them for each triple, 25 s for 25,000
            # triples beside 280 graphs, against 0.4 s; so did a STRSTARTS on ?other (over 60 s). A
            # triple also held by a graph that is not the store's (another tool's, the server's own)
            # therefore stays in the union.
            keep_out = [*touched, UNION_GRAPH, META_GRAPH, *state.staging, *staged.values()]
            ops.append(
                f"DELETE {{ GRAPH {union} {{ ?s ?p ?o }} }} "
                f"WHERE {{ VALUES ?g {{ {_iris(stale)} }} GRAPH ?g {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
                f"FILTER (?other NOT IN ({_iris_list(keep_out)})) }} }}"
            )
    else:
        ops.append(f"DROP SILENT GRAPH {union}")
        untouched = [g for g in after if g not in pending]
        if untouched:
            ops.append(
                f"INSERT {{ GRAPH {union} {{ ?s ?p ?o }} }} "
                f"WHERE {{ VALUES ?g {{ {_iris(untouched)} }} GRAPH ?g {{ ?s ?p ?o }} }}"
            )
    ops += [f"DROP SILENT GRAPH <{g}>" for g in touched]
    ops += [f"CREATE SILENT GRAPH <{g}>" for g in touched if pending[g] == set()]
    # The new triples go into the union as data too, not copied by INSERT … WHERE from their graphs:
    # Virtuoso reads rows written earlier in the same request slowly (40,000 triples: 96 s, against 2 s).
    # Staged graphs were written by earlier requests: copying those is fast.
    ops += inline
    for g, name in staged.items():
        ops.append(f"INSERT {{ GRAPH <{g}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
        ops.append(f"INSERT {{ GRAPH {union} {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    ops += [f"DROP SILENT GRAPH <{name}>" for name in [*state.staging, *staged.values()]]
    ops.append(f"CREATE SILENT GRAPH {union}")
    ops.append(f"DROP SILENT GRAPH <{META_GRAPH}>")
    book = [f'<{META_GRAPH}> <{FORMAT}> "{FORMAT_VERSION}"', f'<{META_GRAPH}> <{STAMP}> "{uuid.uuid4()}"']
    book += [f"<{META_GRAPH}> <{GRAPH}> <{g}>" for g in after]
    ops.append(f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{\n  " + " .\n  ".join(book) + " .\n} }")
    return SEPARATOR.join(ops)


def publish_requests(publish: str, dialect: Dialect) -> list[str]:
    """The publishing request as the server takes it: whole, or in parts of ``max_operations``.

    Splitting is at the separator :func:`_publish` joins operations with; no operation holds it
    (terms are serialised with their line breaks escaped). The writing mark opens the first part
    and its removal closes the last, so a part that fails leaves the write reported as interrupted.
    """
    most = dialect.max_operations
    ops = publish.split(SEPARATOR)
    if not most or len(ops) <= most:
        return [publish]
    return [SEPARATOR.join(ops[i:i + most]) for i in range(0, len(ops), most)]


def _size(ops: list[str]) -> int:
    return sum(len(op.encode()) + 3 for op in ops)


def _requests(ops: list[str], budget: int) -> list[str]:
    """Operations joined into requests of at most ``budget`` bytes (one operation is never split)."""
    requests: list[str] = []
    current: list[str] = []
    size = 0
    for op in ops:
        grown = size + len(op.encode()) + 3
        if current and grown > budget:
            requests.append(SEPARATOR.join(current))
            current, grown = [], len(op.encode()) + 3
        current.append(op)
        size = grown
    if current:
        requests.append(SEPARATOR.join(current))
    return requests


def data_operations(
    graphs: dict[str, set[ox.Triple]], dialect: Dialect, also_into: str | None = None
) -> list[str]:
    """The operations that insert ``graphs``' triples, in the sizes and forms the server takes.

    ``also_into``: a graph that gets every one of these triples as well (the union), in the same
    operation as each triple's own, so that a blank node is one node in both.
    """
    if not graphs:
        return []
    if dialect.stand_ins:
        graphs = {g: {dialect.encode(t) for t in triples} for g, triples in graphs.items()}
    if also_into:
        graphs = {**graphs, also_into: set().union(*graphs.values())}
    if dialect.blank_nodes_in_data and not dialect.insert_chunk:
        # One INSERT DATA: a blank node may be shared by two graphs, which two operations cannot do.
        return [_insert_data(graphs)]
    plain: dict[str, list[ox.Triple]] = {}
    blank: list[tuple[str, ox.Triple]] = []
    for g in sorted(graphs):
        for t in sorted(graphs[g], key=str):
            if dialect.blank_nodes_in_data or not _has_blank(t):
                plain.setdefault(g, []).append(t)
            else:
                blank.append((g, t))
    # Long literals make few triples a lot of text: an operation also stops at a quarter of the request limit.
    most = dialect.max_request_bytes // 4 or 10**15
    ops = [_insert_data(chunk) for chunk in _chunks(plain, dialect.insert_chunk or 10**12, most)]
    ops += [_insert_template(chunk) for chunk in _blank_chunks(blank, dialect.template_chunk or 10**12, most)]
    return ops


def _insert_data(graphs: Mapping[str, Iterable[ox.Triple]]) -> str:
    blocks = []
    for g, triples in graphs.items():
        body = "\n".join(f"  {t.subject} {t.predicate} {t.object} ." for t in triples)
        blocks.append(f"GRAPH <{g}> {{\n{body}\n}}")
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


def _insert_template(items: list[tuple[str, ox.Triple]]) -> str:
    """Blank nodes for a server whose INSERT DATA refuses them: a template over one empty solution.

    The graphs are variables bound by BIND: with constant GRAPH blocks for two graphs Virtuoso
    writes the triples and then answers 500.
    """
    names: dict[str, str] = {}
    blocks: dict[str, list[str]] = {}
    for g, t in items:
        var = names.setdefault(g, f"?g{len(names)}")
        blocks.setdefault(var, []).append(f"{t.subject} {t.predicate} {t.object} .")
    template = " ".join(f"GRAPH {var} {{ {' '.join(lines)} }}" for var, lines in blocks.items())
    binds = " ".join(f"BIND(<{g}> AS {var})" for g, var in names.items())
    return f"INSERT {{ {template} }} WHERE {{ {binds} }}"


def _chunks(graphs: dict[str, list[ox.Triple]], size: int,
            most: int) -> Iterable[dict[str, list[ox.Triple]]]:
    """At most ``size`` triples a chunk, and about ``most`` bytes of text."""
    chunk: dict[str, list[ox.Triple]] = {}
    room, text = size, 0
    for g, triples in graphs.items():
        for t in triples:
            chunk.setdefault(g, []).append(t)
            room -= 1
            text += _text_size(t)
            if room == 0 or text >= most:
                yield chunk
                chunk, room, text = {}, size, 0
    if chunk:
        yield chunk


def _text_size(t: ox.Triple) -> int:
    return len(str(t).encode()) + 4


def _blank_chunks(items: list[tuple[str, ox.Triple]], size: int,
                  most: int) -> Iterable[list[tuple[str, ox.Triple]]]:
    """The triples grouped so that every blank node's triples (across graphs) share one chunk."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, t in items:
        ids = [term.value for term in (t.subject, t.object) if isinstance(term, ox.BlankNode)]
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
    groups: dict[str, list[tuple[str, ox.Triple]]] = {}
    for g, t in items:
        node = t.subject if isinstance(t.subject, ox.BlankNode) else t.object
        assert isinstance(node, ox.BlankNode)
        groups.setdefault(find(node.value), []).append((g, t))
    chunk: list[tuple[str, ox.Triple]] = []
    text = 0
    for group in groups.values():
        grown = text + sum(_text_size(t) for _, t in group)
        if chunk and (len(chunk) + len(group) > size or grown > most):
            yield chunk
            chunk, grown = [], grown - text
        chunk.extend(group)
        text = grown
    if chunk:
        yield chunk


def _has_blank(t: ox.Triple) -> bool:
    return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)


def _iris(graphs: Iterable[str]) -> str:
    return " ".join(f"<{g}>" for g in graphs)


def _iris_list(graphs: Iterable[str]) -> str:
    return ", ".join(f"<{g}>" for g in graphs)

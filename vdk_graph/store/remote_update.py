"""One transaction on a remote store as one SPARQL Update request.

The request, in order:

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

A server that applies a request whole or not at all (Oxigraph, Fuseki, GraphDB)
never shows the mark. Virtuoso applies the operations one by one: a request it
cannot parse changes nothing, but one that fails while running leaves the
operations before it applied, and the mark with them; the store then reports the
interrupted write and the next transaction rebuilds the union from scratch.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from vdk_graph.store.dialects import Dialect

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
FORMAT_VERSION = "2"


@dataclass(frozen=True)
class State:
    """What a transaction starts from."""

    #: The store's graphs before the transaction.
    graphs: list[str]
    #: Whether the union graph holds exactly the set union of ``graphs`` (else it is rebuilt).
    union_ok: bool


def update_request(pending: dict[str, set[ox.Triple] | None], state: State, dialect: Dialect) -> str:
    """The SPARQL Update that turns ``state`` into ``pending`` applied ("" if nothing was written)."""
    if not pending:
        return ""
    touched = sorted(pending)
    filled = [g for g in touched if pending[g]]
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
            ops.append(
                f"DELETE {{ GRAPH {union} {{ ?s ?p ?o }} }} "
                f"WHERE {{ VALUES ?g {{ {_iris(stale)} }} GRAPH ?g {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
                f"FILTER (?other NOT IN ({_iris_list([*touched, UNION_GRAPH, META_GRAPH])})) }} }}"
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
    ops += data_operations({g: pending[g] or set() for g in filled}, dialect, also_into=UNION_GRAPH)
    ops.append(f"CREATE SILENT GRAPH {union}")
    ops.append(f"DROP SILENT GRAPH <{META_GRAPH}>")
    book = [f'<{META_GRAPH}> <{FORMAT}> "{FORMAT_VERSION}"', f'<{META_GRAPH}> <{STAMP}> "{uuid.uuid4()}"']
    book += [f"<{META_GRAPH}> <{GRAPH}> <{g}>" for g in after]
    ops.append(f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{\n  " + " .\n  ".join(book) + " .\n} }")
    return " ;\n".join(ops)


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
    ops = [_insert_data(chunk) for chunk in _chunks(plain, dialect.insert_chunk or 10**12)]
    ops += [_insert_template(chunk) for chunk in _blank_chunks(blank, dialect.template_chunk or 10**12)]
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


def _chunks(graphs: dict[str, list[ox.Triple]], size: int) -> Iterable[dict[str, list[ox.Triple]]]:
    chunk: dict[str, list[ox.Triple]] = {}
    room = size
    for g, triples in graphs.items():
        start = 0
        while start < len(triples):
            part = triples[start:start + room]
            chunk.setdefault(g, []).extend(part)
            start += len(part)
            room -= len(part)
            if room == 0:
                yield chunk
                chunk, room = {}, size
    if chunk:
        yield chunk


def _blank_chunks(items: list[tuple[str, ox.Triple]], size: int) -> Iterable[list[tuple[str, ox.Triple]]]:
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
    for group in groups.values():
        if chunk and len(chunk) + len(group) > size:
            yield chunk
            chunk = []
        chunk.extend(group)
    if chunk:
        yield chunk


def _has_blank(t: ox.Triple) -> bool:
    return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)


def _iris(graphs: Iterable[str]) -> str:
    return " ".join(f"<{g}>" for g in graphs)


def _iris_list(graphs: Iterable[str]) -> str:
    return ", ".join(f"<{g}>" for g in graphs)

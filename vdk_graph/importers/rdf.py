"""RDF files → one named graph per file: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML.

Parsing is done by pyoxigraph on the bytes we read ourselves, so the data can
never make the parser open a file or a URL. Before parsing we refuse what is
known to be dangerous or to need the network: DOCTYPE/ENTITY declarations in
XML (the "billion laughs" grow a gigabyte from a few hundred bytes), remote
JSON-LD ``@context`` references, JSON-LD nested deeper than
:data:`MAX_JSON_DEPTH` (pyoxigraph's JSON-LD parser recurses, and 5,000
levels crash the process), and ``owl:imports`` (which we never follow). A
single token (a literal or an IRI) over pyoxigraph's 16 MiB buffer is
reported as such, not as running out of memory.
"""

from __future__ import annotations

import json
import mmap
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.base import ImportContext, PlannedGraph, new_graph
from vdk_graph.importers.provenance import SourceInfo, describe_source
from vdk_graph.names import slug
from vdk_graph.store.base import BulkFile
from vdk_graph.terms import graph_to_triples, triples_to_graph

#: ``--format`` names and the file extensions that imply them.
FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".nq": "nquads",
    ".nquads": "nquads", ".trig": "trig", ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "rdfxml",
    ".xml": "rdfxml", ".owl": "rdfxml",
}
OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"
#: JSON-LD objects and arrays nested deeper than this are refused (real documents nest a handful).
MAX_JSON_DEPTH = 100
_XML_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def format_of(path: Path, given: str | None) -> str:
    """The format name for a file: the one given, else from its extension."""
    if given:
        if given not in FORMATS:
            raise ImportFailed(
                problems=[Problem(f"unknown format {given!r}", file=path.name, field="--format",
                                  expected=", ".join(FORMATS))]
            )
        return given
    name = EXTENSIONS.get(path.suffix.lower())
    if name is None:
        raise ImportFailed(
            problems=[Problem(f"cannot tell the RDF format from the extension {path.suffix or '(none)'!r}",
                              file=path.name,
                              expected=f"one of {', '.join(sorted(EXTENSIONS))}, or --format")]
        )
    return name


class RdfImporter:
    """``vdk-graph import rdf FILE…``"""

    name = "rdf"

    def __init__(self, rdf_format: str | None = None) -> None:
        self.rdf_format = rdf_format

    def plan(self, path: Path, context: ImportContext) -> list[PlannedGraph]:
        fmt = format_of(path, self.rdf_format)
        if context.trusted and _bulk_loadable(path, fmt):
            # A trusted bulk load of a file that cannot hold what the checks below refuse or warn
            # about: the store's engine reads it itself (syntax errors still name the line).
            graph_iri, provenance = self._source_graph(path, context)
            file = BulkFile(path, FORMATS[fmt], tuple(graph_to_triples(provenance)))
            return [PlannedGraph(graph_iri, file, path.name)]
        raw = path.read_bytes()
        problems = check_safe(raw, fmt, path.name)
        if problems:
            raise ImportFailed(problems=problems)
        quads = parse_bytes(raw, fmt, path.name)
        warnings: list[Problem] = []
        graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
        if graphs:
            warnings.append(
                Problem(
                    f"the file's {len(graphs)} named graph(s) were merged into this file's source graph",
                    file=path.name, severity="warning",
                )
            )
        imports = [q for q in quads if q.predicate.value == OWL_IMPORTS]
        if imports:
            raise ImportFailed(
                problems=[
                    Problem(
                        f"owl:imports {q.object} is refused: vdk-graph never follows imports while importing",
                        file=path.name, field="owl:imports",
                        expected="no owl:imports (import the other file yourself with "
                                 "'vdk-graph import rdf')",
                    )
                    for q in imports
                ]
            )
        graph_iri, provenance = self._source_graph(path, context)
        if context.trusted:
            # A trusted bulk load is never validated, so it never needs rdflib: the parsed triples go
            # to the store as they are (about ten times faster on a million triples).
            bulk = [q.triple for q in quads] + graph_to_triples(provenance)
            return [PlannedGraph(graph_iri, bulk, path.name, warnings)]
        data = triples_to_graph(quads, provenance)
        return [PlannedGraph(graph_iri, data, path.name, warnings)]


    def _source_graph(self, path: Path, context: ImportContext) -> tuple[URIRef, Graph]:
        """The named graph this file goes to, and the description of the file as a source."""
        identity = context.identity(path, self.name)
        wanted = str(context.minter.graph("rdf", slug(path.stem)))
        graph_iri = URIRef(context.placement.graph(wanted, identity))
        provenance = new_graph()
        describe_source(
            provenance,
            context.minter,
            SourceInfo(graph=graph_iri, label=f"RDF file {path.name}", importer=self.name,
                       url=context.source_url, file_name=path.name, source_file=identity.file,
                       retrieved=context.retrieved),
            context.now,
        )
        return graph_iri, provenance


#: Formats the engine's bulk loader reads and that hold triples only (no named graphs to merge).
_BULK_FORMATS = ("nt", "turtle")


def _bulk_loadable(path: Path, fmt: str) -> bool:
    """Whether a trusted import may hand the file to the engine as it is.

    The file must be a format of triples only, and must certainly not mention owl:imports
    (refused, with the line, by the parsing path): a file whose bytes merely contain
    "imports" somewhere takes that path too. Only a cheap scan of the bytes, in C.
    """
    if fmt not in _BULK_FORMATS or not path.is_file() or path.stat().st_size == 0:
        return False
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(b"imports") == -1


def check_safe(raw: bytes, fmt: str, source: str) -> list[Problem]:
    """Refuse XML entity declarations and remote JSON-LD contexts before any parser sees the bytes."""
    if fmt == "rdfxml":
        match = _XML_DECLARATION.search(raw)
        if match:
            line = raw.count(b"\n", 0, match.start()) + 1
            return [Problem(
                f"the XML declares a {match.group(1).decode().upper()}, which is refused "
                "(entity expansion can blow up memory)",
                file=source, line=line, expected="RDF/XML without <!DOCTYPE> or <!ENTITY>",
            )]
    if fmt == "jsonld":
        too_deep = Problem(
            f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep, which is refused (the JSON-LD "
            "parser would run out of stack)",
            file=source, expected=f"objects and arrays nested at most {MAX_JSON_DEPTH} deep",
        )
        try:
            document = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            return [Problem(f"not valid JSON: {exc}", file=source, line=getattr(exc, "lineno", None))]
        except RecursionError:  # Python's own reader gives up near 1,000 levels
            return [too_deep]
        if _depth(document) > MAX_JSON_DEPTH:
            return [too_deep]
        remote = sorted(set(_remote_contexts(document)))
        return [
            Problem(
                f"the JSON-LD refers to the remote @context {iri!r}, which is refused: vdk-graph never "
                "fetches from the network while importing",
                file=source, field="@context", expected="an inline @context object",
            )
            for iri in remote
        ]
    return []


def _depth(document: Any) -> int:
    """How deeply the objects and arrays of a parsed JSON document nest (walked without recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_DEPTH:
                break
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return deepest


def _remote_contexts(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                values = value if isinstance(value, list) else [value]
                found.extend(v for v in values if isinstance(v, str))
                found.extend(c for v in values if isinstance(v, dict) for c in _remote_contexts(v))
            else:
                found.extend(_remote_contexts(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_remote_contexts(item))
    return found


def parse_bytes(raw: bytes, fmt: str, source: str) -> list[ox.Quad]:
    """Parse with pyoxigraph, turning its syntax errors into a Problem with line and column."""
    try:
        return list(ox.parse(raw, format=FORMATS[fmt]))
    except SyntaxError as exc:
        raise ImportFailed(
            problems=[Problem(f"not valid {fmt}: {exc}", file=source, line=exc.lineno,
                              expected=f"a well-formed {fmt} document")]
        ) from None
    except (ValueError, OSError) as exc:
        raise ImportFailed(problems=[Problem(f"cannot read as {fmt}: {exc}", file=source)]) from None
    except MemoryError as exc:
        # pyoxigraph's parsers hold a token in a buffer of at most 16 MiB ("Reached the buffer maximal size").
        if "buffer maximal size" not in str(exc):
            raise
        raise ImportFailed(
            problems=[Problem(
                f"a single literal or IRI is longer than the {fmt} parser's limit of 16 MiB ({exc})",
                file=source,
                expected="literals under 16 MiB each; keep longer texts in files and link to them",
            )]
        ) from None

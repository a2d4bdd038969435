"""Query results, whichever backend produced them, and their serialisations.

Every store returns one of three shapes: :class:`SelectResult` (variables and
rows of pyoxigraph terms), :class:`AskResult` or :class:`GraphResult` (triples).
The SELECT/ASK writers follow the W3C formats (SPARQL 1.1 Query Results JSON,
XML, CSV and TSV) and stream, so a large result never sits in memory twice;
a test reads our output back with pyoxigraph's own parser. Graph results are
serialised by pyoxigraph.

CSV and TSV are opened in spreadsheets, and the data holds what anyone put in
a source: a cell such as ``=HYPERLINK("http://…","click")`` would run as a
formula. Every CSV and TSV the project writes therefore passes its cells
through :func:`spreadsheet_cell` (OWASP's rule for "CSV injection").
"""

from __future__ import annotations

import csv
import io
import json
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from vdk_graph.namespaces import PREFIXES
from vdk_graph.terms import RDF_LANGSTRING, XSD, OxTerm, to_python

Row = tuple[OxTerm | None, ...]


@dataclass
class SelectResult:
    variables: list[str]
    rows: Iterable[Row]
    #: Set by :meth:`limit` when rows were left off; writers then say so.
    truncated: bool = False
    row_limit: int | None = None

    def limit(self, max_rows: int) -> SelectResult:
        """The first ``max_rows`` rows; ``truncated`` turns true (lazily) if more existed."""
        result = SelectResult(self.variables, [], row_limit=max_rows)
        result.rows = _capped(iter(self.rows), max_rows, result)
        return result

    def dicts(self) -> Iterator[dict[str, Any]]:
        """Rows as dicts of plain Python values (unbound variables are absent)."""
        for row in self.rows:
            yield {v: to_python(t) for v, t in zip(self.variables, row, strict=True) if t is not None}

    def tuples(self) -> Iterator[tuple[Any, ...]]:
        """Rows as tuples of plain Python values (``None`` where a variable is unbound)."""
        for row in self.rows:
            yield tuple(to_python(t) for t in row)


@dataclass
class AskResult:
    value: bool


@dataclass
class GraphResult:
    triples: Iterable[ox.Triple]
    truncated: bool = False
    row_limit: int | None = None

    def limit(self, max_rows: int) -> GraphResult:
        result = GraphResult([], row_limit=max_rows)
        result.triples = _capped(iter(self.triples), max_rows, result)
        return result


QueryResult = SelectResult | AskResult | GraphResult


def _capped(items: Iterator[Any], max_rows: int, owner: Any) -> Iterator[Any]:
    # A weak reference: the result holds this generator, and a strong one back would make a cycle that
    # only the garbage collector frees — on whatever thread it runs, which pyoxigraph's results refuse.
    result = weakref.ref(owner)
    del owner
    for count, item in enumerate(items):
        if count >= max_rows:
            alive = result()
            if alive is not None:
                alive.truncated = True
            return
        yield item


# --------------------------------------------------------------------------- media types

#: Result formats: name -> (media type, file extension). Names are what ``--format`` and ``format=`` take.
SELECT_FORMATS: dict[str, tuple[str, str]] = {
    "json": ("application/sparql-results+json", "srj"),
    "xml": ("application/sparql-results+xml", "srx"),
    "csv": ("text/csv", "csv"),
    "tsv": ("text/tab-separated-values", "tsv"),
}
GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
DATASET_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "nquads": ("application/n-quads", ox.RdfFormat.N_QUADS),
    "trig": ("application/trig", ox.RdfFormat.TRIG),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}


# --------------------------------------------------------------------------- SELECT / ASK writers


def write_select(result: SelectResult | AskResult, fmt: str) -> Iterator[str]:
    """Serialise a SELECT or ASK result in one of :data:`SELECT_FORMATS`, as a stream of text chunks."""
    writers = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
    try:
        writer = writers[fmt]
    except KeyError:
        raise ValueError(f"unknown result format {fmt!r}; one of {', '.join(writers)}") from None
    return writer(result)


def _json_term(term: OxTerm) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(f"cannot serialise {term!r}")


def _json(result: SelectResult | AskResult) -> Iterator[str]:
    if isinstance(result, AskResult):
        yield json.dumps({"head": {}, "boolean": result.value})
        return
    yield '{"head":{"vars":' + json.dumps(result.variables) + '},"results":{"bindings":['
    first = True
    for row in result.rows:
        binding = {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        yield ("" if first else ",") + json.dumps(binding, ensure_ascii=False)
        first = False
    yield "]}"
    if result.truncated:
        yield ',"vdk:truncated":true,"vdk:rowLimit":' + json.dumps(result.row_limit)
    yield "}"


def _xml_term(term: OxTerm) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD + "string":
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
            f"</predicate><object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"cannot serialise {term!r}")


def _xml(result: SelectResult | AskResult) -> Iterator[str]:
    yield '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>'
    if isinstance(result, AskResult):
        yield f"</head>\n<boolean>{'true' if result.value else 'false'}</boolean>\n</sparql>\n"
        return
    for v in result.variables:
        yield f"<variable name={quoteattr(v)}/>"
    yield "</head>\n<results>\n"
    for row in result.rows:
        parts = [
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
            for v, t in zip(result.variables, row, strict=True)
            if t is not None
        ]
        yield "<result>" + "".join(parts) + "</result>\n"
    yield "</results>\n"
    if result.truncated:
        yield f"<!-- truncated: only the first {result.row_limit} rows are shown -->\n"
    yield "</sparql>\n"


#: A cell that starts with one of these is a formula to a spreadsheet (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMERIC_TYPES = {
    XSD + t
    for t in (
        "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
        "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong",
        "unsignedShort", "unsignedByte",
    )
}
#: The lexical space of the XSD numeric types: a literal that matches is a number, whatever its sign.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN")


def spreadsheet_cell(text: str, term: OxTerm | None = None) -> str:
    """``text`` as a CSV/TSV cell that no spreadsheet runs as a formula: the one rule every writer uses.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    ``'`` (OWASP). The exception is ``term``, when it is a literal of a numeric XSD type whose
    text is a number (``-3``, ``-1.5E3``): that is data a spreadsheet reads as a number, and a
    prefix would turn it into text. The same characters as a plain string (``"-3"``) are
    prefixed: nothing tells them from the start of a formula.
    """
    if not text.startswith(FORMULA_STARTS):
        return text
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC_TYPES and _NUMBER.fullmatch(text):
        return text
    return "'" + text


def _csv_value(term: OxTerm | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return spreadsheet_cell(term.value, term)
    return spreadsheet_cell(str(term))


def _csv(result: SelectResult | AskResult) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if isinstance(result, AskResult):
        writer.writerow(["_askResult"])
        writer.writerow(["true" if result.value else "false"])
        yield buffer.getvalue()
        return
    writer.writerow(result.variables)
    for count, row in enumerate(result.rows, 1):
        writer.writerow([_csv_value(t) for t in row])
        if count % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


#: Literals TSV may write bare, as Turtle abbreviates them (and as Oxigraph's own TSV writer does).
_BARE = {
    XSD + "integer": re.compile(r"[+-]?\d+"),
    XSD + "decimal": re.compile(r"[+-]?\d*\.\d+"),
    XSD + "double": re.compile(r"[+-]?(?:\d+\.\d*|\.\d+|\d+)[eE][+-]?\d+"),
    XSD + "boolean": re.compile(r"true|false"),
}


def _tsv_value(term: OxTerm | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and not term.language:
        bare = _BARE.get(term.datatype.value)
        if bare is not None and bare.fullmatch(term.value):
            return term.value
    if isinstance(term, ox.Literal):
        # Spreadsheets read "=1+1" (quotes and all) as the formula =1+1: the rule applies inside the quotes.
        safe = spreadsheet_cell(term.value, term)
        if safe != term.value:
            term = (
                ox.Literal(safe, language=term.language) if term.language
                else ox.Literal(safe, datatype=term.datatype)
            )
    text = str(term)  # N-Triples syntax, as the TSV format asks
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _tsv(result: SelectResult | AskResult) -> Iterator[str]:
    if isinstance(result, AskResult):
        yield "?_askResult\n" + ("true" if result.value else "false") + "\n"
        return
    yield "\t".join(f"?{v}" for v in result.variables) + "\n"
    for row in result.rows:
        yield "\t".join(_tsv_value(t) for t in row) + "\n"


# --------------------------------------------------------------------------- graph writers


def write_graph(result: GraphResult, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    """Serialise a CONSTRUCT/DESCRIBE result in one of :data:`GRAPH_FORMATS`."""
    try:
        _, rdf_format = GRAPH_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown graph format {fmt!r}; one of {', '.join(GRAPH_FORMATS)}") from None
    data = ox.serialize(list(result.triples), format=rdf_format, prefixes=_prefixes(rdf_format, prefixes))
    return data or b""


def _prefixes(rdf_format: ox.RdfFormat, prefixes: dict[str, str] | None) -> dict[str, str] | None:
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        return prefixes if prefixes is not None else PREFIXES
    return None


# --------------------------------------------------------------------------- plain-text table for the CLI


def short_term(term: OxTerm | None, prefixes: dict[str, str] | None = None) -> str:
    """A compact human form of a term: prefixed names for IRIs, bare text for literals."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in (prefixes or PREFIXES).items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    if isinstance(term, ox.Literal):
        if term.language:
            return f"{term.value} @{term.language}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def write_table(result: SelectResult | AskResult, max_width: int = 60) -> Iterator[str]:
    """An aligned plain-text table: what a person reads in a terminal."""
    if isinstance(result, AskResult):
        yield ("true" if result.value else "false") + "\n"
        return
    rows = [[_clip(short_term(t), max_width) for t in row] for row in result.rows]
    widths = [len(v) for v in result.variables]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True)).rstrip()
    yield line + "\n" + "  ".join("-" * w for w in widths) + "\n"
    for row in rows:
        yield "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n"
    suffix = " (truncated)" if result.truncated else ""
    yield f"\n{len(rows)} row{'s' if len(rows) != 1 else ''}{suffix}\n"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = [
    "AskResult", "DATASET_FORMATS", "GRAPH_FORMATS", "GraphResult", "QueryResult", "RDF_LANGSTRING",
    "Row", "SELECT_FORMATS", "SelectResult", "short_term", "spreadsheet_cell", "write_graph", "write_select",
    "write_table",
]

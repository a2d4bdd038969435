"""SPARQL 1.1 Query Results JSON, written fast: the endpoint's hot path for large results.

The same format as :func:`vdk_graph.results.write_select` (``json``) — a test
reads both back and compares — but built from strings with the C string
escaper instead of a dict and a ``json.dumps`` call per row: about twice as
fast, which is most of what the endpoint adds to a 1,000-row answer
(bench/endpoint_bench.py). RDF-star triple terms, rare, go through the
general writer's term function.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string

import pyoxigraph as ox

from vdk_graph.results import AskResult, SelectResult, _json_term
from vdk_graph.terms import XSD

_XSD_STRING = XSD + "string"


def _term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return '{"type":"uri","value":' + _string(term.value) + "}"
    if isinstance(term, ox.Literal):
        value = _string(term.value)
        if term.language:
            return '{"type":"literal","value":' + value + ',"xml:lang":' + _string(term.language) + "}"
        datatype = term.datatype.value
        if datatype != _XSD_STRING:
            return '{"type":"literal","value":' + value + ',"datatype":' + _string(datatype) + "}"
        return '{"type":"literal","value":' + value + "}"
    if isinstance(term, ox.BlankNode):
        return '{"type":"bnode","value":' + _string(term.value) + "}"
    return json.dumps(_json_term(term), ensure_ascii=False)  # type: ignore[arg-type]


def write_json(result: SelectResult | AskResult) -> bytes:
    """The whole result as UTF-8 JSON (with ``vdk:truncated`` and ``vdk:rowLimit`` when rows were cut)."""
    if isinstance(result, AskResult):
        return b'{"head":{},"boolean":' + (b"true" if result.value else b"false") + b"}"
    keys = [_string(v) + ":" for v in result.variables]
    bindings = [
        "{" + ",".join(k + _term(term) for k, term in zip(keys, row, strict=True) if term is not None) + "}"
        for row in result.rows
    ]
    text = '{"head":{"vars":' + json.dumps(result.variables) + '},"results":{"bindings":['
    text += ",".join(bindings) + "]}"
    if result.truncated:
        text += ',"vdk:truncated":true,"vdk:rowLimit":' + json.dumps(result.row_limit)
    return (text + "}").encode("utf-8")

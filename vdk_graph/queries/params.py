"""Typed parameters of named queries: what each type accepts, and the RDF term a value becomes.

A value from a URL, a form, the command line or Python is checked against its
type *before* it comes near the query, and becomes a pyoxigraph term; the query
only ever sees that term, written out by pyoxigraph (see :mod:`.values`). So a
user's text can never change the shape of a query, only the value of a variable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from vdk_graph.errors import ParameterError

XSD = "http://www.w3.org/2001/XMLSchema#"
Term = ox.NamedNode | ox.Literal


@dataclass(frozen=True)
class ParamType:
    """One parameter type: its name in query headers, what it expects (for messages) and its form input."""

    name: str
    expected: str
    #: The HTML input type a form uses for it.
    input: str = "text"
    #: Entity types chosen by name: the class whose members are offered.
    entity_class: str | None = None


TYPES: dict[str, ParamType] = {t.name: t for t in (
    ParamType("iri", "an absolute http(s) IRI, such as https://w3id.org/vdk/id/organisation/filmfyn", "url"),
    ParamType("string", "a text", "text"),
    ParamType("integer", "a whole number, such as 3", "number"),
    ParamType("decimal", "a number, such as 1500000 or 2.5", "text"),
    ParamType("date", "a date as YYYY-MM-DD, such as 2022-06-30", "date"),
    ParamType("year", "a year as four digits, such as 2022", "number"),
    ParamType("boolean", "true or false", "checkbox"),
    ParamType("organisation", "an organisation's name or IRI", "text",
              "https://w3id.org/vdk/ontology#Organisation"),
    ParamType("project", "a project's title, acronym or IRI", "text", "https://w3id.org/vdk/ontology#Project"),
)}

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TRUE = {"true", "1", "yes", "on", "ja"}
_FALSE = {"false", "0", "no", "off", "nej"}


@dataclass(frozen=True)
class Param:
    """One parameter of a named query: bound to the query variable of the same name."""

    name: str
    type: str
    #: Label per language ("en", "da").
    label: dict[str, str] = field(default_factory=dict)
    required: bool = False
    #: The default as written in the header (text); None: no default.
    default: str | None = None
    #: A value to show in help and forms (text; a name for organisation and project parameters).
    example: str | None = None

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"parameter name {self.name!r} is not a SPARQL variable name")
        if self.type not in TYPES:
            raise ValueError(f"parameter {self.name}: unknown type {self.type!r}; one of {', '.join(TYPES)}")

    @property
    def kind(self) -> ParamType:
        return TYPES[self.type]

    @property
    def is_entity(self) -> bool:
        """Organisation and project parameters: an IRI the user may give by name."""
        return self.kind.entity_class is not None

    def label_in(self, lang: str) -> str:
        return self.label.get(lang) or self.label.get("en") or self.name

    def default_term(self) -> Term | None:
        return None if self.default is None else self.coerce(self.default)

    def coerce(self, value: object) -> Term:
        """The RDF term for ``value``, or a :class:`ParameterError` naming this parameter and its type.

        Organisation and project parameters take IRIs here; names are resolved
        against a store first (:func:`vdk_graph.queries.choices.resolve`).
        """
        try:
            return _COERCERS[self.type](value)
        except (ValueError, TypeError, InvalidOperation) as exc:
            detail = f" ({exc})" if str(exc) and not isinstance(exc, InvalidOperation) else ""
            raise ParameterError(
                f"parameter '{self.name}' must be {self.kind.expected}, not {_show(value)}{detail}",
                self.name, self.kind.expected,
            ) from None


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 80 else text[:77] + "…'"


def _iri(value: object) -> ox.NamedNode:
    if isinstance(value, ox.NamedNode):
        value = value.value
    if not isinstance(value, str):
        raise TypeError(f"an IRI is text, not {type(value).__name__}")
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if not re.match(r"^https?://[^/\s]", text, re.IGNORECASE):
        raise ValueError("it must start with http:// or https://")
    return ox.NamedNode(text)  # rejects spaces, quotes, '<', '>' …


def _string(value: object) -> ox.Literal:
    if isinstance(value, ox.Literal):
        value = value.value
    if not isinstance(value, str):
        raise TypeError(f"a text, not {type(value).__name__}")
    return ox.Literal(value)


def _integer(value: object) -> ox.Literal:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"a whole number, not {type(value).__name__}")
    number = int(value.strip().replace("_", "")) if isinstance(value, str) else value
    return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "integer"))


def _decimal(value: object) -> ox.Literal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise TypeError(f"a number, not {type(value).__name__}")
    text = value.strip().replace("_", "") if isinstance(value, str) else str(value)
    number = Decimal(text)
    if not number.is_finite():
        raise ValueError("it must be a finite number")
    return ox.Literal(format(number, "f"), datatype=ox.NamedNode(XSD + "decimal"))


def _date(value: object) -> ox.Literal:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        value = dt.date.fromisoformat(value.strip())
    if not isinstance(value, dt.date):
        raise TypeError(f"a date, not {type(value).__name__}")
    return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))


def _year(value: object) -> ox.Literal:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"a year, not {type(value).__name__}")
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError("four digits")
    return ox.Literal(text, datatype=ox.NamedNode(XSD + "integer"))


def _boolean(value: object) -> ox.Literal:
    if isinstance(value, bool):
        flag = value
    elif isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        flag = value.strip().lower() in _TRUE
    else:
        raise ValueError("")
    return ox.Literal("true" if flag else "false", datatype=ox.NamedNode(XSD + "boolean"))


_COERCERS: dict[str, Callable[[object], Term]] = {
    "iri": _iri, "organisation": _iri, "project": _iri, "string": _string, "integer": _integer,
    "decimal": _decimal, "date": _date, "year": _year, "boolean": _boolean,
}

"""What a map view asks for: kinds, filters, focus and size, read from (and written back to) a query string.

Every state of the map is a URL, so the same parameters drive the page, its
JSON twin, the exports, the embed and the static file written by ``vdk-graph
map``; :meth:`MapQuery.to_args` writes only what differs from the defaults, so
shared links stay short and a default view has one URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from vdk_graph.errors import ParameterError
from vdk_graph.kinds import NODE_KINDS

#: Kinds shown when the visitor has not picked: all but topics (hubs that would tie every project together).
DEFAULT_KINDS: tuple[str, ...] = tuple(k for k in NODE_KINDS if k != "topic")
#: Nodes drawn at most unless the visitor asks for more; the rest are counted and named as hidden.
DEFAULT_MAX_NODES = 1000
MAX_NODES_LIMIT = 5000
MAX_HOPS = 3
SIZE_BY: tuple[str, ...] = ("degree", "pagerank", "betweenness")
LANGS: tuple[str, ...] = ("en", "da")
YEAR_RANGE = (1900, 2100)
#: The longest value a parameter may have (IRIs, labels); anything longer is refused, not truncated.
MAX_VALUE = 500


@dataclass(frozen=True)
class MapQuery:
    """One view of the map. ``focus`` is an IRI; ``regions`` are region or city names."""

    kinds: tuple[str, ...] = DEFAULT_KINDS
    topics: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    focus: str | None = None
    hops: int = 1
    max_nodes: int = DEFAULT_MAX_NODES
    size_by: str = "degree"
    lang: str = "en"

    def __post_init__(self) -> None:
        unknown = [k for k in self.kinds if k not in NODE_KINDS]
        if unknown:
            raise ParameterError(f"unknown kind {unknown[0]!r}; choose from {', '.join(NODE_KINDS)}",
                                 parameter="kind", expected=" | ".join(NODE_KINDS))
        if not 1 <= self.hops <= MAX_HOPS:
            raise ParameterError(f"hops must be 1, 2 or 3, not {self.hops}", parameter="hops", expected="1-3")
        if not 1 <= self.max_nodes <= MAX_NODES_LIMIT:
            raise ParameterError(f"max must be between 1 and {MAX_NODES_LIMIT}, not {self.max_nodes}",
                                 parameter="max", expected=f"1-{MAX_NODES_LIMIT}")
        if self.size_by not in SIZE_BY:
            raise ParameterError(f"size must be one of {', '.join(SIZE_BY)}, not {self.size_by!r}",
                                 parameter="size", expected=" | ".join(SIZE_BY))
        if self.lang not in LANGS:
            raise ParameterError(f"lang must be en or da, not {self.lang!r}", parameter="lang",
                                 expected="en | da")
        for name in ("year_from", "year_to"):
            year = getattr(self, name)
            if year is not None and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                low, high = YEAR_RANGE
                raise ParameterError(f"{_ARG[name]} must be a year between {low} and {high}, not {year}",
                                     parameter=_ARG[name], expected="a year such as 2021")
        if self.year_from is not None and self.year_to is not None and self.year_from > self.year_to:
            raise ParameterError(f"from ({self.year_from}) is after to ({self.year_to})", parameter="from")

    # ------------------------------------------------------------------ reading and writing URLs

    @classmethod
    def from_args(cls, args: Mapping[str, Any], *, lang: str | None = None) -> MapQuery:
        """Read a query string (a werkzeug MultiDict, or a dict of lists or strings); refuse what is wrong.

        Repeatable parameters take ``kind=a&kind=b`` or ``kind=a,b``; an empty
        ``kind`` (``kind=``) means no kinds at all, a missing one the defaults.
        """
        kinds = _list(args, "kind") if _present(args, "kind") else list(DEFAULT_KINDS)
        hops, max_nodes = _int(args, "hops"), _int(args, "max")
        return cls(
            kinds=tuple(dict.fromkeys(kinds)),
            topics=tuple(_list(args, "topic")),
            programmes=tuple(_list(args, "programme")),
            regions=tuple(_list(args, "region", split=False)),
            year_from=_int(args, "from"),
            year_to=_int(args, "to"),
            focus=_one(args, "focus") or None,
            hops=1 if hops is None else hops,
            max_nodes=DEFAULT_MAX_NODES if max_nodes is None else max_nodes,
            size_by=_one(args, "size") or "degree",
            lang=lang or _one(args, "lang") or "en",
        )

    def to_args(self, *, with_lang: bool = True) -> list[tuple[str, str]]:
        """The query string of this view: only what differs from the defaults, in a fixed order."""
        out: list[tuple[str, str]] = []
        if self.kinds != DEFAULT_KINDS:
            out.append(("kind", ",".join(self.kinds)))
        out += [("topic", t) for t in self.topics]
        out += [("programme", p) for p in self.programmes]
        out += [("region", r) for r in self.regions]
        if self.year_from is not None:
            out.append(("from", str(self.year_from)))
        if self.year_to is not None:
            out.append(("to", str(self.year_to)))
        if self.focus:
            out.append(("focus", self.focus))
            out.append(("hops", str(self.hops)))
        if self.max_nodes != DEFAULT_MAX_NODES:
            out.append(("max", str(self.max_nodes)))
        if self.size_by != "degree":
            out.append(("size", self.size_by))
        if with_lang:
            out.append(("lang", self.lang))
        return out

    def with_(self, **changes: Any) -> MapQuery:
        return replace(self, **changes)

    def key(self) -> tuple[Any, ...]:
        """A hashable key of everything that changes the view (for caches)."""
        return (tuple(sorted(self.kinds)), tuple(sorted(self.topics)), tuple(sorted(self.programmes)),
                tuple(sorted(self.regions)), self.year_from, self.year_to, self.focus,
                self.hops if self.focus else 0, self.max_nodes, self.size_by, self.lang)

    @property
    def filtered(self) -> bool:
        """True when a topic, programme, region or year filter is set (kinds and focus are not filters)."""
        return bool(self.topics or self.programmes or self.regions or self.year_from is not None
                    or self.year_to is not None)


_ARG = {"year_from": "from", "year_to": "to"}


def _values(args: Mapping[str, Any], name: str) -> list[str]:
    if hasattr(args, "getlist"):
        raw: Iterable[Any] = args.getlist(name)
    else:
        value = args.get(name)
        raw = [] if value is None else (value if isinstance(value, list | tuple) else [value])
    values = [str(v) for v in raw]
    for value in values:
        if len(value) > MAX_VALUE:
            raise ParameterError(f"parameter {name} is longer than {MAX_VALUE} characters", parameter=name)
    return values


def _present(args: Mapping[str, Any], name: str) -> bool:
    return name in args


def _list(args: Mapping[str, Any], name: str, *, split: bool = True) -> list[str]:
    """Values of a repeatable parameter; IRIs and kinds may come comma-separated (names may hold commas)."""
    out: list[str] = []
    for value in _values(args, name):
        parts = value.split(",") if split else [value]
        out += [p.strip() for p in parts if p.strip()]
    return out


def _one(args: Mapping[str, Any], name: str) -> str:
    values = _values(args, name)
    return values[-1].strip() if values else ""


def _int(args: Mapping[str, Any], name: str) -> int | None:
    text = _one(args, name)
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ParameterError(f"parameter {name} must be a whole number, not {text!r}", parameter=name,
                             expected="a whole number") from None


__all__ = ["DEFAULT_KINDS", "DEFAULT_MAX_NODES", "MAX_HOPS", "MAX_NODES_LIMIT", "MapQuery", "SIZE_BY"]

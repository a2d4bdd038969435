"""Named queries: the questions analysts ask of a cluster, as ``.rq`` files with a header.

Each ``vdk_graph/queries/<name>.rq`` is a SPARQL SELECT query whose header (see
:mod:`.header`) gives its title, description and typed parameters. A parameter
is the query variable of the same name; :meth:`NamedQuery.bind` checks the
values against their types and binds them in a ``VALUES`` block (see
:mod:`.values`), never by pasting text. The same query then serves a page
(``/queries/<name>`` with ``.json`` and ``.csv`` twins), the command line
(``vdk-graph query --named NAME --param key=value``) and Python
(``KnowledgeGraph.named(name, **params)``).

A test runs every query against the test graph, so a query that breaks, or
stops finding anything, fails the build.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from vdk_graph import sparql
from vdk_graph.errors import ConfigError, NotFound, ParameterError, Problem
from vdk_graph.queries import choices, values
from vdk_graph.queries.header import parse_header
from vdk_graph.queries.params import TYPES, Param, ParamType
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store

FOLDER = Path(__file__).parent


@dataclass(frozen=True)
class NamedQuery:
    """One named query: its name (the file name), header and SPARQL text."""

    name: str
    title: dict[str, str]
    description: dict[str, str]
    params: tuple[Param, ...]
    #: The whole file: header comments and query.
    sparql: str
    path: Path

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title["en"]

    def description_in(self, lang: str) -> str:
        return self.description.get(lang) or self.description.get("en", "")

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params) or "none"
        raise ParameterError(f"query '{self.name}' has no parameter '{name}' (its parameters: {known})", name)

    def terms(self, given: Mapping[str, object], store: Store | None = None, *,
              strict: bool = True) -> dict[str, ox.NamedNode | ox.Literal | None]:
        """Each parameter's term: the given value (checked), else its default, else None (unbound).

        ``strict`` requires the required parameters. Empty strings count as not given, as
        an empty form field does. Names for organisation and project parameters are
        looked up in ``store``.
        """
        for name in given:
            self.param(name)  # unknown names are an error, not silently ignored
        bound: dict[str, ox.NamedNode | ox.Literal | None] = {}
        for param in self.params:
            value = given.get(param.name)
            if value is None or (isinstance(value, str) and not value.strip()):
                if param.required and param.default is None and strict:
                    example = f" (for example {param.example})" if param.example else ""
                    raise ParameterError(
                        f"query '{self.name}' needs parameter '{param.name}': {param.kind.expected}{example}",
                        param.name, param.kind.expected)
                bound[param.name] = param.default_term()
            elif param.is_entity and isinstance(value, str) and store is not None:
                bound[param.name] = choices.resolve(store, param, value)
            else:
                bound[param.name] = param.coerce(value)
        return bound

    def bind(self, given: Mapping[str, object] | None = None, store: Store | None = None, *,
             strict: bool = True) -> str:
        """The query text with the parameters bound (a ``VALUES`` block); raises :class:`ParameterError`."""
        return values.inject(self.sparql, self.terms(given or {}, store, strict=strict))

    def example(self) -> str:
        """The query as the workbench opens it: defaults bound, the other parameters ``UNDEF`` to fill in."""
        return self.bind({}, strict=False)

    def run(self, store: Store, given: Mapping[str, object] | None = None) -> SelectResult:
        """Run on ``store`` with the parameters bound (no time limit: the web app runs it in its endpoint)."""
        result = sparql.run(store, self.bind(given, store))
        assert isinstance(result, SelectResult), f"named query {self.name} is not a SELECT query"
        return result


def parse(path: Path) -> NamedQuery:
    """A named query from its file; :class:`ConfigError` listing every problem of its header."""
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, path.name)
    problems = list(header.problems)
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    if values.where_brace(text) is None:
        problems.append(Problem("the query has no WHERE { … } group for its parameters", path.name))
    if "SELECT" not in body.upper():
        problems.append(Problem("a named query must be a SELECT query (its page is a table)", path.name))
    for param in header.params:
        if not re.search(rf"[?$]{param.name}\b", body):
            problems.append(Problem(f"parameter '{param.name}' is not used as ?{param.name} in the query",
                                    path.name, field="param"))
    if problems:
        raise ConfigError(f"named query {path.name} is broken: " + "; ".join(map(str, problems)))
    return NamedQuery(path.stem, header.title, header.description, tuple(header.params), text, path)


@cache
def _load(folder: Path) -> dict[str, NamedQuery]:
    return {path.stem: parse(path) for path in sorted(folder.glob("*.rq"))}


def load_all(folder: Path | None = None) -> list[NamedQuery]:
    """Every named query, sorted by name (parsed once per folder)."""
    return list(_load(folder or FOLDER).values())


def get(name: str, folder: Path | None = None) -> NamedQuery:
    """The named query ``name``; :class:`NotFound` listing the names there are."""
    found = _load(folder or FOLDER).get(name)
    if found is None:
        names = ", ".join(_load(folder or FOLDER))
        raise NotFound(f"no named query '{name}'; the named queries are: {names} "
                       "(list them with 'vdk-graph queries')")
    return found


__all__ = ["TYPES", "NamedQuery", "Param", "ParamType", "get", "load_all", "parse"]

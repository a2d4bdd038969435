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

Some questions have a second, *materialised* formulation
(``vdk_graph/queries/materialised/<name>.rq``) that reads the aggregates graph
instead of joining participations with themselves (docs/decisions/0011). It
names the aggregate families it reads (``# reads: participation``); a query runs
it while those families are current for the store's data, and its original
formulation otherwise, so the text a page shows is always the text that ran.
``tests/aggregates/test_aggregates.py`` holds the two to the same rows. ``find-by-name``
is narrowed by the name index instead (:mod:`.name_index`).
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
from vdk_graph.queries import choices, name_index, values
from vdk_graph.queries.header import parse_header
from vdk_graph.queries.params import TYPES, Param, ParamType
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store

FOLDER = Path(__file__).parent
MATERIALISED = "materialised"
_READS = re.compile(r"^#\s*reads:\s*(?P<families>.+)$", re.MULTILINE)
_PAGE = re.compile(r"^#\s*page:\s*\?(?P<variable>\w+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Materialised:
    """A formulation that answers the same question from the aggregates graph."""

    #: The whole file: comments (what it reads, and why) and query.
    sparql: str
    #: The aggregate families it reads (vdk_graph.aggregates.FAMILIES).
    reads: frozenset[str]
    path: Path
    #: ``# page: ?rank``: the variable holding each row's place (from 1) in the whole answer, counted
    #: with the aggregates, when no parameter is given. A page cut at a row cap then keeps the first
    #: places only (:meth:`NamedQuery.bind`'s ``cap``), instead of making and sorting every row.
    page: str | None = None


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
    #: The same question answered from the aggregates graph, if there is such a formulation.
    materialised: Materialised | None = None

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

    def formulation(self, store: Store | None, *, original: bool = False) -> str:
        """The text to run on ``store``: the materialised one while what it reads is current, else original.

        Asking costs a look-up per data version (:func:`vdk_graph.aggregates.current`).
        """
        if original or store is None or self.materialised is None:
            return self.sparql
        from vdk_graph import aggregates

        current = aggregates.current(store)
        return self.materialised.sparql if self.materialised.reads <= current else self.sparql

    def bind(self, given: Mapping[str, object] | None = None, store: Store | None = None, *,
             strict: bool = True, original: bool = False, narrowed: bool = True,
             show_unset: bool = False, cap: int | None = None) -> str:
        """The text to run, parameters bound (a ``VALUES`` block); raises :class:`ParameterError`.

        With a ``store``, the formulation is chosen for it (:meth:`formulation`) and, for
        ``find-by-name``, narrowed by the name index (unless ``narrowed`` is false: the same
        rows, slower, and a text short enough for a link); ``original`` forces the original
        text, unnarrowed.

        A parameter left empty is left out of the ``VALUES`` block: a column of ``UNDEF``
        joins like no column at all (SPARQL's algebra), but Virtuoso drops a variable that a
        grouped subquery binds when ``VALUES`` leaves it ``UNDEF``. With ``show_unset`` (a text
        for a person to edit: the workbench's example, its links) it stays as ``UNDEF``, to show
        where a value goes.

        ``cap``: the caller shows at most this many rows (the endpoint's row cap). A materialised
        formulation with a ``# page:`` place, run with no parameter given, then keeps the rows placed
        up to the cap and one more (the endpoint still sees that rows were cut): the same first rows,
        without making every row of the answer (docs/decisions/0011).
        """
        terms = self.terms(given or {}, store, strict=strict)
        shown = terms if show_unset else {name: term for name, term in terms.items() if term is not None}
        chosen = self.formulation(store, original=original)
        text = values.inject(chosen, shown)
        paged = self.materialised
        if cap is not None and not shown and paged is not None and paged.page and chosen == paged.sparql:
            text = values.first_places(text, paged.page, cap)
        if store is not None and narrowed and not original and self.name in name_index.NARROWED:
            text = name_index.narrow(store, text, terms)
        return text

    def example(self, store: Store | None = None) -> str:
        """The query as the workbench opens it: defaults bound, the other parameters ``UNDEF`` to fill in.

        With a ``store``, in the formulation that would run on it now (:meth:`formulation`).
        """
        return self.bind({}, store, strict=False, narrowed=False, show_unset=True)

    def run(self, store: Store, given: Mapping[str, object] | None = None, *,
            original: bool = False) -> SelectResult:
        """Run on ``store`` with the parameters bound (no time limit: the web app runs it in its endpoint)."""
        result = sparql.run(store, self.bind(given, store, original=original))
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
    materialised = _materialised(path, header.params, problems)
    if problems:
        raise ConfigError(f"named query {path.name} is broken: " + "; ".join(map(str, problems)))
    return NamedQuery(path.stem, header.title, header.description, tuple(header.params), text, path,
                      materialised)


def _materialised(path: Path, params: list[Param], problems: list[Problem]) -> Materialised | None:
    """The materialised formulation beside ``path``, checked like the original (its problems added)."""
    other = path.parent / MATERIALISED / path.name
    if not other.is_file():
        return None
    from vdk_graph.aggregates import FAMILIES

    text = other.read_text(encoding="utf-8")
    where = f"{MATERIALISED}/{path.name}"
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    reads = _READS.search(text)
    families = frozenset(f.strip() for f in reads.group("families").split(",")) if reads else frozenset()
    if not families or not families <= set(FAMILIES):
        problems.append(Problem(f"needs a '# reads:' line naming aggregate families ({', '.join(FAMILIES)})",
                                where))
    if values.where_brace(text) is None:
        problems.append(Problem("the query has no WHERE { … } group for its parameters", where))
    for param in params:
        if not re.search(rf"[?$]{param.name}\b", body):
            problems.append(Problem(f"parameter '{param.name}' is not used as ?{param.name} in the query",
                                    where, field="param"))
    page = _PAGE.search(text)
    return Materialised(text, families, other, page.group("variable") if page else None)


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


__all__ = ["TYPES", "Materialised", "NamedQuery", "Param", "ParamType", "get", "load_all", "parse"]

"""Money flows: who funds which programmes, which recipients and which projects, per currency.

A flow (Sankey) diagram has four columns — funders, programmes, recipients,
projects — and one band per grant and step, as wide as its money. Amounts of
different currencies are never added together: each currency has its own
diagram, unless the data records exchange rates (:class:`.facts.Rates`), in
which case every amount that can be converted is drawn in one diagram in DKK
and the rest keep diagrams of their own. Nothing is invented on the way:

* a grant without a named programme or recipient flows through a node that
  says so ("no programme named"), so every column adds up to the same total;
  a column no grant fills is left out; a grant for no project ends at its recipient;
* a grant two funders gave together comes from one node naming both (the data
  does not say how they split it);
* grants without an amount are counted apart, never drawn as zero;
* beyond :data:`MAX_NODES` nodes a column folds the smallest into one node
  ("12 others"), so the diagram stays readable; the tables list every grant.

Each node and band carries the filter that lists its grants (the page's
click-through), and the same filters narrow the whole page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from vdk_graph.insights.facts import Facts, Grant

#: The columns of a diagram, left to right, as (column name, the grant's attribute).
COLUMNS = (("funder", "funders"), ("programme", "programmes"), ("recipient", "recipients"),
           ("project", "projects"))
#: Nodes a column shows at most; the rest are folded into one.
MAX_NODES = 12


@dataclass(frozen=True)
class MoneyFilter:
    """What the page is narrowed to: a span of years, a topic, and funders, programmes, recipients, projects.

    A grant matches when its period meets the years, its project has the topic (or a narrower one), and
    it has *every* funder (programme, recipient, project) given: a node naming two funders lists the
    grants they gave together.
    """

    from_year: int | None = None
    to_year: int | None = None
    topic: str | None = None
    funder: tuple[str, ...] = ()
    programme: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    project: tuple[str, ...] = ()

    def matches(self, grant: Grant) -> bool:
        if self.from_year is not None and (grant.last_year is None or grant.last_year < self.from_year):
            return False
        if self.to_year is not None and (grant.first_year is None or grant.first_year > self.to_year):
            return False
        if self.topic is not None and self.topic not in grant.topics:
            return False
        return all(set(getattr(self, column)) <= set(getattr(grant, attribute))
                   for column, attribute in COLUMNS)

    @property
    def narrows_to_entities(self) -> bool:
        return any(getattr(self, column) for column, _ in COLUMNS)

    def args(self) -> dict[str, list[str]]:
        """The filter as query-string arguments (``from``, ``to``, ``topic``, repeated ``funder`` …)."""
        out: dict[str, list[str]] = {}
        if self.from_year is not None:
            out["from"] = [str(self.from_year)]
        if self.to_year is not None:
            out["to"] = [str(self.to_year)]
        if self.topic:
            out["topic"] = [self.topic]
        for column, _ in COLUMNS:
            if getattr(self, column):
                out[column] = list(getattr(self, column))
        return out

    def query_params(self) -> dict[str, str]:
        """The parameters of the ``money-flows`` query that list these grants (before the entity filters)."""
        params = {"from_year": self.from_year, "to_year": self.to_year, "topic": self.topic}
        return {name: str(value) for name, value in params.items() if value is not None}


@dataclass
class FlowNode:
    """A node of a diagram: one funder (or several together), a placeholder, or a column's folded rest."""

    key: str
    column: str
    #: The entities it stands for: one, several (given together), none (a placeholder or the folded rest).
    iris: tuple[str, ...]
    #: ``entity``, ``none`` (no programme / recipient named) or ``others`` (the folded rest).
    kind: str = "entity"
    amount: Decimal = Decimal(0)
    grants: set[str] = field(default_factory=set)
    #: For ``others``: how many nodes were folded into it.
    folded: int = 0

    def filter(self) -> dict[str, tuple[str, ...]]:
        """The grants of this node, as a narrowing of the page (empty: not a link)."""
        return {self.column: self.iris} if self.kind == "entity" else {}


@dataclass
class FlowLink:
    source: str
    target: str
    amount: Decimal = Decimal(0)
    grants: set[str] = field(default_factory=set)


@dataclass
class Diagram:
    """One flow diagram: the grants of one currency (or every convertible one, in DKK)."""

    currency: str
    #: True when its amounts were converted to DKK at the rates the data records.
    converted: bool
    nodes: list[FlowNode]
    links: list[FlowLink]
    total: Decimal
    grants: int
    #: The columns drawn, left to right.
    columns: tuple[str, ...] = ()

    def node(self, key: str) -> FlowNode:
        return next(n for n in self.nodes if n.key == key)

    def link_filter(self, link: FlowLink) -> dict[str, tuple[str, ...]]:
        """The grants of one band: both its ends' filters together."""
        return self.node(link.source).filter() | self.node(link.target).filter()


@dataclass(frozen=True)
class CurrencyTotal:
    currency: str
    total: Decimal
    grants: int
    #: The same money in DKK where every grant of it converts; None when a rate is missing for any.
    dkk: Decimal | None
    #: Grants of this currency that no recorded rate converts.
    unconverted: int = 0


@dataclass(frozen=True)
class GrantLine:
    """A grant as the page lists it: the grant and its whole amount in DKK (None: no rate, or no amount)."""

    grant: Grant
    dkk: Decimal | None


@dataclass(frozen=True)
class YearMoney:
    year: int
    by_currency: dict[str, Decimal]
    grants: int
    #: All of the year's money in DKK where every amount converts, else None.
    dkk: Decimal | None


@dataclass(frozen=True)
class TopicMoney:
    topic: str
    by_currency: dict[str, Decimal]
    grants: int
    dkk: Decimal | None


@dataclass(frozen=True)
class MoneyFlows:
    filter: MoneyFilter
    diagrams: list[Diagram]
    totals: list[CurrencyTotal]
    grants: list[GrantLine]
    by_year: list[YearMoney]
    by_topic: list[TopicMoney]
    #: Grants that match but have no amount (or an annual amount without a period).
    without_amount: int
    #: Whether the data records any exchange rate (without, the page says currencies are shown apart).
    has_rates: bool
    #: Topics the grants are about (for the page's choice), by label.
    topics: list[str]
    #: The years the grants span, for the page's choice.
    years: tuple[int, int] | None


def _key(column: str, iris: tuple[str, ...], kind: str = "entity") -> str:
    if kind == "none":
        return f"{column}:-"
    if kind == "others":
        return f"{column}:*"
    return f"{column}:{' '.join(iris)}"


def diagram(grants: Iterable[tuple[Grant, Decimal]], currency: str, converted: bool,
            max_nodes: int = MAX_NODES) -> Diagram:
    """The flow diagram of ``grants`` (each with the amount to draw): nodes per column, bands per step."""
    chosen = list(grants)
    columns = tuple(column for column, attribute in COLUMNS if any(getattr(g, attribute) for g, _ in chosen))
    nodes: dict[str, FlowNode] = {}
    links: dict[tuple[str, str], FlowLink] = {}
    for grant, amount in chosen:
        path = []
        for column, attribute in COLUMNS:
            if column not in columns:
                continue
            iris = tuple(getattr(grant, attribute))
            if not iris:
                if column == "project":
                    break  # a grant for no project ends at its recipient
                kind = "none"
            else:
                kind = "entity"
            key = _key(column, iris, kind)
            node = nodes.setdefault(key, FlowNode(key, column, iris if kind == "entity" else (), kind))
            node.amount += amount
            node.grants.add(grant.iri)
            path.append(key)
        for source, target in zip(path, path[1:], strict=False):
            link = links.setdefault((source, target), FlowLink(source, target))
            link.amount += amount
            link.grants.add(grant.iri)
    kept_nodes, kept_links = _fold(nodes, links, columns, max_nodes)
    return Diagram(currency, converted, kept_nodes, kept_links, sum((a for _, a in chosen), Decimal(0)),
                   len({g.iri for g, _ in chosen}), columns)


def _fold(nodes: dict[str, FlowNode], links: dict[tuple[str, str], FlowLink], columns: tuple[str, ...],
          max_nodes: int) -> tuple[list[FlowNode], list[FlowLink]]:
    """Each column's smallest nodes folded into one ``others`` node once it has more than ``max_nodes``."""
    rename: dict[str, str] = {}
    kept: list[FlowNode] = []
    for column in columns:
        ranked = sorted((n for n in nodes.values() if n.column == column),
                        key=lambda n: (n.kind != "entity", -n.amount, n.key))
        if len(ranked) <= max_nodes:
            kept.extend(ranked)
            continue
        keep = [n for n in ranked if n.kind == "none"] + [n for n in ranked if n.kind == "entity"]
        keep = keep[:max_nodes - 1]
        rest = [n for n in ranked if n not in keep]
        others = FlowNode(_key(column, (), "others"), column, (), "others", folded=len(rest))
        for node in rest:
            others.amount += node.amount
            others.grants |= node.grants
            rename[node.key] = others.key
        kept.extend(sorted(keep, key=lambda n: (n.kind != "entity", -n.amount, n.key)))
        kept.append(others)
    merged: dict[tuple[str, str], FlowLink] = {}
    for link in links.values():
        source, target = rename.get(link.source, link.source), rename.get(link.target, link.target)
        into = merged.setdefault((source, target), FlowLink(source, target))
        into.amount += link.amount
        into.grants |= link.grants
    return kept, sorted(merged.values(), key=lambda link: -link.amount)


def money_flows(facts: Facts, flt: MoneyFilter | None = None, max_nodes: int = MAX_NODES) -> MoneyFlows:
    """The money flows of the grants ``flt`` lets through: diagrams, totals per currency, years, topics."""
    flt = flt or MoneyFilter()
    rates = facts.rates
    chosen = [g for g in facts.grants if flt.matches(g)]
    lines = [GrantLine(g, rates.grant_in_dkk(g)) for g in chosen]
    lines.sort(key=lambda line: (line.grant.total is None, -(line.dkk or line.grant.total or 0),
                                 line.grant.iri))
    with_amount = [line for line in lines if line.grant.total is not None and line.grant.currency]

    diagrams: list[Diagram] = []
    drawn = [(line, line.grant.total) for line in with_amount if line.grant.total is not None]
    apart: dict[str, list[tuple[Grant, Decimal]]] = defaultdict(list)
    if rates:
        in_dkk = [(line.grant, line.dkk) for line, _ in drawn if line.dkk is not None]
        if in_dkk:
            diagrams.append(diagram(in_dkk, "DKK", any(g.currency != "DKK" for g, _ in in_dkk), max_nodes))
    for line, total in drawn:
        if not rates or line.dkk is None:
            apart[str(line.grant.currency)].append((line.grant, total))
    for currency, items in sorted(apart.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        diagrams.append(diagram(items, currency, False, max_nodes))

    totals = []
    by_currency: dict[str, list[tuple[GrantLine, Decimal]]] = defaultdict(list)
    for line, total in drawn:
        by_currency[str(line.grant.currency)].append((line, total))
    for currency, pairs in sorted(by_currency.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        unconverted = sum(1 for line, _ in pairs if line.dkk is None)
        dkk = None if unconverted else sum((ln.dkk for ln, _ in pairs if ln.dkk is not None), Decimal(0))
        totals.append(CurrencyTotal(currency, sum((t for _, t in pairs), Decimal(0)), len(pairs), dkk,
                                    unconverted))
    all_years = [y for g in facts.grants for y in (g.first_year, g.last_year) if y is not None]
    topics = sorted({t for g in facts.grants for t in g.topics},
                    key=lambda t: (facts.label(t) or t).casefold())
    return MoneyFlows(
        filter=flt, diagrams=diagrams, totals=totals, grants=lines,
        by_year=_by_year(with_amount, facts), by_topic=_by_topic(with_amount, facts),
        without_amount=len(lines) - len(with_amount), has_rates=bool(rates), topics=topics,
        years=(min(all_years), max(all_years)) if all_years else None,
    )


def _by_year(lines: list[GrantLine], facts: Facts) -> list[YearMoney]:
    """Money per year and currency (an annual amount in each year of its period), in DKK where it converts."""
    money: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    dkk: dict[int, Decimal | None] = {}
    grants: dict[int, set[str]] = defaultdict(set)
    for line in lines:
        grant = line.grant
        for year, amount in grant.yearly().items():
            money[year][str(grant.currency)] += amount
            grants[year].add(grant.iri)
            converted = facts.rates.to_dkk(amount, grant.currency, year)
            if year not in dkk or dkk[year] is not None:
                dkk[year] = None if converted is None else (dkk.get(year) or Decimal(0)) + converted
    return [YearMoney(year, dict(money[year]), len(grants[year]), dkk.get(year)) for year in sorted(money)]


def _by_topic(lines: list[GrantLine], facts: Facts) -> list[TopicMoney]:
    """Money per topic of the projects (a grant counts under each of its topics, so the rows overlap)."""
    money: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    dkk: dict[str, Decimal | None] = {}
    grants: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        grant = line.grant
        for topic in grant.topics:
            money[topic][str(grant.currency)] += grant.total or Decimal(0)
            grants[topic].add(grant.iri)
            if topic not in dkk or dkk[topic] is not None:
                dkk[topic] = None if line.dkk is None else (dkk.get(topic) or Decimal(0)) + line.dkk
    rows = [TopicMoney(topic, dict(money[topic]), len(grants[topic]), dkk.get(topic)) for topic in money]
    return sorted(rows, key=lambda r: (-len(grants[r.topic]), (facts.label(r.topic) or r.topic).casefold()))


__all__ = ["COLUMNS", "MAX_NODES", "CurrencyTotal", "Diagram", "FlowLink", "FlowNode", "GrantLine",
           "MoneyFilter", "MoneyFlows", "TopicMoney", "YearMoney", "diagram", "money_flows"]

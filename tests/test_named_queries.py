"""Named queries: every one answers on the test graph; headers, parameter types, safe binding, names, CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from vdk_graph import queries, sparql
from vdk_graph.cli import main
from vdk_graph.errors import AmbiguousName, ConfigError, NotFound, ParameterError
from vdk_graph.queries import NamedQuery, choices, values
from vdk_graph.queries.params import Param
from vdk_graph.results import SelectResult
from vdk_graph.store import MemoryStore

NAMES = [q.name for q in queries.load_all()]
ISSUE_QUESTIONS = {  # the questions issue 4 lists, and the query that answers each
    "partners of a project with roles": "project-partners",
    "projects of an organisation": "organisation-projects",
    "pairs of organisations that work together": "collaborating-pairs",
    "knowledge institutions reaching companies": "knowledge-reaches-companies",
    "grants by programme, funder and year": "grants-by-programme",
    "investments by investor": "investments-by-investor",
    "organisations per city and region": "organisations-by-place",
    "projects active in a given year": "projects-active-in-year",
    "topic co-occurrence": "topic-cooccurrence",
    "organisations with no collaborations": "organisations-without-collaborations",
    "indicators and targets": "indicators-and-targets",
    "where a fact came from": "fact-provenance",
    "funders of an organisation": "organisation-funders",
    "cluster organisations and their fields": "cluster-organisations",
    "people and their roles": "people-and-roles",
    "sources and their sizes": "sources",
}


def rows(result: SelectResult) -> list[dict[str, object]]:
    return list(result.dicts())


# --------------------------------------------------------------------------- the catalogue


def test_at_least_fifteen_queries_cover_the_questions_of_the_issue() -> None:
    assert len(NAMES) >= 15
    missing = {question: name for question, name in ISSUE_QUESTIONS.items() if name not in NAMES}
    assert not missing


@pytest.mark.parametrize("name", NAMES)
def test_every_query_has_title_and_description_in_english_and_danish(name: str) -> None:
    named = queries.get(name)
    for lang in ("en", "da"):
        assert named.title.get(lang), f"{name}: no title@{lang}"
        assert len(named.description.get(lang, "")) > 30, f"{name}: no description@{lang}"
        for param in named.params:
            assert param.label.get(lang), f"{name}: parameter {param.name} has no label@{lang}"


@pytest.mark.parametrize("name", NAMES)
def test_every_query_returns_rows_on_the_test_graph(name: str, query_graph: MemoryStore,
                                                    named_params: dict[str, dict[str, str]]) -> None:
    named = queries.get(name)
    required = [p.name for p in named.params if p.required and p.default is None]
    assert set(required) <= set(named_params[name]), f"add a probe for {name} in tests/queries_fixtures.py"
    result = named.run(query_graph, named_params[name])
    assert rows(result), f"{name} found nothing with {named_params[name]}"


@pytest.mark.parametrize("name", NAMES)
def test_every_example_runs_as_the_workbench_opens_it(name: str, query_graph: MemoryStore) -> None:
    """Defaults bound, other parameters UNDEF: the text runs as it stands and declares its prefixes."""
    named = queries.get(name)
    text = named.example()
    assert ("VALUES" in text) == bool(named.params)
    result = query_graph.query(text)  # no project prefixes added: the query must declare what it uses
    assert isinstance(result, SelectResult)
    list(result.rows)


def test_unknown_query_names_the_ones_there_are() -> None:
    with pytest.raises(NotFound, match="project-partners"):
        queries.get("no-such-query")


# --------------------------------------------------------------------------- what the parameters do


def test_partners_of_a_project_by_acronym_lead_first(query_graph: MemoryStore) -> None:
    found = rows(queries.get("project-partners").run(query_graph, {"project": "VDK"}))
    assert len(found) == 7
    assert found[0]["role"] == "https://w3id.org/vdk/ontology#LeadPartner"
    assert {r["partnerLabel"] for r in found} >= {"Filmby Aarhus", "FilmFyn", "The Animation Workshop"}


def test_the_structure_of_an_organisation_both_ways(query_graph: MemoryStore) -> None:
    found = rows(queries.get("organisation-structure").run(query_graph, {"organisation": "Vision Denmark"}))
    founders = {r["otherLabel"] for r in found if r["tie"] == "founded by"}
    assert {"SYBO", "Nordisk Film", "Unity Technologies", "The Animation Workshop"} <= founders
    founded = rows(queries.get("organisation-structure").run(query_graph, {"organisation": "SYBO"}))
    assert {(r["tie"], r["otherLabel"]) for r in founded} >= {("founded", "Vision Denmark")}


def test_lead_only_narrows_the_projects_of_an_organisation(query_graph: MemoryStore) -> None:
    leader = query_graph.query("PREFIX vdk: <https://w3id.org/vdk/ontology#> SELECT ?o (COUNT(*) AS ?n) "
                               "WHERE { ?p vdk:hasLeadPartner ?o ; ^vdk:participatesIn ?o } GROUP BY ?o "
                               "ORDER BY DESC(?n) LIMIT 1")
    [(organisation, _)] = list(leader.rows)  # type: ignore[union-attr]
    named = queries.get("organisation-projects")
    everything = rows(named.run(query_graph, {"organisation": organisation.value}))
    led = rows(named.run(query_graph, {"organisation": organisation.value, "lead_only": True}))
    assert 0 < len(led) < len(everything)
    assert {r["role"] for r in led} == {"https://w3id.org/vdk/ontology#LeadPartner"}


def test_projects_active_in_a_year_really_were(query_graph: MemoryStore) -> None:
    named = queries.get("projects-active-in-year")
    in_2015 = rows(named.run(query_graph, {"year": 2015}))
    in_2022 = rows(named.run(query_graph, {"year": "2022"}))  # the default, given as text
    assert in_2015 and in_2022 and in_2015 != in_2022
    assert all(r["from"] <= 2015 and ("to" not in r or r["to"] >= 2015) for r in in_2015)
    assert rows(named.run(query_graph)) == in_2022


def test_pairs_count_shared_projects_and_min_projects_filters(query_graph: MemoryStore) -> None:
    named = queries.get("collaborating-pairs")
    all_pairs = rows(named.run(query_graph))
    strong = rows(named.run(query_graph, {"min_projects": 3}))
    assert 0 < len(strong) < len(all_pairs)
    assert all(r["projects"] >= 3 for r in strong)
    assert all(str(r["a"]) < str(r["b"]) for r in all_pairs)  # each pair once


def test_grant_totals_are_not_inflated_by_labels(query_graph: MemoryStore) -> None:
    """Every grant counted once per group: the sum over groups equals the sum over grants."""
    by_group = rows(queries.get("grants-by-programme").run(query_graph))
    direct = sparql.run(query_graph, "SELECT (SUM(?a) AS ?total) WHERE { SELECT DISTINCT ?g ?a WHERE { "
                                     "?g a vdk:Grant ; vdk:amount ?a ; vdk:awardedBy ?f } }")
    [(total,)] = list(direct.rows)  # type: ignore[union-attr]
    assert sum(Decimal(r["total"]) for r in by_group) >= Decimal(total.value) > 0  # type: ignore[union-attr]
    grouped_grants = rows(queries.get("grants-by-programme").run(
        query_graph, {"from_year": 2015, "to_year": 2016}))
    assert grouped_grants and all(r["year"] in (2015, 2016) for r in grouped_grants)


def test_grants_filters_by_date_amount_and_recipient(query_graph: MemoryStore) -> None:
    named = queries.get("grants")
    everything = rows(named.run(query_graph))
    since = rows(named.run(query_graph, {"since": dt.date(2020, 1, 1)}))
    large = rows(named.run(query_graph, {"min_amount": "5000000"}))
    assert 0 < len(since) < len(everything) and all(r["start"] >= dt.date(2020, 1, 1) for r in since)
    assert 0 < len(large) < len(everything) and all(r["amount"] >= 5_000_000 for r in large)
    recipient = next(r["recipient"] for r in everything if "recipient" in r)  # a programme's grant has none
    theirs = rows(named.run(query_graph, {"organisation": recipient}))
    assert theirs and {r["recipient"] for r in theirs} == {recipient}


def test_people_have_positions_and_project_roles(query_graph: MemoryStore) -> None:
    found = rows(queries.get("people-and-roles").run(query_graph))
    roles = {r.get("roleLabel") for r in found}
    assert {"Director", "Project leader", "Project participant"} <= roles
    director = next(r for r in found if r["person"].endswith("/synthetic/person/test-director"))
    assert director["jobTitle"] == "direktør" and director["since"] == 2019


def test_provenance_names_the_public_source(query_graph: MemoryStore) -> None:
    found = rows(queries.get("fact-provenance").run(
        query_graph, {"subject": "https://w3id.org/vdk/id/organisation/filmby-aarhus"}))
    assert any(str(r.get("source", "")).startswith("https://www.ucviden.dk/") for r in found)
    # a derived graph (the network measures) is derived from every source graph; its statements show once
    per_statement = Counter((r["predicate"], r["object"], r["graph"]) for r in found)
    assert any(graph.endswith("/graph/metrics") for _, _, graph in per_statement)
    assert max(per_statement.values()) == 1, per_statement.most_common(3)
    only_labels = rows(queries.get("fact-provenance").run(query_graph, {
        "subject": "https://w3id.org/vdk/id/organisation/filmby-aarhus",
        "predicate": "http://www.w3.org/2000/01/rdf-schema#label"}))
    assert only_labels and all(r["predicate"].endswith("#label") for r in only_labels)


# --------------------------------------------------------------------------- parameter types


@pytest.mark.parametrize(("type_name", "given", "expected"), [
    ("iri", "https://w3id.org/vdk/id/organisation/filmfyn", ox.NamedNode("https://w3id.org/vdk/id/organisation/filmfyn")),
    ("iri", "<http://example.org/x>", ox.NamedNode("http://example.org/x")),
    ("string", 'he said "hi" } ', ox.Literal('he said "hi" } ')),
    ("integer", "42", ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("integer", 7, ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("decimal", "2.50", ox.Literal("2.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))),
    ("decimal", Decimal("1E+6"), ox.Literal("1000000", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))),
    ("date", "2022-06-30", ox.Literal("2022-06-30", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
    ("date", dt.date(2021, 1, 2), ox.Literal("2021-01-02", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
    ("year", "2022", ox.Literal("2022", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ("boolean", "ja", ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))),
    ("boolean", False, ox.Literal("false", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))),
])
def test_values_become_terms_of_their_type(type_name: str, given: object, expected: object) -> None:
    assert Param("x", type_name).coerce(given) == expected


@pytest.mark.parametrize(("type_name", "given"), [
    ("iri", "filmfyn"), ("iri", "javascript:alert(1)"), ("iri", "http://example.org/a b"),
    ("iri", "http://example.org/x> } ; DROP ALL ; <y"), ("integer", "2.5"), ("integer", "ten"),
    ("integer", True), ("decimal", "1,5"), ("decimal", "NaN"), ("date", "30/06/2022"), ("year", "22"),
    ("year", "2022-01"), ("boolean", "maybe"), ("organisation", "urn:x"), ("string", 12),
])
def test_a_value_of_the_wrong_type_names_the_parameter_and_the_type(type_name: str, given: object) -> None:
    with pytest.raises(ParameterError) as caught:
        Param("thing", type_name).coerce(given)
    assert "'thing'" in str(caught.value)
    assert caught.value.parameter == "thing" and caught.value.expected in str(caught.value)


def test_missing_and_unknown_parameters_are_errors() -> None:
    named = queries.get("project-partners")
    with pytest.raises(ParameterError, match="needs parameter 'project'.*for example VDK"):
        named.bind({})
    with pytest.raises(ParameterError, match="no parameter 'yeer'.*its parameters: project"):
        named.bind({"project": "https://example.org/p", "yeer": "2022"})
    assert "UNDEF" in named.bind({}, strict=False, show_unset=True)
    assert "VALUES" not in named.bind({}, strict=False)  # run: an empty parameter is left out


def test_an_empty_parameter_left_out_gives_the_same_rows_as_undef(
        query_graph: MemoryStore, named_params: dict[str, dict[str, str]]) -> None:
    """Leaving an empty parameter out of VALUES is SPARQL's reading of UNDEF (Virtuoso differs)."""
    compared = 0
    for named in queries.load_all():
        optional = {p.name for p in named.params if not p.required and p.default is None}
        given = {k: v for k, v in named_params[named.name].items() if k not in optional}
        if not optional:
            continue
        left_out = named.bind(given, query_graph)
        undef = named.bind(given, query_graph, show_unset=True)
        assert left_out != undef and "UNDEF" in undef and "UNDEF" not in left_out, named.name
        one, other = sparql.run(query_graph, left_out), sparql.run(query_graph, undef)
        assert isinstance(one, SelectResult) and isinstance(other, SelectResult)
        assert sorted(map(str, one.rows)) == sorted(map(str, other.rows)), named.name
        compared += bool(one.rows)
    assert compared >= 5  # queries whose rows were compared, not just empty answers


# --------------------------------------------------------------------------- binding is safe


def test_text_cannot_change_the_query_only_the_value(query_graph: MemoryStore) -> None:
    named = queries.get("find-by-name")
    attack = 'x")) } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER(("'
    text = named.bind({"text": attack})
    assert text.count("DROP ALL") == 1 and '\\"' in text  # inside one escaped string literal
    assert rows(named.run(query_graph, {"text": attack})) == []
    assert rows(named.run(query_graph, {"text": "FILM"}))  # and an ordinary value still works


def test_values_go_into_the_outermost_where_group() -> None:
    query = '''# WHERE { in a comment
SELECT ?a (COUNT(*) AS ?n) WHERE {
  { SELECT ?a WHERE { ?a <http://example.org/p> "WHERE {" } }
  FILTER(?a != "}" && ?a != <http://example.org/WHERE>)
} GROUP BY ?a'''
    bound = values.inject(query, {"year": ox.Literal("2022", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), "who": None})
    first = bound.index("VALUES")
    assert bound.index("SELECT ?a (COUNT") < first < bound.index("{ SELECT ?a WHERE")
    assert "VALUES (?year ?who) { (2022 UNDEF) }" in bound
    MemoryStore().query(bound)  # still valid SPARQL
    same_line = values.inject("SELECT * WHERE { ?s ?p ?o }", {"s": None})
    assert "?s ?p ?o }" in same_line.splitlines()[-1]  # the comment did not swallow the patterns
    MemoryStore().query(same_line)


def test_a_query_without_a_where_group_cannot_take_parameters() -> None:
    with pytest.raises(ValueError, match="no WHERE"):
        values.inject("ASK {}", {"x": None})


# --------------------------------------------------------------------------- organisations, projects by name


def test_names_resolve_like_people_write_them(query_graph: MemoryStore) -> None:
    organisation = queries.get("organisation-projects").param("organisation")
    expected = "https://w3id.org/vdk/id/organisation/filmby-aarhus"
    for written in ("Filmby Aarhus", "filmby århus", "  FILMBY AARHUS ", f"<{expected}>", expected):
        assert choices.resolve(query_graph, organisation, written).value == expected
    project = queries.get("project-partners").param("project")
    assert "vision-denmark" in choices.resolve(query_graph, project, "VDK").value


def test_an_ambiguous_name_lists_the_candidates(query_graph: MemoryStore) -> None:
    organisation = queries.get("organisation-projects").param("organisation")
    with pytest.raises(AmbiguousName) as caught:
        choices.resolve(query_graph, organisation, "Studio")  # a word in many synthetic names
    assert len(caught.value.candidates) >= 2 and "give a longer name or the IRI" in str(caught.value)
    assert all(iri.startswith("https://") for iri, _ in caught.value.candidates)


def test_an_unknown_name_is_a_parameter_error(query_graph: MemoryStore) -> None:
    organisation = queries.get("organisation-projects").param("organisation")
    with pytest.raises(ParameterError, match="no organisation called 'Nowhere Studios'"):
        choices.resolve(query_graph, organisation, "Nowhere Studios")


def test_options_offer_labels_sorted_and_give_up_when_there_are_too_many(query_graph: MemoryStore) -> None:
    organisation = queries.get("organisation-projects").param("organisation")
    offered = choices.options(query_graph, organisation, "en")
    assert offered is not None and len(offered) > 60
    labels = [c.label for c in offered]
    assert labels == sorted(labels, key=str.casefold) or labels == sorted(labels, key=lambda x: x.casefold())
    assert "Filmby Aarhus" in labels
    assert choices.options(query_graph, organisation, "en", limit=10) is None


# --------------------------------------------------------------------------- headers


def write_query(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_header_is_read_with_continuations_and_languages(tmp_path: Path) -> None:
    path = write_query(tmp_path, "demo", '''# title: Demo
# title@da: Demo på dansk
# description: First line
#   and its continuation.
# param: year year "Year" default=2022
# param@da: year "År"
# param: who organisation "Who" required example="Filmby Aarhus"
SELECT * WHERE { ?who ?p ?year }
''')
    named = queries.parse(path)
    assert isinstance(named, NamedQuery)
    assert named.title == {"en": "Demo", "da": "Demo på dansk"}
    assert named.description["en"] == "First line and its continuation."
    year, who = named.params
    assert (year.name, year.type, year.default) == ("year", "year", "2022")
    assert year.label == {"en": "Year", "da": "År"}
    assert who.required and who.example == "Filmby Aarhus" and who.is_entity


@pytest.mark.parametrize(("header", "problem"), [
    ("# description: no title\nSELECT * WHERE { ?s ?p ?o }", "no '# title: …' line"),
    ("# title: T\n# param: x colour \"X\"\nSELECT * WHERE { ?x ?p ?o }", "unknown parameter type 'colour'"),
    ("# title: T\n# param: year year \"Y\" default=twenty\nSELECT * WHERE { ?year ?p ?o }",
     "parameter 'year' must be"),
    ("# title: T\n# param: unused string \"U\"\nSELECT * WHERE { ?s ?p ?o }", "'unused' is not used"),
    ("# title: T\n# param@da: ghost \"G\"\nSELECT * WHERE { ?s ?p ?o }", "undeclared parameter 'ghost'"),
    ("# title: T\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "must be a SELECT query"),
    ("# title: T\n# param: x string \"X\"\nSELECT * { ?x ?p ?o }", "no WHERE"),
])
def test_a_broken_header_names_the_file_and_the_problem(tmp_path: Path, header: str, problem: str) -> None:
    path = write_query(tmp_path, "broken", header)
    with pytest.raises(ConfigError) as caught:
        queries.parse(path)
    assert "broken.rq" in str(caught.value) and problem in str(caught.value)


def test_load_all_reads_a_folder_once_sorted(tmp_path: Path) -> None:
    write_query(tmp_path / "q", "b", "# title: B\nSELECT * WHERE { ?s ?p ?o }")
    write_query(tmp_path / "q", "a", "# title: A\nSELECT * WHERE { ?s ?p ?o }")
    assert [q.name for q in queries.load_all(tmp_path / "q")] == ["a", "b"]
    assert queries.get("a", tmp_path / "q").title_in("da") == "A"  # English when there is no Danish


# --------------------------------------------------------------------------- the command line


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    data = Path(__file__).parent.parent / "data"
    result = CliRunner().invoke(main, ["--store", str(store), "--data-dir", str(data), "build"])
    assert result.exit_code == 0, result.output
    return store


def cli(store: Path, *args: str) -> object:
    return CliRunner().invoke(main, ["--store", str(store), *args])


def test_cli_runs_a_named_query_with_parameters(cli_store: Path) -> None:
    result = cli(cli_store, "query", "--named", "project-partners", "--param", "project=VDK",
                 "--format", "csv")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    table = list(csv.DictReader(io.StringIO(result.output)))  # type: ignore[attr-defined]
    assert len(table) == 7 and table[0]["roleLabel"] == "Lead partner"
    as_json = cli(cli_store, "query", "-n", "project-partners", "-p", "project=VDK", "--format", "json")
    assert len(json.loads(as_json.output)["results"]["bindings"]) == 7  # type: ignore[attr-defined]


def test_cli_parameter_errors_are_one_line_and_exit_1(cli_store: Path) -> None:
    result = cli(cli_store, "query", "--named", "projects-active-in-year", "--param", "year=20x")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert result.output.strip().count("\n") == 0  # type: ignore[attr-defined]
    assert "parameter 'year' must be a year" in result.output  # type: ignore[attr-defined]
    missing = cli(cli_store, "query", "--named", "project-partners")
    assert missing.exit_code == 1 and "needs parameter 'project'" in missing.output  # type: ignore[attr-defined]
    unknown = cli(cli_store, "query", "--named", "no-such")
    assert unknown.exit_code == 1 and "vdk-graph queries" in unknown.output  # type: ignore[attr-defined]


@pytest.mark.parametrize("args", [
    ("query", "--param", "year=2022"),
    ("query", "SELECT * WHERE { ?s ?p ?o }", "--named", "sources"),
    ("query", "--named", "sources", "--param", "novalue"),
])
def test_cli_usage_mistakes_exit_2(cli_store: Path, args: tuple[str, ...]) -> None:
    assert cli(cli_store, *args).exit_code == 2  # type: ignore[attr-defined]


def test_cli_lists_and_shows_the_named_queries(cli_store: Path) -> None:
    listing = cli(cli_store, "queries")
    assert listing.exit_code == 0  # type: ignore[attr-defined]
    assert [line.split()[0] for line in listing.output.splitlines()] == NAMES  # type: ignore[attr-defined]
    assert cli(cli_store, "query", "--list-named").output == listing.output  # type: ignore[attr-defined]
    shown = cli(cli_store, "queries", "organisation-projects")
    assert "organisation (organisation)" in shown.output and "lead_only (boolean)" in shown.output  # type: ignore[attr-defined]
    assert "--param organisation='Filmby Aarhus'" in shown.output  # type: ignore[attr-defined]
    text = cli(cli_store, "queries", "sources", "--sparql")
    assert text.output == queries.get("sources").sparql  # type: ignore[attr-defined]
    for command in (["queries"], ["query"]):
        helped = cli(cli_store, *command, "--help")
        assert "Example" in helped.output  # type: ignore[attr-defined]

"""The command line through click's runner: exit codes, formats, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from vdk_graph.cli import main

DATA = Path(__file__).parent.parent / "fixtures" / "data-seed"  # the founding record only: exact counts
SEED = Path(__file__).parent.parent.parent / "data" / "pure" / "vision-denmark-klyngeprogram-2021-2024.txt"


def invoke(store: Path, *args: str, input: str | None = None) -> Result:
    result = CliRunner().invoke(main, ["--store", str(store), *args], input=input, catch_exceptions=False)
    return result


@pytest.fixture
def built(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    result = invoke(store, "--data-dir", str(DATA), "build")
    assert result.exit_code == 0, result.output
    return store


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    commands = ["build", "import", "import pure", "import rdf", "query", "export", "validate", "reason",
                "stats", "serve", "synth"]
    for command in commands:
        result = runner.invoke(main, [*command.split(), "--help"])
        assert result.exit_code == 0, command
        assert "Example" in result.output, command


def test_build_then_build_if_empty_skips(built: Path) -> None:
    result = invoke(built, "--data-dir", str(DATA), "build", "--if-empty")
    assert result.exit_code == 0
    assert "nothing built" in result.output


def test_query_table_csv_tsv_json(built: Path) -> None:
    q = "SELECT ?acronym WHERE { ?p a vdk:Project ; vdk:acronym ?acronym }"
    table = invoke(built, "query", q)
    assert table.exit_code == 0 and "VDK" in table.output and "1 row" in table.output
    rows = list(csv.DictReader(io.StringIO(invoke(built, "query", q, "--format", "csv").output)))
    assert rows == [{"acronym": "VDK"}]
    assert invoke(built, "query", q, "--format", "tsv").output.splitlines() == ["?acronym", '"VDK"']
    parsed = json.loads(invoke(built, "query", q, "--format", "json").output)
    assert parsed["results"]["bindings"][0]["acronym"]["value"] == "VDK"


def test_query_from_file_and_construct_formats(built: Path, tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("CONSTRUCT { ?p vdk:acronym ?a } WHERE { ?p vdk:acronym ?a }")
    turtle = invoke(built, "query", "-f", str(path))
    assert turtle.exit_code == 0 and 'vdk:acronym "VDK"' in turtle.output
    nt = invoke(built, "query", "-f", str(path), "--format", "nt")
    assert '<https://w3id.org/vdk/ontology#acronym> "VDK" .' in nt.output
    jsonld = json.loads(invoke(built, "query", "-f", str(path), "--format", "jsonld").output)
    assert isinstance(jsonld, list) and jsonld


def test_ask_prints_true(built: Path) -> None:
    assert invoke(built, "query", "ASK { ?p vdk:acronym 'VDK' }").output.strip() == "true"


def test_a_bad_query_is_one_line_with_its_position(built: Path) -> None:
    result = invoke(built, "query", "SELECT ?x WHERE {\n  ?x ?y }")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "line 2" in result.output
    assert "Traceback" not in result.output


def test_usage_mistakes_exit_non_zero_without_traceback(built: Path) -> None:
    for args in (["query"], ["query", "ASK {}", "--format", "turtle"], ["export", "--graph", "http://nope"]):
        result = invoke(built, *args)
        assert result.exit_code != 0, args
        assert "Traceback" not in result.output


def test_stats_lists_classes_and_graphs(built: Path) -> None:
    result = invoke(built, "stats", "--format", "json")
    data = json.loads(result.output)
    assert data["triples"] > 100
    assert any(g.endswith("/ontology") for g in data["graphs"])
    kinds = {c["label"]: c["count"] for c in data["classes"]}
    assert kinds["Project"] == 1 and kinds["Participation"] == 7


def test_export_nquads_keeps_the_graphs_and_reimports(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.nq"
    assert invoke(built, "export", "--format", "nquads", "-o", str(out)).exit_code == 0
    graphs = {line.rsplit(" ", 2)[-2] for line in out.read_text().splitlines() if line}
    # build writes the network measures and the aggregates too
    derived = {"<https://w3id.org/vdk/id/graph/metrics>", "<https://w3id.org/vdk/id/graph/aggregates>"}
    assert derived <= graphs and len(graphs - derived) == 2
    one = invoke(built, "export", "--format", "turtle", "--graph", "https://w3id.org/vdk/ontology")
    assert "owl:Ontology" in one.output


def test_import_pure_and_rdf_with_dry_run(tmp_path: Path) -> None:
    store = tmp_path / "s"
    dry = invoke(store, "import", "pure", "--dry-run", str(SEED))
    assert dry.exit_code == 0 and "would change" in dry.output
    nothing = invoke(store, "stats", "--format", "json")  # a dry run does not even create the store
    assert nothing.exit_code == 1 and "there is no store at" in nothing.output
    real = invoke(store, "import", "pure", str(SEED))
    assert real.exit_code == 0 and "1 new" in real.output
    again = invoke(store, "import", "pure", str(SEED))
    assert "1 replaced" in again.output


def test_a_failed_import_reports_every_problem_and_exits_1(tmp_path: Path) -> None:
    bad1, bad2 = tmp_path / "a.ttl", tmp_path / "b.jsonld"
    bad1.write_text("<x> <y> .")
    bad2.write_text(json.dumps({"@context": "http://example.org/ctx.jsonld"}))
    result = invoke(tmp_path / "s", "import", "rdf", str(bad1), str(bad2))
    assert result.exit_code == 1
    assert "a.ttl" in result.output and "b.jsonld" in result.output


def test_validate_the_store_and_a_file(built: Path, tmp_path: Path) -> None:
    assert invoke(built, "validate").exit_code == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://w3id.org/vdk/id/organisation/x> a <https://w3id.org/vdk/ontology#Company> .\n")
    result = invoke(built, "validate", str(bad))
    assert result.exit_code == 1
    assert "organisation/x" in result.output and "rdfs:label" in result.output


def test_serve_get_runs_one_request(built: Path) -> None:
    result = invoke(built, "serve", "--get", "/data.json")
    assert result.exit_code == 0
    assert json.loads(result.output)["projects"]["rows"][0]["acronym"] == "VDK"


def test_serve_options_reach_the_endpoint(built: Path) -> None:
    result = invoke(built, "serve", "--client-budget", "42", "--trusted-proxies", "1", "--get", "/sparql")
    assert result.exit_code == 0, result.output
    assert "42 s of query time per minute" in result.output
    assert invoke(built, "serve", "--trusted-proxies", "-1").exit_code == 2


def test_environment_variable_chooses_the_store(built: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--format", "json"], env={"VDK_STORE": str(built)})
    assert json.loads(result.output)["triples"] > 100

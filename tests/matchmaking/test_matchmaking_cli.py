"""The matchmaking commands through click's runner: table and JSON, names fuzzy, ambiguous and unknown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.matchmaking_fixtures import org
from vdk_graph.cli import main
from vdk_graph.matchmaking import suggestions
from vdk_graph.matchmaking.suggestions import Suggestions


def invoke(store: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--store", str(store), *args], catch_exceptions=False)


def test_every_matchmaking_command_has_help_with_an_example() -> None:
    for command in ("match", "connect", "brokers", "communities", "outreach", "metrics"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, command


def test_match_as_a_table_names_the_best_partner_and_why(match_store_path: Path) -> None:
    result = invoke(match_store_path, "match", "Nordlys Studio", "--top", "3")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Partners for Nordlys Studio:"
    assert lines[2].startswith(" 1. Aarhus Animation University  [knowledge, Aarhus]  score ")
    assert "    - both partner with Filmby Aarhus" in lines
    assert "    - one is a company and one a knowledge institution" in lines
    assert "    now: active in 1 project since 2021" in lines
    assert "Filmby Aarhus  [" not in result.stdout  # an existing partner


def test_match_as_json_is_a_list_best_first(match_store_path: Path) -> None:
    result = invoke(match_store_path, "match", org("studio"), "--format", "json", "--lang", "da")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert [i["iri"] for i in items][:2] == [org("uni"), org("gamesco")]
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
    first = items[0]
    assert first["label"] == "Aarhus Animationsuniversitet"
    assert "begge samarbejder med Filmby Aarhus" in first["reasons"]
    network = {e["iri"] for r in first["evidence"] if r["signal"] == "network" for e in r["evidence"]}
    assert network == {org("filmby")}
    assert set(first["signals"]) >= {"project_topics", "common_partners", "complementarity", "popularity"}
    assert first["why_now"] == "aktiv i 1 projekt siden 2021"


def test_match_refuses_a_weight_that_is_not_a_finite_number(match_store_path: Path) -> None:
    result = invoke(match_store_path, "match", "Nordlys Studio", "--weights", "topics=nan")
    assert result.exit_code != 0
    assert "finite number" in result.output and "Traceback" not in result.output


def test_match_understands_a_misspelt_name_and_filters(match_store_path: Path) -> None:
    result = invoke(match_store_path, "match", "nordlys studoi", "--kind", "knowledge", "--format", "json",
                    "--include-partners")
    assert [i["iri"] for i in json.loads(result.stdout)] == [org("uni"), org("school")]


def test_an_ambiguous_name_asks_which_one(match_store_path: Path) -> None:
    result = invoke(match_store_path, "match", "Pixel")
    assert result.exit_code == 1 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: 'Pixel' matches 2 organisations: Pixel North <")
    assert "name one by its IRI" in line


def test_an_unknown_name_is_one_clear_line(match_store_path: Path) -> None:
    result = invoke(match_store_path, "match", "Zebra Factory")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert "no organisation called 'Zebra Factory'" in result.stderr
    usage = invoke(match_store_path, "match")
    assert usage.exit_code == 2 and "--idea" in usage.stderr


def test_match_an_idea(match_store_path: Path) -> None:
    result = invoke(match_store_path, "match", "--idea", "real-time animation pipeline for museums",
                    "--kind", "knowledge", "--with", "Nordlys Studio")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Consortium for the idea:")
    assert " 1. Aarhus Animation University" in result.stdout
    assert "is a knowledge institution, which the consortium lacks" in result.stdout


def test_connect_names_every_relation(match_store_path: Path) -> None:
    result = invoke(match_store_path, "connect", "Nordlys Studio", "Aarhus Animation University", "--k", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("1. (4 steps) Nordlys Studio —lead in→ XR animation pilot ←partner in— Filmby Aarhus "
                        "—partner in→ Animation and XR research lab ←lead in— Aarhus Animation University")
    assert len(lines) == 2
    data = json.loads(invoke(match_store_path, "connect", "Nordlys", "Copenhagen Games",
                             "--format", "json").stdout)
    assert data["paths"][0]["hops"][0] == {"relation": "lead", "phrase": "lead in", "forward": True}


def test_a_direct_link_is_one_step(match_store_path: Path) -> None:
    result = invoke(match_store_path, "connect", "West Film Fund", "https://w3id.org/vdk/id/project/lab")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "1. (1 step) West Film Fund —funds→ Animation and XR research lab"


def test_brokers_communities_outreach_and_metrics(match_store_path: Path) -> None:
    brokers = json.loads(invoke(match_store_path, "brokers", "--format", "json").stdout)
    assert isinstance(brokers, list)
    communities = invoke(match_store_path, "communities")
    assert communities.exit_code == 0 and "Filmby Aarhus" in communities.stdout
    outreach = invoke(match_store_path, "outreach")
    assert "Lonely Pixels  [company]" in outreach.stdout and "4 organisations" in outreach.stderr
    written = invoke(match_store_path, "metrics", "--samples", "5")
    assert written.exit_code == 0 and "graph/metrics" in written.stdout
    query = invoke(match_store_path, "query", "--format", "json",
                   f"SELECT ?d WHERE {{ <{org('filmby')}> vdk:degree ?d }}")
    assert json.loads(query.stdout)["results"]["bindings"][0]["d"]["value"] == "4"


def test_match_keeps_the_first_places_when_asked(match_store_path: Path) -> None:
    plain = json.loads(invoke(match_store_path, "match", org("studio"), "--format", "json").stdout)
    result = invoke(match_store_path, "match", org("studio"), "--format", "json", "--weights", "exposure=8",
                    "--keep-first", "1")
    assert result.exit_code == 0, result.output
    spread = json.loads(result.stdout)
    assert spread[0]["iri"] == plain[0]["iri"] and "exposure" not in spread[0]["signals"]
    assert invoke(match_store_path, "match", org("studio"), "--keep-first", "-1").exit_code != 0


def test_match_takes_a_floor_for_the_spread_places(match_store_path: Path) -> None:
    tail = invoke(match_store_path, "match", org("studio"), "--format", "json", "--weights", "hubness=2.5",
                  "--keep-first", "1")
    zero = invoke(match_store_path, "match", org("studio"), "--format", "json", "--weights", "hubness=2.5",
                  "--keep-first", "1", "--floor", "0")
    assert zero.exit_code == 0, zero.output
    assert [s["iri"] for s in json.loads(zero.stdout)] == [s["iri"] for s in json.loads(tail.stdout)]
    floored = invoke(match_store_path, "match", org("studio"), "--weights", "hubness=2.5",
                     "--keep-first", "1", "--floor", "0.5")
    assert floored.exit_code == 0, floored.output
    refused = invoke(match_store_path, "match", org("studio"), "--floor", "2")
    assert refused.exit_code != 0 and "--floor" in refused.output


def test_match_may_leave_a_cold_start_uncapped(match_store_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """``--cold-uncapped`` asks the library's option (what it does: test_matchmaking.py); off by default."""
    asked: list[bool] = []
    real = suggestions.suggest

    def spy(*args: Any, **kwargs: Any) -> Suggestions:
        asked.append(kwargs["cold_uncapped"])
        return real(*args, **kwargs)

    monkeypatch.setattr(suggestions, "suggest", spy)
    for flags in ([], ["--cold-uncapped"]):
        result = invoke(match_store_path, "match", "Pixel North", "--format", "json", *flags)
        assert result.exit_code == 0 and json.loads(result.stdout), result.output
    assert asked == [False, True]

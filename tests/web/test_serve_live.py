"""``vdk-graph serve`` as a user runs it: a real process that warms up, then catches up with an import."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store_fixtures import REPO, child_env, free_port, wait_for
from vdk_graph.cli import main as cli

SEED_DATA = REPO / "tests" / "fixtures" / "data-seed"
NEW = """@prefix vdk: <https://w3id.org/vdk/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/vdk/id/organisation/zebrapixel> a vdk:Company ; rdfs:label "Zebrapixel Studio" .
"""


def cli_ok(store: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """A built store served by a real ``vdk-graph serve`` child; yields (url, store, its log)."""
    store = tmp_path / "store"
    cli_ok(store, "--data-dir", str(SEED_DATA), "build")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "vdk_graph", "--store", str(store), "serve", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, env=child_env(), cwd=tmp_path,
        )
    try:
        yield f"http://127.0.0.1:{port}", store, log
    finally:
        child.terminate()
        child.wait(timeout=10)


def warmups(log: Path) -> int:
    return log.read_text(errors="replace").count("warmed for data version")


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_the_server_warms_up_at_start_and_again_after_an_import(
    served: tuple[str, Path, Path], tmp_path: Path
) -> None:
    url, store, log = served
    wait_for(lambda: warmups(log) >= 1, "the first warm-up", timeout=60, log=log)
    assert "network projection" in log.read_text() and "search index" in log.read_text()

    new = tmp_path / "zebrapixel.ttl"
    new.write_text(NEW, encoding="utf-8")
    cli_ok(store, "import", "rdf", str(new))
    wait_for(lambda: warmups(log) >= 2, "a warm-up after the import", timeout=60, log=log)

    found = get_json(f"{url}/search.json?" + urllib.parse.urlencode({"q": "zebrapixel"}))
    assert "Zebrapixel Studio" in json.dumps(found, ensure_ascii=False)

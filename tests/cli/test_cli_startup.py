"""The command line starts fast: nothing heavy is imported until a command needs it (issue 17).

Timing belongs in benchmarks; what a test can hold is the cause: which modules
a fresh interpreter has loaded after importing the CLI, after ``--help`` and
after a cheap query.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.store_fixtures import run_child
from vdk_graph.cli import main

HEAVY = ("rdflib", "pyshacl", "owlready2", "networkx", "numpy", "scipy", "pandas", "flask", "pyvis", "igraph")

PROBE = """
import json, sys
{body}
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def loaded_after(body: str) -> list[str]:
    result = run_child(PROBE.format(body=body, heavy=HEAVY))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_importing_the_command_line_imports_no_heavy_library() -> None:
    assert loaded_after("import vdk_graph.cli") == []


def test_help_and_a_cheap_query_import_no_heavy_library(built: Path) -> None:
    body = f"""
from click.testing import CliRunner
from vdk_graph.cli import main
for args in (["--help"], ["match", "--help"], ["import", "--help"],
             ["--store", {str(built)!r}, "query", "--named", "organisation-kinds", "--format", "csv"]):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, (args, result.output)
"""
    assert loaded_after(body) == []


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("startup") / "store"
    result = CliRunner().invoke(main, ["--store", str(store), "import", "rdf", str(_tiny(store.parent))])
    assert result.exit_code == 0, result.output
    return store


def _tiny(folder: Path) -> Path:
    path = folder / "tiny.ttl"
    path.write_text(
        "@prefix vdk: <https://w3id.org/vdk/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/vdk/id/organisation/a> a vdk:Company ; rdfs:label \"A\" .\n",
        encoding="utf-8",
    )
    return path


def test_choices_read_late_are_shown_and_checked() -> None:
    runner = CliRunner()
    shown = runner.invoke(main, ["import", "table", "--help"])
    assert shown.exit_code == 0 and "organisations" in shown.output
    refused = runner.invoke(main, ["--store", "memory:", "import", "table", "--kind", "spaceships", "x.csv"])
    assert refused.exit_code == 2 and "'spaceships' is not one of" in refused.output


def test_the_duplicates_default_is_the_finders() -> None:
    from vdk_graph.cli import source_cmds
    from vdk_graph.curation.duplicates import MIN_SCORE

    assert source_cmds.MIN_SCORE == MIN_SCORE


@pytest.mark.parametrize("package", ["vdk_graph.mapview", "vdk_graph.matchmaking"])
def test_no_lazy_name_is_also_a_module_of_its_package(package: str) -> None:
    """Importing ``pkg.name`` sets ``pkg.name`` to the module, hiding a lazy function of that name."""
    import importlib
    import pkgutil

    module = importlib.import_module(package)
    submodules = {info.name for info in pkgutil.iter_modules(module.__path__)}
    assert submodules.isdisjoint(module.__all__)

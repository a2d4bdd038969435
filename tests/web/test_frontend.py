"""The front end's build (frontend/): small hand-written modules, one stamp over every source, and
committed bundles that are complete and current. (The browser tests show what the bundles do.)"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parent.parent.parent
DIST = ROOT / "webapp" / "static" / "dist"
MAX_LINES = 350


def load_stamp() -> ModuleType:
    spec = importlib.util.spec_from_file_location("stamp_under_test", ROOT / "frontend" / "stamp.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def hand_written() -> list[Path]:
    return sorted([*(ROOT / "frontend" / "src").rglob("*.js"), *(ROOT / "webapp" / "static").glob("*.js"),
                   ROOT / "frontend" / "build.mjs"])


def test_no_hand_written_javascript_file_is_over_350_lines() -> None:
    sizes = {path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for path in hand_written()}
    assert "frontend/src/map/main.js" in sizes and "frontend/src/views/table.js" in sizes
    assert not (ROOT / "webapp" / "static" / "map.js").exists(), "the map is built from frontend/src/map/"
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_the_stamp_covers_every_source_in_every_folder() -> None:
    stamp = load_stamp()
    sources = {p.relative_to(ROOT / "frontend").as_posix() for p in (ROOT / "frontend" / "src").rglob("*.js")}
    assert sources <= set(stamp.inputs())
    assert {"src/map/main.js", "src/views/index.js", "package-lock.json", "build.mjs"} <= set(stamp.inputs())


def test_a_change_to_a_nested_source_or_a_missing_chunk_makes_the_bundles_stale(tmp_path: Path) -> None:
    stamp = load_stamp()
    frontend, dist = tmp_path / "frontend", tmp_path / "webapp" / "static" / "dist"
    shutil.copytree(ROOT / "frontend", frontend, ignore=shutil.ignore_patterns("node_modules"))
    shutil.copytree(DIST, dist)
    stamp.HERE, stamp.DIST, stamp.INFO = frontend, dist, dist / "build-info.json"
    assert stamp.up_to_date(), "the committed bundles are current (else: make frontend, and commit dist/)"
    chunk = next(name for name in json.loads(stamp.INFO.read_text())["outputs"] if name.startswith("chunks/"))
    (dist / chunk).unlink()
    assert not stamp.up_to_date(), "a chunk a bundle imports is missing"
    shutil.copy(DIST / chunk, dist / chunk)
    with open(frontend / "src" / "views" / "table.js", "a", encoding="utf-8") as handle:
        handle.write("\n// changed\n")
    assert not stamp.up_to_date(), "a source in a subfolder changed"


@pytest.mark.parametrize("bundle", ["workbench.js", "query-page.js", "map.js"])
def test_each_bundle_is_built_and_what_it_imports_is_there(bundle: str) -> None:
    outputs = set(json.loads((DIST / "build-info.json").read_text())["outputs"])
    assert bundle in outputs
    text = (DIST / bundle).read_text(encoding="utf-8")
    imported = set(re.findall(r"""["']\./(chunks/[\w.-]+\.js)["']""", text))
    assert imported <= outputs
    for name in imported:  # and what those import in turn
        nested = re.findall(r"""["']\./([\w.-]+\.js)["']""", (DIST / name).read_text(encoding="utf-8"))
        assert {f"chunks/{n}" for n in nested} <= outputs
    if bundle == "map.js":
        assert not imported and not re.search(r"^\s*(import|export)\b", text), "a classic script, to inline"


def test_the_licences_of_what_the_bundles_hold_travel_with_them() -> None:
    licences = (DIST / "LICENSES.txt").read_text(encoding="utf-8")
    lock = json.loads((ROOT / "frontend" / "package-lock.json").read_text())["packages"]
    for name in ("chart.js", "write-excel-file", "fflate", "codemirror", "@codemirror/view"):
        assert f"{name} {lock[f'node_modules/{name}']['version']} (MIT)" in licences, name

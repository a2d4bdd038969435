"""The house rules of issue 13, held: small modules, small test files, small scripts, few loose modules,
and every package saying what its modules are. (The dependency rule is import-linter's, in make lint.)"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parent.parent
MODULE_LINES, TEST_LINES, SCRIPT_LINES, LOOSE_MODULES = 400, 600, 350, 20


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def _too_long(paths: list[Path], limit: int) -> list[str]:
    return [f"{p.relative_to(ROOT)}: {_lines(p)} lines" for p in paths if _lines(p) > limit]


def test_no_module_is_over_400_lines() -> None:
    modules = [*ROOT.joinpath("vdk_graph").rglob("*.py"), *ROOT.joinpath("webapp").rglob("*.py")]
    assert len(modules) > 100
    assert _too_long(modules, MODULE_LINES) == []


def test_no_test_file_is_over_600_lines() -> None:
    assert _too_long(list(ROOT.joinpath("tests").rglob("*.py")), TEST_LINES) == []


def test_no_hand_written_script_is_over_350_lines() -> None:
    scripts = [*ROOT.joinpath("frontend", "src").rglob("*.js"),
               *ROOT.joinpath("webapp", "static").glob("*.js")]
    assert scripts
    assert _too_long(scripts, SCRIPT_LINES) == []


def test_at_most_20_loose_modules_at_the_top_of_the_library() -> None:
    loose = [p.name for p in ROOT.joinpath("vdk_graph").glob("*.py")
             if p.name not in ("__init__.py", "__main__.py")]
    assert len(loose) <= LOOSE_MODULES, sorted(loose)


def test_every_package_opens_with_a_docstring() -> None:
    packages = [*ROOT.joinpath("vdk_graph").rglob("__init__.py"),
                *ROOT.joinpath("webapp").rglob("__init__.py")]
    missing = [str(p.relative_to(ROOT)) for p in packages
               if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []

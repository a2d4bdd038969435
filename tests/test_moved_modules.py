"""Old module paths (before issue 13's packages) still import, as the moved module itself, with a warning."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from vdk_graph.lazy import MOVED

PACKAGE = Path(__file__).parent.parent / "vdk_graph"


@pytest.mark.parametrize("old", sorted(MOVED))
def test_an_old_path_is_the_moved_module_and_says_where_it_went(old: str) -> None:
    assert not (PACKAGE.parent / (old.replace(".", "/") + ".py")).exists(), f"{old} still has a file"
    new = importlib.import_module(MOVED[old])
    with pytest.warns(DeprecationWarning, match=MOVED[old].replace(".", r"\.")):
        sys.modules.pop(old, None)
        moved = importlib.import_module(old)
    assert moved is new


def test_from_an_old_package_path_import_a_name() -> None:
    """What a user's script written before the move does, in a fresh interpreter."""
    script = ("import warnings; warnings.simplefilter('ignore')\n"
              "from vdk_graph.build import build\n"
              "from vdk_graph.importers.pure_parser import parse_pure\n"
              "import vdk_graph.curation.build as new\n"
              "assert build is new.build\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_an_unknown_module_is_still_an_import_error() -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("vdk_graph.no_such_module")

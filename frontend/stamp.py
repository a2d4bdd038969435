"""Is the built workbench bundle up to date with its sources? (No node needed to ask.)

``frontend/build.mjs`` writes ``webapp/static/dist/build-info.json`` with a SHA-256 over
its inputs (build.mjs, package.json, package-lock.json, src/*.js); this computes the same
hash. The Makefile asks before calling npm (a fresh clone has arbitrary file times, so
``make`` alone cannot tell), and a test asks so a committed bundle cannot go stale.

    python frontend/stamp.py --check   # exit 0 when the bundle matches its sources
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIST = HERE.parent / "webapp" / "static" / "dist"
BUNDLE = DIST / "workbench.js"
INFO = DIST / "build-info.json"


def inputs() -> list[str]:
    files = ["build.mjs", "package.json", "package-lock.json"]
    files += [f"src/{p.name}" for p in (HERE / "src").iterdir() if p.name.endswith(".js")]
    return sorted(files)  # the same order as JavaScript's default sort for these ASCII names


def digest() -> str:
    hash_ = hashlib.sha256()
    for name in inputs():
        hash_.update(name.encode() + b"\0")
        hash_.update((HERE / name).read_bytes())
        hash_.update(b"\0")
    return hash_.hexdigest()


def built_digest() -> str | None:
    """The hash the bundle was built from, or None when there is no bundle."""
    if not BUNDLE.is_file() or not INFO.is_file():
        return None
    return json.loads(INFO.read_text(encoding="utf-8")).get("sha256")


def up_to_date() -> bool:
    return built_digest() == digest()


if __name__ == "__main__":
    if sys.argv[1:] != ["--check"]:
        sys.exit("usage: python frontend/stamp.py --check")
    sys.exit(0 if up_to_date() else 1)

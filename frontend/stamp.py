"""Are the built front-end bundles up to date with their sources? (No node needed to ask.)

``frontend/build.mjs`` writes ``webapp/static/dist/build-info.json`` with a SHA-256 over
its inputs (build.mjs, package.json, package-lock.json, every src/**/*.js) and the list of
files it built (workbench.js, query-page.js, insights.js, map.js, their shared chunks); this computes the
same hash and checks that every listed file is there. The Makefile asks before calling npm
(a fresh clone has arbitrary file times, so ``make`` alone cannot tell), and a test asks so
a committed bundle cannot go stale.

    python frontend/stamp.py --check   # exit 0 when the bundles match their sources
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIST = HERE.parent / "webapp" / "static" / "dist"
INFO = DIST / "build-info.json"
#: The bundles pages load by name (the chunks they import are listed in build-info.json).
BUNDLES = ("workbench.js", "query-page.js", "insights.js", "map.js")


def inputs() -> list[str]:
    files = ["build.mjs", "package.json", "package-lock.json"]
    files += [path.relative_to(HERE).as_posix() for path in (HERE / "src").rglob("*.js") if path.is_file()]
    # JavaScript's default sort (UTF-16 code units) puts these ASCII names in Python's order.
    return sorted(files)


def digest() -> str:
    hash_ = hashlib.sha256()
    for name in inputs():
        hash_.update(name.encode() + b"\0")
        hash_.update((HERE / name).read_bytes())
        hash_.update(b"\0")
    return hash_.hexdigest()


def built_digest() -> str | None:
    """The hash the bundles were built from, or None when a bundle or a chunk it imports is missing."""
    if not INFO.is_file():
        return None
    info = json.loads(INFO.read_text(encoding="utf-8"))
    expected = set(BUNDLES) | set(info.get("outputs", []))
    if not all((DIST / name).is_file() for name in expected):
        return None
    return info.get("sha256")  # type: ignore[no-any-return]


def up_to_date() -> bool:
    return built_digest() == digest()


if __name__ == "__main__":
    if sys.argv[1:] != ["--check"]:
        sys.exit("usage: python frontend/stamp.py --check")
    sys.exit(0 if up_to_date() else 1)

"""Run every benchmark under bench/ (each prints its own table), one after another.

    python bench/run_all.py                 # all, with each script's default sizes (slow: tens of minutes)
    python bench/run_all.py store map       # only those whose file name contains a word given
    python bench/run_all.py --list

Machines here are shared and noisy: read the ratios each script measures side by side, not the absolute
times, and compare runs made on a quiet machine.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
#: Not benchmarks: shared code, and the matchmaking weights' fit (run it on purpose).
SKIP = {"run_all.py", "common.py", "__init__.py", "matchmaking_common.py", "matchmaking_real.py",
        "matchmaking_fit.py"}


def scripts() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name not in SKIP)


def main(argv: list[str]) -> int:
    if "--list" in argv:
        for path in scripts():
            doc = (path.read_text(encoding="utf-8").split('"""')[1].strip().splitlines() or [""])[0]
            print(f"{path.stem:28} {doc}")
        return 0
    chosen = [p for p in scripts() if not argv or any(word in p.stem for word in argv)]
    failures = 0
    for path in chosen:
        print(f"\n=== {path.stem} " + "=" * max(0, 60 - len(path.stem)), flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(path)], cwd=HERE.parent)
        print(f"--- {path.stem}: exit {code} after {time.perf_counter() - start:.0f} s", flush=True)
        failures += code != 0
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

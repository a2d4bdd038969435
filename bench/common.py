"""Shared helpers for the benchmarks: synthetic inputs (cached), timing, tables."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from vdk_graph import synth

OUTPUT = Path(__file__).parent / "output"


def synthetic_file(triples: int, fmt: str = "nt", seed: int = 7) -> tuple[Path, int]:
    """A synthetic ecosystem of about ``triples`` triples on disk (generated once, then reused)."""
    OUTPUT.mkdir(exist_ok=True)
    orgs = synth.orgs_for_triples(triples)
    path = OUTPUT / f"synthetic-{orgs}-s{seed}.{fmt}"
    count_file = path.with_suffix(path.suffix + ".count")
    if not path.exists() or not count_file.exists():
        ecosystem = synth.generate(orgs, seed=seed)
        count = synth.write(ecosystem, path, fmt)  # type: ignore[arg-type]
        count_file.write_text(str(count))
    return path, int(count_file.read_text())


def timed(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """Median wall time of ``repeat`` runs (seconds) and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def fmt_seconds(value: float | None, limit: float | None = None) -> str:
    if value is None:
        return f"> {limit:.0f} s" if limit else "n/a"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])

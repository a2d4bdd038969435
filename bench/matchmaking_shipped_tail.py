"""The spread places on the shipped data: how distinct the lists are, and how strong places 9–10 stay.

The tail discount (``--keep-first 8 --weights hubness=2.5``) spreads the last places of the lists; on the
curated data (``data/``) some of them went to weak candidates ("both are based in Aarhus", 0.6 where the
eighth place has 1.4). For every organisation of the shipped data this asks ``suggest`` (top 10) with the
default, the tail discount and the tail discount with a floor (``--floor 0.5``) and prints: the share of
distinct organisations among all suggestions shown, and the evidence (score before the penalty) of places
9–10 relative to the eighth place's — median, and how often under half. No truth here: the curated data is
too small for a hold-out (``bench/matchmaking_real.py``); this measures what a reader of the list sees.

    python bench/matchmaking_shipped_tail.py          # about half a minute
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import table  # noqa: E402
from vdk_graph.config import Settings  # noqa: E402
from vdk_graph.curation.build import build  # noqa: E402
from vdk_graph.matchmaking.index import match_index  # noqa: E402
from vdk_graph.matchmaking.scoring import TAIL_FLOOR, TAIL_HUBNESS, TAIL_KEEP_FIRST  # noqa: E402
from vdk_graph.matchmaking.suggestions import suggest  # noqa: E402
from vdk_graph.store import MemoryStore  # noqa: E402

DATA = Path(__file__).parent.parent / "data"
#: (name, options of ``suggest``).
SETTINGS: tuple[tuple[str, dict[str, object]], ...] = (
    ("default", {}),
    (f"hubness {TAIL_HUBNESS:g}, keep first {TAIL_KEEP_FIRST}",
     {"weights": {"hubness": TAIL_HUBNESS}, "keep_first": TAIL_KEEP_FIRST}),
    (f"hubness {TAIL_HUBNESS:g}, keep first {TAIL_KEEP_FIRST}, floor {TAIL_FLOOR:g}",
     {"weights": {"hubness": TAIL_HUBNESS}, "keep_first": TAIL_KEEP_FIRST, "floor": TAIL_FLOOR}),
    (f"hubness 3, keep first {TAIL_KEEP_FIRST}, floor {TAIL_FLOOR:g}",
     {"weights": {"hubness": 3.0}, "keep_first": TAIL_KEEP_FIRST, "floor": TAIL_FLOOR}),
)


def _evidence(score: float, signals: dict[str, float]) -> float:
    """The score before the penalties (the negative contributions)."""
    return score - sum(v for v in signals.values() if v < 0)


def main() -> int:
    store = MemoryStore()
    build(store, Settings(store="memory:", data_dir=DATA))
    index = match_index(store)
    orgs = sorted(index.orgs)
    rows = []
    for name, options in SETTINGS:
        shown: list[str] = []
        ratios: list[float] = []
        for org in orgs:
            items = suggest(index, org, **options).items  # type: ignore[arg-type]
            shown += [s.iri for s in items]
            eighth = items[7].score if len(items) >= 9 else 0.0
            if eighth > 0:  # the eighth place is unpenalised with keep first 8: its score is its evidence
                ratios += [_evidence(s.score, s.signals) / eighth for s in items[8:]]
        rows.append([name, f"{len(set(shown)) / max(len(shown), 1):.1%}",
                     f"{statistics.median(ratios):.2f}" if ratios else "–",
                     f"{sum(r < 0.5 for r in ratios) / len(ratios):.1%}" if ratios else "–"])
    print(f"{len(orgs)} organisations of the shipped data, top 10 each\n")
    print(table(["setting", "distinct suggested", "places 9–10: evidence ÷ the 8th's (median)",
                 "… under half"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

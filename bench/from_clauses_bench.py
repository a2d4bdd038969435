"""FROM clauses read by tokens: linear on hostile text, and against rdflib's parser on honest text.

    python bench/from_clauses_bench.py

Every endpoint query whose text holds the word FROM is scanned by
:func:`vdk_graph.store.from_clauses.dataset_clauses` before it reaches the engine, so a
text built to make a regular expression backtrack (unterminated strings, long runs of
name characters) must cost time in proportion to its length. For each hostile spelling
this prints the time at 20k, 40k and 80k characters and the ratio of the last two (≈ 2
when linear, ≈ 4 when quadratic); then one honest query read by the scanner and by
rdflib's SPARQL parser (what the scanner replaced), side by side.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import fmt_seconds, table, timed  # noqa: E402
from vdk_graph.store.from_clauses import dataset_clauses  # noqa: E402

HEAD = "SELECT * FROM <http://example.org/a> "
HOSTILE: dict[str, Callable[[int], str]] = {
    "unterminated strings": lambda n: HEAD + "'a\\" * (n // 3),
    "long strings": lambda n: "CONSTRUCT { " + "'''" * (n // 3) + "} FROM <a>",
    "names with hyphens": lambda n: HEAD + "a-" * (n // 2),
    "names with middle dots": lambda n: HEAD + "ä·" * (n // 2),
    "prefixed names": lambda n: HEAD + "a:a\\" * (n // 4),
    "half IRIs": lambda n: HEAD + "<a" * (n // 2),
    "variables": lambda n: HEAD + "?a-" * (n // 3),
}
HONEST = (
    "PREFIX vdk: <https://w3id.org/vdk/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?org ?name (COUNT(?p) AS ?n) FROM <https://w3id.org/vdk/graph/a> FROM NAMED <https://w3id.org/vdk/graph/b>\n"
    "WHERE { ?p vdk:participant ?org . ?org rdfs:label ?name FILTER(CONTAINS(LCASE(?name), 'film')) }\n"
    "GROUP BY ?org ?name ORDER BY DESC(?n) LIMIT 20"
)


def main() -> None:
    rows = []
    for name, make in HOSTILE.items():
        texts = [make(size) for size in (20_000, 40_000, 80_000)]
        times = [timed(lambda text=text: dataset_clauses(text), 5)[0] for text in texts]
        rows.append([name, *map(fmt_seconds, times), f"{times[2] / max(times[1], 1e-9):.1f}"])
    print(table(["hostile text", "20k chars", "40k", "80k", "80k ÷ 40k"], rows))
    from rdflib.plugins.sparql.parser import parseQuery

    print()
    print(table(
        ["honest query", "token scanner", "rdflib parser"],
        [["FROM + FROM NAMED, 4 lines", fmt_seconds(timed(lambda: dataset_clauses(HONEST), 20)[0]),
          fmt_seconds(timed(lambda: parseQuery(HONEST), 20)[0])]],
    ))


if __name__ == "__main__":
    main()

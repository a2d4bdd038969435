"""City, region and country in an organisations row: three places, never one node under two names."""

from __future__ import annotations

import pytest

from tests.table_fixtures import TableEnv
from vdk_graph.errors import ImportFailed

HEADER = ["name", "kind", "city", "region", "country", "source_url"]
SRC = "https://example.org/places"
VDK = "https://w3id.org/vdk/ontology#"


@pytest.mark.parametrize(
    ("city", "region", "country", "column"),
    [
        ("Vienna", "Vienna", "Austria", "region"),
        ("Berlin", "berlin", "Germany", "region"),  # names match as IRIs do: case and spacing aside
        ("", "Luxembourg", "Luxembourg", "country"),
        ("Singapore", "", "Singapore", "country"),
    ],
)
def test_a_region_or_country_named_like_the_place_inside_it_is_refused_and_nothing_written(
    table_env: TableEnv, city: str, region: str, country: str, column: str
) -> None:
    before = table_env.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    path = table_env.csv("organisations.csv", HEADER, ["Studio A", "company", city, region, country, SRC])
    with pytest.raises(ImportFailed) as failure:
        table_env.load(path)
    [problem] = [p for p in failure.value.problems if p.severity == "error"]
    assert (problem.file, problem.line, problem.field) == ("organisations.csv", 2, column)
    assert "would be one place" in problem.message and "(state)" in (problem.expected or "")
    assert table_env.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == before


def test_a_region_with_a_name_of_its_own_makes_a_chain_of_three_places(table_env: TableEnv) -> None:
    path = table_env.csv("organisations.csv", HEADER,
                         ["Studio A", "company", "Vienna", "Vienna (state)", "Austria", SRC])
    table_env.load(path)
    rows = table_env.select(
        f"SELECT ?city ?region ?country WHERE {{ ?o <{VDK}basedIn> ?city . ?city a <{VDK}City> ; "
        f"<{VDK}locatedIn> ?region . ?region a <{VDK}Region> ; <{VDK}locatedIn> ?country . "
        f"?country a <{VDK}Country> }}"
    )
    assert len(rows) == 1 and len({str(v) for v in rows[0].values()}) == 3

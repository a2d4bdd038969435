"""The data-quality report (vdk_graph.curation.quality): figures, checks, the command, /data/quality."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from vdk_graph.cli import main
from vdk_graph.config import Settings
from vdk_graph.curation.quality import quality_report
from vdk_graph.importers.base import ImportContext, run_import
from vdk_graph.importers.rdf import RdfImporter
from vdk_graph.store import EmbeddedStore, MemoryStore, Store
from webapp import create_app

BASE = "https://w3id.org/vdk/id/"
#: Three organisations (one fully described but closed before its project, one without kind or place, one
#: alone), four projects, three grants; every gap the report looks for appears once.
TURTLE = """
@prefix vdk: <https://w3id.org/vdk/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix o: <https://w3id.org/vdk/id/organisation/> . @prefix p: <https://w3id.org/vdk/id/project/> .
@prefix place: <https://w3id.org/vdk/id/place/> . @prefix g: <https://w3id.org/vdk/id/grant/> .
@prefix part: <https://w3id.org/vdk/id/participation/> .

place:denmark a vdk:Country ; rdfs:label "Denmark" .
place:central-denmark-region a vdk:Region ; rdfs:label "Central Denmark Region" ;
    vdk:locatedIn place:denmark .
place:aarhus a vdk:City ; rdfs:label "Aarhus" ; vdk:locatedIn place:central-denmark-region .
o:pixel-harbour a vdk:Company ; rdfs:label "Pixel Harbour" ; vdk:basedIn place:aarhus ; vdk:cvr "12345678" ;
    vdk:scope vdk:DigitalVisualIndustry ; vdk:closingYear "2021"^^xsd:gYear .
o:nameless-fund a vdk:Organisation ; rdfs:label "Nameless Fund" .
o:lonely-studio a vdk:Company ; rdfs:label "Lonely Studio" ; vdk:basedIn place:denmark .

p:harbour-lights a vdk:Project ; rdfs:label "Harbour Lights" ; dcterms:title "Harbour Lights" ;
    schema:startDate "2022-01-01"^^xsd:date ; vdk:status vdk:Active ; schema:endDate "2023-12-31"^^xsd:date ;
    vdk:hasParticipation part:a , part:b .
part:a a vdk:Participation ; rdfs:label "a" ; vdk:participant o:pixel-harbour ; vdk:role vdk:LeadPartner .
part:b a vdk:Participation ; rdfs:label "b" ; vdk:participant o:nameless-fund ; vdk:role vdk:ProjectPartner .
o:pixel-harbour vdk:participatesIn p:harbour-lights . o:nameless-fund vdk:participatesIn p:harbour-lights .
p:harbour-lights vdk:hasLeadPartner o:pixel-harbour .
p:undated a vdk:Project ; rdfs:label "Undated" ; dcterms:title "Undated" ; vdk:hasParticipation part:c .
part:c a vdk:Participation ; rdfs:label "c" ; vdk:participant o:lonely-studio ; vdk:role vdk:LeadPartner .
o:lonely-studio vdk:participatesIn p:undated . p:undated vdk:hasLeadPartner o:lonely-studio .
p:later a vdk:Project ; rdfs:label "Later" ; dcterms:title "Later" ; vdk:startYear "2031"^^xsd:gYear ;
    vdk:status vdk:Finished .
p:dated-alone a vdk:Project ; rdfs:label "Dated alone" ; dcterms:title "Dated alone" ;
    vdk:startYear "2020"^^xsd:gYear .

g:one a vdk:Grant ; rdfs:label "Grant one" ; vdk:awardedBy o:nameless-fund ; vdk:recipient o:pixel-harbour ;
    vdk:amount 1000 ; vdk:currency "DKK" ; vdk:annual false ; vdk:startYear "2022"^^xsd:gYear .
g:two a vdk:Grant ; rdfs:label "Grant two" ; vdk:awardedBy o:nameless-fund ; vdk:annualAmount 50 ;
    vdk:currency "DKK" .
g:three a vdk:Grant ; rdfs:label "Grant three" ; vdk:awardedBy o:nameless-fund .
"""


def load(store: Store, tmp_path: Path, retrieved: dt.date) -> None:
    path = tmp_path / "gaps.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    context = ImportContext.for_store(
        store, Settings(store="memory:"), source_url="https://example.org/gaps", retrieved=retrieved
    )
    run_import(store, RdfImporter(), [path], context)


@pytest.fixture
def gaps(tmp_path: Path) -> MemoryStore:
    store = MemoryStore()
    load(store, tmp_path, dt.date(2026, 11, 1))  # the curated data's placeholder day
    return store


def test_the_figures_count_what_the_store_holds(gaps: MemoryStore) -> None:
    report = quality_report(gaps, today=dt.date(2026, 12, 1))
    got = {f.key: (f.count, f.total) for f in report.figures}
    assert got["organisations"] == (3, 3)
    assert got["organisations-with-kind"] == (2, 3)  # the bare vdk:Organisation has none
    assert got["organisations-with-place"] == (2, 3)
    assert got["organisations-with-city-region-country"] == (1, 3)
    assert got["organisations-linked"] == (2, 3)  # a shared project and a grant; Lonely Studio is alone
    assert got["organisations-with-cvr"] == (1, 3)
    assert got["danish-dvi-companies"] == (1, 3)
    assert got["projects-with-start"] == (3, 4)
    assert got["projects-with-start-and-two-participants"] == (1, 4)
    assert got["grants-with-amount"] == (2, 3) and got["grants-with-period"] == (1, 3)
    assert got["grants-saying-annual-or-not"] == (1, 2)
    assert got["sources-read-on-a-known-day"] == (0, 1)
    assert report.figure("organisations-with-place").share == pytest.approx(2 / 3)


def test_the_checks_list_what_falls_short(gaps: MemoryStore) -> None:
    report = quality_report(gaps, today=dt.date(2026, 12, 1))
    listed = {c.key: sorted(i.label for i in c.items) for c in report.checks}
    assert listed["organisations-without-kind"] == ["Nameless Fund"]
    assert listed["organisations-without-place"] == ["Nameless Fund"]
    assert listed["organisations-without-links"] == ["Lonely Studio"]
    assert listed["projects-without-dates"] == ["Undated"]
    assert listed["projects-with-fewer-than-two-participants"] == ["Dated alone", "Later", "Undated"]
    assert listed["grants-without-amount"] == ["Grant three"]
    assert listed["grants-without-period"] == ["Grant three", "Grant two"]
    # "Active" but ended in 2023; "Finished" but it starts in 2031
    assert listed["statuses-contradicting-dates"] == ["Harbour Lights", "Later"]
    # closed in 2021 by one source, leading a project from 2022 by another (Nameless Fund has no closing year)
    assert listed["organisations-active-after-closing"] == ["Pixel Harbour"]
    assert listed["sources-with-placeholder-read-dates"] == ["https://example.org/gaps"]
    assert report.check("organisations-without-place").count == 1


def test_a_known_read_day_is_not_a_placeholder_and_limits_cut_lists_not_counts(tmp_path: Path) -> None:
    store = MemoryStore()
    load(store, tmp_path, dt.date(2026, 12, 6))
    report = quality_report(store, limit=1, today=dt.date(2026, 12, 7))
    assert report.check("sources-with-placeholder-read-dates").count == 0
    fewer = report.check("projects-with-fewer-than-two-participants")
    assert fewer.count == 3 and len(fewer.items) == 1
    assert json.loads(json.dumps(report.as_dict(), default=str))["figures"][0]["key"] == "organisations"


def test_every_figure_and_check_has_its_title_in_english_and_danish(gaps: MemoryStore) -> None:
    data = quality_report(gaps, today=dt.date(2026, 12, 7)).as_dict()
    entries = [*data["figures"], *data["checks"]]
    assert all(set(e["title"]) == {"en", "da"} and all(e["title"].values()) for e in entries)
    assert data["figures"][0]["title"] == {"en": "Organisations", "da": "Organisationer"}
    report = quality_report(gaps, today=dt.date(2026, 12, 7))
    assert report.check("suspected-duplicates").title("da") == "Mulige dubletter"


def test_the_command_shows_figures_one_check_and_csv(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    load(store, tmp_path, dt.date(2026, 11, 1))
    store.close()
    runner = CliRunner()
    base = ["--store", str(path), "quality"]
    table = runner.invoke(main, base, catch_exceptions=False)
    assert table.exit_code == 0 and "Organisations with a place" in table.output
    one = runner.invoke(main, [*base, "--check", "organisations-without-links"], catch_exceptions=False)
    assert one.exit_code == 0 and "Lonely Studio" in one.output
    rows = runner.invoke(main, [*base, "--format", "csv"], catch_exceptions=False).output.splitlines()
    assert rows[0] == "check,iri,label,detail,other,other_label"
    assert any(r.startswith("grants-without-amount,") and "Grant three" in r for r in rows)
    data = json.loads(runner.invoke(main, [*base, "--format", "json"], catch_exceptions=False).output)
    assert {"figures", "checks"} <= set(data)
    bad = runner.invoke(main, [*base, "--check", "nonsense"])
    assert bad.exit_code == 2 and "organisations-without-place" in bad.output


@pytest.fixture
def data_app(gaps: MemoryStore) -> Flask:
    return create_app(Settings(store="memory:"), {"TESTING": True}, store=gaps)


def test_the_page_shows_coverage_and_lists_in_english_and_danish(data_app: Flask) -> None:
    client = data_app.test_client()
    page = client.get("/data/quality")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "How complete the data is" in html and 'data-key="organisations-with-place"' in html
    assert "Lonely Studio" in html and "/id/organisation/lonely-studio" in html
    danish = client.get("/data/quality?lang=da").get_data(as_text=True)
    assert "Hvor komplette data er" in danish and "Organisationer med et sted" in danish
    one = client.get("/data/quality?check=grants-without-period").get_data(as_text=True)
    assert "Grant two" in one and "Lonely Studio" not in one
    assert client.get("/data/quality?check=nonsense").status_code == 400


def test_the_json_twin_has_figures_checks_and_pages(data_app: Flask) -> None:
    client = data_app.test_client()
    data = client.get("/data/quality.json").get_json()
    figures = {f["key"]: f for f in data["figures"]}
    assert (
        figures["organisations-with-place"]["count"] == 2
        and figures["organisations-with-place"]["total"] == 3
    )
    [links] = [c for c in data["checks"] if c["key"] == "organisations-without-links"]
    assert links["items"][0]["page"].endswith("/id/organisation/lonely-studio")
    only = client.get("/data/quality.json?check=projects-without-dates").get_json()
    assert [c["key"] for c in only["checks"]] == ["projects-without-dates"]


def test_the_command_lists_as_many_items_per_check_as_the_library() -> None:
    from vdk_graph.cli import quality_cmds
    from vdk_graph.curation import quality

    assert quality_cmds.DEFAULT_LIMIT == quality.DEFAULT_LIMIT

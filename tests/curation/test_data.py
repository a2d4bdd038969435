"""The shipped dataset in ``data/``: it builds, keeps the SHACL contract, cites a source for every graph,
holds no synthetic data, and says what its sources say.

The whole of ``data/manifest.toml`` is built once into a memory store (the same code path as
``vdk-graph build``); the spot checks then ask it, in SPARQL, for facts copied from
``../shared/ecosystem-facts.md`` and the sources found for this dataset. If a source file is
dropped from the manifest, a row is lost from a spreadsheet or an importer changes the IRIs it
mints, one of these tests fails.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from vdk_graph.config import Settings
from vdk_graph.curation.build import build
from vdk_graph.importers.resolution import organisation_classes
from vdk_graph.iris import Minter
from vdk_graph.names import name_key
from vdk_graph.ontology import ONTOLOGY_GRAPH
from vdk_graph.results import AskResult, SelectResult
from vdk_graph.sparql import run
from vdk_graph.store import MemoryStore
from vdk_graph.validation import validate_store

DATA = Path(__file__).resolve().parent.parent.parent / "data"
BASE = "https://w3id.org/vdk/id/"
MINT = Minter(BASE)
VDK = "https://w3id.org/vdk/ontology#"
SEED_URL = "https://www.ucviden.dk/en/projects/vision-denmark-klyngens-deltagelse-i-klyngeprogrammet-innovations"
PROGRAMME = str(MINT.named("programme", "Innovationskraft: Danske klynger for viden og erhverv 2021-2024"))
VISION_DENMARK = str(MINT.organisation("Vision Denmark"))


def org(name: str) -> str:
    """The IRI (as SPARQL) of an organisation, as the importers mint it from its name."""
    return f"<{MINT.organisation(name)}>"


def tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    """The whole dataset, built once for this module (a failing build fails every test here)."""
    memory = MemoryStore()
    build(memory, Settings(store="memory:", data_dir=DATA), clean=True)
    return memory


def rows(store: MemoryStore, sparql: str) -> list[dict[str, Any]]:
    result = run(store, sparql)
    assert isinstance(result, SelectResult)
    return list(result.dicts())


def ask(store: MemoryStore, sparql: str) -> bool:
    result = run(store, sparql)
    assert isinstance(result, AskResult)
    return bool(result.value)


def manifest() -> list[dict[str, Any]]:
    return tomllib.loads((DATA / "manifest.toml").read_text(encoding="utf-8"))["source"]


# --------------------------------------------------------------------------- the files


def test_every_manifest_file_exists_and_every_source_file_is_in_the_manifest() -> None:
    listed = {entry["file"] for entry in manifest()}
    assert not [f for f in listed if not (DATA / f).is_file()]
    on_disk = {str(p.relative_to(DATA)) for p in (DATA / "sources").glob("*.ttl")}
    on_disk |= {str(p.relative_to(DATA)) for p in (DATA / "tables").glob("*.csv")}
    assert on_disk <= listed, f"not in data/manifest.toml: {sorted(on_disk - listed)}"


def test_each_turtle_source_holds_the_facts_of_the_one_url_its_manifest_entry_names() -> None:
    for entry in manifest():
        if entry["importer"] != "rdf":
            continue
        text = (DATA / entry["file"]).read_text(encoding="utf-8")
        declared = re.findall(r"^# Source: (\S+)", text, re.MULTILINE)
        assert declared == [entry["url"]], entry["file"]
        assert entry["url"].startswith(("http://", "https://")) and entry.get("title")
        assert isinstance(entry.get("retrieved"), dt.date), entry["file"]


def test_every_spreadsheet_row_cites_a_public_url_and_the_date_it_was_read() -> None:
    for path in sorted((DATA / "tables").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                assert row["source_url"].startswith(("http://", "https://")), f"{path.name} row {number}"
                dt.date.fromisoformat(row["retrieved"])


def test_organisations_in_turtle_carry_the_iris_the_importers_mint_from_their_names() -> None:
    # Turtle is not resolved on import: an IRI typed by hand must be the one minted from one of its names,
    # or the same organisation would be two nodes.
    org_classes = {rdflib.URIRef(c) for c in organisation_classes()}
    wrong = []
    for path in sorted((DATA / "sources").glob("*.ttl")):
        graph = rdflib.Graph().parse(path, format="turtle")
        for subject in set(graph.subjects(RDF.type, None)):
            if not set(graph.objects(subject, RDF.type)) & org_classes:
                continue
            names = [str(n) for p in (RDFS.label, SKOS.altLabel) for n in graph.objects(subject, p)]
            if str(subject) not in {str(MINT.organisation(n)) for n in names}:
                wrong.append(f"{path.name}: <{subject}> for {names}")
    assert not wrong, "\n".join(wrong)


# --------------------------------------------------------------------------- the built store


def test_the_dataset_passes_the_shacl_shapes(store: MemoryStore) -> None:
    report = validate_store(store)
    assert not report.errors, "\n".join(str(p) for p in report.errors[:20])
    assert report.checked_triples > 5000


def test_every_source_graph_is_derived_from_a_public_url_read_on_a_known_date(store: MemoryStore) -> None:
    # The network measures and the aggregates are computed from the data, not read from a page: their
    # graphs are derived from the graphs they were computed from (vdk:importer "metrics", "aggregates"),
    # so they are no source graphs here.
    derived = {r["g"] for r in rows(store, 'SELECT ?g WHERE { ?g vdk:importer ?i FILTER(?i IN ("metrics", '
                                           '"aggregates")) }')}
    assert derived == {"https://w3id.org/vdk/id/graph/metrics", "https://w3id.org/vdk/id/graph/aggregates"}
    graphs = [g for g in store.graph_sizes() if g != ONTOLOGY_GRAPH and g not in derived]
    assert len(graphs) > len(manifest())  # spreadsheets write one graph per cited source
    found = {r["g"]: r for r in rows(store, """SELECT ?g ?src ?retrieved WHERE { GRAPH ?g {
        ?g a vdk:SourceGraph ; prov:wasDerivedFrom ?src OPTIONAL { ?src vdk:retrieved ?retrieved } } }""")}
    assert not [g for g in graphs if g not in found]
    for graph in graphs:
        assert found[graph]["src"].startswith(("http://", "https://")), (graph, found[graph]["src"])
        assert isinstance(found[graph].get("retrieved"), dt.date), graph


def test_nothing_in_the_dataset_is_synthetic(store: MemoryStore) -> None:
    assert not ask(store, "ASK { ?s vdk:synthetic ?o }")
    assert not ask(store, 'ASK { ?s ?p ?o FILTER(CONTAINS(STR(?s), "/synthetic/")) }')


def test_the_seed_still_says_what_it_says_after_the_whole_build(store: MemoryStore) -> None:
    [seed] = rows(store, f"""SELECT ?p WHERE {{ GRAPH ?g {{ ?p a vdk:Project }}
        ?g prov:wasDerivedFrom <{SEED_URL}> ; vdk:importer "pure" }}""")
    project = seed["p"]
    participants = rows(store, f"""SELECT DISTINCT ?o WHERE {{
        <{project}> vdk:hasParticipation/vdk:participant ?o }}""")
    assert len(participants) == 7
    # The seed's lead, "Vision Denmark Creative Business Alliance", is Vision Denmark (data/aliases.csv).
    assert rows(store, f"SELECT ?o WHERE {{ <{project}> vdk:hasLeadPartner ?o }}") == [{"o": VISION_DENMARK}]
    findings = rows(store, f"SELECT ?i WHERE {{ <{project}> vdk:hasIndicator ?i . ?i a vdk:KeyFinding }}")
    assert len(findings) == 2
    assert ask(store, f"ASK {{ <{project}> vdk:partOfProgramme <{PROGRAMME}> }}")


@pytest.mark.parametrize("name", [
    "Filmby Aarhus", "FilmFyn", "Producentforeningen", "Den Vestdanske Filmpulje", "The Animation Workshop",
    "Interactive Denmark", "Vision Denmark",
])
def test_an_organisation_of_the_seed_and_the_tables_is_one_node(store: MemoryStore, name: str) -> None:
    named = rows(store, """SELECT DISTINCT ?o ?n WHERE {
        ?o a/rdfs:subClassOf* org:Organization ; rdfs:label|skos:altLabel ?n }""")
    nodes = {r["o"] for r in named if name_key(r["n"]) == name_key(name)}
    assert len(nodes) == 1, nodes
    [node] = nodes
    importers = rows(store, f"""SELECT DISTINCT ?i WHERE {{
        GRAPH ?g {{ <{node}> ?p ?v }} ?g vdk:importer ?i }}""")
    assert {"pure", "table"} <= {r["i"] for r in importers}


def test_a_merged_organisation_has_one_label_and_keeps_each_sources_wording_as_an_alias(
    store: MemoryStore,
) -> None:
    labels = rows(store, f"SELECT ?l WHERE {{ <{VISION_DENMARK}> rdfs:label ?l }}")
    assert labels == [{"l": "Vision Denmark"}]
    aliases = {r["a"] for r in rows(store, f"SELECT ?a WHERE {{ <{VISION_DENMARK}> skos:altLabel ?a }}")}
    assert "Vision Denmark Creative Business Alliance" in aliases


@pytest.mark.parametrize(("alias", "name"), [
    ("The Producers' Union", "Producentforeningen"),
    ("Danish Film Institute", "Det Danske Filminstitut"),
    ("VIA UC", "VIA University College"),
    ("West Danish Film Fund", "Den Vestdanske Filmpulje"),
])
def test_the_alias_of_a_merged_organisation_leads_to_it(store: MemoryStore, alias: str, name: str) -> None:
    found = rows(store, f'SELECT DISTINCT ?o WHERE {{ ?o skos:altLabel ?a FILTER(STR(?a) = "{alias}") }}')
    assert found == [{"o": str(MINT.organisation(name))}]


# --------------------------------------------------------------------------- spot checks of facts


def test_nordisk_games_holds_30_7_percent_of_supermassive_games(store: MemoryStore) -> None:
    found = rows(store, f"""SELECT ?stake ?date WHERE {{ ?i a vdk:Investment ;
        vdk:investor {org("Nordisk Film Games")} ; vdk:investee {org("Supermassive Games")} ;
        vdk:stakePercent ?stake ; dcterms:date ?date }}""")
    assert [(Decimal(str(r["stake"])), str(r["date"])) for r in found] == [(Decimal("30.7"), "2021-03")]


def test_european_writers_club_got_one_million_euro_from_the_eu(store: MemoryStore) -> None:
    found = rows(store, f"""SELECT ?amount ?currency WHERE {{ ?g a vdk:Grant ;
        vdk:grantFor <{MINT.project("European Writers Club")}> ; vdk:awardedBy {org("European Union")} ;
        vdk:amount ?amount ; vdk:currency ?currency }}""")
    assert [(Decimal(str(r["amount"])), r["currency"]) for r in found] == [(Decimal(1_000_000), "EUR")]


def test_innovationskraft_is_funded_by_deb_and_ufm_with_80_million_a_year_each(store: MemoryStore) -> None:
    found = rows(store, f"SELECT DISTINCT ?f WHERE {{ <{PROGRAMME}> vdk:fundedBy ?f }}")
    funders = {tail(r["f"]) for r in found}
    assert {"danmarks-erhvervsfremmebestyrelse", "uddannelses-and-forskningsministeriet"} <= funders
    budgets = rows(store, f"""SELECT ?by ?amount ?start ?end WHERE {{ ?b vdk:budgetFor <{PROGRAMME}> ;
        vdk:annual true ; vdk:annualAmount ?amount ; vdk:currency "DKK" ; vdk:providedBy ?by ;
        vdk:startYear ?start ; vdk:endYear ?end }}""")
    assert {(tail(r["by"]), int(r["amount"]), str(r["start"]), str(r["end"])) for r in budgets} == {
        ("danmarks-erhvervsfremmebestyrelse", 80_000_000, "2021", "2022"),
        ("uddannelses-and-forskningsministeriet", 80_000_000, "2021", "2024"),
    }


def test_vision_denmark_holds_a_gold_certification_dated_2024_07_01(store: MemoryStore) -> None:
    found = rows(store, f"""SELECT DISTINCT ?level ?date ?by WHERE {{
        <{VISION_DENMARK}> vdk:hasCertification ?c .
        ?c vdk:certificationLevel ?level ; dcterms:date ?date ; vdk:awardedBy ?by }}""")
    assert [(r["level"], r["date"]) for r in found] == [("gold", dt.date(2024, 7, 1))]


def test_the_deb_project_vision_denmark_has_its_costs_and_grants(store: MemoryStore) -> None:
    project = MINT.project("Vision Denmark")
    grants = rows(store, f"""SELECT ?amount ?funder WHERE {{ ?g vdk:grantFor <{project}> ;
        vdk:amount ?amount ; vdk:currency "DKK" ; vdk:awardedBy ?funder }}""")
    assert {(int(r["amount"]), tail(r["funder"])) for r in grants} == {
        (5_569_666, "regionalfonden"), (2_784_833, "danmarks-erhvervsfremmebestyrelse")}
    [budget] = rows(store, f"""SELECT ?a WHERE {{
        ?b vdk:budgetFor <{project}> ; vdk:amount ?a ; vdk:currency "DKK" }}""")
    assert int(budget["a"]) == 11_150_006
    [dates] = rows(store, f"SELECT ?s ?e WHERE {{ <{project}> schema:startDate ?s ; schema:endDate ?e }}")
    assert (dates["s"], dates["e"]) == (dt.date(2019, 5, 20), dt.date(2021, 4, 30))


def test_filmby_aarhus_is_in_aarhus_in_the_central_denmark_region(store: MemoryStore) -> None:
    found = rows(store, f"""SELECT DISTINCT ?city (STR(?l) AS ?region) WHERE {{
        {org("Filmby Aarhus")} vdk:basedIn ?city
        OPTIONAL {{ ?city vdk:locatedIn ?r . ?r a vdk:Region ; rdfs:label ?l }} }}""")
    aarhus = str(MINT.place("Aarhus"))
    assert {(r["city"], r.get("region")) for r in found} == {(aarhus, "Central Denmark Region")}


def test_the_animation_workshop_is_part_of_via_university_college_in_viborg(store: MemoryStore) -> None:
    taw = org("The Animation Workshop")
    assert ask(store, f"ASK {{ {taw} vdk:subOrganisationOf {org('VIA University College')} }}")
    viborg = MINT.place("Viborg")
    assert ask(store, f'ASK {{ {taw} vdk:basedIn <{viborg}> ; vdk:foundingYear "1988"^^xsd:gYear }}')


@pytest.mark.parametrize(("name", "year"), [
    ("MRP Matila Röhr Productions", 2025), ("Copenhagen Bombay", 2023), ("PRODUCENTERNE", 2000)])
def test_an_organisation_reported_bankrupt_or_merged_away_has_its_closing_year(
        store: MemoryStore, name: str, year: int) -> None:
    assert ask(store, f'ASK {{ {org(name)} vdk:closingYear "{year}"^^xsd:gYear }}')


def test_vision_denmark_targets_10000_jobs_by_2025_with_the_sentence_kept(store: MemoryStore) -> None:
    found = rows(store, f"""SELECT ?target ?change ?text WHERE {{ <{VISION_DENMARK}> vdk:hasIndicator ?t .
        ?t a vdk:Target ; vdk:unit "jobs" ; vdk:endYear "2025"^^xsd:gYear ; vdk:targetValue ?target ;
        vdk:changeValue ?change ; vdk:sourceText ?text }}""")
    assert len(found) == 1
    assert (int(found[0]["target"]), int(found[0]["change"])) == (10_000, 2_500)
    assert "10,000 jobs directly in the industry" in found[0]["text"]


def test_the_dfir_report_is_a_source_about_the_programme(store: MemoryStore) -> None:
    found = rows(store, f"""SELECT DISTINCT ?id ?date ?publisher WHERE {{ ?r a vdk:Source ;
        vdk:about <{PROGRAMME}> ; dcterms:identifier ?id ; dcterms:date ?date ;
        dcterms:publisher ?publisher }}""")
    dfir = str(MINT.organisation("Danmarks Forsknings- og Innovationspolitiske Råd"))
    expected = [("ISBN 978-87-93807-82-2", "2024-12", dfir)]
    assert [(r["id"], str(r["date"]), r["publisher"]) for r in found] == expected


def test_energy_cluster_denmark_got_gold_with_95_percent(store: MemoryStore) -> None:
    found = rows(store, f"""SELECT ?score ?date WHERE {{
        {org("Energy Cluster Denmark")} vdk:hasCertification ?c .
        ?c vdk:score ?score ; dcterms:date ?date }}""")
    assert [(int(r["score"]), r["date"]) for r in found] == [(95, dt.date(2021, 11, 19))]


def test_scandinavian_game_developers_was_led_by_viden_djurs(store: MemoryStore) -> None:
    project = MINT.project("Scandinavian Game Developers")
    lead = rows(store, f"SELECT ?o WHERE {{ <{project}> vdk:hasLeadPartner ?o }}")
    assert lead == [{"o": str(MINT.organisation("Viden Djurs"))}]
    partners = {tail(r["o"]) for r in rows(store, f"""SELECT DISTINCT ?o WHERE {{
        <{project}> vdk:hasParticipation ?x . ?x vdk:role vdk:ProjectPartner ; vdk:participant ?o }}""")}
    assert "animation-workshop" in partners and len(partners) == 3
    [grant] = rows(store, f"""SELECT ?a ?c WHERE {{
        ?g vdk:grantFor <{project}> ; vdk:amount ?a ; vdk:currency ?c }}""")
    assert (int(grant["a"]), grant["c"]) == (665_232, "EUR")


def test_bftp_is_led_by_vision_denmark_with_the_dfi_among_its_partners(store: MemoryStore) -> None:
    project = MINT.project("Bæredygtig Film og TV Produktion")
    assert ask(store, f"ASK {{ <{project}> vdk:hasLeadPartner <{VISION_DENMARK}> }}")
    assert ask(store, f"ASK {{ {org('Det Danske Filminstitut')} vdk:participatesIn <{project}> }}")


def test_a_year_stays_a_year_and_a_month_stays_a_month(store: MemoryStore) -> None:
    # Raw Fury: "2018" in the source, so no invented 1 January; Flashbulb Games: January 2017.
    found = rows(store, f"""SELECT ?t ?date WHERE {{ ?i a vdk:Investment ; vdk:investee ?t ;
        dcterms:date ?date ; vdk:investor {org("Nordisk Film Games")} }}""")
    dates = {tail(r["t"]): str(r["date"]) for r in found}
    assert dates["raw-fury"] == "2018" and dates["flashbulb-games"] == "2017-01"


def test_the_copenhagen_film_funds_capital_came_from_21_contributors_in_euro_not_investors(
    store: MemoryStore,
) -> None:
    found = rows(store, f"""SELECT ?c ?who ?amount WHERE {{ ?c a vdk:CapitalContribution ;
        vdk:contributionTo {org("Copenhagen Film Fund")} ; vdk:contributor ?who ;
        vdk:amount ?amount ; vdk:currency "EUR" }}""")
    assert len({r["c"] for r in found}) == 21
    assert {tail(r["who"]): int(r["amount"]) for r in found}["city-of-copenhagen"] == 2_657_121
    # capital put into a fund by its owners is not a venture investment
    assert not ask(store, f"ASK {{ ?i a vdk:Investment ; vdk:investee {org('Copenhagen Film Fund')} }}")

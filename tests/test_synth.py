"""The synthetic ecosystem: reproducible, marked, shaped like the real one, and kept out of data/."""

from __future__ import annotations

import itertools
import statistics
import types
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from vdk_graph import synth
from vdk_graph.cli.synth_cmds import synth as synth_command
from vdk_graph.synth.text import lowercase_label
from vdk_graph.vocab import PREFIXES, VDK_NS

BASE = synth.DEFAULT_BASE_IRI
ROOT = f"{BASE}synthetic/"
QUERY_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def store_of(ecosystem: synth.SynthEcosystem) -> ox.Store:
    store = ox.Store()
    triples = itertools.chain(ecosystem.provenance_triples(), ecosystem.triples())
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    return store


def select(store: ox.Store, query: str) -> list[tuple[object, ...]]:
    return [tuple(_value(term) for term in row) for row in store.query(QUERY_PREFIXES + query)]  # type: ignore[union-attr]


def _value(term: object) -> object:
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#integer"):
        return int(term.value)
    return getattr(term, "value", term)


@pytest.fixture(scope="module")
def small() -> synth.SynthEcosystem:
    return synth.generate(150, seed=3)


@pytest.fixture(scope="module")
def small_store(small: synth.SynthEcosystem) -> ox.Store:
    return store_of(small)


@pytest.fixture(scope="module")
def medium() -> synth.SynthEcosystem:
    return synth.generate(500, seed=1)


# --- reproducible ----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["nt", "nq", "ttl"])
def test_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(tmp_path: Path, fmt: str) -> None:
    paths = [tmp_path / f"{name}.{fmt}" for name in ("a", "b", "c")]
    for path, seed in zip(paths, (5, 5, 6), strict=True):
        synth.write(synth.generate(60, seed=seed), path, fmt)  # type: ignore[arg-type]
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()
    assert not list(tmp_path.glob("*.part"))


def test_written_files_parse_and_hold_every_triple_once(tmp_path: Path, small: synth.SynthEcosystem) -> None:
    expected = len(small.provenance_triples()) + sum(1 for _ in small.triples())
    for fmt, rdf_format in (("nt", ox.RdfFormat.N_TRIPLES), ("ttl", ox.RdfFormat.TURTLE),
                            ("nq", ox.RdfFormat.N_QUADS)):
        path = tmp_path / f"eco.{fmt}"
        assert synth.write(small, path, fmt) == expected  # type: ignore[arg-type]
        store = ox.Store()
        store.load(path=str(path), format=rdf_format)
        assert len(store) == expected, fmt
    quads = ox.parse(path=str(tmp_path / "eco.nq"), format=ox.RdfFormat.N_QUADS)
    graphs = {q.graph_name.value for q in quads}
    assert graphs == {f"{BASE}graph/synthetic/3-150"} == {small.graph_iri}


def test_triples_are_streamed(small: synth.SynthEcosystem) -> None:
    assert isinstance(small.triples(), types.GeneratorType)
    assert isinstance(next(small.triples()), ox.Triple)


# --- marked synthetic ------------------------------------------------------------------------------

def test_every_minted_iri_is_under_synthetic(small_store: ox.Store, small: synth.SynthEcosystem) -> None:
    vocabularies = tuple(PREFIXES.values())
    for quad in small_store:
        for term in (quad.subject, quad.predicate, quad.object):
            if not isinstance(term, ox.NamedNode):
                assert not isinstance(term, ox.BlankNode)
                continue
            iri = term.value
            if iri.startswith(BASE):
                assert iri.startswith(ROOT) or iri == small.graph_iri, iri
            else:
                assert iri.startswith(vocabularies), iri


def test_every_organisation_project_grant_and_investment_is_flagged(small_store: ox.Store) -> None:
    unflagged = select(small_store, """
        SELECT ?x WHERE {
          VALUES ?class { vdk:Organisation vdk:Project vdk:Grant vdk:Investment vdk:Topic vdk:City }
          ?x a ?class FILTER NOT EXISTS { ?x vdk:synthetic true } }""")
    assert unflagged == []
    counts = dict(select(small_store, """
        SELECT ?class (COUNT(?x) AS ?n) WHERE {
          VALUES ?class { vdk:Organisation vdk:Project vdk:Grant vdk:Investment vdk:ClusterMembership }
          ?x a ?class } GROUP BY ?class"""))
    assert all(counts.get(VDK_NS + c, 0) > 0 for c in ("Organisation", "Project", "Grant", "Investment",
                                                        "ClusterMembership")), counts
    graph_flag = select(small_store, "SELECT ?g WHERE { ?g a vdk:SourceGraph ; vdk:synthetic true ; "
                                     "vdk:importer 'synth' }")
    assert len(graph_flag) == 1


def test_names_say_synthetic_and_use_danish_letters(small: synth.SynthEcosystem) -> None:
    labels = [o.label for o in small.orgs] + [p.title for p in small.projects]
    assert all(label.endswith("(synthetic)") for label in labels)
    assert len({o.label for o in small.orgs}) == len(small.orgs)
    assert any(ch in label for label in labels for ch in "æøåÆØÅ")


# --- shape of the data -----------------------------------------------------------------------------

def test_projects_have_2_to_12_partners_and_exactly_one_lead(small_store: ox.Store,
                                                              small: synth.SynthEcosystem) -> None:
    rows = select(small_store, """
        SELECT ?p (COUNT(DISTINCT ?part) AS ?n) (SUM(IF(?role = vdk:LeadPartner, 1, 0)) AS ?leads)
               (COUNT(DISTINCT ?short) AS ?shortcuts) (COUNT(DISTINCT ?lead) AS ?leadShortcuts)
        WHERE {
          ?p a vdk:Project ; vdk:hasParticipation ?part ; vdk:hasLeadPartner ?lead .
          ?part a vdk:Participation ; vdk:participant ?org ; vdk:role ?role ; rdfs:label ?label .
          OPTIONAL { ?org vdk:participatesIn ?p BIND(?org AS ?short) }
        } GROUP BY ?p""")
    assert len(rows) == len(small.projects)
    for _, n, leads, shortcuts, lead_shortcuts in rows:
        assert 2 <= n <= 12  # type: ignore[operator]
        assert leads == 1 and lead_shortcuts == 1
        assert shortcuts == n
    mismatched = select(small_store, """
        SELECT ?p WHERE {
          ?p vdk:hasLeadPartner ?lead .
          FILTER NOT EXISTS {
            ?p vdk:hasParticipation [ vdk:participant ?lead ; vdk:role vdk:LeadPartner ] } }""")
    assert mismatched == []
    sizes = Counter(len(p.partners) for p in small.projects)
    assert sizes[2] > sizes[6] > 0, "consortia are mostly small"
    assert all(p.lead == p.partners[0] and len(set(p.partners)) == len(p.partners) for p in small.projects)


def test_dates_statuses_grants_and_programmes_are_consistent(small: synth.SynthEcosystem) -> None:
    for p in small.projects:
        assert 2008 <= p.start.year <= 2025
        assert 360 <= (p.end - p.start).days <= 4 * 366
        assert p.status == ("Finished" if p.end < synth.REFERENCE_DATE else "Active")
    by_year = Counter(p.start.year for p in small.projects)
    assert by_year[2025] > by_year[2008], "projects per year grow"
    assert 0.25 < len(small.grants) / len(small.projects) < 0.55
    assert 0.15 < sum(1 for p in small.projects if p.programme) / len(small.projects) < 0.45
    funders = {o.iri for o in small.orgs if o.kind == VDK_NS + "FundingBody"}
    projects = {p.iri: p for p in small.projects}
    for g in small.grants:
        assert g.funder in funders and g.recipient == projects[g.project].lead and g.amount > 0
    companies = {o.iri for o in small.orgs if o.kind == VDK_NS + "Company"}
    assert all(i.investee in companies and 5 <= float(i.stake) <= 45 for i in small.investments)
    assert len(small.investments) == round(150 / 20)


def test_kinds_places_and_topics_are_realistic(medium: synth.SynthEcosystem) -> None:
    kinds = Counter(o.kind.removeprefix(VDK_NS) for o in medium.orgs)
    assert 0.65 <= kinds["Company"] / len(medium.orgs) <= 0.75
    assert kinds["ClusterOrganisation"] >= 1 and kinds["FundingBody"] >= 1 and kinds["Investor"] >= 1
    assert len(synth.CITIES) >= 15 and len(synth.REGIONS) == 5
    assert len({o.city for o in medium.orgs}) >= 10
    assert len(synth.TOPICS) >= 40 and all(da for _, _, da in synth.TOPICS)
    assert len(medium.communities) == 7
    assert all(5 <= len(topics) <= 8 for topics in medium.communities.values())
    clusters = {o.iri for o in medium.orgs if o.kind == VDK_NS + "ClusterOrganisation"}
    assert {m.cluster for m in medium.memberships} == clusters, "every cluster has members"
    share = len(medium.memberships) / kinds["Company"]
    assert 0.2 < share < 0.4


def test_communities_are_real(medium: synth.SynthEcosystem) -> None:
    community = {o.iri: o.community for o in medium.orgs}
    pairs = medium.collaborations()
    within = sum(1 for pair in pairs if len({community[o] for o in pair}) == 1)
    assert within / len(pairs) > 0.6


def test_preferential_attachment_skews_degrees() -> None:
    ecosystem = synth.generate(1500, seed=1)
    degree = Counter(org for pair in ecosystem.collaborations() for org in pair)
    assert max(degree.values()) > 5 * statistics.median(degree.values())


def test_keywords_come_mostly_from_the_lead_community(medium: synth.SynthEcosystem) -> None:
    org = medium.org_by_iri
    keywords = [(k, org[p.lead].community) for p in medium.projects for k in p.topics]
    from_community = sum(1 for k, c in keywords if k in medium.communities[c])
    assert from_community / len(keywords) > 0.75
    assert all(2 <= len(p.topics) <= 5 for p in medium.projects)
    # the text is written from the keywords, so projects of one community read alike
    assert all(lowercase_label(p.topics[0]) in p.description for p in medium.projects)


def test_collaborations_by_year_range(medium: synth.SynthEcosystem) -> None:
    everything = medium.collaborations()
    until = medium.collaborations(until_year=2015)
    later = medium.collaborations(from_year=2016)
    assert until < everything and later < everything and until | later == everything
    early_projects = [p for p in medium.projects if p.start.year <= 2015]
    for pair in until:
        assert any(pair <= set(p.partners) for p in early_projects)
    new_pairs = later - until
    assert new_pairs, "the evaluation needs collaborations that only happen later"
    sample = sorted(new_pairs, key=sorted)[:50]
    assert not any(pair <= set(p.partners) for pair in sample for p in early_projects)


# --- size --------------------------------------------------------------------------------------------

def test_cli_triples_option_is_calibrated_within_5_percent(tmp_path: Path) -> None:
    out = tmp_path / "eco.nt"
    result = CliRunner().invoke(synth_command, ["--triples", "50000", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with out.open("rb") as lines_of:
        lines = sum(1 for _ in lines_of)
    assert abs(lines - 50_000) / 50_000 < 0.05, lines


# --- command line ------------------------------------------------------------------------------------

def test_cli_writes_a_file_and_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "eco.nq"
    result = CliRunner().invoke(synth_command, ["--orgs", "40", "--seed", "2", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "40 organisations" in result.stderr and "triples" in result.stderr
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert quads and {q.graph_name.value for q in quads} == {f"{BASE}graph/synthetic/2-40"}


def test_cli_refuses_the_curated_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "pure").mkdir(parents=True)
    (data / "manifest.toml").write_text("")
    for target in (data / "synthetic.nt", data / "pure" / "more.nt"):
        result = CliRunner().invoke(synth_command, ["--orgs", "20", "-o", str(target)])
        assert result.exit_code == 2, result.output
        assert "synthetic data never goes into data/" in result.output
        assert not target.exists()
    # a folder called data without a manifest is not the curated one
    other = tmp_path / "elsewhere" / "data" / "eco.nt"
    assert CliRunner().invoke(synth_command, ["--orgs", "20", "-o", str(other)]).exit_code == 0


def test_cli_needs_exactly_one_size_and_has_an_example(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(synth_command, ["-o", str(tmp_path / "x.nt")]).exit_code == 2
    both = runner.invoke(synth_command, ["--orgs", "20", "--triples", "5000", "-o", str(tmp_path / "x.nt")])
    assert both.exit_code == 2 and "exactly one" in both.output
    help_text = runner.invoke(synth_command, ["--help"]).output
    assert "Example" in help_text and "--triples" in help_text


def test_generate_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        synth.generate(3)
    with pytest.raises(ValueError):
        synth.generate(50, first_year=2020, last_year=2010)


# --- the contract ------------------------------------------------------------------------------------

def test_a_synthetic_ecosystem_passes_the_shapes() -> None:
    validation = pytest.importorskip("vdk_graph.validation")
    from vdk_graph.terms import triples_to_graph

    ecosystem = synth.generate(200, seed=2)
    graph = triples_to_graph(itertools.chain(ecosystem.provenance_triples(), ecosystem.triples()))
    report = validation.validate_graph(graph, source="synthetic")
    assert report.errors == [], [str(p) for p in report.errors[:10]]

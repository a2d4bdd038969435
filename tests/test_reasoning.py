"""``vdk-graph reason``: HermiT's shortcuts, types and inverses, its verdict on contradictions, and the store.

Every test that runs HermiT needs Java and is marked ``java``; without Java they
skip and say why. The test that Java is missing needs none.
"""

from __future__ import annotations

import http.server
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import owlready2
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, XSD

from vdk_graph import reasoning
from vdk_graph.errors import ReasonerUnavailable
from vdk_graph.importers.provenance import SourceInfo, describe_source
from vdk_graph.iris import Minter
from vdk_graph.ontology import ONTOLOGY_GRAPH, load_ontology
from vdk_graph.reasoning import Inference, infer, java_executable, reason_store
from vdk_graph.store import MemoryStore
from vdk_graph.terms import triples_to_graph
from vdk_graph.vocab import ORG, VDK, VDK_NS

FIXTURE = Path(__file__).parent / "fixtures" / "reasoning" / "ecosystem.ttl"
BASE = "https://w3id.org/vdk/id/"
INFERRED = f"{BASE}graph/inferred"
DATA_GRAPH = f"{BASE}graph/test/ecosystem"

PROJECT = Namespace(f"{BASE}project/")
PART = Namespace(f"{BASE}participation/")
ORGN = Namespace(f"{BASE}organisation/")
INV = Namespace(f"{BASE}investment/")
GRANT = Namespace(f"{BASE}grant/")
PERSON = Namespace(f"{BASE}person/")
POS = Namespace(f"{BASE}position/")
PLACE = Namespace(f"{BASE}place/")
IND = Namespace(f"{BASE}indicator/")

NO_JAVA = "no Java runtime, so HermiT cannot run here (install one, e.g. 'apt-get install default-jre')"

PREFIXES = """@prefix vdk: <https://w3id.org/vdk/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix ex:  <https://example.org/> .
"""

# The shortcuts, inverses and transitive links the ontology entails from the fixture, and nothing else.
EXPECTED_PROPERTIES = {
    # participation: both directions, lead only for the lead
    (PROJECT["pixel-harbour"], VDK.hasParticipant, ORGN["lumo-studio"]),
    (PROJECT["pixel-harbour"], VDK.hasParticipant, ORGN["fjord-academy"]),
    (ORGN["lumo-studio"], VDK.participatesIn, PROJECT["pixel-harbour"]),
    (ORGN["fjord-academy"], VDK.participatesIn, PROJECT["pixel-harbour"]),
    (PROJECT["pixel-harbour"], VDK.hasLeadPartner, ORGN["lumo-studio"]),
    (ORGN["lumo-studio"], VDK.isLeadPartnerOf, PROJECT["pixel-harbour"]),
    (PART["pixel-harbour--lumo-studio"], VDK.participationIn, PROJECT["pixel-harbour"]),
    (PART["pixel-harbour--fjord-academy"], VDK.participationIn, PROJECT["pixel-harbour"]),
    # investment: the chain, the inverse of vdk:investor, and investsIn ⊑ funds (inverse fundedBy)
    (ORGN["north-light-capital"], VDK.investsIn, ORGN["kraken-games"]),
    (ORGN["north-light-capital"], VDK.madeInvestment, INV["north-light--kraken-games"]),
    (ORGN["north-light-capital"], VDK.funds, ORGN["kraken-games"]),
    (ORGN["kraken-games"], VDK.fundedBy, ORGN["north-light-capital"]),
    # cluster membership
    (ORGN["lumo-studio"], VDK.memberOf, ORGN["pixel-cluster"]),
    (ORGN["pixel-cluster"], VDK.hasMember, ORGN["lumo-studio"]),
    # grant: the inverse of vdk:recipient, then the chain receivedGrant / awardedBy
    (ORGN["pixel-cluster"], VDK.receivedGrant, GRANT["pixel-cluster-2022"]),
    (ORGN["pixel-cluster"], VDK.fundedBy, ORGN["board-of-pixels"]),
    (ORGN["board-of-pixels"], VDK.funds, ORGN["pixel-cluster"]),
    # position
    (PERSON["ada-frost"], VDK.affiliatedWith, ORGN["lumo-studio"]),
    (POS["ada-frost--lumo-studio"], VDK.holder, PERSON["ada-frost"]),
    # indicator and places
    (IND["pixel-harbour--jobs"], VDK.indicatorOf, PROJECT["pixel-harbour"]),
    (PLACE["aarhus"], VDK.locatedIn, PLACE["denmark"]),
}

EXPECTED_VDK_TYPES = {
    (ORGN["kraken-games"], VDK.Organisation),  # from the range of vdk:investee; the fixture gives it no type
    (ORGN["lumo-studio"], VDK.Organisation),
    (ORGN["fjord-academy"], VDK.Organisation),
    (ORGN["fjord-academy"], VDK.KnowledgeInstitution),
    (ORGN["north-light-capital"], VDK.Organisation),
    (ORGN["pixel-cluster"], VDK.Organisation),
    (ORGN["board-of-pixels"], VDK.Organisation),
    (PART["pixel-harbour--lumo-studio"], VDK.LeadParticipation),  # role vdk:LeadPartner
    (IND["pixel-harbour--jobs"], VDK.Indicator),
    (PLACE["aarhus"], VDK.Place),
    (PLACE["midtjylland"], VDK.Place),
    (PLACE["denmark"], VDK.Place),
}


def hermit(test: Callable[..., None]) -> Callable[..., None]:
    """A test that runs HermiT: marked ``java``, and skipped, saying why, where there is no Java."""
    return pytest.mark.java(pytest.mark.skipif(java_executable() is None, reason=NO_JAVA)(test))


def parse(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


def ecosystem() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


def store_with(*graphs: tuple[str, Graph]) -> MemoryStore:
    store = MemoryStore()
    with store.transaction() as tx:
        for name, graph in graphs:
            tx.replace_graph(name, graph)
    return store


def graph_of(store: MemoryStore, name: str) -> Graph:
    return triples_to_graph(store.graph_triples(name))


@pytest.fixture(scope="module")
def inference() -> Inference:
    """HermiT's verdict on the fixture, computed once for the module (it takes seconds)."""
    if java_executable() is None:
        pytest.skip(NO_JAVA)
    return infer(ecosystem(), load_ontology())


# --------------------------------------------------------------------------- what is inferred


@hermit
def test_shortcuts_inverses_and_chains_are_inferred_exactly(inference: Inference) -> None:
    assert inference.consistent and inference.explanation is None
    vdk_properties = {(s, p, o) for s, p, o in inference.inferred if p != RDF.type}
    assert vdk_properties == EXPECTED_PROPERTIES
    # hasLeadPartner only for the lead, never for the project partner
    assert (PROJECT["pixel-harbour"], VDK.hasLeadPartner, ORGN["fjord-academy"]) not in inference.inferred


@hermit
def test_types_come_from_domains_ranges_and_the_class_hierarchy(inference: Inference) -> None:
    types = {(s, c) for s, c in inference.inferred.subject_objects(RDF.type)}
    assert {(s, c) for s, c in types if str(c).startswith(VDK_NS)} == EXPECTED_VDK_TYPES
    # Aligned classes follow from vdk: ones, and foaf:Agent from the range of vdk:participant.
    assert (ORGN["kraken-games"], ORG.Organization) in types
    assert (ORGN["fjord-academy"], FOAF.Agent) in types
    assert (PERSON["ada-frost"], FOAF.Person) in types
    ontology = load_ontology()
    stated_or_inferred = ecosystem() + inference.inferred
    for thing, cls in types - EXPECTED_VDK_TYPES:
        # every other type is a super-class, in the ontology, of a vdk: class the thing has (or foaf:Agent)
        supers = {
            sup for own in stated_or_inferred.objects(thing, RDF.type)
            for sup in ontology.transitive_objects(own, RDFS.subClassOf)
        }
        assert cls in supers or cls == FOAF.Agent, (thing, cls)


@hermit
def test_nothing_already_stated_and_no_technical_triples(inference: Inference) -> None:
    stated = ecosystem() + load_ontology()
    assert not [t for t in inference.inferred if t in stated]
    assert not list(inference.inferred.triples((None, VDK.isLeadParticipation, None)))
    assert not {OWL.Thing, OWL.NamedIndividual} & set(inference.inferred.objects(None, RDF.type))
    assert all(isinstance(term, URIRef) for triple in inference.inferred for term in triple)
    # Controlled values of the ontology are the ontology's business, not new facts about the data.
    assert not list(inference.inferred.triples((VDK.LeadPartner, None, None)))


# --------------------------------------------------------------------------- contradictions


@hermit
@pytest.mark.parametrize(
    ("turtle", "named"),
    [
        pytest.param(
            "ex:ada a vdk:Person , vdk:Organisation .",
            ["<https://example.org/ada>", "vdk:Person", "vdk:Organisation"],
            id="person-and-organisation",
        ),
        pytest.param(
            "ex:i a vdk:Investment ; vdk:investee ex:ada . ex:ada a vdk:Person .",
            ["<https://example.org/ada>", "vdk:Person", "as value of vdk:investee"],
            id="range-typing",
        ),
        pytest.param(
            "ex:p vdk:participant ex:a ; vdk:role vdk:LeadPartner , vdk:ProjectPartner .",
            ["<https://example.org/p>", "vdk:role", "vdk:LeadPartner", "vdk:ProjectPartner"],
            id="two-roles-on-one-participation",
        ),
        pytest.param(
            'ex:p a vdk:Project ; vdk:acronym "PXH"@da .',
            ["<https://example.org/p>", "vdk:acronym", "rdf:langString"],
            id="language-tag-on-a-string",
        ),
        pytest.param(
            'ex:g a vdk:Grant ; vdk:amount "2,5"^^xsd:decimal .',
            ["<https://example.org/g>", "vdk:amount", "xsd:decimal"],
            id="ill-typed-number",
        ),
    ],
)
def test_a_contradiction_is_reported_with_what_contradicts(turtle: str, named: list[str]) -> None:
    data = ecosystem() + parse(turtle)
    result = infer(data, load_ontology())
    assert not result.consistent
    assert len(result.inferred) == 0
    assert result.explanation is not None
    for word in named:
        assert word in result.explanation, result.explanation


# --------------------------------------------------------------------------- the store


@hermit
def test_reason_store_writes_the_inferred_graph_and_replaces_it_on_rerun() -> None:
    store = store_with((DATA_GRAPH, ecosystem()))
    report = reason_store(store, BASE)
    assert report.consistent and report.graph == INFERRED and report.explanation is None
    written = graph_of(store, INFERRED)
    me = URIRef(INFERRED)
    assert (me, RDF.type, VDK.SourceGraph) in written
    assert (me, RDFS.label, Literal("Inferred by HermiT", lang="en")) in written
    assert set(written.objects(me, PROV.wasDerivedFrom)) == {URIRef(DATA_GRAPH), URIRef(ONTOLOGY_GRAPH)}
    [when] = written.objects(me, PROV.generatedAtTime)
    assert isinstance(when, Literal) and when.datatype == XSD.dateTime
    assert (me, VDK.importer, Literal("reason")) in written
    facts = {t for t in written if t[0] != me}
    assert report.inferred_triples == len(facts) > len(EXPECTED_PROPERTIES)
    assert facts >= EXPECTED_PROPERTIES

    again = reason_store(store, BASE)  # reads everything but its own graph, so nothing piles up
    assert again.inferred_triples == report.inferred_triples
    assert {t for t in graph_of(store, INFERRED) if t[0] != me} == facts

    smaller = ecosystem()  # the source drops the academy's participation
    smaller.remove((None, None, PART["pixel-harbour--fjord-academy"]))
    smaller.remove((PART["pixel-harbour--fjord-academy"], None, None))
    with store.transaction() as tx:
        tx.replace_graph(DATA_GRAPH, smaller)
    third = reason_store(store, BASE)
    rewritten = graph_of(store, INFERRED)
    assert third.inferred_triples < report.inferred_triples
    assert (ORGN["fjord-academy"], VDK.participatesIn, PROJECT["pixel-harbour"]) not in rewritten
    assert (PROJECT["pixel-harbour"], VDK.hasParticipant, ORGN["fjord-academy"]) not in rewritten
    assert (PROJECT["pixel-harbour"], VDK.hasParticipant, ORGN["lumo-studio"]) in rewritten


@hermit
def test_an_inconsistent_store_is_left_as_it_was() -> None:
    store = store_with((DATA_GRAPH, ecosystem()))
    reason_store(store, BASE)
    before = {name: set(graph_of(store, name)) for name in store.graph_sizes()}
    with store.transaction() as tx:
        tx.replace_graph(f"{BASE}graph/test/bad", parse("ex:ada a vdk:Person , vdk:Organisation ."))
    before[f"{BASE}graph/test/bad"] = set(graph_of(store, f"{BASE}graph/test/bad"))
    report = reason_store(store, BASE)
    assert not report.consistent and report.inferred_triples == 0
    assert report.explanation and "<https://example.org/ada>" in report.explanation
    assert "Nothing was written" in report.explanation
    assert {name: set(graph_of(store, name)) for name in store.graph_sizes()} == before


@hermit
def test_the_ontology_in_the_store_wins_over_the_file() -> None:
    ontology = Graph()
    ontology += load_ontology()
    hub = URIRef("https://example.org/Hub")
    ontology.add((VDK.ClusterOrganisation, RDFS.subClassOf, hub))  # only the stored ontology says this
    info = SourceInfo(URIRef(ONTOLOGY_GRAPH), "vdk-graph ontology", "build", file_name="vdk.ttl")
    describe_source(ontology, Minter(BASE), info)  # as 'vdk-graph build' stores it
    store = store_with((DATA_GRAPH, ecosystem()), (ONTOLOGY_GRAPH, ontology))
    report = reason_store(store, BASE)
    assert report.consistent
    written = graph_of(store, INFERRED)
    assert (ORGN["pixel-cluster"], RDF.type, hub) in written
    # The ontology graph is the ontology, not data: its own terms get no "inferred" types.
    assert not list(written.triples((VDK.LeadPartner, None, None)))


# --------------------------------------------------------------------------- Java, the network, the console


def test_without_java_it_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", "java")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no java anywhere
    assert java_executable() is None
    store = store_with((DATA_GRAPH, ecosystem()))
    with pytest.raises(ReasonerUnavailable) as raised:
        reason_store(store, BASE)
    message = str(raised.value)
    assert "Java" in message and "\n" not in message
    assert list(store.graph_sizes()) == [DATA_GRAPH]
    with pytest.raises(ReasonerUnavailable, match="Java"):
        infer(ecosystem(), load_ontology())


def test_java_home_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    java = tmp_path / "jdk" / "bin" / "java"
    java.parent.mkdir(parents=True)
    java.write_text("#!/bin/sh\n", encoding="utf-8")
    java.chmod(0o755)
    monkeypatch.setattr(owlready2, "JAVA_EXE", "java")
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    monkeypatch.setenv("PATH", str(tmp_path))
    assert java_executable() == str(java)


@hermit
def test_a_java_failure_becomes_one_line() -> None:
    with pytest.raises(ReasonerUnavailable) as raised:
        infer(ecosystem(), load_ontology(), memory_mb=1)  # the JVM refuses to start with 1 MB
    message = str(raised.value)
    assert "\n" not in message and "Java" in message and "heap" in message
    assert owlready2.reasoning.JAVA_MEMORY == 2000  # the setting was put back


class _Canary(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def canary() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 that only counts the requests it gets."""
    requests: list[str] = []
    handler = type("Handler", (_Canary,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requests
    finally:
        server.shutdown()
        server.server_close()


@hermit
def test_imports_and_owlready_directives_in_the_data_do_nothing(
    canary: tuple[str, list[str]], capfd: pytest.CaptureFixture[str]
) -> None:
    url, requests = canary
    owlready = Namespace("http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#")
    data = ecosystem()
    header = URIRef("https://example.org/some-ontology")
    data.add((header, RDF.type, OWL.Ontology))
    data.add((header, OWL.imports, URIRef(f"{url}imported")))
    data.add((header, OWL.imports, URIRef("http://127.0.0.1:9/x")))
    data.add((header, owlready.python_module, Literal("this")))  # owlready2 would import it (and print)
    ontology = Graph()
    ontology += load_ontology()
    ontology.add((URIRef(ONTOLOGY_GRAPH), OWL.imports, URIRef(f"{url}ontology")))
    worlds = len(owlready2.default_world.ontologies)
    modules_before = "this" in sys.modules

    result = infer(data, ontology)

    assert result.consistent
    assert requests == []
    assert ("this" in sys.modules) == modules_before
    assert capfd.readouterr().out == ""  # owlready2's and HermiT's chatter stays off stdout
    assert len(owlready2.default_world.ontologies) == worlds  # a world of its own, not the default one


@hermit
def test_blank_nodes_unknown_datatypes_and_a_copy_of_the_ontology_are_no_obstacle() -> None:
    data = ecosystem()
    data += load_ontology()  # someone imported vdk.ttl as data
    note = BNode()
    data.add((ORGN["lumo-studio"], VDK.website, note))
    data.add((ORGN["lumo-studio"], VDK.acronym, Literal("LS", datatype=URIRef("https://example.org/code"))))
    data.add((ORGN["lumo-studio"], VDK.score, Literal("NaN", datatype=XSD.double)))
    result = infer(data, load_ontology())
    assert result.consistent, result.explanation
    assert set(result.inferred) >= EXPECTED_PROPERTIES
    named = {term for triple in data for term in triple}
    assert set(result.inferred.objects(None, RDF.type)) <= named  # no owlapi/error#Error1 classes


def test_the_inferred_graph_name_is_minted_like_every_other_graph() -> None:
    assert reasoning.INFERRED_GRAPH_NAME == "inferred"
    assert str(Minter(BASE).graph(reasoning.INFERRED_GRAPH_NAME)) == INFERRED

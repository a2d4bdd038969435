"""The ontology is the single source of the vocabulary: VDK and vdk.ttl must not drift apart."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from vdk_graph.vocab import VDK, VDK_NS

ONTOLOGY = Path(__file__).parent.parent / "ontology" / "vdk.ttl"
ALIGNED = (
    "http://www.w3.org/ns/org#", "http://xmlns.com/foaf/0.1/", "https://schema.org/", "http://purl.org/cerif/frapo/",
    "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/", "http://www.w3.org/ns/prov#",
)


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY)


def ontology_terms(g: rdflib.Graph) -> set[str]:
    return {
        str(s)[len(VDK_NS):] for s in g.subjects()
        if isinstance(s, rdflib.URIRef) and str(s).startswith(VDK_NS)
    }


def test_python_names_and_ontology_terms_are_the_same_set(ontology: rdflib.Graph) -> None:
    python_terms = {name for name in VDK.__annotations__}
    assert python_terms == ontology_terms(ontology)


def test_a_misspelt_term_fails_at_once() -> None:
    with pytest.raises(AttributeError):
        VDK.Projcet  # noqa: B018


def test_every_term_has_labels_and_definitions_in_english_and_danish(ontology: rdflib.Graph) -> None:
    for term in ontology_terms(ontology):
        iri = rdflib.URIRef(VDK_NS + term)
        assert {lit.language for lit in ontology.objects(iri, RDFS.label)} >= {"en", "da"}, term
        assert {lit.language for lit in ontology.objects(iri, SKOS.definition)} >= {"en", "da"}, term


def _aligned(
    g: rdflib.Graph, iri: rdflib.URIRef, links: tuple[rdflib.URIRef, ...], seen: set | None = None
) -> bool:
    seen = seen or set()
    for link in links:
        for target in g.objects(iri, link):
            if any(str(target).startswith(ns) for ns in ALIGNED):
                return True
            if isinstance(target, rdflib.URIRef) and target not in seen:
                seen.add(target)
                if _aligned(g, target, links, seen):
                    return True
    return False


def test_every_class_and_property_is_aligned_to_a_well_known_vocabulary(ontology: rdflib.Graph) -> None:
    for cls in ontology.subjects(RDF.type, OWL.Class):
        if isinstance(cls, rdflib.URIRef) and str(cls).startswith(VDK_NS):
            assert _aligned(ontology, cls, (RDFS.subClassOf, OWL.equivalentClass)), cls
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            if str(prop).startswith(VDK_NS):
                assert _aligned(ontology, prop, (RDFS.subPropertyOf, OWL.equivalentProperty)), prop


def test_every_organisation_kind_is_under_org_organization(ontology: rdflib.Graph) -> None:
    org = rdflib.URIRef("http://www.w3.org/ns/org#Organization")
    kinds = [
        "Company", "KnowledgeInstitution", "University", "UniversityCollege", "GTSInstitute",
        "PublicAuthority", "Municipality", "ClusterOrganisation", "IndustryAssociation",
        "FundingBody", "Investor",
    ]
    for kind in kinds:
        ancestors = set(ontology.transitive_objects(rdflib.URIRef(VDK_NS + kind), RDFS.subClassOf))
        assert org in ancestors, kind


def test_the_shortcut_properties_the_project_relies_on_exist(ontology: rdflib.Graph) -> None:
    assert (VDK.participatesIn, RDF.type, OWL.ObjectProperty) in ontology
    assert (VDK.hasLeadPartner, RDFS.domain, VDK.Project) in ontology
    assert (VDK.Project, RDF.type, OWL.Class) in ontology


def test_library_queries_get_declarations_for_the_prefixes_they_use_and_no_others() -> None:
    from vdk_graph.namespaces import PREFIXES, with_used_prefixes

    text = 'SELECT ?s { ?s vdk:partOfProgramme/rdfs:label ?l ; ^org:hasMember ?m FILTER(?l != "x:y") }'
    declared = with_used_prefixes(text)
    assert declared.endswith(text)
    header = declared[: -len(text)]
    expected = sorted(f"PREFIX {p}: <{PREFIXES[p]}>" for p in ("vdk", "rdfs", "org"))
    assert sorted(header.splitlines()) == expected
    # IRIs that hold a prefix's name, and a prefix the query declares itself, add nothing.
    untouched = "PREFIX vdk: <urn:x#> SELECT * { ?s vdk:a <https://schema.org/n> ; <urn:vdk-graph:meta> ?o }"
    assert with_used_prefixes(untouched) == untouched
    bare = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    assert with_used_prefixes(bare) == bare

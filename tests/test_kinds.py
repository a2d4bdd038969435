"""The kinds table names classes the ontology has, and every kind has a style and a label."""

from __future__ import annotations

from rdflib import OWL, RDF, URIRef

from vdk_graph import kinds
from vdk_graph.mapview.style import KINDS as STYLES
from vdk_graph.ontology import load_ontology


def test_every_class_in_the_kinds_table_is_a_class_of_the_ontology() -> None:
    ontology = load_ontology()
    classes = {str(c) for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    named = [iri for iri, _ in kinds.ORGANISATION_KINDS] + list(kinds.OTHER_KINDS)
    assert [iri for iri in named if iri not in classes] == []
    role = URIRef(kinds.VDK_NS + "ParticipationRole")
    roles = {str(r) for r in ontology.subjects(RDF.type, role)}
    assert set(kinds.ROLE_RELATION) <= roles


def test_every_kind_has_a_style_and_every_organisation_kind_is_a_node_kind() -> None:
    assert set(kinds.NODE_KINDS) == set(STYLES)
    assert set(kinds.NODE_KINDS) >= kinds.ORGANISATION_KIND_NAMES
    assert set(kinds.OTHER_KINDS.values()) <= set(kinds.NODE_KINDS)

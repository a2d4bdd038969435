"""The kinds table names classes the ontology has, takes its names from it, and every kind has a style."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Literal, URIRef

from vdk_graph import kinds
from vdk_graph.mapview.style import KINDS as STYLES
from vdk_graph.ontology import load_ontology
from vdk_graph.texts import LANGS


def _classes() -> set[str]:
    return {str(c) for c in load_ontology().subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}


def _label(iri: str, lang: str) -> str:
    found = [str(o) for o in load_ontology().objects(URIRef(iri), RDFS.label)
             if isinstance(o, Literal) and o.language == lang]
    assert len(found) == 1, (iri, lang, found)
    return found[0]


def test_every_class_in_the_kinds_table_is_a_class_of_the_ontology() -> None:
    classes = _classes()
    named = [iri for iri, _ in kinds.ORGANISATION_KINDS] + list(kinds.OTHER_KINDS)
    named += [kinds.VDK_NS + k.named_by for k in kinds.KINDS]
    named += [iri for _, iri, _ in kinds.THINGS if iri.startswith(kinds.VDK_NS)]
    named += [kinds.VDK_NS + cls for _, cls, _ in kinds.SPREADSHEET_WORDS]
    assert [iri for iri in named if iri not in classes] == []
    role = URIRef(kinds.VDK_NS + "ParticipationRole")
    roles = {str(r) for r in load_ontology().subjects(RDF.type, role)}
    assert set(kinds.ROLE_RELATION) <= roles


def test_every_kind_is_named_by_one_of_its_classes_and_each_class_has_one_kind() -> None:
    for kind in kinds.KINDS:
        assert kind.named_by in kind.classes, kind.key
    every = [cls for kind in kinds.KINDS for cls in kind.classes]
    assert len(every) == len(set(every))
    assert set(kinds.PRECEDENCE) <= set(kinds.NODE_KINDS)
    assert len(set(kinds.PRECEDENCE)) == len(kinds.PRECEDENCE)


@pytest.mark.parametrize("lang", LANGS)
def test_the_kinds_names_are_the_ontologys_labels_unless_the_table_says_otherwise(lang: str) -> None:
    for kind in kinds.KINDS:
        ontology = _label(kinds.VDK_NS + kind.named_by, lang)
        assert kinds.ontology_label(kind.key, lang) == ontology
        for name, override in ((kinds.kind_name, "name"), (kinds.kind_label, "short")):
            key = f"{kind.key}.{override}"
            expected = kinds.TEXTS(key, lang) if key in kinds.TEXTS else ontology
            assert name(kind.key, lang) == expected, (kind.key, override)


def test_the_kinds_words_name_only_kinds_the_table_has() -> None:
    known = set(kinds.NODE_KINDS) | {"article"}
    assert {key.split(".")[0] for key, _, _ in kinds.TEXTS.rows} <= known
    assert all(f"{kind}.plural" in kinds.TEXTS for kind in kinds.NODE_KINDS)
    assert {r for r, _, _ in kinds.RELATION_TEXTS.rows} == set(kinds.RELATIONS)


def test_a_phrase_puts_the_article_before_the_name() -> None:
    assert kinds.kind_phrase("investor", "en") == "an investor"
    danish = _label(kinds.VDK_NS + "KnowledgeInstitution", "da")
    assert kinds.kind_phrase("knowledge", "da") == "en " + danish.lower()
    assert kinds.kind_phrase("public", "en") == "a public body"


def test_every_organisation_class_has_a_spreadsheet_word_and_a_kind() -> None:
    organisation_classes = {iri for iri, _ in kinds.ORGANISATION_KINDS}
    worded = {kinds.VDK_NS + cls for _, cls, _ in kinds.SPREADSHEET_WORDS}
    assert worded == organisation_classes


def test_every_kind_has_a_style_and_every_organisation_kind_is_a_node_kind() -> None:
    assert set(kinds.NODE_KINDS) == set(STYLES)
    assert set(kinds.NODE_KINDS) >= kinds.ORGANISATION_KIND_NAMES
    assert set(kinds.OTHER_KINDS.values()) <= set(kinds.NODE_KINDS)


def test_a_node_takes_the_first_kind_of_its_classes() -> None:
    vdk = kinds.VDK_NS
    assert kinds.node_kind({vdk + "Company", vdk + "ClusterOrganisation"}) == "cluster"
    assert kinds.node_kind({vdk + "Organisation", vdk + "University"}) == "knowledge"
    assert kinds.node_kind({vdk + "Project"}) == "project"
    assert kinds.node_kind({vdk + "Grant"}) is None

from __future__ import annotations

import pytest

from vdk_graph.iris import Minter

BASE = "https://w3id.org/vdk/id/"


def test_organisations_are_keyed_by_their_name_key() -> None:
    m = Minter(BASE)
    assert m.organisation("Filmby Århus") == m.organisation("Filmby Aarhus")
    assert str(m.organisation("The Animation Workshop")) == BASE + "organisation/animation-workshop"


def test_relation_nodes_are_keyed_by_their_parts() -> None:
    m = Minter(BASE)
    project, org = m.project("VDK klynge"), m.organisation("FilmFyn")
    assert str(m.relation("participation", project, org)) == BASE + "participation/vdk-klynge--filmfyn"


def test_hashed_nodes_ignore_whitespace_differences() -> None:
    m = Minter(BASE)
    p = m.project("x")
    spaced = m.hashed("indicator", p, "2500 flere  medarbejdere")
    assert spaced == m.hashed("indicator", p, "2500 flere medarbejdere")
    assert m.hashed("indicator", p, "a") != m.hashed("indicator", p, "b")


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        Minter(BASE).iri("widget", "x")


def test_another_base_is_used_throughout() -> None:
    m = Minter("https://example.org/kg/")
    assert str(m.topic("XR")) == "https://example.org/kg/topic/xr"
    assert str(m.graph("pure", "seed file")) == "https://example.org/kg/graph/pure/seed-file"

"""Name keys decide which names are one organisation; slugs make the IRIs."""

from __future__ import annotations

import pytest

from vdk_graph.names import fold, name_key, slug

SAME = [
    ("Filmby Århus", "Filmby Aarhus"),
    ("The Animation Workshop", "Animation Workshop"),
    ("Nordisk Film A/S", "Nordisk Film"),
    ("SYBO ApS", "Sybo"),
    ("Vækstfonden", "Vaekstfonden"),
    ("Ærø Kommune", "AEROE KOMMUNE"),
    ("Food & Bio Cluster Denmark", "Food and Bio Cluster Denmark"),
    ("Danmarks Medie- og Journalisthøjskole", "Danmarks Medie og Journalisthoejskole"),
    ("  Interactive   Denmark ", "Interactive Denmark"),
    ("Sci-Vi", "Sci Vi"),
    ("Producentforeningen I/S", "producentforeningen"),
    ("Café Ünique", "Cafe Uenique"),
    ("TV 2", "TV2"),
    ("DR 1", "dr1"),
    ("TV 2 Danmark A/S", "TV2 Danmark"),
]
DIFFERENT = [
    ("Nordisk Film", "Nordisk Film Games"),
    ("Aarhus Universitet", "Aalborg Universitet"),
    ("Den Vestdanske Filmpulje", "FilmFyn"),
    ("VIA University College", "VIA"),
    ("Vision Denmark", "Vision Denmark Creative Business Alliance"),
    ("AS", "A/S Danmark"),
    ("TV 2", "TV 3"),
    ("Nordisk Games", "Nordisk Film Games"),
    ("Danish Sound Cluster", "Danish Sound Network"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_organisations_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_a_name_that_is_only_a_legal_form_is_kept() -> None:
    assert name_key("A/S") != ""


def test_fold_spells_out_danish_letters() -> None:
    assert fold("Æble Øl Åen") == "aeble oel aaen"


def test_slug_is_readable_and_stable() -> None:
    assert slug("Vision Denmark – klyngen for den digitale visuelle industri") == (
        "vision-denmark-klyngen-for-den-digitale-visuelle-industri"
    )
    assert slug("Filmby Århus") == "filmby-aarhus"


def test_long_slugs_are_cut_with_a_hash_that_keeps_them_apart() -> None:
    a = slug("word " * 40 + "one")
    b = slug("word " * 40 + "two")
    assert len(a) <= 90 and len(b) <= 90
    assert a != b
    assert a == slug("word " * 40 + "one")


def test_slug_of_nothing_is_not_empty() -> None:
    assert slug("—") == "unnamed"

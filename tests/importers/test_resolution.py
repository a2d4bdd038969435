"""Entity resolution: which names become one node (keys, aliases, acronyms, the alias file, CVR, website)
and which must not."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from tests.table_fixtures import BASE, SRC, TableEnv
from vdk_graph.curation.build import build
from vdk_graph.errors import ImportFailed
from vdk_graph.importers.resolution import AliasFile, OrganisationIndex, load_aliases, normalise_website
from vdk_graph.iris import Minter

MINT = Minter(BASE)
HEADER = ["name", "kind", "aliases", "acronym", "website", "cvr", "source_url"]

#: What the sources have said before the names below arrive: (name, aliases, acronym, website, cvr).
KNOWN = [
    (
        "Det Danske Filminstitut",
        "Danish Film Institute; The Danish Film Institute",
        "DFI",
        "https://www.dfi.dk/",
        "",
    ),
    ("VIA University College", "VIA UC", "", "https://en.via.dk/", ""),
    ("Nordisk Film Games", "", "", "", ""),
    ("Nordisk Film", "", "", "https://www.nordiskfilm.com/", ""),
    ("Aarhus Universitet", "", "AU", "", ""),
    ("SYBO", "", "", "", "12345678"),
    ("Vision Denmark", "", "", "", ""),
    ("The Animation Workshop", "", "TAW", "https://animationworkshop.via.dk/", ""),
]
#: (name as a later source writes it, website, cvr, the known name it must be — or None for a node of its own)
PAIRS = [
    ("Filmby Århus", "", "", None),  # a new name keeps its own (key) node ...
    ("Det danske filminstitut", "", "", "Det Danske Filminstitut"),  # case
    ("Danish Film Institute", "", "", "Det Danske Filminstitut"),  # alias
    ("DFI", "", "", "Det Danske Filminstitut"),  # acronym
    ("VIA UC", "", "", "VIA University College"),  # alias
    ("Animation Workshop", "", "", "The Animation Workshop"),  # leading "The"
    ("Nordisk Film A/S", "", "", "Nordisk Film"),  # legal form
    ("Sybo Games ApS", "", "DK-12345678", "SYBO"),  # CVR number, for a new name
    ("NF Production", "https://nordiskfilm.com", "", "Nordisk Film"),  # website, for a new name
    ("Vision Denmark Creative Business Alliance", "", "", "Vision Denmark"),  # the alias file
    ("Nordisk Games", "", "", "Nordisk Film Games"),  # the alias file, by IRI
    # ... and what must stay apart
    ("Aalborg Universitet", "", "", None),
    ("VIA", "", "", None),
    ("Nordisk Film Games Studio", "", "", None),
    ("TAW Lab", "https://animationworkshop.via.dk/lab", "", None),  # another path is another website
    ("Aarhus Universitet", "https://www.dfi.dk/", "", "Aarhus Universitet"),  # a known name keeps its node
]


@pytest.fixture
def index() -> OrganisationIndex:
    index = OrganisationIndex()
    for name, aliases, acronym, website, cvr in KNOWN:
        iri = MINT.organisation(name)
        index.learn(
            iri,
            label=[name],
            alias=[a.strip() for a in aliases.split(";") if a.strip()] + ([acronym] if acronym else []),
            website=[website] if website else (),
            cvr=[cvr] if cvr else (),
        )
    aliases = AliasFile(
        same=[
            ("Vision Denmark Creative Business Alliance", "Vision Denmark", 2),
            ("Nordisk Games", str(MINT.organisation("Nordisk Film Games")), 3),
        ]
    )
    index.apply_aliases(aliases, MINT)
    return index


@pytest.mark.parametrize(("name", "website", "cvr", "known"), PAIRS)
def test_tricky_names_merge_or_stay_apart(
    index: OrganisationIndex, name: str, website: str, cvr: str, known: str | None
) -> None:
    iri, found = index.resolve(name, MINT, website=website or None, cvr=cvr or None)
    if known is None:
        assert not found and iri == MINT.organisation(name)
    else:
        assert found and iri == MINT.organisation(known)


def test_two_spellings_of_a_new_name_agree_once_one_is_learnt(index: OrganisationIndex) -> None:
    first, _ = index.resolve("TV 2", MINT)
    second, found = index.resolve("TV2", MINT)
    assert found and first == second


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://www.FilmFyn.dk/", "filmfyn.dk", True),
        ("http://filmfyn.dk/index.html?lang=da#top", "https://filmfyn.dk", True),
        ("https://via.dk/taw", "https://via.dk/", False),
        ("https://en.via.dk/", "https://via.dk/", False),
    ],
)
def test_websites_match_on_host_and_path(a: str, b: str, same: bool) -> None:
    assert (normalise_website(a) == normalise_website(b)) is same


# --------------------------------------------------------------------------- the alias file


def test_the_alias_file_reads_merges_and_non_duplicates_and_skips_comments(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text(
        "# comment\nname,same_as,different_from,note\n"
        "A Studio,B Studio,,evidence\n# another\nNyborg Kommune,,Viborg Kommune,two towns\n",
        encoding="utf-8",
    )
    aliases = load_aliases(path)
    assert aliases.same == [("A Studio", "B Studio", 3)]
    assert aliases.different == {frozenset(("nyborg kommune", "viborg kommune"))}
    assert load_aliases(tmp_path / "absent.csv").same == []


def test_every_bad_row_of_the_alias_file_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text(
        "name,same_as,different_from,note\nA,,,no target\n,B,,no name\nC,D,E,both\nF,G,,fine\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failure:
        load_aliases(path)
    assert [p.line for p in failure.value.problems] == [2, 3, 4]
    path.write_text("alias,target\nA,B\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="name,same_as,different_from,note"):
        load_aliases(path)


def test_merges_are_followed_through_and_a_circle_is_an_error() -> None:
    index = OrganisationIndex()
    index.apply_aliases(AliasFile(same=[("A", "B", 2), ("B", "C", 3)]), MINT)
    assert index.find("A") == index.find("B") == MINT.organisation("C")
    with pytest.raises(ImportFailed, match="circle"):
        OrganisationIndex().apply_aliases(AliasFile(same=[("A", "B", 2), ("B", "A", 3)]), MINT)


def test_a_confirmed_merge_beats_what_the_store_says(table_env: TableEnv) -> None:
    path = table_env.csv(
        "organisations.csv",
        ["name", "kind", "source_url"],
        ["Nordisk Games", "investor", SRC],
        ["Nordisk Film Games", "investor", SRC],
    )
    table_env.load(path)
    assert len(table_env.select("SELECT ?o WHERE { ?o a vdk:Investor }")) == 2
    table_env.aliases("Nordisk Games,Nordisk Film Games,,the source says so")
    table_env.load(path)
    found = table_env.select("SELECT DISTINCT ?o WHERE { ?o a vdk:Investor }")
    assert found == [{"o": str(MINT.organisation("Nordisk Film Games"))}]
    [label] = table_env.select(
        f"SELECT ?n WHERE {{ <{MINT.organisation('Nordisk Film Games')}> skos:altLabel ?n }}"
    )
    assert label["n"] == "Nordisk Games"


def test_confirmed_merges_apply_on_the_next_build(table_env: TableEnv) -> None:
    tables = table_env.folder / "tables"
    tables.mkdir()
    (tables / "organisations.csv").write_text(
        f"name,kind,source_url,retrieved\nVDK Alliance,cluster-organisation,{SRC},2026-11-29\n",
        encoding="utf-8",
    )
    (tables / "projects.csv").write_text(
        f"title,lead,source_url,retrieved\nKlyngen,Vision Denmark,{SRC},2026-11-29\n", encoding="utf-8"
    )
    (table_env.folder / "manifest.toml").write_text(
        '[[source]]\nfile = "tables/organisations.csv"\nimporter = "table"\n\n'
        '[[source]]\nfile = "tables/projects.csv"\nimporter = "table"\n',
        encoding="utf-8",
    )
    build(table_env.store, table_env.settings, clean=True)
    lead = "SELECT ?o WHERE { ?p vdk:hasLeadPartner ?o }"
    assert table_env.select(lead) == [{"o": str(MINT.organisation("Vision Denmark"))}]
    assert table_env.select(f"SELECT ?p WHERE {{ <{MINT.organisation('VDK Alliance')}> ?p ?o }}")
    table_env.aliases("VDK Alliance,Vision Denmark,,one cluster")
    build(table_env.store, table_env.settings, clean=True)
    assert table_env.select(lead) == [{"o": str(MINT.organisation("Vision Denmark"))}]
    kinds = {
        r["k"]
        for r in table_env.select(f"SELECT ?k WHERE {{ <{MINT.organisation('Vision Denmark')}> a ?k }}")
    }
    assert "https://w3id.org/vdk/ontology#ClusterOrganisation" in kinds
    assert not table_env.select(f"SELECT ?p WHERE {{ <{MINT.organisation('VDK Alliance')}> ?p ?o }}")


def test_the_index_learns_names_aliases_acronyms_and_identifiers_from_the_store(table_env: TableEnv) -> None:
    path = table_env.csv(
        "organisations.csv",
        HEADER,
        [
            "Det Danske Filminstitut",
            "fund",
            "Danish Film Institute",
            "DFI",
            "https://www.dfi.dk/",
            "12345678",
            SRC,
        ],
    )
    table_env.load(path)
    index = OrganisationIndex.from_store(table_env.store)
    dfi = URIRef(MINT.organisation("Det Danske Filminstitut"))
    assert {index.find(n) for n in ("Det Danske Filminstitut", "Danish Film Institute", "DFI")} == {dfi}
    assert index.find("Filminstituttet", cvr="12345678") == dfi
    assert index.find("Filminstituttet", website="http://dfi.dk") == dfi
    assert index.label(dfi, "?") == "Det Danske Filminstitut"

"""The matchmaking index read from its file answers exactly as the index built in memory.

On the shipped data and on two generated worlds: every suggestion list (scores,
order, reasons, evidence), ideas, paths, brokers, communities, the outreach list
and name lookups are the same; so is the order every set iterates in (it decides
ties). A damaged row is caught and the answer is still right; writing the metrics
graph carries the files over; and a command that finds the file current imports
no networkx.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.store_fixtures import run_child
from vdk_graph import synth
from vdk_graph.config import Settings
from vdk_graph.curation.build import build
from vdk_graph.derived import disk as derived_disk
from vdk_graph.matchmaking import cache, structure
from vdk_graph.matchmaking.index import MATCH_INDEX, MatchIndex, _compute, match_index
from vdk_graph.matchmaking.index_codecs import FIELDS
from vdk_graph.matchmaking.index_file import StoredIndex
from vdk_graph.matchmaking.lookup import resolve_organisation, search_organisations
from vdk_graph.matchmaking.metrics import write_metrics
from vdk_graph.matchmaking.paths import connect, route
from vdk_graph.matchmaking.suggestions import suggest, suggest_for_idea
from vdk_graph.store import EmbeddedStore
from vdk_graph.synth import hubs

DATA = Path(__file__).parent.parent.parent / "data"
BASE = "https://w3id.org/vdk/id/"


def shipped_store(folder: Path) -> Path:
    store = EmbeddedStore(folder / "store")
    build(store, Settings(store=str(folder / "store"), data_dir=DATA))  # its metrics derive the index
    store.close()
    return folder / "store"


def world_store(folder: Path, model: str) -> Path:
    make = synth.generate if model == "communities" else hubs.generate
    eco = make(400, seed=9, first_year=2012, last_year=2022)
    store = EmbeddedStore(folder / "store")
    with store.transaction() as tx:
        tx.replace_graph(eco.graph_iri, list(eco.triples()))
    match_index(store)  # computed and written
    store.close()
    return folder / "store"


@pytest.fixture(scope="module", params=["shipped", "communities", "hubs"])
def pair(request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[MatchIndex, MatchIndex]]:
    """(the index built in memory, the same index read from its file) of one world."""
    folder = tmp_path_factory.mktemp(request.param)
    path = shipped_store(folder) if request.param == "shipped" else world_store(folder, request.param)
    store = EmbeddedStore(path)
    computed = MATCH_INDEX.computed
    stored = match_index(store)
    assert isinstance(stored, StoredIndex) and MATCH_INDEX.computed == computed  # read, not computed
    yield _compute(store), stored
    store.close()


def answer(index: MatchIndex, org: str, **options: Any) -> tuple[list[float], dict[str, object]]:
    result = suggest(index, org, **options)
    return [s.score for s in result.items], result.as_dict()


def sample(orgs: list[str], n: int) -> list[str]:
    return orgs[:: max(1, len(orgs) // n)]


def test_every_suggestion_list_is_the_same(pair: tuple[MatchIndex, MatchIndex]) -> None:
    memory, disk = pair
    orgs = list(memory.orgs)
    assert list(disk.orgs) == orgs
    for org in orgs:
        assert answer(disk, org, top=15) == answer(memory, org, top=15), org
    regions = sorted({p.label() for p in memory.region.values()})[:1]
    for org in sample(orgs, 40):
        for options in ({"include_partners": True, "lang": "da"}, {"kinds": ["knowledge", "company"]},
                        {"regions": regions}, {"weights": {"topics": 2.0, "geography": 0.0}},
                        {"weights": {"exposure": 2.0}}):
            assert answer(disk, org, **options) == answer(memory, org, **options), (org, options)


def test_ideas_paths_and_lookups_are_the_same(pair: tuple[MatchIndex, MatchIndex]) -> None:
    memory, disk = pair
    orgs = list(memory.orgs)
    topic = memory.label(sorted(memory.topic_idf)[0])
    for members in ([], sample(orgs, 3)[:2]):
        ask = {"topics": [topic], "members": members, "top": 20}
        one = suggest_for_idea(memory, "virtual production for animated series and games", **ask)
        other = suggest_for_idea(disk, "virtual production for animated series and games", **ask)
        assert one.as_dict() == other.as_dict()
    ends = sample(orgs, 12)
    for a, b in zip(ends, reversed(ends), strict=True):
        if a != b:
            assert connect(disk, a, b, k=3).as_dict() == connect(memory, a, b, k=3).as_dict()
            one_route, other_route = route(memory, a, b), route(disk, a, b)
            assert (one_route and one_route.as_dict()) == (other_route and other_route.as_dict())
    for org in sample(orgs, 20):
        name = memory.label(org)
        for text in (name, name[: max(3, len(name) // 2)], name.lower() + "x"):
            assert _resolved(disk, text) == _resolved(memory, text)
            assert search_organisations(disk, text) == search_organisations(memory, text)


def _resolved(index: MatchIndex, text: str) -> str:
    try:
        return resolve_organisation(index, text)
    except Exception as exc:  # noqa: BLE001 - the error, message and all, must be the same too
        return f"{type(exc).__name__}: {exc}"


def test_measures_and_the_outreach_list_are_the_same(pair: tuple[MatchIndex, MatchIndex]) -> None:
    memory, disk = pair
    one, other = structure.compute_structure(memory), structure.compute_structure(disk)
    assert other.betweenness == one.betweenness and other.community_of == one.community_of
    assert [b.as_dict() for b in structure.brokers(disk, other)] == \
        [b.as_dict() for b in structure.brokers(memory, one)]
    assert structure.community_views(disk, other) == structure.community_views(memory, one)
    assert structure.outreach(disk, "da") == structure.outreach(memory, "da")


def field_of(index: MatchIndex, name: str) -> Any:
    """One field of the index (the exposure, computed on first use in memory, read from the file)."""
    return index.exposures() if name == "exposure" else getattr(index, name)


def test_every_set_iterates_in_the_same_order(pair: tuple[MatchIndex, MatchIndex]) -> None:
    memory, disk = pair
    for name in [*FIELDS, "relations", "transitions"]:
        mine, theirs = field_of(memory, name), field_of(disk, name)
        assert list(theirs) == list(mine), name
        for key, value in mine.items():
            if name == "ties":  # the small sets of tie keys are never iterated where order matters
                assert theirs[key] == value and list(theirs[key]) == list(value), (name, key)
            else:
                assert _in_order(theirs[key]) == _in_order(value), (name, key)
    assert disk.fingerprint == memory.fingerprint and disk.now == memory.now


def test_an_exposure_computed_before_the_file_is_written_is_kept_in_it(tmp_path: Path) -> None:
    """The exposure costs a suggestion list per sampled organisation: a file written after it was
    computed keeps it, and the index read back has it without computing it again."""
    store = EmbeddedStore(world_store(tmp_path, "hubs"))
    memory = _compute(store)
    expected = dict(memory.exposures())
    codec = MATCH_INDEX.codec
    assert codec is not None
    version = store.data_version()
    assert derived_disk.save(codec, store, (), memory, version) is not None
    store.close()
    again = EmbeddedStore(tmp_path / "store")
    read = derived_disk.load(codec, again, (), version)
    assert isinstance(read, StoredIndex) and read.exposure is not None
    assert dict(read.exposure) == expected and len(expected) > 0
    again.close()


def _in_order(value: Any) -> Any:
    """A value with every collection in it spelt out in its iteration order, and its type."""
    if isinstance(value, dict):
        return ("dict", [(k, _in_order(v)) for k, v in value.items()])
    if isinstance(value, list | tuple | set | frozenset):
        return (type(value).__name__, [_in_order(v) for v in value])
    return (type(value).__name__, value)


def test_a_damaged_row_is_caught_and_the_answer_stays_right(tmp_path: Path) -> None:
    path = world_store(tmp_path, "communities")
    store = EmbeddedStore(path)
    manifest = derived_disk.read_manifest(derived_disk.folder_of(store) / "match-index.json")  # type: ignore[operator]
    assert manifest is not None
    file = path / "derived" / "views" / manifest.file
    memory = _compute(store)
    org = memory.orgs[len(memory.orgs) // 2]
    conn = sqlite3.connect(file)  # the same size, but no row of one table matches its checksum any more
    conn.execute('UPDATE "topic_norm" SET c = c + 1')
    conn.commit()
    conn.close()
    assert file.stat().st_size == manifest.size
    disk = match_index(EmbeddedStore(path))
    assert answer(disk, org, top=10) == answer(memory, org, top=10)
    assert not (path / "derived" / "views" / "match-index.json").exists()  # unpublished: rebuilt next time
    store.close()


def test_the_metrics_graph_changes_nothing_the_index_reads_so_its_files_carry_over(tmp_path: Path) -> None:
    path = world_store(tmp_path, "hubs")
    store = EmbeddedStore(path)
    before = _compute(store)
    write_metrics(store, BASE)
    after = _compute(store)
    for name in FIELDS:
        assert field_of(after, name) == field_of(before, name), name
    assert after.collab.adj == before.collab.adj and after.fingerprint == before.fingerprint
    computed = MATCH_INDEX.computed, cache.MEASURES.computed
    fresh = EmbeddedStore(path)
    assert isinstance(match_index(fresh), StoredIndex)
    assert cache.structure_for(fresh).ready
    assert (MATCH_INDEX.computed, cache.MEASURES.computed) == computed  # both read from their files
    store.close()


PROBE = """
import json, sys
from click.testing import CliRunner
from vdk_graph.cli import main
args = ["--store", sys.argv[1], "match", sys.argv[2], "--top", "3", "--format", "json"]
result = CliRunner().invoke(main, args)
assert result.exit_code == 0, result.output
heavy = ("networkx", "rdflib", "numpy", "scipy", "igraph", "flask")
loaded = sorted(m for m in heavy if m in sys.modules)
print(json.dumps({"loaded": loaded, "answer": json.loads(result.output)}))
"""


def test_match_with_a_current_file_imports_no_graph_library(tmp_path: Path) -> None:
    path = world_store(tmp_path, "communities")
    store = EmbeddedStore(path)
    org = str(match_index(store).orgs[7])
    result = run_child(PROBE, str(path), org)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["loaded"] == []
    assert found["answer"] == [s.as_dict() for s in suggest(_compute(store), org, top=3).items]
    store.close()

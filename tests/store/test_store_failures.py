"""When the machine fails rather than vdk-graph: a missing store, a damaged one, a full disk, a full TMPDIR,
inputs past the parsers' limits. Each is one line on stderr, a non-zero exit, and the store as it was."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result

from vdk_graph import KnowledgeGraph
from vdk_graph.cli import main
from vdk_graph.errors import StoreDamaged, StoreNotFound
from vdk_graph.importers import base, rdf
from vdk_graph.store import EmbeddedStore, checksums
from vdk_graph.store.checksums import SUMS, VERIFIED
from vdk_graph.store.oxigraph import OxigraphTransaction

DATA = Path(__file__).parent.parent / "fixtures" / "data-seed"
TURTLE = """@prefix vdk: <https://w3id.org/vdk/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/vdk/id/organisation/nordlys> a vdk:Company ; rdfs:label "Nordlys Studio" .
"""


def invoke(store: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--store", str(store), "--data-dir", str(DATA), *args])


def one_line_error(result: Result, *words: str) -> str:
    """The error's line, after checking it is the only thing on stderr, with no traceback, exit code 1."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def files_of(store: Path) -> dict[str, bytes]:
    """Every file of the store but the lock and the record of verified files (a cache of checksum
    results that any open may refresh): equal before and after means nothing changed."""
    return {
        str(p.relative_to(store)): p.read_bytes()
        for p in sorted(store.rglob("*"))
        if p.is_file() and p.name != "write.lock" and p.relative_to(store) != Path("derived", VERIFIED)
    }


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A small embedded store: one Turtle file imported through the command line."""
    path = tmp_path / "members.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    folder = tmp_path / "store"
    result = invoke(folder, "import", "rdf", str(path))
    assert result.exit_code == 0, result.output
    return folder


def generation(store: Path) -> Path:
    return store / (store / "generation").read_text(encoding="utf-8").strip()


def biggest_sst(store: Path) -> Path:
    return max(generation(store).glob("*.sst"), key=lambda p: p.stat().st_size)


# --------------------------------------------------------------------------- a store that is not there


def test_a_missing_folder_is_not_an_empty_graph(tmp_path: Path) -> None:
    missing = tmp_path / "var" / "store"
    with pytest.raises(StoreNotFound, match=r"no store at .*vdk-graph --store .* build.*create=True"):
        KnowledgeGraph(str(missing))
    assert not missing.exists()  # asking did not create anything
    missing.mkdir(parents=True)  # an empty folder holds no store either
    with pytest.raises(StoreNotFound):
        KnowledgeGraph(str(missing))


def test_create_makes_an_empty_store_that_opens_later_without_it(tmp_path: Path) -> None:
    path = str(tmp_path / "store")
    with KnowledgeGraph(path, create=True) as kg:
        assert kg.query("ASK { ?s ?p ?o }") is False
    with KnowledgeGraph(path) as kg:
        assert kg.query("ASK { ?s ?p ?o }") is False


@pytest.mark.parametrize(
    "command",
    [["stats"], ["sources"], ["query", "ASK { ?s ?p ?o }"], ["export"], ["validate"], ["duplicates"],
     ["remove-source", "--yes", "x.ttl"], ["serve", "--get", "/"]],
)
def test_commands_that_read_say_there_is_no_store(tmp_path: Path, command: list[str]) -> None:
    one_line_error(invoke(tmp_path / "nothing", *command), "there is no store at", "build")
    assert not (tmp_path / "nothing").exists()


def test_build_and_import_create_the_store_and_build_if_empty_still_works(tmp_path: Path) -> None:
    assert invoke(tmp_path / "a", "build", "--if-empty").exit_code == 0  # what `make run` does first
    assert "nothing built" in invoke(tmp_path / "a", "build", "--if-empty").output
    path = tmp_path / "members.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    assert invoke(tmp_path / "b", "import", "rdf", str(path)).exit_code == 0
    assert invoke(tmp_path / "b", "stats").exit_code == 0


# --------------------------------------------------------------------------- a damaged store


def truncate_sst(store: Path) -> None:
    with biggest_sst(store).open("r+b") as handle:
        handle.truncate(100)


def garble_sst(store: Path) -> None:
    path = biggest_sst(store)
    data = bytearray(path.read_bytes())
    for i in range(50, len(data) - 50, 97):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def remove_current(store: Path) -> None:
    (generation(store) / "CURRENT").unlink()


def binary_pointer(store: Path) -> None:
    (store / "generation").write_bytes(b"\xff\xfe\x00")


def pointer_to_nothing(store: Path) -> None:
    shutil.rmtree(generation(store))


def truncate_sst_of_an_old_generation(store: Path) -> None:
    """A generation written before checksums: RocksDB itself finds the damage when opening it."""
    (generation(store) / SUMS).unlink()
    truncate_sst(store)


DAMAGE: list[Callable[[Path], None]] = [
    truncate_sst, garble_sst, remove_current, binary_pointer, pointer_to_nothing,
    truncate_sst_of_an_old_generation,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
@pytest.mark.parametrize("command", [["stats"], ["serve", "--get", "/"]])
def test_every_kind_of_damage_is_one_line_naming_the_store(store: Path, damage, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    damage(store)
    one_line_error(invoke(store, *command), f"the store at {store} is damaged", "build")
    with pytest.raises(StoreDamaged):
        KnowledgeGraph(str(store))


@pytest.mark.parametrize(
    "command",
    [["sources"], ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"], ["export", "--format", "nquads"],
     ["validate"], ["duplicates"], ["metrics"], ["build"], ["remove-source", "--yes", "members.ttl"],
     ["match", "Nordlys Studio"]],
)
def test_every_command_on_a_damaged_store_is_one_line_and_changes_nothing(
    store: Path, tmp_path: Path, command: list[str]
) -> None:
    garble_sst(store)
    before = files_of(store)
    one_line_error(invoke(store, *command), "is damaged")
    assert files_of(store) == before


def test_files_verified_once_are_not_summed_again_until_they_change(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a big store summed every file each time (a second per gigabyte, every command)."""
    summed: list[str] = []
    real = checksums._crc
    monkeypatch.setattr(checksums, "_crc", lambda path: summed.append(path.name) or real(path))
    (store / "derived" / VERIFIED).unlink(missing_ok=True)
    EmbeddedStore(store, verify=True).close()
    assert summed and (store / "derived" / VERIFIED).is_file()  # every data file summed, then recorded
    summed.clear()
    EmbeddedStore(store, verify=True).close()
    assert summed == []  # nothing changed since: nothing summed
    path = biggest_sst(store)
    stat = path.stat()
    garble_sst(store)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the modification time set back …
    with pytest.raises(StoreDamaged, match="checksum differs"):  # … the change time cannot be
        EmbeddedStore(store, verify=True)
    assert summed == [path.name]


def test_a_garbled_verification_record_only_costs_a_full_check(store: Path) -> None:
    record = store / "derived" / VERIFIED
    EmbeddedStore(store, verify=True).close()
    record.write_text("{not json", encoding="utf-8")
    EmbeddedStore(store, verify=True).close()  # summed again, and recorded anew
    assert json.loads(record.read_text(encoding="utf-8"))["files"]
    garble_sst(store)
    with pytest.raises(StoreDamaged):
        EmbeddedStore(store, verify=True)


def test_the_import_command_on_a_damaged_store_changes_nothing(store: Path, tmp_path: Path) -> None:
    garble_sst(store)
    before = files_of(store)
    other = tmp_path / "other.ttl"
    other.write_text(TURTLE.replace("nordlys", "sydlys"), encoding="utf-8")
    one_line_error(invoke(store, "import", "rdf", str(other)), "is damaged")
    assert files_of(store) == before


def test_damage_the_database_reports_during_a_query_is_one_line(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyoxigraph raises RuntimeError("Corruption: …") from inside a query when a block fails its checksum."""

    def damaged(*args: object, **kwargs: object) -> None:
        raise RuntimeError("Corruption: block checksum mismatch: stored = 1, computed = 2 in 000042.sst")

    monkeypatch.setattr("vdk_graph.sparql.run", damaged)
    one_line_error(invoke(store, "query", "ASK { ?s ?p ?o }"), "is damaged", "block checksum mismatch")


# --------------------------------------------------------------------------- a full disk


def test_a_full_disk_while_writing_is_one_line_and_the_store_is_unchanged(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: OxigraphTransaction, graph: str, triples: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(OxigraphTransaction, "replace_graph", full)
    before = files_of(store)
    other = tmp_path / "other.ttl"
    other.write_text(TURTLE.replace("nordlys", "sydlys"), encoding="utf-8")
    one_line_error(invoke(store, "import", "rdf", str(other)), "could not write the store", "no space left",
                   "Nothing was changed")
    assert files_of(store) == before
    assert not list(store.glob("*.tmp"))


@pytest.mark.parametrize(
    ("triples", "suffix", "words"),
    [(15_000, ".nt", "could not write the store"),
     (base.BULK_TRIPLES + 10, ".nt", "could not write the store"),
     (base.BULK_TRIPLES + 10, ".nq", "could not write the temporary copy")],
)
def test_a_file_size_limit_hit_by_a_real_write_is_one_line(
    store: Path, tmp_path: Path, triples: int, suffix: str, words: str
) -> None:
    """RLIMIT_FSIZE makes real writes fail (EFBIG) as a full disk makes them fail (ENOSPC): RocksDB's own
    files (an N-Triples file goes to the engine as it is); the temporary file first for a big graph the
    importer parsed itself (N-Quads)."""
    big = tmp_path / f"big{suffix}"
    with big.open("w", encoding="utf-8") as handle:
        for n in range(triples - 10):
            handle.write(f'<https://example.org/s{n}> <https://example.org/p> "value number {n}" .\n')
    before = files_of(store)
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, resource.RLIM_INFINITY))\n"
        "from vdk_graph.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, "--store", str(store), "import", "rdf", "--no-shacl", str(big)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert run.returncode == 1, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "file-size limit" in lines[0], lines
    assert files_of(store) == before


def test_a_full_tmpdir_is_one_line_naming_it(
    store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big new graph goes to the bulk loader through a temporary file: a full TMPDIR stops that."""
    real = ox.serialize

    def full(triples: object, output: object = None, *args: object, **kwargs: object) -> object:
        if isinstance(output, str) and output.startswith(str(tmp_path / "tmp")):
            raise OSError(errno.ENOSPC, "No space left on device", output)
        return real(triples, output, *args, **kwargs)  # type: ignore[arg-type]

    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    monkeypatch.setattr(base.ox, "serialize", full)
    monkeypatch.setattr(base, "BULK_TRIPLES", 1)
    before = files_of(store)
    other = tmp_path / "other.ttl"
    other.write_text(TURTLE.replace("nordlys", "sydlys"), encoding="utf-8")
    line = one_line_error(invoke(store, "import", "rdf", str(other)), "temporary copy", "TMPDIR",
                          str(tmp_path / "tmp"), "no space left")
    assert "Nothing was changed" in line
    assert files_of(store) == before and not list((tmp_path / "tmp").iterdir())


def test_any_other_file_system_error_is_one_line(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.nq"
    one_line_error(invoke(store, "export", "-o", str(target)), "No such file or directory")


# --------------------------------------------------------------------------- inputs past the parsers' limits


def test_a_turtle_literal_over_16_mib_is_refused_by_name(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "long.ttl"
    text = "x" * (16 * 1024 * 1024 + 10)
    comment = "http://www.w3.org/2000/01/rdf-schema#comment"
    path.write_text(f'<https://w3id.org/vdk/id/x> <{comment}> "{text}" .\n', encoding="utf-8")
    before = files_of(store)
    result = invoke(store, "import", "rdf", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    expected = "long.ttl: a single literal or IRI is longer than the turtle parser's limit of 16 MiB"
    assert expected in result.stderr
    assert files_of(store) == before


def test_json_ld_nested_5000_deep_is_refused_before_the_parser_sees_it(store: Path, tmp_path: Path) -> None:
    """pyoxigraph's JSON-LD parser recurses: 5,000 levels crash the process (so this runs in a child)."""
    path = tmp_path / "deep.jsonld"
    nested = '{"http://ex.org/p": ' * 5000 + '"v"' + "}" * 5000
    document = '{"@id": "https://w3id.org/vdk/id/x", "http://ex.org/p": ' + nested + "}"
    path.write_text(document, encoding="utf-8")
    before = files_of(store)
    run = subprocess.run(
        [sys.executable, "-m", "vdk_graph", "--store", str(store), "import", "rdf", str(path)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    assert run.returncode == 1, run.stderr
    assert "deep.jsonld: the JSON is nested more than 100 levels deep" in run.stderr
    assert "Traceback" not in run.stderr and files_of(store) == before


def test_json_ld_at_the_depth_limit_is_read(tmp_path: Path) -> None:
    depth = rdf.MAX_JSON_DEPTH - 1  # the outer object is one level
    nested = '{"http://ex.org/p": ' * depth + '"v"' + "}" * depth
    document = '{"@id": "https://w3id.org/vdk/id/x", "http://ex.org/p": ' + nested + "}"
    assert rdf._depth(json.loads(document)) == rdf.MAX_JSON_DEPTH
    assert rdf.check_safe(document.encode(), "jsonld", "ok.jsonld") == []
    assert len(rdf.parse_bytes(document.encode(), "jsonld", "ok.jsonld")) == depth + 1


def test_a_store_written_now_carries_checksums_of_its_files(store: Path, tmp_path: Path) -> None:
    sums = json.loads((generation(store) / SUMS).read_text(encoding="utf-8"))
    assert "CURRENT" in sums and any(name.endswith(".sst") or name.endswith(".log") for name in sums)
    assert EmbeddedStore(store, verify=True).graph_sizes()
    other = tmp_path / "other.ttl"
    other.write_text(TURTLE.replace("nordlys", "sydlys"), encoding="utf-8")
    assert invoke(store, "import", "rdf", str(other)).exit_code == 0  # linked files keep their sums
    # two imports, the ontology and the aggregates, counted after each import into a small store (ADR 0011)
    assert len(EmbeddedStore(store, verify=True).graph_sizes()) == 4
    garble_sst(store)
    with pytest.raises(StoreDamaged, match="checksum differs"):
        EmbeddedStore(store, verify=True)

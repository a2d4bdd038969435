"""Import benchmark: throughput of each importer on synthetic data, with and without SHACL.

For each size (about 100k and 1M triples by default) one synthetic ecosystem
(:mod:`vdk_graph.synth`) is written three ways and imported through the real
pipeline (plan → check → one store transaction) into a fresh embedded store:

- ``rdf``:   the ecosystem as one N-Triples file (``bench.common.synthetic_file``);
- ``table``: the ecosystem as five spreadsheets (organisations, projects with their lead
  and partners, grants, investments, memberships), each citing one source for the whole
  file, so names go through entity resolution as curators' names do;
- ``pure``:  one Pure-format project page per synthetic project (title, description,
  dates, status, partners with roles, keywords), reported in pages/s as well.

"checked" is the ordinary import (every graph validated with pySHACL, with its
context); "--no-shacl" is the documented trusted bulk path (cell, row, syntax and
safety checks still run). pySHACL manages a few thousand triples per second, so
checked runs above ``--shacl-limit`` triples are not run (shown as "not run");
the RDF importer also refuses files over 50 MB without --no-shacl.

    python bench/import_bench.py                          # 100k and 1M triples
    python bench/import_bench.py --triples 100000 --shacl-limit 100000
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))
from bench.common import OUTPUT, fmt_seconds, synthetic_file, table  # noqa: E402
from vdk_graph import synth  # noqa: E402
from vdk_graph.config import Settings  # noqa: E402
from vdk_graph.importers.base import MAX_INPUT_BYTES, ImportContext, Importer, run_import  # noqa: E402
from vdk_graph.importers.pure import PureImporter  # noqa: E402
from vdk_graph.importers.rdf import RdfImporter  # noqa: E402
from vdk_graph.importers.resolution import NameIndex, OrganisationIndex  # noqa: E402
from vdk_graph.importers.table import TableImporter  # noqa: E402
from vdk_graph.importers.table.values import ORGANISATION_KINDS  # noqa: E402
from vdk_graph.store import EmbeddedStore  # noqa: E402

SOURCE = "https://example.org/synthetic-benchmark"
KIND_WORDS = {str(iri): word for word, iri in ORGANISATION_KINDS.items()}


@dataclass
class Run:
    importer: str
    size: str
    checked: bool
    triples: int = 0
    graphs: int = 0
    pages: int = 0
    seconds: float | None = None
    note: str = ""

    def row(self) -> list[str]:
        rate = f"{self.triples / self.seconds:,.0f}" if self.seconds else "n/a"
        pages = f"{self.pages / self.seconds:,.1f}" if self.seconds and self.pages else ""
        return [
            self.importer,
            self.size,
            "checked" if self.checked else "--no-shacl",
            f"{self.triples:,}",
            f"{self.graphs:,}",
            fmt_seconds(self.seconds) if self.seconds else self.note,
            rate,
            pages,
        ]


# --------------------------------------------------------------------------- inputs


def table_files(ecosystem: synth.SynthEcosystem, folder: Path) -> list[Path]:
    """The ecosystem as the spreadsheets a curator would keep (names, not IRIs)."""
    name = {o.iri: o.label for o in ecosystem.orgs}
    title = {p.iri: p.title for p in ecosystem.projects}
    programme = {p.iri: p.label for p in ecosystem.programmes}

    def write(kind: str, header: list[str], rows: list[list[object]]) -> Path:
        path = folder / f"{kind}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return [
        write(
            "organisations",
            ["name", "kind", "city", "founded", "fields"],
            [
                [o.label, KIND_WORDS.get(o.kind, "organisation"), o.city, o.founded, "; ".join(o.topics)]
                for o in ecosystem.orgs
            ],
        ),
        write(
            "projects",
            [
                "title",
                "title_lang",
                "status",
                "start",
                "end",
                "description_en",
                "keywords",
                "programme",
                "lead",
                "partners",
            ],
            [
                [
                    p.title,
                    "en",
                    p.status.lower(),
                    p.start.isoformat(),
                    p.end.isoformat(),
                    p.description,
                    "; ".join(p.topics),
                    programme.get(p.programme or "", ""),
                    name[p.lead],
                    "; ".join(name[o] for o in p.partners[1:]),
                ]
                for p in ecosystem.projects
            ],
        ),
        write(
            "grants",
            ["funder", "recipient", "project", "programme", "amount", "currency", "start", "end", "title"],
            [
                [
                    name[g.funder],
                    name[g.recipient],
                    title[g.project],
                    programme.get(g.programme or "", ""),
                    g.amount,
                    "DKK",
                    g.start.isoformat(),
                    g.end.isoformat(),
                    g.label,
                ]
                for g in ecosystem.grants
            ],
        ),
        write(
            "investments",
            ["investor", "investee", "amount", "currency", "date", "stake"],
            [
                [name[i.investor], name[i.investee], i.amount, "DKK", i.date.isoformat(), i.stake]
                for i in ecosystem.investments
            ],
        ),
        write(
            "memberships",
            ["organisation", "cluster", "start"],
            [[name[m.member], name[m.cluster], m.since] for m in ecosystem.memberships],
        ),
    ]


def pure_pages(ecosystem: synth.SynthEcosystem, folder: Path) -> list[Path]:
    """One page per project, as a curator copies it from a Pure portal."""
    name = {o.iri: o.label for o in ecosystem.orgs}
    paths = []
    for number, project in enumerate(ecosystem.projects):
        partners = [f"  • {name[project.lead]} (lead)"]
        partners += [f"  • {name[o]} (Project partner)" for o in project.partners[1:]]
        keywords = [f"  • {k}" for k in project.topics]
        text = "\n".join(
            [
                project.title,
                "",
                "Project Details",
                "",
                "Description",
                "",
                project.description,
                "",
                f"Short title{project.codename}",
                f"Status{project.status}",
                f"Effective start/end date{project.start:%d/%m/%Y} → {project.end:%d/%m/%Y}",
                "",
                "Collaborative partners",
                "",
                *partners,
                "",
                "Keywords",
                "",
                *keywords,
                "",
            ]
        )
        path = folder / f"page-{number:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- runs


def measure(importer: Importer, paths: list[Path], *, checked: bool) -> tuple[float, int, int]:
    """Wall time, triples written and graphs written of one import into a fresh embedded store."""
    folder = Path(tempfile.mkdtemp(prefix="import-bench-"))
    try:
        store = EmbeddedStore(folder / "store")
        settings = Settings(store=str(folder / "store"), data_dir=folder)
        context = ImportContext(
            settings=settings,
            index=OrganisationIndex(),
            projects=NameIndex(),
            people=NameIndex(),
            trusted=not checked,
        )
        start = time.perf_counter()
        report = run_import(store, importer, paths, context)
        seconds = time.perf_counter() - start
        triples = store.triple_count()
        store.close()
        return seconds, triples, len(report.changes)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bench_size(target: int, shacl_limit: int, seed: int, importers: list[str]) -> list[Run]:
    label = f"{target / 1e6:g}M" if target >= 1_000_000 else f"{target // 1000}k"
    nt_path, nt_triples = synthetic_file(target, seed=seed)
    ecosystem = synth.generate(synth.orgs_for_triples(target), seed=seed)
    work = OUTPUT / f"import-bench-{label}-s{seed}"
    shutil.rmtree(work, ignore_errors=True)
    (work / "pages").mkdir(parents=True)
    inputs: dict[str, tuple[Callable[[], Importer], list[Path]]] = {}
    if "rdf" in importers:
        inputs["rdf"] = (RdfImporter, [nt_path])
    if "table" in importers:
        inputs["table"] = (TableImporter, table_files(ecosystem, work))
    if "pure" in importers:
        inputs["pure"] = (PureImporter, pure_pages(ecosystem, work / "pages"))
    runs = []
    try:
        for name, (make, paths) in inputs.items():
            for checked in (False, True):
                run = Run(name, label, checked, pages=len(paths) if name == "pure" else 0)
                if checked and nt_triples > shacl_limit:
                    run.note = f"not run (> {shacl_limit:,} triples)"
                elif checked and name == "rdf" and nt_path.stat().st_size > MAX_INPUT_BYTES:
                    run.note = "refused (> 50 MB)"
                else:
                    importer = make()
                    if name == "table":
                        importer = _with_source(importer)
                    run.seconds, run.triples, run.graphs = measure(importer, paths, checked=checked)
                print(
                    f"  {name:<5} {label:>5} {'checked' if checked else 'no-shacl':<8} "
                    f"{fmt_seconds(run.seconds) if run.seconds else run.note}",
                    file=sys.stderr,
                    flush=True,
                )
                runs.append(run)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return runs


class _with_source:  # noqa: N801 - reads as what it does at the call site
    """The table importer with one --source-url for every file (the synthetic rows cite no page)."""

    def __init__(self, importer: TableImporter) -> None:
        self.inner, self.name = importer, importer.name

    def prepare(self, paths: list[Path], context: ImportContext) -> None:
        self.inner.prepare(paths, _sourced(context))

    def plan(self, path: Path, context: ImportContext):  # type: ignore[no-untyped-def]
        return self.inner.plan(path, _sourced(context))


def _sourced(context: ImportContext) -> ImportContext:
    context.source_url = SOURCE
    return context


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--triples",
        type=int,
        nargs="+",
        default=[100_000, 1_000_000],
        help="sizes in (about) triples of the synthetic ecosystem",
    )
    parser.add_argument(
        "--shacl-limit",
        type=int,
        default=150_000,
        help="largest size for which the checked (SHACL) imports are run",
    )
    parser.add_argument(
        "--importers", nargs="+", default=["rdf", "table", "pure"], choices=["rdf", "table", "pure"]
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    runs = [
        run for size in args.triples for run in bench_size(size, args.shacl_limit, args.seed, args.importers)
    ]
    print(
        table(
            ["importer", "size", "checks", "triples stored", "graphs", "time", "triples/s", "pages/s"],
            [r.row() for r in runs],
        )
    )
    print(
        "\nEach run: plan + checks + one transaction into a fresh embedded store; wall time of one run. "
        "'triples stored' counts the union (the table and pure importers restate the nodes they refer to)."
    )


if __name__ == "__main__":
    main()

"""The hubs world (vdk_graph.synth.hubs): reproducible, marked synthetic, made by its own mechanisms."""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_synth import ROOT, select, store_of
from vdk_graph import synth
from vdk_graph.cli.synth_cmds import synth as synth_command
from vdk_graph.synth import hubs


@pytest.fixture(scope="module")
def world() -> synth.SynthEcosystem:
    return hubs.generate(600, seed=5, first_year=2010, last_year=2024)


def partners_of(eco: synth.SynthEcosystem) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for project in eco.projects:
        for a, b in itertools.permutations(project.partners, 2):
            out.setdefault(a, set()).add(b)
    return out


def test_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(tmp_path: Path) -> None:
    paths = [tmp_path / f"{i}.nt" for i in range(3)]
    for path, seed in zip(paths, (4, 4, 5), strict=True):
        synth.write(hubs.generate(200, seed=seed), path, "nt")
    assert paths[0].read_bytes() == paths[1].read_bytes() != paths[2].read_bytes()


def test_everything_is_synthetic_and_says_which_generator(world: synth.SynthEcosystem) -> None:
    assert world.model == "hubs" and world.graph_iri.endswith("/hubs-5-600")
    assert all(o.label.endswith(synth.MARK) and o.iri.startswith(ROOT) for o in world.orgs)
    store = store_of(world)
    unflagged = select(store, """SELECT ?s WHERE { { ?s a vdk:Organisation } UNION { ?s a vdk:Project }
                                 FILTER NOT EXISTS { ?s vdk:synthetic true } }""")
    assert unflagged == []
    [(label,)] = select(store, 'SELECT ?l WHERE { ?g vdk:importer "synth" ; rdfs:label ?l }')
    assert str(label).startswith("Synthetic ecosystem (hubs): 600 organisations, seed 5")


def test_a_few_hubs_work_with_a_large_share_of_everyone(world: synth.SynthEcosystem) -> None:
    partners = partners_of(world)
    degrees = sorted((len(p) for p in partners.values()), reverse=True)
    assert degrees[0] > 10 * statistics.median(degrees)  # preferential attachment and hubs skew degrees
    hub_iris = {world.orgs[i].iri for i in range(len(world.orgs))
                if world.orgs[i].kind in (synth.vocabulary.CLUSTER,)}
    assert hub_iris & {iri for iri, p in partners.items() if len(p) >= degrees[9]}


def test_repeat_partners_and_partners_of_partners_happen(world: synth.SynthEcosystem) -> None:
    seen: Counter[frozenset[str]] = Counter()
    for project in world.projects:
        seen.update(frozenset(pair) for pair in itertools.combinations(project.partners, 2))
    assert sum(1 for count in seen.values() if count > 1) > 0.05 * len(seen)


def test_partners_share_fields_more_than_chance(world: synth.SynthEcosystem) -> None:
    org = world.org_by_iri
    pairs = [tuple(p) for p in world.collaborations()]
    share = sum(bool(set(org[a].topics) & set(org[b].topics)) for a, b in pairs) / len(pairs)
    everyone = [o.iri for o in world.orgs]
    random_pairs = list(itertools.islice(itertools.combinations(everyone[::7], 2), len(pairs)))
    chance = sum(bool(set(org[a].topics) & set(org[b].topics)) for a, b in random_pairs) / len(random_pairs)
    assert share > 1.3 * chance


def test_training_parameters_vary_around_the_defaults() -> None:
    drawn = [hubs.random_parameters(seed) for seed in range(5)]
    assert len({p.alpha for p in drawn}) == 5
    assert all(0.5 * hubs.HubParameters().p_hub <= p.p_hub <= 1.5 * hubs.HubParameters().p_hub for p in drawn)


def test_cli_writes_the_hubs_world(tmp_path: Path) -> None:
    output = tmp_path / "hubs.nt"
    result = CliRunner().invoke(synth_command, ["--orgs", "150", "--model", "hubs", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "150 organisations" in result.output and output.stat().st_size > 0
    assert "hubs-1-150" in output.read_text(encoding="utf-8")

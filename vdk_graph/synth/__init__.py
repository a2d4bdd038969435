"""Synthetic ecosystems: reproducible, realistic data at any size, for benchmarks and matchmaking evaluation.

The real graph is small, so scale tests and the evaluation of partner
suggestions need generated data with the *structure* of the real ecosystem —
otherwise a benchmark measures a uniform random graph and an evaluation rewards
nothing. The model:

- ``K ≈ √n / 3`` communities (at least 3), each with 5–8 characteristic topics
  drawn mostly from one or two topic families (games, animation, XR …);
- organisations of realistic kinds, each in a real Danish city (mildly
  clustered per community) and founded in some year — new companies keep
  arriving, and a newcomer soon gets a first project;
- projects per year grow 8 % a year; each has 2–12 partners (mostly few) and
  one lead; partners come 85 % from the lead's community and otherwise from one
  other community, with preferential attachment (chance ∝ 1 + past projects),
  companies paired with knowledge institutions, universities leading the big
  consortia; keywords come mostly from the community's topics, and titles and
  descriptions are written from the keywords, so text similarity is real;
- grants to ~40 % of projects, ~n/20 investments, cluster memberships.

Everything is minted under ``{base}synthetic/``, flagged ``vdk:synthetic true``
and written to files, never into ``data/``. The same seed gives the same bytes:
one :class:`random.Random` drives every choice, nothing iterates a set, and the
provenance is stamped with :data:`REFERENCE_DATE`, the day the synthetic world
is "as of" (project statuses are relative to it too).

A second world with other mechanisms — hubs, preferential attachment, repeat
partners and partners of partners, no planted communities — is
:func:`vdk_graph.synth.hubs.generate` (``vdk-graph synth --model hubs``): the
matchmaking benchmark is run on both, so a scorer cannot win by fitting one.

The package, by concern: :mod:`~vdk_graph.synth.vocabulary` (topic, place, kind and
name tables), :mod:`~vdk_graph.synth.parameters` (model knobs and calibration),
:mod:`~vdk_graph.synth.model` (the dataclasses), :mod:`~vdk_graph.synth.generator`
(the random process), :mod:`~vdk_graph.synth.text` (titles and descriptions) and
:mod:`~vdk_graph.synth.rdf` (triples, quads, provenance and files); :mod:`~vdk_graph.synth.hubs`
(the hubs world) with :mod:`~vdk_graph.synth.hubs_parameters` (its knobs).
"""

from __future__ import annotations

from vdk_graph.synth.generator import generate, orgs_for_triples
from vdk_graph.synth.model import (
    DEFAULT_BASE_IRI,
    REFERENCE_DATE,
    SynthEcosystem,
    SynthGrant,
    SynthInvestment,
    SynthMembership,
    SynthOrganisation,
    SynthProgramme,
    SynthProject,
)
from vdk_graph.synth.parameters import (
    DURATION_WEIGHTS,
    DURATIONS,
    FIXED_TRIPLES,
    GRANT_SHARE,
    GROUPS,
    KEYWORD_COUNTS,
    KEYWORD_FROM_COMMUNITY,
    KEYWORD_WEIGHTS,
    LEAD_WEIGHTS,
    MEMBER_SHARE,
    MIN_ORGS,
    NEWCOMER_CHANCE,
    PARTNER_WEIGHTS,
    PROGRAMME_SHARE,
    PROJECTS_PER_ORG,
    SIZE_WEIGHTS,
    SIZES,
    TRIPLES_PER_ORG,
    WITHIN_COMMUNITY,
    YEARLY_GROWTH,
)
from vdk_graph.synth.rdf import FORMATS, SYNTHETIC_PREFIXES, Format, curated_data_folder, format_for, write
from vdk_graph.synth.vocabulary import (
    CITIES,
    COMPANY,
    FAMILIES,
    FAMILY_WORDS,
    GROUP,
    KINDS,
    MARK,
    NAME_PATTERNS,
    PROGRAMME_LINES,
    REGIONS,
    STEM_HEADS,
    STEM_TAILS,
    TOPIC_LABELS,
    TOPICS,
)

__all__ = [
    # Entry points
    "generate", "orgs_for_triples", "write", "format_for", "curated_data_folder",
    # The ecosystem
    "SynthEcosystem", "SynthOrganisation", "SynthProject", "SynthProgramme", "SynthGrant", "SynthInvestment",
    "SynthMembership", "DEFAULT_BASE_IRI", "REFERENCE_DATE",
    # Output formats
    "Format", "FORMATS", "SYNTHETIC_PREFIXES",
    # Calibration and model parameters
    "MIN_ORGS", "PROJECTS_PER_ORG", "TRIPLES_PER_ORG", "FIXED_TRIPLES", "YEARLY_GROWTH", "WITHIN_COMMUNITY",
    "KEYWORD_FROM_COMMUNITY", "PROGRAMME_SHARE", "GRANT_SHARE", "MEMBER_SHARE", "NEWCOMER_CHANCE", "SIZES",
    "SIZE_WEIGHTS", "GROUPS", "LEAD_WEIGHTS", "PARTNER_WEIGHTS", "KEYWORD_COUNTS", "KEYWORD_WEIGHTS",
    "DURATIONS", "DURATION_WEIGHTS",
    # Vocabulary
    "MARK", "COMPANY", "KINDS", "GROUP", "TOPICS", "TOPIC_LABELS", "FAMILIES", "FAMILY_WORDS", "REGIONS",
    "CITIES", "STEM_HEADS", "STEM_TAILS", "NAME_PATTERNS", "PROGRAMME_LINES",
]

"""Project titles and descriptions, written from the project's keywords.

The text is made from the same keywords as the project's ``vdk:keyword`` links, so
text similarity between projects is real signal, not noise. Every choice is drawn
from the caller's :class:`random.Random`, in a fixed order.
"""

from __future__ import annotations

import random

from vdk_graph.synth.vocabulary import FAMILY_WORDS, MARK

TITLES = (
    "{c}: {A} for {b}", "{c}: new approaches to {a} in {b}", "{c}: {A} and {b}", "{c}: {A} meets {b}",
    "{c}: scaling {a} with {b}",
)
OPENINGS = (
    "{c} is a synthetic project on {a} and {b}.",
    "A synthetic {y}-year collaboration on {a}, with a focus on {b}.",
    "{c} brings {n} partners together to work on {a} for {b}.",
)
MIDDLES = (
    "The partners develop prototypes and methods in {r}.", "Work packages also cover {r}.",
    "It builds on the {f} community's experience with {r}.",
)
CLOSINGS = (
    "Results are shared through open workshops and a public report.",
    "The project ends with a showcase at a Danish industry event.",
    "Students and early-career talent take part throughout.",
)
#: Chance that a description gets a closing sentence.
CLOSING_SHARE = 0.4


def title(rng: random.Random, codename: str, keywords: list[str]) -> str:
    """``Fjordlys 12: Serious games for cultural heritage (synthetic)``: from the first two keywords."""
    pattern = rng.choice(TITLES)
    a, b = keywords[0], keywords[1]
    return pattern.format(c=codename, A=a, a=lowercase_label(a), b=lowercase_label(b)) + MARK


def description(rng: random.Random, codename: str, keywords: list[str], partners: int, years: int,
                family: str) -> str:
    """Two to three sentences naming every keyword; ``family`` is the lead community's main one."""
    words = [lowercase_label(k) for k in keywords]
    sentences = [rng.choice(OPENINGS).format(c=codename, a=words[0], b=words[1], y=years, n=partners)]
    if len(words) > 2:
        rest = ", ".join(words[2:-1]) + (" and " if len(words) > 3 else "") + words[-1]
        sentences.append(rng.choice(MIDDLES).format(r=rest, f=FAMILY_WORDS[family]))
    if rng.random() < CLOSING_SHARE:
        sentences.append(rng.choice(CLOSINGS))
    return " ".join(sentences)


def lowercase_label(label: str) -> str:
    """'Serious games' → 'serious games' inside a sentence, but 'AI tools' and 'TV drama' stay."""
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label

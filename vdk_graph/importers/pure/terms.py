"""Keywords and research areas as Pure pages write them: one bullet each, or several joined by commas."""

from __future__ import annotations

import re


def split_terms(text: str) -> list[str]:
    """Split "a, b, c" into terms, but keep a named term such as "Media, communication and languages".

    Portals print one bullet per keyword, yet curators and some portals put
    several on one bullet with commas. A comma list whose last part joins with
    "and"/"og"/"&" reads as one classification label, not as separate terms.
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 1 and re.search(r"(?:^|\s)(?:and|og|&)\s", parts[-1]):
        return [text.strip()]
    return [p for p in parts if p]


def dedupe(items: list[str]) -> list[str]:
    """The items in their order, each once, compared without case."""
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        folded = item.casefold()
        if item and folded not in seen:
            seen.add(folded)
            kept.append(item)
    return kept

"""Which of an organisation's places it is shown in: one rule for the map and for matchmaking.

An organisation may be ``vdk:basedIn`` several places (a city from one source, its
country from another, two cities). The network projection (the map, the insight
pages) and the matchmaking index (the geography signal and its reasons) must name
the same one, and every engine must give the same answer whatever order its rows
come in: so the choice is a function of the data alone, never of row order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping


def precision(place: str, cities: Collection[str], regions: Mapping[str, object]) -> tuple[int, int, str]:
    """Smaller is more precise: a city before anything else, one in a region before one without,
    then the IRI (a stable tie-break)."""
    return (0 if place in cities else 1, 0 if place in regions else 1, place)


def most_precise(places: Iterable[str], cities: Collection[str], regions: Mapping[str, object]) -> str:
    """The place to show of ``places`` (not empty): see :func:`precision`."""
    return min(places, key=lambda place: precision(place, cities, regions))

"""Names as CORDIS writes them (ASCII capitals, postal districts) made readable as the dataset writes them.

A new organisation from CORDIS is labelled "Aalborg Universitet", not "AALBORG
UNIVERSITET" (CORDIS's capitals are kept as its alternative label by the mapping),
and "KOBENHAVN S" is the city the other sources call Copenhagen.
"""

from __future__ import annotations

import re

#: Cities CORDIS writes in ASCII capitals, under the names the dataset uses.
CITIES = {
    "KOBENHAVN": "Copenhagen",
    "KOEBENHAVN": "Copenhagen",
    "KØBENHAVN": "Copenhagen",
    "COPENHAGEN": "Copenhagen",
    "ARHUS": "Aarhus",
    "AARHUS": "Aarhus",
    "ÅRHUS": "Aarhus",
    "AALBORG": "Aalborg",
    "ODENSE": "Odense",
    "FREDERIKSBERG": "Frederiksberg",
    "VIBORG": "Viborg",
    "KONGENS LYNGBY": "Kongens Lyngby",
    "LISBOA": "Lisbon",
    "BRUXELLES": "Brussels",
    "BRUSSEL": "Brussels",
}
#: Danish postal districts after a city name ("KOBENHAVN S", "AARHUS C").
_DISTRICT = re.compile(r"\s+(?:C|K|N|NV|NØ|O|Ø|S|SV|SØ|V|NO|SO)$", re.I)
#: Words kept in capitals (legal forms) or in lower case (particles) when a capitalised name is prettified.
_CASED = {"APS": "ApS", "IVS": "IVS", "A/S": "A/S", "GMBH": "GmbH", "EV": "e.V.", "E.V.": "e.V."}
_UPPER = {
    "APS",
    "A/S",
    "AB",
    "AS",
    "ASA",
    "BV",
    "NV",
    "GMBH",
    "AG",
    "SA",
    "SAS",
    "SARL",
    "SRL",
    "SPA",
    "LTD",
    "PLC",
    "OY",
    "IVS",
    "I/S",
    "P/S",
    "K/S",
    "EV",
    "E.V.",
    "VZW",
    "ASBL",
    "SL",
    "SLU",
    "UG",
    "KG",
}
_LOWER = {
    "i",
    "of",
    "and",
    "for",
    "de",
    "la",
    "le",
    "les",
    "du",
    "des",
    "der",
    "den",
    "die",
    "van",
    "von",
    "og",
    "the",
    "und",
    "di",
    "del",
    "della",
    "da",
    "do",
    "dos",
    "e",
    "y",
    "et",
    "en",
}


def readable(name: str) -> str:
    """CORDIS's capitals in readable case ("AALBORG UNIVERSITET" → "Aalborg Universitet"); others as given."""
    if name != name.upper() or not re.search(r"[A-ZÆØÅ]", name):
        return name
    words = []
    for number, word in enumerate(name.split()):
        if word.upper() in _CASED:
            words.append(_CASED[word.upper()])
        elif word.upper() in _UPPER:
            words.append(word.upper())
        elif number and word.casefold() in _LOWER:
            words.append(word.casefold())
        else:
            words.append("-".join(part[:1].upper() + part[1:].casefold() for part in word.split("-")))
    return " ".join(words)


def city_name(written: str) -> str | None:
    """The city as the dataset names it: postal district dropped, known capitals mapped, others readable."""
    text = " ".join(written.split())
    if not text:
        return None
    text = _DISTRICT.sub("", text)
    return CITIES.get(text.upper()) or readable(text)

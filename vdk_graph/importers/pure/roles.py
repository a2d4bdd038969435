"""Split a partner or participant line into a name, a role and an affiliation.

Pure prints people and organisations the same way, "Name (role)", and the
role is the only sign of which is which: "(Projektpartner)" is an
organisation, "(Projektleder)" a person. Names come as "First Last - Org",
"First Last, Org" or "Last, First", and parentheses also hold acronyms
("Danish Technological Institute (DTI)") that belong to the name. These rules
are kept apart from the page reader because they are about one line of text,
not about where the line sits on the page, and are easiest to check that way.
"""

from __future__ import annotations

import re

from vdk_graph.importers.pure.record import PartnerRole, PersonRole
from vdk_graph.importers.pure.vocabulary import (
    ORG_ROLES,
    ORG_WORDS,
    PERSON_LEADER_STEMS,
    PERSON_LEADER_WORDS,
    PERSON_PARTICIPANT_STEMS,
    PERSON_PARTICIPANT_WORDS,
    label_key,
)

_PAREN = re.compile(r"\(([^()]*)\)")
_ACRONYM = re.compile(r"^[A-ZÆØÅ0-9&./\-]{2,12}$")


def split_role(text: str) -> tuple[str, str | None]:
    """Name and role from "Name (role)"; an acronym in parentheses ("(DFI)") stays part of the name."""
    groups = list(_PAREN.finditer(text))
    chosen = next((m for m in reversed(groups) if _is_known_role(m.group(1))), None)
    if chosen is None and groups and not text[groups[-1].end() :].strip():
        last = groups[-1]
        if not _ACRONYM.match(last.group(1).strip()):
            chosen = last
    if chosen is None:
        return text.strip(), None
    name = (text[: chosen.start()] + text[chosen.end() :]).strip()
    return re.sub(r"\s{2,}", " ", name), chosen.group(1).strip() or None


def _is_known_role(role_text: str) -> bool:
    return org_role(role_text) is not None or person_role(role_text) is not None


def org_role(role_text: str) -> PartnerRole | None:
    """An organisation's role from its role text; None when the text names no role an organisation has."""
    return ORG_ROLES.get(label_key(role_text))


def person_role(role_text: str) -> PersonRole | None:
    """A person's role from its words; None when the text names no role a person can have."""
    parts = [label_key(p) for p in re.split(r"[,/;]| og | and ", role_text) if p.strip()]
    if any(p in PERSON_LEADER_WORDS for p in parts):
        return "leader"
    if any(p in PERSON_PARTICIPANT_WORDS for p in parts):
        return "participant"
    for part in parts:
        if part.startswith("co-") or part.startswith("med"):
            continue
        if any(stem in part for stem in PERSON_LEADER_STEMS):
            return "leader"
    if any(stem in p for p in parts for stem in PERSON_PARTICIPANT_STEMS):
        return "participant"
    return None


def person_name(text: str) -> tuple[str, str | None]:
    """("First Last", affiliation) from "First Last - Org", "First Last, Org" or "Last, First"."""
    dash = re.split(r"\s+[-–—]\s+", text, maxsplit=1)
    if len(dash) == 2:
        return dash[0].strip(), dash[1].strip() or None
    if "," not in text:
        return text.strip(), None
    before, after = (p.strip() for p in text.split(",", 1))
    if _is_surname_first(before, after):
        return f"{after} {before}", None
    return before, after or None


def _is_surname_first(before: str, after: str) -> bool:
    """ "Hansen, Mette" is a name turned round; "Mette Hansen, VIA UC" is a name and its organisation."""
    given = after.split()
    if len(before.split()) != 1 or not 1 <= len(given) <= 3:
        return False
    if any(word in after.casefold() for word in ORG_WORDS):
        return False
    return all(w[0].isupper() and not w.isupper() for w in given if w)

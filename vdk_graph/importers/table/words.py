"""Reading controlled words from spreadsheet cells: kinds, roles, positions, statuses, scopes.

Each reader takes the word a curator typed, in Danish or English, case-blind and
with '-', '_' and spaces alike, and returns the project's value (a class, a
role key); the allowed words are tables, so teaching the importer a new word is
a one-line edit. A word it does not know is a :class:`~.cells.CellError` that
lists the words it does.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from vdk_graph.importers.pure.vocabulary import ORG_ROLES, STATUSES, label_key, words
from vdk_graph.importers.table.cells import Cell, CellError, as_text, split_list
from vdk_graph.kinds import SPREADSHEET_WORDS
from vdk_graph.vocab import VDK


def _key(text: str) -> str:
    """Compare words case-blind, with '-', '_' and spaces alike."""
    return re.sub(r"[\s_-]+", " ", label_key(text))


def _words(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_key(word): value for value, spellings in table.items() for word in (value, *spellings)}


#: The spreadsheet's words for kinds of organisation (the kinds table's) → class.
ORGANISATION_KINDS: dict[str, URIRef] = {word: VDK[cls] for word, cls, _ in SPREADSHEET_WORDS}
_KIND_WORDS = _words({word: words(spellings) for word, _, spellings in SPREADSHEET_WORDS})
EXPECTED_KIND = ", ".join(ORGANISATION_KINDS) + " (several with ';')"


def read_kinds(value: Cell) -> list[URIRef]:
    found: list[URIRef] = []
    for word in split_list(value):
        kind = _KIND_WORDS.get(_key(word))
        if kind is None:
            raise CellError(f"'{word}' is not a kind of organisation", EXPECTED_KIND)
        if ORGANISATION_KINDS[kind] not in found:
            found.append(ORGANISATION_KINDS[kind])
    if not found:
        raise CellError("no kind given", EXPECTED_KIND)
    return found


#: Roles of organisations in projects, keyed like the Pure importer's roles.
_ORG_ROLE_WORDS = _words(
    {
        "lead": (
            *words("leder|coordinator|koordinator|lead partner|ledende partner"),
            *(w for w, r in ORG_ROLES.items() if r == "lead"),
        ),
        "partner": (
            *words("projektpartner|project partner"),
            *(w for w, r in ORG_ROLES.items() if r == "partner"),
        ),
        "associated": words("associated|associated partner|associeret partner|associatedpartner"),
        "unspecified": words("uspecificeret|not stated|unknown|ukendt|participant|deltager"),
    }
)
_PERSON_ROLE_WORDS = _words(
    {
        "leader": words("projektleder|project leader|leder|lead|manager|project manager"),
        "participant": words("projektdeltager|project participant|deltager|member|medlem|partner"),
        "unspecified": words("uspecificeret|not stated|unknown|ukendt"),
    }
)
EXPECTED_ORG_ROLE = "lead, partner, associated or unspecified (leder, projektpartner, associeret partner)"
EXPECTED_PERSON_ROLE = "leader, participant or unspecified (projektleder, projektdeltager)"


def read_org_role(value: Cell) -> str:
    role = _ORG_ROLE_WORDS.get(_key(as_text(value)))
    if role is None:
        raise CellError(
            f"'{as_text(value)}' is not a role of an organisation in a project", EXPECTED_ORG_ROLE
        )
    return role


def read_person_role(value: Cell) -> str:
    role = _PERSON_ROLE_WORDS.get(_key(as_text(value)))
    if role is None:
        raise CellError(f"'{as_text(value)}' is not a role of a person in a project", EXPECTED_PERSON_ROLE)
    return role


POSITION_ROLES: dict[str, URIRef] = {
    "director": VDK.Director,
    "chief-executive": VDK.ChiefExecutive,
    "board-chair": VDK.BoardChair,
    "founder": VDK.Founder,
    "project-manager": VDK.ProjectManager,
    "executive": VDK.Executive,
}
_POSITION_WORDS = _words(
    {
        "director": words("direktør|direktoer|head|chef|leder"),
        "chief-executive": words(
            "ceo|adm. direktør|adm direktør|administrerende direktør|managing director|md"
        ),
        "board-chair": words("formand|bestyrelsesformand|chair|chairman|chairwoman|chairperson|board chair"),
        "founder": words("stifter|grundlægger|co-founder|medstifter|founding partner"),
        "project-manager": words("projektansvarlig|projektchef|project manager|projektleder"),
        "executive": words("ledende medarbejder|vice president|vp|koncerndirektør|executive director"),
    }
)
EXPECTED_POSITION_ROLE = ", ".join(POSITION_ROLES) + " (the source's own words go in job_title)"


def read_position_role(value: Cell) -> URIRef:
    role = _POSITION_WORDS.get(_key(as_text(value)))
    if role is None:
        raise CellError(
            f"'{as_text(value)}' is not a role of a person in an organisation", EXPECTED_POSITION_ROLE
        )
    return POSITION_ROLES[role]


PROJECT_STATUSES: dict[str, URIRef] = {
    "planned": VDK.Planned,
    "active": VDK.Active,
    "finished": VDK.Finished,
    "cancelled": VDK.Cancelled,
}
_STATUS_WORDS = {_key(word): status for word, status in STATUSES.items()} | {
    _key(s): s for s in PROJECT_STATUSES
}


def read_status(value: Cell) -> URIRef:
    status = _STATUS_WORDS.get(_key(as_text(value)))
    if status is None:
        raise CellError(
            f"'{as_text(value)}' is not a project status",
            "planned, active, finished or cancelled (planlagt, igangværende, afsluttet, aflyst)",
        )
    return PROJECT_STATUSES[status]


SCOPES: dict[str, URIRef] = {"dvi": VDK.DigitalVisualIndustry, "other": VDK.OtherIndustry}
_SCOPE_WORDS = _words(
    {
        "dvi": words("digital visual industry|digital visuel industri|den digitale visuelle industri"),
        "other": words("other industry|andet erhverv|andet|other"),
    }
)


def read_scope(value: Cell) -> URIRef:
    scope = _SCOPE_WORDS.get(_key(as_text(value)))
    if scope is None:
        raise CellError(
            f"'{as_text(value)}' is not a scope",
            "dvi (the digital visual industry) or other (another industry); empty for organisations of "
            "every industry",
        )
    return SCOPES[scope]


INVESTMENT_TYPES = ("investment", "capital-contribution")
_INVESTMENT_TYPE_WORDS = _words(
    {
        "investment": words("venture|venture investment|investering|kapitalinvestering"),
        "capital-contribution": words(
            "capital contribution|kapitalindskud|indskud|contribution|founding contribution"
        ),
    }
)


def read_investment_type(value: Cell) -> str:
    kind = _INVESTMENT_TYPE_WORDS.get(_key(as_text(value)))
    if kind is None:
        raise CellError(
            f"'{as_text(value)}' is not a type of investment",
            "investment (capital put into a company) or capital-contribution (capital put into a fund by "
            "its owners or founders)",
        )
    return kind


def read_participant_type(value: Cell) -> str:
    text = _key(as_text(value))
    if text in ("organisation", "organization", "org"):
        return "organisation"
    if text in ("person", "people", "personer"):
        return "person"
    raise CellError(f"'{as_text(value)}' is not a kind of participant", "organisation or person")

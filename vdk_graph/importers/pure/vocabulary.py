"""What Pure portals print around a project, as data: headings, field labels, type lines, statuses, roles.

Each portal (UC Viden, VBN, AU Pure) words its pages a little differently,
in English or Danish, and curators keep meeting new variants. Keeping every
variant in one place means that teaching the importer a new label, heading,
status or role is a table edit here, not a code change, and that the modules
reading the page (:mod:`~vdk_graph.importers.pure.layout`,
:mod:`~vdk_graph.importers.pure.roles`, :mod:`~vdk_graph.importers.pure.parser`)
agree on one spelling of each. Each table is one "|"-separated string so it
reads as a list of words.
"""

from __future__ import annotations

import re

from vdk_graph.importers.pure.record import PartnerRole, Status

#: The name problems give the start/end date field, whatever the page calls it.
DATE_FIELD = "Effective start/end date"


def words(spec: str) -> tuple[str, ...]:
    """ "a|b c|d" → ("a", "b c", "d"): how every table in the importer spells a list of words."""
    return tuple(word.strip() for word in spec.split("|") if word.strip())


def label_key(text: str) -> str:
    """Compare labels case-blind, with any apostrophe, spacing or trailing colon."""
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip().casefold()


# --------------------------------------------------------------------------- headings and labels

#: The heading only project pages have ("Overview"/"Details" also head other kinds of page).
PROJECT_DETAILS = words("project details|projektdetaljer")
SECTIONS: dict[str, tuple[str, ...]] = {
    "details": (*PROJECT_DETAILS, *words("details|detaljer|overview|oversigt")),
    "description": words("description|beskrivelse|project description|projektbeskrivelse"),
    "laymans": words(
        "layman's description|laymans description|lay description|lægmandssprog|lægmandsbeskrivelse"
    ),
    "key_findings": words(
        "key findings|key results|centrale resultater|vigtigste resultater|nøgleresultater"
    ),
    "partners": words("collaborative partners|samarbejdspartnere|partners|partnere"),
    "keywords": words("keywords|nøgleord|emneord"),
    "research_areas": words("research areas|research area|forskningsområder|forskningsområde"),
    "participants": words("participants|project participants|deltagere|projektdeltagere"),
    # Sections we know and skip without complaint.
    "ignored": words("funding|finansiering|bevilling|bevillinger"),
}
#: Headings of the portal's trailing lists (outputs, activities ...): nothing after them is about the project.
STOP_HEADINGS = frozenset(
    words(
        "research output|forskningsoutput|activities|aktiviteter|fingerprint|projects|projekter|"
        "projects per year|projekter pr. år|related projects|relaterede projekter|press/media|presse/medier|"
        "prizes|priser|datasets|datasæt|impacts|equipment|udstyr|student theses|cite this|citer dette"
    )
)
#: The sentence Pure prints under the keywords its fingerprint derives from the grants (English and Danish
#: portals); the bullets just above it are the project's keywords even without a "Keywords" heading.
FINGERPRINT_SENTENCE = re.compile(
    r"^(?:explore the research topics touched on by this project|"
    r"(?:dyk ned i|udforsk) (?:de )?forskningsemner(?:ne)?[, ]+(?:der|som) (?:berøres|berører)"
    r"[^.]*dette projekt)",
    re.IGNORECASE,
)
LABELS: dict[str, tuple[str, ...]] = {
    "short_title": words("short title|kort titel"),
    "acronym": words("acronym|akronym"),
    "status": words("status"),
    "dates": words(
        "effective start/end date|effektiv start/slut dato|start/end date|start/slut dato|start/slutdato|"
        "periode|period"
    ),
    "id": words("id"),
    "keywords": SECTIONS["keywords"],
    "research_areas": SECTIONS["research_areas"],
}
#: How problems name each label, in the English of the portals.
LABEL_NAMES = {
    "short_title": "Short title",
    "acronym": "Acronym",
    "status": "Status",
    "dates": DATE_FIELD,
    "id": "ID",
    "keywords": "Keywords",
    "research_areas": "Research areas",
}

# --------------------------------------------------------------------------- kinds of page

PROJECT_TYPE_LINE = re.compile(r"^(?:projekter|projekt|projects|project)\s*:\s*(?P<value>\S.*)$", re.I)
#: Kinds of Pure page that are not projects, as their type lines name them ("Research output: ..."),
#: with how a refusal describes the page; None: "a Pure '<kind>' page".
FOREIGN_KINDS: dict[str, str | None] = {
    **dict.fromkeys(
        words("research output|forskningsoutput|publication|publikation"), "a research-output page"
    ),
    **dict.fromkeys(words("activity|aktivitet"), "an activity page"),
    "person": "a person profile",
    **dict.fromkeys(
        words(
            "prize|pris|press/media|presse/medier|dataset|datasæt|student thesis|equipment|udstyr|"
            "organisation|organisational unit|organisatorisk enhed|impact"
        ),
        None,
    ),
}
#: Type lines of Pure pages that are not projects; found near the top, they mean "wrong page".
FOREIGN_TYPE_LINE = re.compile(rf"^(?P<kind>{'|'.join(map(re.escape, FOREIGN_KINDS))})\s*:\s*\S", re.I)
FOREIGN_WHOLE_LINES = frozenset(words("publication|publikation"))

# --------------------------------------------------------------------------- statuses and roles

STATUSES: dict[str, Status] = {
    **dict.fromkeys(words("active|ongoing|running|in progress|igangværende|aktiv|i gang|igang"), "active"),
    **dict.fromkeys(
        words("finished|completed|ended|concluded|afsluttet|færdig|færdiggjort|slut"), "finished"
    ),
    **dict.fromkeys(
        words("not started|planned|upcoming|ikke startet|ikke påbegyndt|planlagt|kommende"), "planned"
    ),
    **dict.fromkeys(words("cancelled|canceled|terminated|aflyst|annulleret|stoppet"), "cancelled"),
}
ORG_ROLES: dict[str, PartnerRole] = {
    **dict.fromkeys(
        words(
            "lead|leder|lead partner|koordinator|coordinator|coordinating partner|lead organisation|"
            "lead organization|lead applicant|main applicant|hovedansøger"
        ),
        "lead",
    ),
    **dict.fromkeys(
        words(
            "project partner|projektpartner|partner|samarbejdspartner|collaborative partner|collaborator|"
            "co-applicant|medansøger"
        ),
        "partner",
    ),
}
PERSON_LEADER_WORDS = frozenset(
    words(
        "projektleder|project leader|project manager|manager|leader|leder|principal investigator|pi|"
        "projektansvarlig|project owner|projektejer|koordinator|coordinator|projektkoordinator|"
        "project coordinator|faglig leder"
    )
)
PERSON_PARTICIPANT_WORDS = frozenset(
    words(
        "projektdeltager|project participant|participant|deltager|researcher|forsker|co-investigator|co-i|"
        "medforsker|member|medlem|project member|projektmedlem|projektmedarbejder|student|studerende|"
        "phd student|ph.d.-studerende|research assistant|forskningsassistent|videnskabelig assistent|"
        "consultant|konsulent|professor|lektor|adjunkt|docent|associate professor|assistant professor|"
        "postdoc|lecturer|underviser"
    )
)
#: Fallback for role texts not listed above: a word part that only a person's role contains.
PERSON_LEADER_STEMS = words("leder|leader|manager|ansvarlig|principal")
PERSON_PARTICIPANT_STEMS = words(
    "forsker|researcher|deltager|participant|investigator|student|assistent|assistant|professor|lektor|"
    "konsulent|medarbejder"
)
#: Words that make "A, B" an organisation after a person's name rather than "Last, First".
ORG_WORDS = words(
    "universit|college|kommune|school|skole|institut|workshop|a/s|aps|denmark|danmark|region|academy|"
    "akademi|centre|center"
)

"""Read the text of a Pure project page into a :class:`PureRecord`.

Curators copy project pages out of Pure portals (UC Viden, VBN, AU Pure) by
selecting the page in a browser. What arrives is the portal's rendering
flattened to text: labels glued to their values ("StatusActive"), start and
end dates glued together ("27/05/2031/12/24"), bullets, English or Danish
labels over Danish or English prose, and trailing portal sections that are not
about the project at all. The parser reads that text as it really is, keeps
every sentence as written, and reports each doubt with a line number instead
of guessing silently. Errors are collected and raised together, so one run
shows the curator everything to fix.

The module reads in three passes: classify every line (heading, label, bullet,
text ...), cut the page into sections, then read each section. Number and date
reading are plain functions at the end so they can be tested on their own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Literal

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.pure_record import (
    Indicator,
    Partner,
    PartnerRole,
    PersonEntry,
    PersonRole,
    PureRecord,
    Status,
)

__all__ = ["parse_pure", "parse_dates", "parse_indicator", "detect_language"]

EXPECTED_PAGE = "a Pure project page with Project Details / Projektdetaljer, Status or Collaborative partners"
DATE_FIELD = "Effective start/end date"
EXPECTED_DATES = "two dates dd/mm/yy or dd/mm/yyyy, start before end"

# --------------------------------------------------------------------------- vocabulary
# Everything the portals print, as data: adding a label, a role or a language is a table edit.
# Each table is one "|"-separated string so it reads as a list of words.


def _words(spec: str) -> tuple[str, ...]:
    return tuple(word.strip() for word in spec.split("|") if word.strip())


_SECTIONS: dict[str, tuple[str, ...]] = {
    "details": _words("project details|projektdetaljer|details|detaljer|overview|oversigt"),
    "description": _words("description|beskrivelse|project description|projektbeskrivelse"),
    "laymans": _words(
        "layman's description|laymans description|lay description|lægmandssprog|lægmandsbeskrivelse"
    ),
    "key_findings": _words(
        "key findings|key results|centrale resultater|vigtigste resultater|nøgleresultater"
    ),
    "partners": _words("collaborative partners|samarbejdspartnere|partners|partnere"),
    "keywords": _words("keywords|nøgleord|emneord"),
    "research_areas": _words("research areas|research area|forskningsområder|forskningsområde"),
    "participants": _words("participants|project participants|deltagere|projektdeltagere"),
    # Sections we know and skip without complaint.
    "ignored": _words("funding|finansiering|bevilling|bevillinger"),
}
#: Headings of the portal's trailing lists (outputs, activities ...): nothing after them is about the project.
_STOP_HEADINGS = frozenset(
    _words(
        "research output|forskningsoutput|activities|aktiviteter|fingerprint|projects|projekter|"
        "projects per year|projekter pr. år|related projects|relaterede projekter|press/media|presse/medier|"
        "prizes|priser|datasets|datasæt|impacts|equipment|udstyr|student theses|cite this|citer dette"
    )
)
_LABELS: dict[str, tuple[str, ...]] = {
    "short_title": _words("short title|kort titel"),
    "acronym": _words("acronym|akronym"),
    "status": _words("status"),
    "dates": _words(
        "effective start/end date|effektiv start/slut dato|start/end date|start/slut dato|start/slutdato|"
        "periode|period"
    ),
    "id": _words("id"),
    "keywords": _SECTIONS["keywords"],
    "research_areas": _SECTIONS["research_areas"],
}
_LABEL_NAMES = {
    "short_title": "Short title",
    "acronym": "Acronym",
    "status": "Status",
    "dates": DATE_FIELD,
    "id": "ID",
    "keywords": "Keywords",
    "research_areas": "Research areas",
}
_PROJECT_TYPE_LINE = re.compile(r"^(?:projekter|projekt|projects|project)\s*:\s*(?P<value>\S.*)$", re.I)
#: Type lines of Pure pages that are not projects; found near the top, they mean "wrong page".
_FOREIGN_TYPE_LINE = re.compile(
    r"^(?P<kind>research output|forskningsoutput|activity|aktivitet|person|publication|publikation|"
    r"prize|pris|press/media|presse/medier|dataset|datasæt|student thesis|equipment|udstyr|"
    r"organisation|organisational unit|organisatorisk enhed|impact)\s*:\s*\S",
    re.I,
)
#: The heading only project pages have ("Overview"/"Details" also head other kinds of page).
_PROJECT_DETAILS = frozenset(_words("project details|projektdetaljer"))
_FOREIGN_WHOLE_LINES = frozenset(_words("publication|publikation"))

_STATUSES: dict[str, Status] = {
    **dict.fromkeys(_words("active|ongoing|running|in progress|igangværende|aktiv|i gang|igang"), "active"),
    **dict.fromkeys(
        _words("finished|completed|ended|concluded|afsluttet|færdig|færdiggjort|slut"), "finished"
    ),
    **dict.fromkeys(
        _words("not started|planned|upcoming|ikke startet|ikke påbegyndt|planlagt|kommende"), "planned"
    ),
    **dict.fromkeys(_words("cancelled|canceled|terminated|aflyst|annulleret|stoppet"), "cancelled"),
}
_ORG_ROLES: dict[str, PartnerRole] = {
    **dict.fromkeys(
        _words(
            "lead|leder|lead partner|koordinator|coordinator|coordinating partner|lead organisation|"
            "lead organization|lead applicant|main applicant|hovedansøger"
        ),
        "lead",
    ),
    **dict.fromkeys(
        _words(
            "project partner|projektpartner|partner|samarbejdspartner|collaborative partner|collaborator|"
            "co-applicant|medansøger"
        ),
        "partner",
    ),
}
_PERSON_LEADER_WORDS = frozenset(
    _words(
        "projektleder|project leader|project manager|manager|leader|leder|principal investigator|pi|"
        "projektansvarlig|project owner|projektejer|koordinator|coordinator|projektkoordinator|"
        "project coordinator|faglig leder"
    )
)
_PERSON_PARTICIPANT_WORDS = frozenset(
    _words(
        "projektdeltager|project participant|participant|deltager|researcher|forsker|co-investigator|co-i|"
        "medforsker|member|medlem|project member|projektmedlem|projektmedarbejder|student|studerende|"
        "phd student|ph.d.-studerende|research assistant|forskningsassistent|videnskabelig assistent|"
        "consultant|konsulent|professor|lektor|adjunkt|docent|associate professor|assistant professor|"
        "postdoc|lecturer|underviser"
    )
)
#: Fallback for role texts not listed above: a word part that only a person's role contains.
_PERSON_LEADER_STEMS = _words("leder|leader|manager|ansvarlig|principal")
_PERSON_PARTICIPANT_STEMS = _words(
    "forsker|researcher|deltager|participant|investigator|student|assistent|assistant|professor|lektor|"
    "konsulent|medarbejder"
)
#: Words that make "A, B" an organisation after a person's name rather than "Last, First".
_ORG_WORDS = _words(
    "universit|college|kommune|school|skole|institut|workshop|a/s|aps|denmark|danmark|region|academy|"
    "akademi|centre|center"
)
#: Function words that tell Danish prose from English; words common to both ("for", "at") are left out.
_DA_WORDS = frozenset(
    _words(
        "og|i|det|den|til|er|som|på|de|med|af|ikke|der|har|skal|vi|om|fra|blev|kan|et|også|samt|inden|"
        "mellem|gennem|hos|være|vil|eller|efter|deres|dette|disse|sin|sit|sine|hvor|hvordan|når|mod|"
        "bliver|kunne|skulle|sig|en|ud|ny|nye"
    )
)
_EN_WORDS = frozenset(
    _words(
        "the|and|of|to|in|is|that|with|on|as|by|are|this|be|from|it|an|will|which|through|between|was|"
        "were|has|have|their|these|its|into|or|not|also|can|our|we|new"
    )
)

# --------------------------------------------------------------------------- entry point


def parse_pure(text: str, source: str) -> PureRecord:
    """Parse one Pure project page; raise :class:`ImportFailed` with every error, else return the record.

    ``source`` names the file in every problem so a curator importing many
    pages knows which one to fix. Warnings (missing dates, unknown roles ...)
    are returned in ``record.problems`` because the record is still usable.
    """
    if not _INVISIBLE.sub("", text).strip():
        raise _refusal(source, "the file is empty")
    lines = _classify_all(_split_lines(text))
    main, tail = _cut_at_stop(lines)
    _check_is_project(main, source)
    reader = _Reader(source)
    reader.read(main, tail)
    return reader.finish()


def _refusal(source: str, reason: str, line: int | None = None) -> ImportFailed:
    problem = Problem(message=reason, file=source, line=line, expected=EXPECTED_PAGE)
    return ImportFailed(problems=[problem], summary=f"{source} was not imported: {reason}")


# --------------------------------------------------------------------------- pass 1: lines

LineKind = Literal["blank", "text", "bullet", "section", "stop", "label", "type", "foreign"]


@dataclass
class _Line:
    number: int
    text: str
    kind: LineKind
    key: str | None = None
    #: The item of a bullet, the value of a label (None: on the next line), the type of a type line.
    value: str | None = None


_ODD_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_BULLET = re.compile(r"^(?:[•·▪◦‣●▸■]\s*|[-*–]\s+)(?P<item>\S.*)$")


def _split_lines(text: str) -> list[tuple[int, str]]:
    """Number the lines as an editor would, with every kind of space made plain."""
    text = _INVISIBLE.sub("", text)
    raw_lines = re.split(r"\r\n|\r|\n", text)
    return [(n, _ODD_SPACES.sub(" ", raw).strip()) for n, raw in enumerate(raw_lines, start=1)]


def _key(text: str) -> str:
    """Compare labels case-blind, with any apostrophe, spacing or trailing colon."""
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip().casefold()


_SECTION_BY_KEY = {variant: key for key, variants in _SECTIONS.items() for variant in variants}
_LABEL_VARIANTS = sorted(
    ((variant, key) for key, variants in _LABELS.items() for variant in variants),
    key=lambda pair: -len(pair[0]),
)
_GLUED_SECTION_VARIANTS = sorted(
    ((v, k) for k, vs in _SECTIONS.items() if k not in ("details", "ignored") for v in vs),
    key=lambda pair: -len(pair[0]),
)


def _classify_all(numbered: list[tuple[int, str]]) -> list[_Line]:
    lines: list[_Line] = []
    for number, text in numbered:
        lines.extend(_classify(number, text))
    return lines


def _classify(number: int, text: str) -> list[_Line]:
    """One line's kind; a heading glued to its first line of content gives two."""
    if not text:
        return [_Line(number, text, "blank")]
    key = _key(text)
    if key in _SECTION_BY_KEY:
        return [_Line(number, text, "section", key=_SECTION_BY_KEY[key])]
    if key in _STOP_HEADINGS:
        return [_Line(number, text, "stop")]
    if key in _FOREIGN_WHOLE_LINES or _FOREIGN_TYPE_LINE.match(text):
        return [_Line(number, text, "foreign")]
    type_match = _PROJECT_TYPE_LINE.match(text)
    if type_match:
        return [_Line(number, text, "type", value=type_match.group("value").strip())]
    label = _match_label(text)
    if label:
        return [_Line(number, text, "label", key=label[0], value=label[1])]
    glued = _match_glued_section(text)
    if glued:
        section, rest = glued
        return [_Line(number, text, "section", key=section), *_classify(number, rest)]
    bullet = _BULLET.match(text)
    if bullet:
        return [_Line(number, text, "bullet", value=bullet.group("item").strip())]
    return [_Line(number, text, "text")]


def _match_label(text: str) -> tuple[str, str | None] | None:
    """(label key, value) when the line is a field label, alone or glued to its value.

    Pure glues a label to its value without a space ("StatusActive"), so a
    capital or digit right after a label marks the join; prose that merely
    starts with a label word ("Status quo ...") must not be taken for one.
    """
    lowered = text.casefold()
    for variant, key in _LABEL_VARIANTS:
        if not lowered.startswith(variant):
            continue
        rest = text[len(variant) :]
        if not rest.strip():
            # A lone "Keywords" is a section heading, handled before this.
            return (key, None) if key not in ("keywords", "research_areas") else None
        if rest[0] == ":":
            mode, value = "colon", rest[1:].strip()
        elif rest[0] == " ":
            mode, value = "space", rest.strip()
        elif not rest[0].islower():
            mode, value = "glued", rest.strip()
        else:
            continue
        if not value:
            return key, None
        if _plausible_value(key, value, mode):
            return key, value
    return None


def _plausible_value(key: str, value: str, mode: str) -> bool:
    words = len(value.split())
    if key == "id":
        return value.isdigit()
    if key == "dates":
        starts_well = mode != "space" or value[0].isdigit()
        return starts_well and len(value) <= 80 and any(c.isdigit() for c in value)
    if key == "status":
        known = _key(value).rstrip(".") in _STATUSES
        return known if mode == "space" else (words <= 5 and len(value) <= 40)
    if key == "acronym":
        return words == 1 and not value.islower() if mode == "space" else (words <= 4 and len(value) <= 30)
    # Short titles and keyword lists are free text: accept them only with a colon or glued on.
    return mode != "space" and len(value) <= 1000


def _match_glued_section(text: str) -> tuple[str, str] | None:
    """A section heading run together with its first line ("BeskrivelseProjektet ...")."""
    lowered = _key(text)
    for variant, key in _GLUED_SECTION_VARIANTS:
        if lowered.startswith(variant) and len(text) > len(variant):
            rest = text[len(variant) :]
            if rest[0] == ":" and rest[1:].strip():
                return key, rest[1:].strip()
            if rest[0].isupper() or rest[0].isdigit():
                return key, rest
    return None


def _cut_at_stop(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Split off the portal's trailing lists; a stop heading counts only once the record has begun."""
    begun = False
    for index, line in enumerate(lines):
        if line.kind in ("section", "label"):
            begun = True
        elif line.kind == "stop" and begun:
            return lines[:index], lines[index + 1 :]
    return lines, []


def _check_is_project(lines: list[_Line], source: str) -> None:
    """Refuse research outputs, people, activities and plain text before reading them as projects."""
    has_type = any(line.kind == "type" for line in lines)
    top = [line for line in _top_region(lines) if line.kind != "blank"][:12]
    foreign = next((line for line in top if line.kind == "foreign"), None)
    if foreign and not has_type:
        reason = f"this is {_page_kind(foreign.text)}, not a project page ('{foreign.text}')"
        raise _refusal(source, reason, foreign.number)
    markers = has_type or any(
        (line.kind == "section" and (line.key == "partners" or _key(line.text) in _PROJECT_DETAILS))
        or (line.kind == "label" and line.key in ("status", "dates"))
        for line in lines
    )
    if not markers:
        raise _refusal(
            source,
            "the text is not a Pure project page: it has no Project Details heading, Status, "
            "start/end date, Collaborative partners or project type line",
        )


def _page_kind(type_line: str) -> str:
    """Name the kind of Pure page a type line announces, so the refusal says what the curator copied."""
    match = _FOREIGN_TYPE_LINE.match(type_line)
    kind = _key(match.group("kind") if match else type_line)
    if kind in ("research output", "forskningsoutput", "publication", "publikation"):
        return "a research-output page"
    if kind in ("activity", "aktivitet"):
        return "an activity page"
    if kind == "person":
        return "a person profile"
    return f"a Pure '{kind}' page"


def _top_region(lines: list[_Line]) -> list[_Line]:
    """Lines before the first section or label: where Pure says what kind of page this is."""
    for index, line in enumerate(lines):
        if (line.kind == "section" and line.key != "details") or line.kind == "label":
            return lines[:index]
    return lines


# --------------------------------------------------------------------------- pass 2: sections


@dataclass
class _Block:
    key: str
    line: int
    lines: list[_Line] = field(default_factory=list)


@dataclass
class _Field:
    key: str
    value: str | None
    line: int
    label: str


def _segment(lines: list[_Line]) -> tuple[list[_Block], list[_Field], list[_Line]]:
    """Sections with their lines, field labels with their values, and project type lines."""
    blocks = [_Block("top", 1)]
    fields: list[_Field] = []
    types: list[_Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.kind == "section":
            blocks.append(_Block(line.key or "", line.number))
        elif line.kind == "label":
            value, value_line, index = _label_value(lines, index)
            fields.append(_Field(line.key or "", value, value_line, line.text))
            # Whatever follows a label without a heading belongs to no section.
            blocks.append(_Block("loose", line.number))
        elif line.kind == "type":
            types.append(line)
        elif line.kind in ("text", "bullet", "blank"):
            blocks[-1].lines.append(line)
        index += 1
    return blocks, fields, types


def _label_value(lines: list[_Line], index: int) -> tuple[str | None, int, int]:
    """A label's value, glued on or on the next non-blank line (which is then consumed)."""
    label = lines[index]
    if label.value is not None:
        return label.value, label.number, index
    nxt = index + 1
    while nxt < len(lines) and lines[nxt].kind == "blank":
        nxt += 1
    if nxt < len(lines) and lines[nxt].kind in ("text", "bullet"):
        following = lines[nxt]
        return following.value or following.text, following.number, nxt
    return None, label.number, index


def _item(line: _Line) -> str:
    return line.value if line.kind == "bullet" and line.value else line.text


def _paragraphs(lines: list[_Line]) -> tuple[str | None, int | None]:
    """Prose with its line breaks, blank-line paragraph breaks kept as one blank line."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    last_line: int | None = None
    for line in lines:
        if line.kind == "blank":
            if current:
                paragraphs.append(current)
                current = []
            continue
        current.append(line.text)
        last_line = line.number
    if current:
        paragraphs.append(current)
    if not paragraphs:
        return None, None
    return "\n\n".join("\n".join(p) for p in paragraphs), last_line


def _bullet_groups(lines: list[_Line]) -> list[list[_Line]]:
    groups: list[list[_Line]] = [[]]
    for line in lines:
        if line.kind == "blank":
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(line)
    return [g for g in groups if g]


def _split_terms(text: str) -> list[str]:
    """Split "a, b, c" into terms, but keep a named term such as "Media, communication and languages".

    Portals print one bullet per keyword, yet curators and some portals put
    several on one bullet with commas. A comma list whose last part joins with
    "and"/"og"/"&" reads as one classification label, not as separate terms.
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 1 and re.search(r"(?:^|\s)(?:and|og|&)\s", parts[-1]):
        return [text.strip()]
    return [p for p in parts if p]


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for item in items:
        folded = item.casefold()
        if item and folded not in seen:
            seen.add(folded)
            kept.append(item)
    return kept


# --------------------------------------------------------------------------- pass 3: reading


class _Reader:
    """Fills one record, collecting errors and warnings as it goes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.record = PureRecord(source=source)
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.seen: dict[str, tuple[str, int]] = {}
        #: Labels the page has, with or without a value, so a missing part is reported once.
        self.given: set[str] = set()

    # -- problems

    def warn(self, message: str, line: int | None, field: str | None = None) -> None:
        self.warnings.append(Problem(message, self.source, line, field, severity="warning"))

    def error(self, message: str, line: int | None, field: str | None, expected: str) -> None:
        self.errors.append(Problem(message, self.source, line, field, expected))

    # -- the page

    def read(self, main: list[_Line], tail: list[_Line]) -> None:
        blocks, fields, types = _segment(main)
        self.read_title(main)
        for line in types:
            self.read_type(line)
        for item in fields:
            self.read_field(item)
        if self.record.pure_id is None:
            self.read_trailing_id(tail)
        for block in blocks:
            if block.key in ("description", "laymans"):
                self.read_prose(block)
        self.record.language = self.page_language()
        for block in blocks:
            self.read_block(block)
        self.record.keywords = _dedupe(self.record.keywords)
        self.record.research_areas = _dedupe(self.record.research_areas)

    def read_title(self, lines: list[_Line]) -> None:
        first = next((line for line in lines if line.kind != "blank"), None)
        if first is not None and first.kind == "text":
            self.record.title, self.record.title_line = first.text, first.number

    def read_type(self, line: _Line) -> None:
        """ "Projekter: Projekt›Rådgivende projekt" → "Rådgivende projekt" (the generic word says nothing)."""
        parts = [p.strip() for p in re.split(r"[›>]", line.value or "") if p.strip()]
        if len(parts) > 1 and parts[0].casefold() in ("projekt", "project"):
            parts = parts[1:]
        if not parts:
            return
        value = re.sub(r"^(?:Projekt|Project)(?=[A-ZÆØÅ])", "", " › ".join(parts))
        self.record.project_type = value

    def read_trailing_id(self, tail: list[_Line]) -> None:
        for line in tail:
            if line.kind == "label" and line.key == "id" and line.value:
                self.record.pure_id = line.value
                return

    def set_once(self, key: str, value: str, line: int) -> bool:
        """Record a single-valued field; two different values are an error, not a silent choice."""
        if key in self.seen:
            earlier, earlier_line = self.seen[key]
            if earlier == value:
                return False
            name = _LABEL_NAMES.get(key, key)
            self.error(
                f"the page gives two different values for {name}: '{earlier}' (line {earlier_line}) and "
                f"'{value}'",
                line,
                name,
                "one value; remove the wrong one",
            )
            return False
        self.seen[key] = (value, line)
        return True

    def read_field(self, item: _Field) -> None:
        name = _LABEL_NAMES[item.key]
        self.given.add(item.key)
        if item.value is None:
            self.warn(f"'{item.label}' has no value", item.line, name)
            return
        value = item.value.strip()
        if item.key in ("keywords", "research_areas"):
            getattr(self.record, item.key).extend(_split_terms(value))
        elif self.set_once(item.key, value, item.line):
            self.apply_field(item.key, value, item.line)

    def apply_field(self, key: str, value: str, line: int) -> None:
        if key == "short_title":
            self.record.short_title = value
        elif key == "acronym":
            self.record.acronym = value
        elif key == "id":
            self.record.pure_id = value
        elif key == "status":
            self.record.status_text = value
            self.record.status = _STATUSES.get(_key(value).rstrip("."))
            if self.record.status is None:
                self.warn(
                    f"unknown status '{value}'; expected e.g. Active/Igangværende, Finished/Afsluttet, "
                    "Planned/Planlagt or Cancelled/Aflyst",
                    line,
                    "Status",
                )
        elif key == "dates":
            try:
                self.record.start, self.record.end = parse_dates(value)
            except ValueError as bad:
                self.error(str(bad), line, DATE_FIELD, EXPECTED_DATES)

    def read_prose(self, block: _Block) -> None:
        text, last = _paragraphs(block.lines)
        if text is None:
            return
        attr = "description" if block.key == "description" else "laymans_description"
        previous = getattr(self.record, attr)
        if previous:
            self.warn("a second section of this kind; its text is appended to the first", block.line)
            text = previous + "\n\n" + text
        setattr(self.record, attr, text)
        if text[-1] not in ".!?:”\"»)…’'":
            self.warn("text seems cut off (it does not end a sentence); copy the whole section", last, attr)

    def page_language(self) -> str | None:
        rec = self.record
        text = rec.description or " ".join(t for t in (rec.laymans_description, rec.title) if t)
        return detect_language(text)

    def read_block(self, block: _Block) -> None:
        handlers = {
            "top": self.read_top,
            "key_findings": self.read_findings,
            "partners": self.read_partners,
            "keywords": self.read_terms,
            "research_areas": self.read_terms,
            "participants": self.read_participants,
            "loose": self.read_loose,
            "details": self.read_loose,
        }
        handler = handlers.get(block.key)
        if handler:
            handler(block)

    def read_loose(self, block: _Block) -> None:
        for line in block.lines:
            if line.kind != "blank":
                self.warn(f"'{line.text}' is under no known heading; ignored", line.number)

    # -- organisations and people

    def read_top(self, block: _Block) -> None:
        """Before the first section Pure lists the project's own units and, on some portals, people."""
        for line in block.lines:
            if line.kind == "blank" or line.number == self.record.title_line:
                continue
            name, role_text = _split_role(_item(line))
            person_role = _person_role(role_text) if role_text else None
            if person_role:
                self.add_person(name, person_role, role_text, line.number)
            elif line.kind == "bullet":
                role = _ORG_ROLES.get(_key(role_text), "unspecified") if role_text else "unspecified"
                if role_text and role == "unspecified":
                    self.warn(f"unknown role '{role_text}' for '{name}'", line.number, "role")
                self.record.units.append(Partner(name, role, line.number, role_text))
            else:
                self.warn(f"'{line.text}' is under no known heading; ignored", line.number)

    def read_partners(self, block: _Block) -> None:
        groups = _bullet_groups(block.lines)
        one_per_group = all(len(group) == 1 for group in groups)
        for index, group in enumerate(groups):
            if index and not one_per_group and _looks_like_keywords(group):
                self.warn(
                    "a bullet list after the partners has no heading; read as keywords",
                    group[0].number,
                    "Keywords",
                )
                for line in group:
                    self.record.keywords.extend(_split_terms(_item(line)))
                continue
            for line in group:
                self.read_partner(line)

    def read_partner(self, line: _Line) -> None:
        name, role_text = _split_role(_item(line))
        if not role_text:
            self.record.partners.append(Partner(name, "unspecified", line.number))
            return
        org_role = _ORG_ROLES.get(_key(role_text))
        person_role = None if org_role else _person_role(role_text)
        if org_role:
            self.record.partners.append(Partner(name, org_role, line.number, role_text))
        elif person_role:
            self.add_person(name, person_role, role_text, line.number)
        else:
            self.warn(
                f"unknown partner role '{role_text}' for '{name}' on line {line.number}; "
                "expected e.g. (lead), (Project partner), (leder), (Projektpartner)",
                line.number,
                "role",
            )
            self.record.partners.append(Partner(name, "unspecified", line.number, role_text))

    def read_participants(self, block: _Block) -> None:
        for line in block.lines:
            if line.kind == "blank":
                continue
            name, role_text = _split_role(_item(line))
            role = (_person_role(role_text) if role_text else None) or "participant"
            self.add_person(name, role, role_text, line.number)

    def add_person(self, text: str, role: PersonRole, role_text: str | None, line: int) -> None:
        name, affiliation = _person_name(text)
        self.record.people.append(PersonEntry(name, role, line, role_text, affiliation))

    # -- keywords and findings

    def read_terms(self, block: _Block) -> None:
        target = self.record.keywords if block.key == "keywords" else self.record.research_areas
        for line in block.lines:
            if line.kind != "blank":
                target.extend(_split_terms(_item(line)))

    def read_findings(self, block: _Block) -> None:
        sentences = [
            (line.number, _strip_enumeration(_item(line))) for line in block.lines if line.kind != "blank"
        ]
        language = self.record.language or detect_language(" ".join(s for _, s in sentences), minimum=1)
        for number, sentence in sentences:
            indicator, notes = parse_indicator(sentence, number, language)
            self.record.key_findings.append(indicator)
            for note in notes:
                self.warn(note, number, "Key findings")

    # -- the end

    def finish(self) -> PureRecord:
        rec = self.record
        self.check_name()
        if not rec.partners:
            self.warn("the page lists no collaborative partners", None, "Collaborative partners")
        if "dates" not in self.given:
            self.warn("the page gives no start/end date", None, DATE_FIELD)
        if "status" not in self.given:
            self.warn("the page gives no status", None, "Status")
        order = _problem_order
        if self.errors:
            problems = sorted(self.errors, key=order) + sorted(self.warnings, key=order)
            raise ImportFailed(problems=problems, summary=f"{self.source} was not imported")
        rec.problems = sorted(self.warnings, key=order)
        return rec

    def check_name(self) -> None:
        rec = self.record
        if rec.title:
            return
        for key, value in (("short_title", rec.short_title), ("acronym", rec.acronym)):
            if value:
                rec.title, rec.title_line = value, self.seen[key][1]
                self.warn(
                    f"the page has no title line; using the {_LABEL_NAMES[key].lower()} '{value}' as title",
                    rec.title_line,
                    "title",
                )
                return
        self.error(
            "the page gives the project no name (no title line, Short title or Acronym)",
            1,
            "title",
            "the project title on the first line",
        )


def _problem_order(problem: Problem) -> tuple[bool, int]:
    return problem.line is None, problem.line or 0


def _looks_like_keywords(group: list[_Line]) -> bool:
    """Bullets that carry no role in parentheses, after the partner list, are topic words."""
    return all(line.kind == "bullet" and _split_role(_item(line))[1] is None for line in group)


def _strip_enumeration(text: str) -> str:
    return re.sub(r"^\d{1,2}[.)]\s+", "", text)


# --------------------------------------------------------------------------- roles and names

_PAREN = re.compile(r"\(([^()]*)\)")
_ACRONYM = re.compile(r"^[A-ZÆØÅ0-9&./\-]{2,12}$")


def _split_role(text: str) -> tuple[str, str | None]:
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
    return _key(role_text) in _ORG_ROLES or _person_role(role_text) is not None


def _person_role(role_text: str) -> PersonRole | None:
    """A person's role from its words; None when the text names no role a person can have."""
    parts = [_key(p) for p in re.split(r"[,/;]| og | and ", role_text) if p.strip()]
    if any(p in _PERSON_LEADER_WORDS for p in parts):
        return "leader"
    if any(p in _PERSON_PARTICIPANT_WORDS for p in parts):
        return "participant"
    for part in parts:
        if part.startswith("co-") or part.startswith("med"):
            continue
        if any(stem in part for stem in _PERSON_LEADER_STEMS):
            return "leader"
    if any(stem in p for p in parts for stem in _PERSON_PARTICIPANT_STEMS):
        return "participant"
    return None


def _person_name(text: str) -> tuple[str, str | None]:
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
    if any(word in after.casefold() for word in _ORG_WORDS):
        return False
    return all(w[0].isupper() and not w.isupper() for w in given if w)


# --------------------------------------------------------------------------- language


def detect_language(text: str, minimum: int = 3) -> str | None:
    """ "da", "en" or None from function words; labels are English on Danish pages, so prose decides."""
    words = re.findall(r"[a-zæøå]+", text.casefold())
    danish = sum(word in _DA_WORDS for word in words)
    english = sum(word in _EN_WORDS for word in words)
    if danish + english < minimum:
        return None
    if danish >= 2 * english and danish > english:
        return "da"
    if english >= 2 * danish and english > danish:
        return "en"
    return None


# --------------------------------------------------------------------------- dates

_MONTHS = {
    **dict.fromkeys(("jan", "januar", "january"), 1),
    **dict.fromkeys(("feb", "februar", "february"), 2),
    **dict.fromkeys(("mar", "marts", "march"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("maj", "may"), 5),
    **dict.fromkeys(("jun", "juni", "june"), 6),
    **dict.fromkeys(("jul", "juli", "july"), 7),
    **dict.fromkeys(("aug", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("okt", "oct", "oktober", "october"), 10),
    **dict.fromkeys(("nov", "november"), 11),
    **dict.fromkeys(("dec", "december"), 12),
}
_DATE_TOKEN = re.compile(
    r"(?<!\d)(?:"
    r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})"
    r"|(?P<td>\d{1,2})\.?\s*(?P<tm>[^\W\d_]{3,9})\.?,?\s+(?P<ty>\d{4}|\d{2})"
    r")(?!\d)"
)
_GLUED_DATES = re.compile(
    r"^(?P<d1>\d{1,2})(?P<s>[/.])(?P<m1>\d{1,2})(?P=s)(?P<mid>\d{3,6})(?P=s)(?P<m2>\d{1,2})(?P=s)(?P<y2>\d{4}|\d{2})$"
)


def parse_dates(value: str) -> tuple[dt.date | None, dt.date | None]:
    """Start and end from any way Pure prints them; ValueError (with the reason) when they are not dates.

    The glued form "27/05/2031/12/24" is ambiguous only in where the first
    year stops, so every split is tried and the one giving two real dates in
    order is kept.
    """
    glued = _GLUED_DATES.match(re.sub(r"\s+", "", value))
    if glued:
        return _split_glued(glued, value)
    tokens = list(_DATE_TOKEN.finditer(value))
    if not tokens:
        raise ValueError(f"'{value}' holds no date")
    if len(tokens) > 2:
        raise ValueError(f"'{value}' holds {len(tokens)} dates, not a start and an end")
    dates = [_token_date(token) for token in tokens]
    if len(dates) == 1:
        before = value[: tokens[0].start()]
        return (None, dates[0]) if re.search(r"[→>–-]|\b(?:til|to)\b", before) else (dates[0], None)
    start, end = dates
    if end < start:
        raise ValueError(f"'{value}': the end {end.isoformat()} is before the start {start.isoformat()}")
    return start, end


def _split_glued(match: re.Match[str], value: str) -> tuple[dt.date, dt.date]:
    d1, m1, mid, m2, y2 = (match.group(g) for g in ("d1", "m1", "mid", "m2", "y2"))
    impossible = None
    for year_digits in (2, 4):
        day_digits = len(mid) - year_digits
        if day_digits not in (1, 2):
            continue
        try:
            start = _date(mid[:year_digits], m1, d1)
            end = _date(y2, m2, mid[year_digits:])
        except ValueError:
            impossible = f"'{value}' holds no valid pair of dates (e.g. a day that does not exist)"
            continue
        if start <= end:
            return start, end
        impossible = f"'{value}': the end {end.isoformat()} is before the start {start.isoformat()}"
    raise ValueError(impossible or f"'{value}' cannot be split into a start and an end date")


def _token_date(token: re.Match[str]) -> dt.date:
    if token.group("iy"):
        return _date(token.group("iy"), token.group("im"), token.group("id"), token.group(0))
    if token.group("y"):
        return _date(token.group("y"), token.group("m"), token.group("d"), token.group(0))
    month = _MONTHS.get(token.group("tm").casefold())
    if month is None:
        raise ValueError(f"'{token.group(0)}': unknown month '{token.group('tm')}'")
    return _date(token.group("ty"), str(month), token.group("td"), token.group(0))


def _date(year: str, month: str, day: str, written: str | None = None) -> dt.date:
    """A date from its parts; two-digit years are this century's, as on every Pure portal."""
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    try:
        return dt.date(full_year, int(month), int(day))
    except ValueError:
        raise ValueError(f"'{written or f'{day}/{month}/{year}'}' is not a date that exists") from None


# --------------------------------------------------------------------------- key findings


@dataclass
class _Quantity:
    """A figure in a sentence, with the multiplier and unit written beside it."""

    value: Decimal
    start: int
    end: int
    raw: str
    unit: str | None = None
    multiplier: Decimal | None = None
    plus: bool = False
    is_year: bool = False


_NUMBER = re.compile(
    r"(?<![\w.,+])(?P<plus>\+\s?)?"
    r"(?P<num>\d{1,3}(?:(?:[.,]| (?=\d{3}(?!\d)))\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![.,]?\d)"
)
_MULTIPLIER = re.compile(
    r"\s?(?P<word>mia\.?|milliarder|milliard|billions?|bn|mio\.?|millioner|millions?|mill\.|mn|"
    r"tusinde?|thousands?|t\.)(?!\w)|(?P<letter>[mbk])(?!\w)",
    re.I,
)
_MULTIPLIERS = {"mia": 9, "milliard": 9, "billion": 9, "bn": 9, "b": 9, "mio": 6, "million": 6, "mill": 6}
_MULTIPLIERS |= {"mn": 6, "m": 6, "tusind": 3, "thousand": 3, "t": 3, "k": 3}
_CURRENCY_AFTER = re.compile(r"\s?(?P<cur>kr\.?|kroner|dkk|€|eur|euros?|\$|usd|dollars?)(?!\w)", re.I)
_CURRENCY_BEFORE = re.compile(r"(?P<cur>dkk|eur|usd|€|\$|kr\.)\s?$", re.I)
_PERCENT = re.compile(r"\s?(?:%|procentpoint|procent|percentage points?|percent|per cent|pct\.?)(?!\w)", re.I)
_CURRENCIES = {"kr": "DKK", "kroner": "DKK", "dkk": "DKK", "€": "EUR", "eur": "EUR", "euro": "EUR"}
_CURRENCIES |= {"$": "USD", "usd": "USD", "dollar": "USD"}

_CHANGE_AFTER = re.compile(
    r"^\s*(?P<w>flere|more|additional|extra|ekstra|yderligere|nye|new|færre|fewer)\b", re.I
)
_GROWTH_NOUN_AFTER = re.compile(r"^\s*(?:vækst|growth|stigning|increase)\b", re.I)
_BY_BEFORE = re.compile(r"\b(?:med|by)\s*$", re.I)
_GROWTH = re.compile(
    r"\b(?:øg\w*|forøg\w*|stig\w*|vækst|vokse\w*|increas\w*|grow\w*|rais\w*|ris\w*|boost\w*)", re.I
)
_DECLINE = re.compile(r"\b(?:reduc\w*|mindsk\w*|sænk\w*|fald\w*|decreas\w*|cut\w*|lower\w*)", re.I)
_FROM_BEFORE = re.compile(r"\b(?:fra|from)\s+(?:ca\.\s*|cirka\s+|about\s+|approximately\s+)?$", re.I)
_TO_BETWEEN = re.compile(r"^\s*(?:til|to)\s+(?:ca\.\s*|cirka\s+|about\s+|approximately\s+)?$", re.I)
_CONNECTOR_BEFORE = re.compile(
    r"(?:\b(?:fra|from|til|to|på|af|of|med|by|on|at|op til|up to|cirka|about|approximately|omkring|"
    r"around|mindst|at least|over|næsten|almost|nearly|more than|mere end|flere end|under|below)"
    r"|\bca\.|\bapprox\.)\s*$",
    re.I,
)
_TIME_AFTER = re.compile(r"^\s+(?P<u>år|years?|måneder|måned|months?)\b", re.I)
_PERIOD_BEFORE = re.compile(
    r"\b(?:over|på|in|within|inden for|indenfor|i løbet af|during|for|i)\s+"
    r"(?:(?:de|the)\s+)?(?:(?:næste|kommende|next|coming)\s+)?$",
    re.I,
)
_TARGET_YEAR_BEFORE = re.compile(
    r"(?:\b(?P<w>inden udgangen af|ved udgangen af|by the end of|inden|senest|før|frem til|by|before|until|"
    r"in|i)\s+(?:år(?:et)?\s+)?|(?P<range>(?:19|20)\d{2}\s*(?:[-–]|til|to)\s*))$",
    re.I,
)
#: "fra 2021 til 2024", "2021-2024": the years a goal spans, not figures of the goal.
_YEAR_RANGE_AFTER = re.compile(r"^\s*(?:[-–]|til|to)\s*(?:19|20)\d{2}\b", re.I)
_YEAR_RANGE_BEFORE = re.compile(r"\b(?:fra|from|i|in)\s+$", re.I)

_COUNT_NOUNS: dict[str, tuple[str, ...]] = {
    "employees": ("medarbejdere", "medarbejder", "ansatte", "employees", "employee", "staff"),
    "jobs": ("arbejdspladser", "arbejdsplads", "jobs", "job", "stillinger"),
    "talents": ("talenter", "talent", "talents"),
    "companies": _words("virksomheder|virksomhed|companies|company|firms|businesses|smes|smv'er"),
    "students": ("studerende", "students"),
    "projects": ("projekter", "projects"),
    "partnerships": ("partnerskaber", "partnerships"),
    "participants": ("deltagere", "participants"),
    "members": ("medlemmer", "members"),
    "startups": ("startups", "start-ups", "iværksættere"),
    "events": ("arrangementer", "events"),
    "teachers": ("lærere", "undervisere", "teachers"),
}
_UNIT_BY_NOUN = {noun: unit for unit, nouns in _COUNT_NOUNS.items() for noun in nouns}
#: Words around a measure that frame it ("Stigning i ...", "... skal øges") rather than name it.
_LEADING_NOISE = frozenset(
    _words(
        "stigning|stigningen|øgning|forøgelse|øget|øge|øges|vækst|fald|reduktion|reducere|reduceret|"
        "mindske|sænke|increase|increased|increasing|growth|grow|rise|raise|boost|decrease|decreased|"
        "reduce|reduced|reduction|achieve|opnå|skabe|create|at|en|et|an|a|the|i|in|af|of|på|on|til|to|"
        "med|with|for|by|fra|from|skal|vil|will|shall|should|must"
    )
)
_TRAILING_NOISE = frozenset(
    _words(
        "i|in|af|of|på|on|til|to|med|with|by|og|and|skal|vil|will|should|must|shall|øges|stige|vokse|"
        "increase|grow|rise|be|blive|være|for|fra|from|at"
    )
)


def parse_indicator(sentence: str, line: int, language: str | None) -> tuple[Indicator, list[str]]:
    """A key finding as numbers, plus notes on what could not be read; the sentence is kept as written.

    ``language`` ("da"/"en") decides what "2.500" and "2,500" mean; the page's
    prose language is the best guide, since one finding alone is too short.
    """
    indicator = Indicator(sentence=sentence, line=line)
    cuts: list[tuple[int, int]] = []
    figures: list[_Quantity] = []
    for quantity in _quantities(sentence, language):
        if _take_period(indicator, quantity, sentence, cuts):
            continue
        if _take_target_year(indicator, quantity, sentence, cuts):
            continue
        if not quantity.is_year:
            figures.append(quantity)
    notes: list[str] = []
    if not figures:
        notes.append(f"key finding '{sentence}' has no figure; kept as text only")
    else:
        used = _assign(indicator, sentence, figures)
        if len(used) < len(figures):
            notes.append(f"key finding '{sentence}' has more figures than one goal; only the first was read")
        for quantity in figures:
            cuts.append((_connector_start(sentence, quantity.start), quantity.end))
            after = _CHANGE_AFTER.match(sentence[quantity.end :])
            if after:
                cuts.append((quantity.end, quantity.end + after.end()))
        indicator.unit = indicator.unit or _counted_unit(sentence, used[-1].end) or _counted_unit(sentence, 0)
    indicator.measure = _measure(sentence, cuts)
    return indicator, notes


def _quantities(sentence: str, language: str | None) -> list[_Quantity]:
    found: list[_Quantity] = []
    for match in _NUMBER.finditer(sentence):
        value = _to_decimal(match.group("num"), language)
        if value is None:
            continue
        plus = bool(match.group("plus"))
        quantity = _Quantity(value, match.start(), match.end(), match.group("num"), plus=plus)
        if _read_suffixes(quantity, sentence):
            _read_prefix_currency(quantity, sentence)
            quantity.is_year = _looks_like_year(quantity, sentence)
            found.append(quantity)
    return found


def _read_suffixes(quantity: _Quantity, sentence: str) -> bool:
    """Extend a figure over "mia. kr.", "bn", "%" ...; False when glued letters make it no figure ("3D")."""
    rest = sentence[quantity.end :]
    mult = _MULTIPLIER.match(rest)
    if mult and (mult.group("word") or mult.group("letter")):
        word = (mult.group("word") or mult.group("letter")).casefold().rstrip(".")
        quantity.multiplier = Decimal(10) ** _multiplier_exponent(word)
        quantity.value = _tidy(quantity.value * quantity.multiplier)
        quantity.end += mult.end()
        rest = sentence[quantity.end :]
    currency = _CURRENCY_AFTER.match(rest)
    percent = _PERCENT.match(rest)
    if currency:
        quantity.unit = _currency(currency.group("cur"))
        quantity.end += currency.end()
    elif percent:
        quantity.unit = "percent"
        quantity.end += percent.end()
    following = sentence[quantity.end : quantity.end + 1]
    return not following.isalpha()


def _read_prefix_currency(quantity: _Quantity, sentence: str) -> None:
    before = _CURRENCY_BEFORE.search(sentence[: quantity.start])
    if before and quantity.unit is None:
        quantity.unit = _currency(before.group("cur"))
        quantity.start = before.start()


def _multiplier_exponent(word: str) -> int:
    """Power of ten for "mia"/"bn"/"mio"/"t." ...; the longest matching stem wins ("mn" before "m")."""
    stems = sorted(_MULTIPLIERS, key=len, reverse=True)
    return next(_MULTIPLIERS[stem] for stem in stems if word.startswith(stem))


def _currency(written: str) -> str:
    word = written.casefold().rstrip(".")
    word = word[:-1] if word.endswith("s") and word != "dkk" else word
    return _CURRENCIES.get(word, "DKK" if word.startswith("kr") else word.upper())


def _looks_like_year(quantity: _Quantity, sentence: str) -> bool:
    """A bare 19xx/20xx is a year unless it counts something ("2000 flere medarbejdere")."""
    if quantity.plus or quantity.multiplier or quantity.unit:
        return False
    if not re.fullmatch(r"(?:19|20)\d{2}", quantity.raw):
        return False
    nxt = re.match(r"\s*([\w'’-]+)", sentence[quantity.end :])
    return not (nxt and (_CHANGE_AFTER.match(" " + nxt.group(1)) or _noun_unit(nxt.group(1))))


_Cuts = list[tuple[int, int]]


def _take_period(indicator: Indicator, quantity: _Quantity, sentence: str, cuts: _Cuts) -> bool:
    """ "over 5 år", "within 3 years", "på 18 måneder" → an ISO 8601 duration."""
    time = _TIME_AFTER.match(sentence[quantity.end :])
    if indicator.period or not time or quantity.unit or quantity.multiplier or not quantity.raw.isdigit():
        return False
    letter = "Y" if time.group("u").casefold() in ("år", "year", "years") else "M"
    indicator.period = f"P{int(quantity.raw)}{letter}"
    before = _PERIOD_BEFORE.search(sentence[: quantity.start])
    cuts.append((before.start() if before else quantity.start, quantity.end + time.end()))
    return True


def _take_target_year(indicator: Indicator, quantity: _Quantity, sentence: str, cuts: _Cuts) -> bool:
    """ "inden 2025", "by 2025", "2021-2024" → target_year; a deadline word wins over a plain "i/in"."""
    if not quantity.is_year:
        return False
    if _YEAR_RANGE_AFTER.match(sentence[quantity.end :]):
        opening = _YEAR_RANGE_BEFORE.search(sentence[: quantity.start])
        cuts.append((opening.start() if opening else quantity.start, quantity.end))
        return True
    before = _TARGET_YEAR_BEFORE.search(sentence[: quantity.start])
    if not before:
        return False
    weak = (before.group("w") or "").casefold() in ("i", "in")
    if indicator.target_year is not None and weak:
        return False
    indicator.target_year = int(quantity.raw)
    cuts.append((before.start(), quantity.end))
    return True


def _assign(indicator: Indicator, sentence: str, figures: list[_Quantity]) -> list[_Quantity]:
    """Decide which figure is baseline, target or change; return the figures used."""
    for first, second in zip(figures, figures[1:], strict=False):
        introduced = _FROM_BEFORE.search(sentence[: first.start])
        if introduced and _TO_BETWEEN.match(sentence[first.end : second.start]):
            _borrow_scale(first, second)
            indicator.baseline, indicator.target = first.value, second.value
            indicator.unit = second.unit or first.unit
            return [first, second]
    figure = figures[0]
    indicator.unit = figure.unit
    change = _change_sign(figure, sentence)
    if change:
        indicator.change = figure.value * change
    else:
        indicator.target = figure.value
    return [figure]


def _borrow_scale(first: _Quantity, second: _Quantity) -> None:
    """ "fra 5,7 til 10 mia. kr." writes the scale once; lend it to the first figure when plausible."""
    if second.multiplier and not first.multiplier and first.unit in (None, second.unit):
        unscaled_second = second.value / second.multiplier
        if first.value < 1000 and first.value <= unscaled_second * 10:
            first.value = _tidy(first.value * second.multiplier)
            first.multiplier = second.multiplier
    first.unit = first.unit or second.unit


def _change_sign(figure: _Quantity, sentence: str) -> int:
    """+1/-1 when the figure is a change ("2500 flere", "+300", "med 20 %"), 0 when it is a level."""
    after = _CHANGE_AFTER.match(sentence[figure.end :])
    if after:
        return -1 if after.group("w").casefold() in ("færre", "fewer") else 1
    if figure.plus or _GROWTH_NOUN_AFTER.match(sentence[figure.end :]):
        return 1
    if _BY_BEFORE.search(sentence[: figure.start]):
        if _DECLINE.search(sentence):
            return -1
        if _GROWTH.search(sentence):
            return 1
    return 0


def _connector_start(sentence: str, start: int) -> int:
    """Where the words that only introduce a figure ("fra", "på ca.", "up to") begin."""
    for _ in range(3):
        match = _CONNECTOR_BEFORE.search(sentence[:start])
        if not match:
            break
        start = match.start()
    return start


def _noun_unit(word: str) -> str | None:
    """English unit of a counted noun; a Danish compound counts by its last part ("medlemsvirksomheder")."""
    folded = word.casefold().strip("'’")
    if folded in _UNIT_BY_NOUN:
        return _UNIT_BY_NOUN[folded]
    compounds = (unit for noun, unit in _UNIT_BY_NOUN.items() if len(noun) >= 8 and folded.endswith(noun))
    return next(compounds, None)


def _counted_unit(sentence: str, position: int) -> str | None:
    words = re.findall(r"[\w'’-]+", sentence[position:])
    window = words[:4] if position else words
    return next((unit for unit in map(_noun_unit, window) if unit), None)


def _measure(sentence: str, cuts: list[tuple[int, int]]) -> str | None:
    """The sentence minus its figures and framing words: what the figures are about."""
    kept = []
    position = 0
    for start, end in sorted(cuts):
        if start > position:
            kept.append(sentence[position:start])
        position = max(position, end)
    kept.append(sentence[position:])
    words = " ".join(kept).split()
    words = [w for w in words if w.strip(",;:–-")]
    while words and _bare(words[0]) in _LEADING_NOISE:
        words.pop(0)
    while words and _bare(words[-1]) in _TRAILING_NOISE:
        words.pop()
    text = re.sub(r"\s+([,.;:])", r"\1", " ".join(words)).strip(" ,.;:–-")
    return text or None


def _bare(word: str) -> str:
    return word.casefold().strip(",.;:!?()")


# --------------------------------------------------------------------------- numbers


def _to_decimal(written: str, language: str | None) -> Decimal | None:
    """A number as the page's language writes it: "2.500"/"5,7" in Danish, "2,500"/"5.7" in English."""
    digits = written.replace(" ", "")
    if "," in digits and "." in digits:
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        digits = digits.replace(thousands, "").replace(decimal_mark, ".")
    else:
        mark = "," if "," in digits else "." if "." in digits else None
        if mark:
            groups = digits.split(mark)
            if len(groups) > 2 or (len(groups[1]) == 3 and _thousands_mark(mark, language)):
                digits = digits.replace(mark, "")
            else:
                digits = digits.replace(mark, ".")
    try:
        return _tidy(Decimal(digits))
    except InvalidOperation:
        return None


def _thousands_mark(mark: str, language: str | None) -> bool:
    if language == "da":
        return mark == "."
    if language == "en":
        return mark == ","
    return True


def _tidy(value: Decimal) -> Decimal:
    """5.7 × 10⁹ as 5700000000, not 5700000000.0, so records compare and print as people write them."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()

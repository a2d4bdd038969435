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

This module is the entry point, :func:`parse_pure`: it refuses pages that are
not projects and reads each section of the page into the record. The work is
shared with modules that each do one thing and can be tested on their own:

- :mod:`~vdk_graph.importers.pure.vocabulary`: the words portals print (headings, labels, statuses, roles);
- :mod:`~vdk_graph.importers.pure.layout`: the page cut into classified lines, sections and fields;
- :mod:`~vdk_graph.importers.pure.roles`: "Name (role)" lines split into names, roles and affiliations;
- :mod:`~vdk_graph.importers.pure.language`: Danish or English prose;
- :mod:`~vdk_graph.importers.pure.dates`: the start/end date field;
- :mod:`~vdk_graph.importers.pure.numbers`: key-finding sentences read as figures.

:func:`parse_dates`, :func:`parse_indicator` and :func:`detect_language` are
importable from here too.
"""

from __future__ import annotations

import re

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.importers.pure.dates import EXPECTED_DATES, parse_dates
from vdk_graph.importers.pure.language import detect_language
from vdk_graph.importers.pure.layout import (
    Block,
    LabelField,
    Line,
    bullet_groups,
    classify_all,
    cut_at_stop,
    item_text,
    join_paragraphs,
    segment,
    split_lines,
)
from vdk_graph.importers.pure.numbers import parse_indicator
from vdk_graph.importers.pure.record import Partner, PersonEntry, PersonRole, PureRecord
from vdk_graph.importers.pure.roles import org_role, person_name, person_role, split_role
from vdk_graph.importers.pure.vocabulary import (
    DATE_FIELD,
    FINGERPRINT_SENTENCE,
    FOREIGN_KINDS,
    FOREIGN_TYPE_LINE,
    LABEL_NAMES,
    PROJECT_DETAILS,
    STATUSES,
    label_key,
)

__all__ = ["parse_pure", "parse_dates", "parse_indicator", "detect_language"]

EXPECTED_PAGE = "a Pure project page with Project Details / Projektdetaljer, Status or Collaborative partners"

# --------------------------------------------------------------------------- entry point


def parse_pure(text: str, source: str) -> PureRecord:
    """Parse one Pure project page; raise :class:`ImportFailed` with every error, else return the record.

    ``source`` names the file in every problem so a curator importing many
    pages knows which one to fix. Warnings (missing dates, unknown roles ...)
    are returned in ``record.problems`` because the record is still usable.
    """
    numbered = split_lines(text)
    if not any(line for _, line in numbered):
        raise _refusal(source, "the file is empty")
    lines = classify_all(numbered)
    main, tail = cut_at_stop(lines)
    _check_is_project(main, source)
    reader = _Reader(source)
    reader.read(main, tail)
    return reader.finish()


def _refusal(source: str, reason: str, line: int | None = None) -> ImportFailed:
    problem = Problem(message=reason, file=source, line=line, expected=EXPECTED_PAGE)
    return ImportFailed(problems=[problem], summary=f"{source} was not imported: {reason}")


# --------------------------------------------------------------------------- refusals


def _check_is_project(lines: list[Line], source: str) -> None:
    """Refuse research outputs, people, activities and plain text before reading them as projects."""
    has_type = any(line.kind == "type" for line in lines)
    top = [line for line in _top_region(lines) if line.kind != "blank"][:12]
    foreign = next((line for line in top if line.kind == "foreign"), None)
    if foreign and not has_type:
        reason = f"this is {_page_kind(foreign.text)}, not a project page ('{foreign.text}')"
        raise _refusal(source, reason, foreign.number)
    markers = has_type or any(
        (line.kind == "section" and (line.key == "partners" or label_key(line.text) in PROJECT_DETAILS))
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
    match = FOREIGN_TYPE_LINE.match(type_line)
    kind = label_key(match.group("kind") if match else type_line)
    return FOREIGN_KINDS.get(kind) or f"a Pure '{kind}' page"


def _top_region(lines: list[Line]) -> list[Line]:
    """Lines before the first section or label: where Pure says what kind of page this is."""
    for index, line in enumerate(lines):
        if (line.kind == "section" and line.key != "details") or line.kind == "label":
            return lines[:index]
    return lines


# --------------------------------------------------------------------------- reading the sections


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

    def warn_unplaced(self, line: Line) -> None:
        self.warn(f"'{line.text}' is under no known heading; ignored", line.number)

    # -- the page

    def read(self, main: list[Line], tail: list[Line]) -> None:
        blocks, fields, types = segment(main)
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
        self.read_unheaded_description(blocks)
        self.record.language = self.page_language()
        for block in blocks:
            self.read_block(block)
        self.record.keywords = _dedupe(self.record.keywords)
        self.record.research_areas = _dedupe(self.record.research_areas)

    def read_title(self, lines: list[Line]) -> None:
        first = next((line for line in lines if line.kind != "blank"), None)
        if first is not None and first.kind == "text":
            self.record.title, self.record.title_line = first.text, first.number

    def read_type(self, line: Line) -> None:
        """ "Projekter: Projekt›Rådgivende projekt" → "Rådgivende projekt" (the generic word says nothing)."""
        parts = [p.strip() for p in re.split(r"[›>]", line.value or "") if p.strip()]
        if len(parts) > 1 and parts[0].casefold() in ("projekt", "project"):
            parts = parts[1:]
        if not parts:
            return
        value = re.sub(r"^(?:Projekt|Project)(?=[A-ZÆØÅ])", "", " › ".join(parts))
        self.record.project_type = value

    def read_trailing_id(self, tail: list[Line]) -> None:
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
            name = LABEL_NAMES.get(key, key)
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

    def read_field(self, item: LabelField) -> None:
        name = LABEL_NAMES[item.key]
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
            self.record.status = STATUSES.get(label_key(value).rstrip("."))
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

    def read_prose(self, block: Block) -> None:
        text, last = join_paragraphs(block.lines)
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

    def read_block(self, block: Block) -> None:
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

    def read_unheaded_description(self, blocks: list[Block]) -> None:
        """Prose right under "Project Details"/"Projektdetaljer", with no "Description" heading, describes.

        UC Viden prints a short project that way: the heading, the text, then the fields. Only the
        prose before the first bullet counts, and only when the page has no description section.
        """
        if self.record.description is not None:
            return
        for block in blocks:
            if block.key != "details":
                continue
            prose: list[Line] = []
            for line in block.lines:
                if line.kind == "bullet":
                    break
                prose.append(line)
            if any(line.kind == "text" for line in prose):
                self.read_prose(Block("description", block.line, prose))
                block.lines = block.lines[len(prose):]
            return

    def read_loose(self, block: Block) -> None:
        """Lines under no heading: keyword bullets right above Pure's fingerprint sentence, else warnings."""
        fingerprint = next(
            (i for i, line in enumerate(block.lines)
             if line.kind == "text" and FINGERPRINT_SENTENCE.match(line.text)),
            None,
        )
        keywords: set[int] = set()
        if fingerprint is not None:
            index = fingerprint - 1
            while index >= 0 and block.lines[index].kind == "blank":
                index -= 1
            while index >= 0 and block.lines[index].kind == "bullet":
                keywords.add(index)
                index -= 1
            for index in sorted(keywords):
                self.record.keywords.extend(_split_terms(item_text(block.lines[index])))
        for index, line in enumerate(block.lines):
            if line.kind != "blank" and index not in keywords and index != fingerprint:
                self.warn_unplaced(line)

    # -- organisations and people

    def read_top(self, block: Block) -> None:
        """Before the first section Pure lists the project's own units and, on some portals, people."""
        for line in block.lines:
            if line.kind == "blank" or line.number == self.record.title_line:
                continue
            name, role_text = split_role(item_text(line))
            as_person = person_role(role_text) if role_text else None
            if as_person:
                self.add_person(name, as_person, role_text, line.number)
            elif line.kind == "bullet":
                role = (org_role(role_text) if role_text else None) or "unspecified"
                if role_text and role == "unspecified":
                    self.warn(f"unknown role '{role_text}' for '{name}'", line.number, "role")
                self.record.units.append(Partner(name, role, line.number, role_text))
            else:
                self.warn_unplaced(line)

    def read_partners(self, block: Block) -> None:
        groups = bullet_groups(block.lines)
        one_per_group = all(len(group) == 1 for group in groups)
        for index, group in enumerate(groups):
            if index and not one_per_group and _looks_like_keywords(group):
                self.warn(
                    "a bullet list after the partners has no heading; read as keywords",
                    group[0].number,
                    "Keywords",
                )
                for line in group:
                    self.record.keywords.extend(_split_terms(item_text(line)))
                continue
            for line in group:
                self.read_partner(line)

    def read_partner(self, line: Line) -> None:
        name, role_text = split_role(item_text(line))
        if not role_text:
            self.record.partners.append(Partner(name, "unspecified", line.number))
            return
        as_org = org_role(role_text)
        as_person = None if as_org else person_role(role_text)
        if as_org:
            self.record.partners.append(Partner(name, as_org, line.number, role_text))
        elif as_person:
            self.add_person(name, as_person, role_text, line.number)
        else:
            self.warn(
                f"unknown partner role '{role_text}' for '{name}' on line {line.number}; "
                "expected e.g. (lead), (Project partner), (leder), (Projektpartner)",
                line.number,
                "role",
            )
            self.record.partners.append(Partner(name, "unspecified", line.number, role_text))

    def read_participants(self, block: Block) -> None:
        for line in block.lines:
            if line.kind == "blank":
                continue
            name, role_text = split_role(item_text(line))
            role = (person_role(role_text) if role_text else None) or "participant"
            self.add_person(name, role, role_text, line.number)

    def add_person(self, text: str, role: PersonRole, role_text: str | None, line: int) -> None:
        name, affiliation = person_name(text)
        self.record.people.append(PersonEntry(name, role, line, role_text, affiliation))

    # -- keywords and findings

    def read_terms(self, block: Block) -> None:
        target = self.record.keywords if block.key == "keywords" else self.record.research_areas
        for line in block.lines:
            if line.kind != "blank":
                target.extend(_split_terms(item_text(line)))

    def read_findings(self, block: Block) -> None:
        sentences = [
            (line.number, _strip_enumeration(item_text(line))) for line in block.lines if line.kind != "blank"
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
                    f"the page has no title line; using the {LABEL_NAMES[key].lower()} '{value}' as title",
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


def _looks_like_keywords(group: list[Line]) -> bool:
    """Bullets that carry no role in parentheses, after the partner list, are topic words."""
    return all(line.kind == "bullet" and split_role(item_text(line))[1] is None for line in group)


def _strip_enumeration(text: str) -> str:
    return re.sub(r"^\d{1,2}[.)]\s+", "", text)


# --------------------------------------------------------------------------- keywords


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

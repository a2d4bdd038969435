"""Cut the text of a Pure page into classified lines, then into sections and labelled fields.

A page copied out of a browser is the portal's rendering flattened to text:
headings and labels on lines of their own or glued to what follows
("StatusActive", "BeskrivelseProjektet ..."), bullets of every shape, odd
spaces and invisible characters, and the portal's trailing lists (outputs,
activities ...) after the project. This module knows only that layout: it
says what each line is and which section or label it belongs to, and leaves
what the lines mean to :mod:`~vdk_graph.importers.pure.parser`. Line numbers
are kept throughout, so every problem can point the curator to the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from vdk_graph.importers.pure.vocabulary import (
    FOREIGN_TYPE_LINE,
    FOREIGN_WHOLE_LINES,
    LABELS,
    PROJECT_TYPE_LINE,
    SECTIONS,
    STATUSES,
    STOP_HEADINGS,
    label_key,
)

# --------------------------------------------------------------------------- lines

LineKind = Literal["blank", "text", "bullet", "section", "stop", "label", "type", "foreign"]


@dataclass
class Line:
    """One line of the page (or half of one, when a heading is glued to its content), with its kind."""

    number: int
    text: str
    kind: LineKind
    key: str | None = None
    #: The item of a bullet, the value of a label (None: on the next line), the type of a type line.
    value: str | None = None


_ODD_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_BULLET = re.compile(r"^(?:[•·▪◦‣●▸■]\s*|[-*–]\s+)(?P<item>\S.*)$")


def split_lines(text: str) -> list[tuple[int, str]]:
    """Number the lines as an editor would, with every kind of space made plain."""
    text = _INVISIBLE.sub("", text)
    raw_lines = re.split(r"\r\n|\r|\n", text)
    return [(n, _ODD_SPACES.sub(" ", raw).strip()) for n, raw in enumerate(raw_lines, start=1)]


_SECTION_BY_KEY = {variant: key for key, variants in SECTIONS.items() for variant in variants}
_LABEL_VARIANTS = sorted(
    ((variant, key) for key, variants in LABELS.items() for variant in variants),
    key=lambda pair: -len(pair[0]),
)
_GLUED_SECTION_VARIANTS = sorted(
    ((v, k) for k, vs in SECTIONS.items() if k not in ("details", "ignored") for v in vs),
    key=lambda pair: -len(pair[0]),
)


def classify_all(numbered: list[tuple[int, str]]) -> list[Line]:
    """Classify every numbered line from :func:`split_lines`."""
    lines: list[Line] = []
    for number, text in numbered:
        lines.extend(_classify(number, text))
    return lines


def _classify(number: int, text: str) -> list[Line]:
    """One line's kind; a heading glued to its first line of content gives two."""
    if not text:
        return [Line(number, text, "blank")]
    key = label_key(text)
    if key in _SECTION_BY_KEY:
        return [Line(number, text, "section", key=_SECTION_BY_KEY[key])]
    if key in STOP_HEADINGS:
        return [Line(number, text, "stop")]
    if key in FOREIGN_WHOLE_LINES or FOREIGN_TYPE_LINE.match(text):
        return [Line(number, text, "foreign")]
    type_match = PROJECT_TYPE_LINE.match(text)
    if type_match:
        return [Line(number, text, "type", value=type_match.group("value").strip())]
    label = _match_label(text)
    if label:
        return [Line(number, text, "label", key=label[0], value=label[1])]
    glued = _match_glued_section(text)
    if glued:
        section, rest = glued
        return [Line(number, text, "section", key=section), *_classify(number, rest)]
    bullet = _BULLET.match(text)
    if bullet:
        return [Line(number, text, "bullet", value=bullet.group("item").strip())]
    return [Line(number, text, "text")]


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
        known = label_key(value).rstrip(".") in STATUSES
        return known if mode == "space" else (words <= 5 and len(value) <= 40)
    if key == "acronym":
        return words == 1 and not value.islower() if mode == "space" else (words <= 4 and len(value) <= 30)
    # Short titles and keyword lists are free text: accept them only with a colon or glued on.
    return mode != "space" and len(value) <= 1000


def _match_glued_section(text: str) -> tuple[str, str] | None:
    """A section heading run together with its first line ("BeskrivelseProjektet ...")."""
    lowered = label_key(text)
    for variant, key in _GLUED_SECTION_VARIANTS:
        if lowered.startswith(variant) and len(text) > len(variant):
            rest = text[len(variant) :]
            if rest[0] == ":" and rest[1:].strip():
                return key, rest[1:].strip()
            if rest[0].isupper() or rest[0].isdigit():
                return key, rest
    return None


def cut_at_stop(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split off the portal's trailing lists; a stop heading counts only once the record has begun."""
    begun = False
    for index, line in enumerate(lines):
        if line.kind in ("section", "label"):
            begun = True
        elif line.kind == "stop" and begun:
            return lines[:index], lines[index + 1 :]
    return lines, []


# --------------------------------------------------------------------------- sections and fields


@dataclass
class Block:
    """A section: the key of its heading ("top" before any, "loose" after a label), with its lines."""

    key: str
    line: int
    lines: list[Line] = field(default_factory=list)


@dataclass
class LabelField:
    """A labelled field ("Status", "Acronym" ...) with its value and the line the value is on."""

    key: str
    value: str | None
    line: int
    label: str


def segment(lines: list[Line]) -> tuple[list[Block], list[LabelField], list[Line]]:
    """Sections with their lines, field labels with their values, and project type lines."""
    blocks = [Block("top", 1)]
    fields: list[LabelField] = []
    types: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.kind == "section":
            blocks.append(Block(line.key or "", line.number))
        elif line.kind == "label":
            value, value_line, index = _label_value(lines, index)
            fields.append(LabelField(line.key or "", value, value_line, line.text))
            # Whatever follows a label without a heading belongs to no section.
            blocks.append(Block("loose", line.number))
        elif line.kind == "type":
            types.append(line)
        elif line.kind in ("text", "bullet", "blank"):
            blocks[-1].lines.append(line)
        index += 1
    return blocks, fields, types


def _label_value(lines: list[Line], index: int) -> tuple[str | None, int, int]:
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


def item_text(line: Line) -> str:
    """What a line says, without its bullet."""
    return line.value if line.kind == "bullet" and line.value else line.text


def join_paragraphs(lines: list[Line]) -> tuple[str | None, int | None]:
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


def bullet_groups(lines: list[Line]) -> list[list[Line]]:
    """The lines of a section in runs separated by blank lines."""
    groups: list[list[Line]] = [[]]
    for line in lines:
        if line.kind == "blank":
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(line)
    return [g for g in groups if g]

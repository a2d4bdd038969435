"""Reading the header of a named query: the comment lines at the top of its ``.rq`` file.

The header keeps a query self-describing wherever its text goes (workbench,
a colleague's editor, another SPARQL server, which all ignore comments)::

    # title: Partners of a project
    # title@da: Partnere i et projekt
    # description: Every organisation taking part in the project, with its role.
    #   A line that starts with more spaces continues the field above.
    # param: project project "The project" required
    # param@da: project "Projektet"
    # param: year year "Year" default=2022

``param: NAME TYPE "Label" [required] [default=VALUE] [example=VALUE]``; ``param@da: NAME "Label"``
gives the label in another language.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from vdk_graph.errors import ParameterError, Problem
from vdk_graph.queries.params import TYPES, Param

_FIELD = re.compile(r"^#\s?(?P<key>[a-z]+)(?:@(?P<lang>[a-z]{2}))?:\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
KEYS = ("title", "description", "param")


@dataclass
class Header:
    title: dict[str, str] = field(default_factory=dict)
    description: dict[str, str] = field(default_factory=dict)
    params: list[Param] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_header(text: str, file: str = "") -> Header:
    """The header fields of a query's text; problems (with file and line) instead of exceptions."""
    header = Header()
    raw_params: list[tuple[int, str]] = []
    labels: list[tuple[int, str, str]] = []
    last: tuple[str, str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break  # the header ends where the query starts
            last = None
            continue
        continuation = _CONTINUATION.match(stripped)
        match = _FIELD.match(stripped)
        if match is None and continuation and last and last[0] in ("title", "description"):
            target = getattr(header, last[0])
            target[last[1]] = f"{target[last[1]]} {continuation.group('value').strip()}"
            continue
        if match is None or match.group("key") not in KEYS:
            last = None
            continue
        key, lang, value = match.group("key"), match.group("lang") or "en", match.group("value").strip()
        if key == "param":
            if match.group("lang"):
                labels.append((number, lang, value))
            else:
                raw_params.append((number, value))
            last = None
            continue
        getattr(header, key)[lang] = value
        last = (key, lang)
    for number, value in raw_params:
        param = _param(value, file, number, header.problems)
        if param is not None:
            if any(p.name == param.name for p in header.params):
                header.problems.append(Problem(f"parameter '{param.name}' is declared twice", file, number))
            header.params.append(param)
    for number, lang, value in labels:
        _add_label(header, lang, value, file, number)
    if "en" not in header.title:
        header.problems.append(Problem("the header has no '# title: …' line", file, 1, "title"))
    return header


def _param(value: str, file: str, line: int, problems: list[Problem]) -> Param | None:
    try:
        words = shlex.split(value)
    except ValueError as exc:
        problems.append(Problem(f"cannot read the parameter line: {exc}", file, line, "param"))
        return None
    if len(words) < 2:
        problems.append(Problem("a parameter needs a name and a type", file, line, "param",
                                'param: NAME TYPE "Label" [required] [default=VALUE] [example=VALUE]'))
        return None
    name, type_name, *rest = words
    if type_name not in TYPES:
        problems.append(Problem(f"unknown parameter type {type_name!r}", file, line, "param",
                                "one of " + ", ".join(TYPES)))
        return None
    label: dict[str, str] = {}
    required, default, example = False, None, None
    for word in rest:
        if word == "required":
            required = True
        elif word.startswith("default="):
            default = word.removeprefix("default=")
        elif word.startswith("example="):
            example = word.removeprefix("example=")
        elif not label:
            label["en"] = word
        else:
            problems.append(Problem(f"unexpected word {word!r} in the parameter line", file, line, "param"))
    try:
        param = Param(name, type_name, label, required, default, example)
        param.default_term()  # a default must be a value of its own type
    except (ValueError, ParameterError) as exc:  # a bad name (dataclass) or a default of the wrong type
        problems.append(Problem(str(exc), file, line, "param"))
        return None
    return param


def _add_label(header: Header, lang: str, value: str, file: str, line: int) -> None:
    try:
        name, label = shlex.split(value)
    except ValueError:
        header.problems.append(Problem(f'expected param@{lang}: NAME "Label"', file, line, "param"))
        return
    for param in header.params:
        if param.name == name:
            param.label[lang] = label
            return
    header.problems.append(
        Problem(f"param@{lang} names an undeclared parameter '{name}'", file, line, "param"))

"""Danish and English text has one shape, rows of (key, English, Danish); nothing branches on the language.

See ``docs/decisions/0014-danish-english-strings.md``. The first test reads
the source: a new ``if lang == "en"`` (or ``lang == 'da'``, in Python or a
template) fails it, with the file and line, and says where the words go
instead. The others import every strings table and hold each row to having
both languages with the same placeholders.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest

import vdk_graph
import webapp
from vdk_graph import texts
from vdk_graph.texts import LANGS, Texts, other_lang, pick, preference

ROOT = Path(__file__).parent.parent
#: Comparing a language with a language code: ``lang == "en"``, ``"da" != lang``, ``current_lang() == 'da'``.
BRANCH = re.compile(
    r"""\b\w*lang\w*(?:\(\))?\s*[!=]=\s*["'](?:en|da)["']"""
    r"""|["'](?:en|da)["']\s*[!=]=\s*\w*lang\b"""
)
#: How numbers, money and dates are written (the web app's filters) and read (a Pure page's "1.500" is
#: Danish fifteen hundred) are locale rules, not strings: they stay in these two modules, until they grow
#: enough to want Babel.
FORMATS = {Path("webapp/filters.py"), Path("vdk_graph/importers/pure/numbers.py")}


def _sources() -> list[Path]:
    found = [*ROOT.joinpath("vdk_graph").rglob("*.py"), *ROOT.joinpath("webapp").rglob("*.py"),
             *ROOT.joinpath("webapp", "templates").rglob("*.html")]
    return [p for p in found if p.relative_to(ROOT) not in FORMATS]


def test_no_module_or_template_branches_on_the_language() -> None:
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in _sources()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if BRANCH.search(line)]
    assert not found, ("put the words in a strings table (vdk_graph.texts.Texts rows of key, English, "
                       "Danish) instead of branching on the language:\n" + "\n".join(found))


@pytest.mark.parametrize("line", [
    'return x if lang == "en" else y', "other = 'da' if lang != 'en' else 'en'",
    '{% if current_lang() == "da" %}', 'if "da" == lang:',
])
def test_the_branch_pattern_finds_the_shapes_it_forbids(line: str) -> None:
    assert BRANCH.search(line)


def _import_every_strings_table() -> list[Texts]:
    for package in (vdk_graph, webapp):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if info.name.endswith(("strings", "kinds", "reasons")) or ".views." in info.name:
                importlib.import_module(info.name)
    importlib.import_module("webapp.app").create_app  # noqa: B018 - registers the header's words
    return list(texts.REGISTRY)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_english_and_danish_with_the_same_placeholders() -> None:
    tables = _import_every_strings_table()
    assert len(tables) >= 10, "the strings tables were not found: the import above is out of date"
    missing = [f"{table.prefix}{key}" for table in tables for key, en, da in table.rows
               if not en.strip() or not da.strip()]
    assert not missing, f"texts without both languages: {missing}"
    differ = [f"{table.prefix}{key}" for table in tables for key, en, da in table.rows
              if _placeholders(en) != _placeholders(da)]
    assert not differ, f"texts whose placeholders differ between the languages: {differ}"


def test_a_table_refuses_a_key_twice_and_falls_back_to_english() -> None:
    with pytest.raises(ValueError, match="defined twice"):
        Texts((("a", "A", "Å"), ("a", "B", "Ø")))
    table = Texts((("greeting", "Hello {name}", "Hej {name}"),))
    assert table("greeting", "da", name="Ida") == "Hej Ida"
    assert table("greeting", "fr", name="Ida") == "Hello Ida"
    assert table.get("nothing", "en") is None and "greeting" in table
    texts.REGISTRY.remove(table)


def test_labels_are_picked_in_the_language_then_untagged_then_the_other() -> None:
    assert [other_lang(lang) for lang in LANGS] == ["da", "en"]
    assert pick({"da": "Kort", "en": "Map"}, "da") == "Kort"
    assert pick({"": "Kort", "en": "Map"}, "da") == "Kort"
    assert pick({"en": "Map"}, "da") == "Map"
    assert pick({}, "da") is None
    assert preference("da") == {"da": 0, "": 1, "en": 2}

"""Danish and English text, in one shape: rows of ``(key, English, Danish)``, looked up by key and language.

Every feature keeps its words next to its code, in a ``strings.py`` (library)
or ``*_strings.py`` (web app) module of rows, and reads them through one
:class:`Texts` table; nothing else branches on the language (``if lang ==
"en"``), so a sentence's two languages sit on one line and a missing
translation is a failing test, not a page in the wrong language
(``tests/test_texts.py``; the choice is recorded in
``docs/decisions/0014-danish-english-strings.md``).

Plain Python, no imports of weight: the command line and the kinds table read
their words before any graph library is loaded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

#: The languages of the interface, the default first.
LANGS: tuple[str, ...] = ("en", "da")
#: A table's rows: (key, English, Danish).
Rows = tuple[tuple[str, str, str], ...]

#: Every table made, so a test can hold each key to having both languages.
REGISTRY: list[Texts] = []


def lang_of(lang: str | None) -> str:
    """The language asked for if the interface has it, else the default (English)."""
    return lang if lang in LANGS else LANGS[0]


def other_lang(lang: str | None) -> str:
    """The other interface language: the fallback for a label the data has only in one language."""
    return LANGS[1] if lang_of(lang) == LANGS[0] else LANGS[0]


def pick(labels: Mapping[str, str], lang: str | None) -> str | None:
    """The label in ``lang``, else untagged, else the other language, else any (a label the data has)."""
    lang = lang_of(lang)
    found = labels.get(lang) or labels.get("") or labels.get(other_lang(lang))
    return found or next(iter(labels.values()), None)


def preference(lang: str | None) -> dict[str, int]:
    """How a label's language ranks when choosing one for ``lang``: its own, untagged, the other."""
    return {lang_of(lang): 0, "": 1, other_lang(lang): 2}


class Texts:
    """One feature's strings: ``texts("key", lang, **values)`` is the text in that language, filled in.

    ``prefix`` is put before every key where the strings join a shared registry (the web app's
    ``t("match.title")``); the lookup here takes the key without it.
    """

    def __init__(self, rows: Rows, prefix: str = "") -> None:
        self.rows = rows
        self.prefix = prefix
        self._by_key: dict[str, tuple[str, str]] = {}
        for key, en, da in rows:
            if key in self._by_key:
                raise ValueError(f"the text {prefix}{key!r} is defined twice; keep one row")
            self._by_key[key] = (en, da)
        REGISTRY.append(self)

    def __call__(self, key: str, lang: str | None, **values: Any) -> str:
        text = self._by_key[key][LANGS.index(lang_of(lang))]
        return text.format(**values) if values else text

    def __contains__(self, key: str) -> bool:
        return key in self._by_key

    def get(self, key: str, lang: str | None, default: str | None = None) -> str | None:
        """The text, or ``default`` when the table has no such key."""
        return self(key, lang) if key in self._by_key else default

    def both(self, key: str) -> tuple[str, str]:
        """(English, Danish) of one key, for data that carries both (an index file, a JSON legend)."""
        return self._by_key[key]

    def by_lang(self, key: str) -> dict[str, str]:
        """``{language: text}`` of one key: data that carries every language (a report's JSON)."""
        return dict(zip(LANGS, self._by_key[key], strict=True))

    def items(self) -> Iterator[tuple[str, dict[str, str]]]:
        """``(prefixed key, {language: text})``: the shape of the web app's shared registry."""
        for key in self._by_key:
            yield f"{self.prefix}{key}", self.by_lang(key)


__all__ = ["LANGS", "REGISTRY", "Rows", "Texts", "lang_of", "other_lang", "pick", "preference"]

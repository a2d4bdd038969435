"""Tell Danish prose from English, because a Pure page does not say which it is.

Portals print English labels over Danish prose and the other way round, so the
labels are no guide; the prose is. The language matters for reading figures
("2.500" is two thousand five hundred in Danish, two and a half in English)
and is recorded on the project. A handful of function words is enough: the
guess has to be right on whole paragraphs, and says "don't know" (None) when
the text is too short or too mixed to tell.
"""

from __future__ import annotations

import re

from vdk_graph.importers.pure.vocabulary import words

#: Function words that tell Danish prose from English; words common to both ("for", "at") are left out.
_DA_WORDS = frozenset(
    words(
        "og|i|det|den|til|er|som|på|de|med|af|ikke|der|har|skal|vi|om|fra|blev|kan|et|også|samt|inden|"
        "mellem|gennem|hos|være|vil|eller|efter|deres|dette|disse|sin|sit|sine|hvor|hvordan|når|mod|"
        "bliver|kunne|skulle|sig|en|ud|ny|nye"
    )
)
_EN_WORDS = frozenset(
    words(
        "the|and|of|to|in|is|that|with|on|as|by|are|this|be|from|it|an|will|which|through|between|was|"
        "were|has|have|their|these|its|into|or|not|also|can|our|we|new"
    )
)


def detect_language(text: str, minimum: int = 3) -> str | None:
    """ "da", "en" or None from function words; labels are English on Danish pages, so prose decides."""
    found = re.findall(r"[a-zæøå]+", text.casefold())
    danish = sum(word in _DA_WORDS for word in found)
    english = sum(word in _EN_WORDS for word in found)
    if danish + english < minimum:
        return None
    if danish >= 2 * english and danish > english:
        return "da"
    if english >= 2 * danish and english > danish:
        return "en"
    return None

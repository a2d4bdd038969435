"""Turn a key-finding sentence into figures: baseline, target, change, unit, period and target year.

Key findings are goals written as prose ("Antallet af medarbejdere skal øges
fra 2.500 til 4.000 inden 2025", "Increase turnover by DKK 5.7bn over 5
years"). Reading them is its own job, apart from the page layout: Danish and
English number formats ("2.500" and "2,500" are the same number in the two
languages), multipliers ("mia.", "bn", "k"), currencies before or after the
figure, percentages, counted nouns ("medarbejdere" → employees), durations
and deadline years that are not figures of the goal. :func:`parse_indicator`
returns an :class:`Indicator` that keeps the sentence as written, plus notes
on what it could not read, so the parser can warn rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vdk_graph.importers.pure.record import Indicator
from vdk_graph.importers.pure.vocabulary import words

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


#: Stretches of a sentence that belong to its figures, cut out to leave what is measured.
_Cuts = list[tuple[int, int]]

# Regex parts shared by the patterns below.
#: "ca." or "about" between a connecting word and its figure ("fra ca. 300", "to about 500").
_ABOUT = r"(?:ca\.\s*|cirka\s+|about\s+|approximately\s+)?"
_YEAR = r"(?:19|20)\d{2}"
_RANGE_DASH = r"(?:[-–]|til|to)"
_WORD = r"[\w'’-]+"

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
_FROM_BEFORE = re.compile(rf"\b(?:fra|from)\s+{_ABOUT}$", re.I)
_TO_BETWEEN = re.compile(rf"^\s*(?:til|to)\s+{_ABOUT}$", re.I)
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
    rf"in|i)\s+(?:år(?:et)?\s+)?|(?P<range>{_YEAR}\s*{_RANGE_DASH}\s*))$",
    re.I,
)
#: "fra 2021 til 2024", "2021-2024": the years a goal spans, not figures of the goal.
_YEAR_RANGE_AFTER = re.compile(rf"^\s*{_RANGE_DASH}\s*{_YEAR}\b", re.I)
_YEAR_RANGE_BEFORE = re.compile(r"\b(?:fra|from|i|in)\s+$", re.I)

#: What a figure counts, by the noun after it; the unit is the key, in English.
_COUNT_NOUNS: dict[str, tuple[str, ...]] = {
    "employees": words("medarbejdere|medarbejder|ansatte|employees|employee|staff"),
    "jobs": words("arbejdspladser|arbejdsplads|jobs|job|stillinger"),
    "talents": words("talenter|talent|talents"),
    "companies": words("virksomheder|virksomhed|companies|company|firms|businesses|smes|smv'er"),
    "students": words("studerende|students"),
    "projects": words("projekter|projects"),
    "partnerships": words("partnerskaber|partnerships"),
    "participants": words("deltagere|participants"),
    "members": words("medlemmer|members"),
    "startups": words("startups|start-ups|iværksættere"),
    "events": words("arrangementer|events"),
    "teachers": words("lærere|undervisere|teachers"),
}
_UNIT_BY_NOUN = {noun: unit for unit, nouns in _COUNT_NOUNS.items() for noun in nouns}
#: Words around a measure that frame it ("Stigning i ...", "... skal øges") rather than name it.
_LEADING_NOISE = frozenset(
    words(
        "stigning|stigningen|øgning|forøgelse|øget|øge|øges|vækst|fald|reduktion|reducere|reduceret|"
        "mindske|sænke|increase|increased|increasing|growth|grow|rise|raise|boost|decrease|decreased|"
        "reduce|reduced|reduction|achieve|opnå|skabe|create|at|en|et|an|a|the|i|in|af|of|på|on|til|to|"
        "med|with|for|by|fra|from|skal|vil|will|shall|should|must"
    )
)
_TRAILING_NOISE = frozenset(
    words(
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
    cuts: _Cuts = []
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
    if not re.fullmatch(_YEAR, quantity.raw):
        return False
    nxt = re.match(rf"\s*({_WORD})", sentence[quantity.end :])
    return not (nxt and (_CHANGE_AFTER.match(" " + nxt.group(1)) or _noun_unit(nxt.group(1))))


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
    found = re.findall(_WORD, sentence[position:])
    window = found[:4] if position else found
    return next((unit for unit in map(_noun_unit, window) if unit), None)


def _measure(sentence: str, cuts: _Cuts) -> str | None:
    """The sentence minus its figures and framing words: what the figures are about."""
    kept = []
    position = 0
    for start, end in sorted(cuts):
        if start > position:
            kept.append(sentence[position:start])
        position = max(position, end)
    kept.append(sentence[position:])
    tokens = [w for w in " ".join(kept).split() if w.strip(",;:–-")]
    while tokens and _bare(tokens[0]) in _LEADING_NOISE:
        tokens.pop(0)
    while tokens and _bare(tokens[-1]) in _TRAILING_NOISE:
        tokens.pop()
    text = re.sub(r"\s+([,.;:])", r"\1", " ".join(tokens)).strip(" ,.;:–-")
    return text or None


def _bare(word: str) -> str:
    return word.casefold().strip(",.;:!?()")


# --------------------------------------------------------------------------- number formats


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

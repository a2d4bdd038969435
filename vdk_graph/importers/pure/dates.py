"""Read a project's start and end dates from however a Pure portal prints them.

Dates get their own module because they are the one field where the copied
text is most often damaged and where a wrong guess does real harm (a project
shown as finished years early). Portals print "27/05/2021 → 31/12/2024",
"2021-05-27 - 2024-12-31", "27. maj 2021 – 31. dec. 2024" or, copied from the
browser, both dates glued together as "27/05/2031/12/24". :func:`parse_dates`
reads all of them, and says why in a ``ValueError`` when it cannot, so the
parser can report the line to the curator instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import re

#: What a problem with the date field tells the curator to write.
EXPECTED_DATES = "two dates dd/mm/yy or dd/mm/yyyy, start before end"

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

"""The dates stage: DATE entities resolved to (possibly partial) ISO dates.

Only spaCy ``DATE`` entities are read, never whole texts, so "2000 km" or
"$1=42" cannot become dates. Each expression keeps the precision the text gives:

* "September 2021" -> ``2021-09`` (month), "in 2020" -> ``2020`` (year);
* "On October 21" -> the year comes from the publication date when known
  (``2023-10-21``, day), otherwise it stays partial: ``--10-21`` (month-day)
  with the reason "no year in text and no publication date";
* "Monday", "yesterday", "last week", "two days ago", "last year" are counted
  back from the publication date and stay unresolved without one;
* "the same day" / "that day" take the previous resolved day in the article;
* durations ("three years", "decades") are not points in time and are dropped.

A month-day with a publication date gets the publication year, or the previous
year when that would put it more than a month after publication (news reports
the past).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..config import Settings
from ..records import DateRef, Doc, Granularity

_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS.update({"sept": 9})
_WEEKDAYS = {name.casefold(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d|2100)"
_LEAD = re.compile(
    r"^(?:on|in|since|by|until|till|from|during|of|at|earlier|later|early|late|mid|the|around|before|after|"
    r"end\s+of|beginning\s+of|middle\s+of|start\s+of|past)[\s-]+",
    re.I,
)
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.I), g)
    for p, g in (
        (rf"^(?:\w+,?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}$", "day"),
        (rf"^(?:\w+,?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$", "day"),
        (r"^(?P<year>1[89]\d\d|20\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)$", "day"),
        (rf"^{_MONTH},?\s+{_YEAR}$", "month"),
        (rf"^(?:\w+,?\s+)?{_MONTH}\s+{_DAY}(?:\s*[-–]\s*\d{{1,2}})?$", "month-day"),
        (rf"^(?:\w+,?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}$", "month-day"),
        (rf"^(?:the\s+)?(?:year\s+)?{_YEAR}$", "year"),
        (rf"^{_MONTH}$", "month-only"),
    )
)
_DURATION = re.compile(
    r"^(?:the\s+)?(?:(?:past|last|next|previous|coming|first|recent)\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"several|few|many|some|\d+|\d+-|twenty|thirty|forty|fifty|hundred|dozens?|decades?|years?|months?|weeks?|days?|hours?)"
    r"(?:\s+(?:and\s+a\s+half\s+)?(?:of\s+)?(?:years?|months?|weeks?|days?|hours?|decades?|centuries))?(?:\s+long)?$",
    re.I,
)
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
}
_NUMBER_WORDS.update({"a": 1, "an": 1})


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _published(doc: Doc) -> dt.date | None:
    raw = (doc.article.published or "")[:10]
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def _clean(text: str) -> str:
    text = text.strip().rstrip(".,;:").removesuffix("’s").removesuffix("'s")
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text).strip()
    return text


def parse_date(text: str, published: dt.date | None, previous: DateRef | None = None) -> DateRef | None:
    """One date expression (relative to ``published``); None for durations and non-dates.

    The returned record has offsets 0..len(text); the stage moves them onto the article.
    """
    body = _clean(text)
    low = body.casefold()
    if not body or re.search(r"\d[\d,]*\s*(?:km|kilomet|mile|%|percent|\$|dollars)", low) or "=" in body:
        return None
    for pattern, kind in _PATTERNS:
        m = pattern.match(body)
        if m:
            return _from_parts(text, m.groupdict(), kind, published)
    relative = _relative(text, low, published)
    if relative is not None:
        return relative
    shift = _DAY_SHIFT.get(low) or _DAY_SHIFT.get(text.strip().casefold().removeprefix("on "))
    if shift is not None:
        return _shifted(text, previous, shift)
    if low in {"the same day", "same day", "that day", "the same date", "that same day"} or low.endswith("same day"):
        if previous and previous.value and previous.granularity in {"day", "month-day"}:
            return DateRef(0, len(text), text, previous.value, previous.granularity, f"same day as {previous.text!r}")
        return DateRef(0, len(text), text, None, "unknown", "refers to an earlier day that is not known")
    if _DURATION.match(low) or re.search(r"\b(?:years?|months?|weeks?|days?|hours?|decades?)\s+(?:long|old)\b", low):
        return None
    decade = re.match(r"^(?:the\s+)?(?:early\s+|late\s+|mid-?)?(1[89]\d0|20\d0)s$", low)
    if decade:
        return DateRef(0, len(text), text, decade.group(1)[:3], "unknown", "a decade: first three digits of its years")
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", body)
    if year and not re.search(r"\d[\d,.]*\s*[-–]\s*\d", body.replace(year.group(1), "", 1)):
        return DateRef(0, len(text), text, year.group(1), "year", "year named inside a longer expression")
    return None


_DAY_SHIFT = {
    "the previous day": -1,
    "the day before": -1,
    "a day earlier": -1,
    "one day earlier": -1,
    "the next day": 1,
    "the following day": 1,
    "a day later": 1,
    "one day later": 1,
}


def _shifted(text: str, previous: DateRef | None, days: int) -> DateRef:
    """'The next day' after a known day (a month-day is shifted inside a leap year)."""
    if previous is None or not previous.value or previous.granularity not in {"day", "month-day"}:
        return DateRef(0, len(text), text, None, "unknown", "refers to an earlier day that is not known")
    partial = previous.value.startswith("--")
    base = dt.date.fromisoformat(("2024" + previous.value[1:]) if partial else previous.value)
    moved = base + dt.timedelta(days=days)
    value = f"--{moved.month:02d}-{moved.day:02d}" if partial else moved.isoformat()
    word = "after" if days > 0 else "before"
    return DateRef(0, len(text), text, value, previous.granularity, f"the day {word} {previous.text!r}")


def _from_parts(text: str, parts: dict[str, str | None], kind: str, published: dt.date | None) -> DateRef | None:
    month_raw = parts.get("month")
    month = (
        int(month_raw) if month_raw and month_raw.isdigit() else _MONTHS.get((month_raw or "").casefold().rstrip("."))
    )
    day = int(parts["day"]) if parts.get("day") else None
    year = int(parts["year"]) if parts.get("year") else None
    if kind == "year" and year:
        return DateRef(0, len(text), text, str(year), "year", "year stated in text")
    if month is None:
        return None
    if kind == "day" and year and day:
        value = _iso(year, month, day)
        return DateRef(0, len(text), text, value, "day", "full date stated in text") if value else None
    if kind == "month" and year:
        return DateRef(0, len(text), text, f"{year}-{month:02d}", "month", "month and year stated in text")
    if kind == "month-day" and day:
        if not 1 <= day <= 31:
            return None
        if published is None:
            return DateRef(
                0, len(text), text, f"--{month:02d}-{day:02d}", "month-day", "no year in text and no publication date"
            )
        year = published.year
        candidate = _iso(year, month, day)
        if candidate and dt.date.fromisoformat(candidate) > published + dt.timedelta(days=31):
            year -= 1
            candidate = _iso(year, month, day)
        if candidate is None:
            return None
        return DateRef(0, len(text), text, candidate, "day", f"year {year} from the publication date {published}")
    if kind == "month-only":
        if published is None:
            return DateRef(
                0, len(text), text, f"--{month:02d}", "month", "month only: no year in text and no publication date"
            )
        year = published.year if month <= published.month + 1 else published.year - 1
        return DateRef(
            0, len(text), text, f"{year}-{month:02d}", "month", f"year {year} from the publication date {published}"
        )
    return None


def _relative(text: str, low: str, published: dt.date | None) -> DateRef | None:
    """Weekdays and relative expressions, counted back from the publication date."""
    low = re.sub(r"^(?:on|this|last|early|late)\s+(?=\w+day\b)", "", low)
    unit_back: tuple[int, str, Granularity] | None = None
    if low in _WEEKDAYS or re.fullmatch(r"(?:" + "|".join(_WEEKDAYS) + r")\s+(?:morning|afternoon|evening|night)", low):
        weekday = _WEEKDAYS[low.split()[0]]
        if published is None:
            return DateRef(0, len(text), text, None, "unknown", "weekday without a publication date")
        back = (published.weekday() - weekday) % 7
        day = published - dt.timedelta(days=back)
        return DateRef(
            0,
            len(text),
            text,
            day.isoformat(),
            "day",
            f"last {calendar.day_name[weekday]} on or before the publication date {published}",
        )
    fixed = {
        "today": 0,
        "tonight": 0,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "yesterday": 1,
        "last night": 1,
        "the day before yesterday": 2,
    }
    if low in fixed:
        unit_back = (fixed[low], "day", "day")
    elif low in {
        "this week",
        "last week",
        "the past week",
        "this month",
        "last month",
        "this year",
        "last year",
        "the previous year",
        "the past year",
    }:
        word = low.split()[-1]
        back = 0 if low.startswith("this") else 1
        unit_back = (back, word, "month" if word in {"week", "month"} else "year")
    else:
        m = re.fullmatch(r"(\w+)\s+(day|week|month|year)s?\s+ago", low)
        if m and (m.group(1).isdigit() or m.group(1) in _NUMBER_WORDS):
            count = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1)]
            unit = m.group(2)
            unit_back = (count, unit, "day" if unit == "day" else "month" if unit in {"week", "month"} else "year")
    if unit_back is None:
        return None
    count, unit, granularity = unit_back
    if published is None:
        return DateRef(0, len(text), text, None, "unknown", "relative date without a publication date")
    if unit == "day":
        value = (published - dt.timedelta(days=count)).isoformat()
    elif unit == "week":
        value = (published - dt.timedelta(weeks=count)).isoformat()[:7]
    elif unit == "month":
        month_index = published.year * 12 + published.month - 1 - count
        value = f"{month_index // 12}-{month_index % 12 + 1:02d}"
    else:
        value = str(published.year - count)
    return DateRef(0, len(text), text, value, granularity, f"counted back from the publication date {published}")


def find_dates(doc: Doc) -> list[DateRef]:
    published = _published(doc)
    text = doc.article.text
    out: list[DateRef] = []
    for ent in doc.entities:
        if ent.label != "DATE":
            continue
        before, after = text[max(0, ent.start - 1) : ent.start], text[ent.end : ent.end + 1]
        if before in {"-", "‐"} or after in {"-", "‐"} and not text[ent.end + 1 : ent.end + 2].isspace():
            continue  # "TurAz-2021": a year inside a name
        previous = next((d for d in reversed(out) if d.value), None)
        ref = parse_date(ent.text, published, previous)
        if ref is None:
            continue
        out.append(DateRef(ent.start, ent.end, ent.text, ref.value, ref.granularity, ref.reason))
    return out


class DatesStage:
    name = "dates"
    reads: tuple[str, ...] = ("article", "entities")
    writes: tuple[str, ...] = ("dates",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Doc) -> Doc:
        return doc.replace(dates=tuple(find_dates(doc)))

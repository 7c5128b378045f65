"""The cleaning stage: an :class:`Item` becomes an :class:`Article` (or a :class:`Skip`).

HTML goes through trafilatura (``favor_precision``: measured best on the
article-extraction benchmark, see ``bench/extraction.py`` and ``docs/cleaning.md``)
for the main text and metadata; then every text, scraped or extracted, goes
through our own line- and sentence-level cleaner, in this order:

1. scraping debris (PHP/JS/template warnings, stack lines) is removed wherever it
   occurs, even glued to other text; injected widgets (a currency quote stuck
   into the dateline, a stock quote, an inline "(Photo: Reuters)") are removed in
   place;
2. whole lines go when they are the title again (or a near copy of it), a photo
   credit or caption, a furniture line (share bar, byline, time stamp, "Related:
   ..." link, e-mail or URL alone), or a list of links under a heading such as
   "Related" or "More news";
3. inside each remaining paragraph, furniture sentences (follow us, subscribe,
   cookie and paywall notices, app-store blurbs) go when they open or close the
   paragraph; the paragraph goes when nothing but furniture is left. A sentence
   in the middle of prose is kept: real news mentions Twitter and newsletters;
4. the dateline ("TEHRAN, –", "KYIV, Ukraine (AP) —", "MOSCOW, Nov 3 (Reuters) -")
   leaves the first paragraph and its place is kept as metadata.

The title is metadata: ``Article.title`` holds it and the body never repeats it.
The patterns are data: ``resources/clean/patterns.tsv``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from ..config import Settings
from ..ingest.decode import sanitize
from ..records import Article, Item, Skip
from ..resources import read_table

MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTHS = "|".join(MONTH_NAMES) + "|sept"
_UPPER_WORD = r"[A-Z\u00C0-\u00DE][A-Z.'’\u00C0-\u00DE-]+"
_TITLE_WORD = r"[A-Z\u00C0-\u00DE][a-z\u00DF-\u00FF.'’-]+"
DATELINE = re.compile(
    # the place: one to four upper-case words ("TEHRAN", "ST. JOSEPH", "RIO DE JANEIRO"), or
    # several places joined by slashes ("BEIJING/TAIPEI")
    rf"^(?P<place>{_UPPER_WORD}(?:(?:[ -]|\s?/\s?)(?:{_UPPER_WORD}|de|da|del|al|el)){{0,3}})"
    # a region or country in title case ("Ukraine", "Mich.", "United Arab Emirates")
    rf"(?:\s*,\s*(?P<extra>{_TITLE_WORD}(?:\s{_TITLE_WORD}){{0,2}}))?"
    # a date ("Nov 3", "Nov. 3, 2021", "3 November")
    rf"(?:\s*,?\s*(?P<date>(?i:(?:{MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{MONTHS})[a-z]*\.?(?:\s+\d{{4}})?)))?"
    # the agency ("(Reuters)", "(AP)")
    r"(?:\s*,?\s*\((?P<agency>[^)]{0,40})\))?"
    r"\s*,?\s*[–—-]{1,2}\s+"
)
TITLE_CASE_DATELINE = re.compile(
    # "Kyiv, Ukraine (AP) —": a title-case place is a dateline only with an agency in brackets
    rf"^(?P<place>{_TITLE_WORD}(?:\s{_TITLE_WORD}){{0,2}})(?:\s*,\s*(?P<extra>{_TITLE_WORD}(?:\s{_TITLE_WORD}){{0,2}}))?"
    r"\s*\((?P<agency>[A-Z][A-Za-z/ .]{1,30})\)\s*[–—-]{1,2}\s+"
)
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'(\[])|(?<=[.!?])(?=[A-Z][a-z])")
BLANK_RUN = re.compile(r"\n(?:[^\S\n]*\n){2,}")
WORD = re.compile(r"\w+", re.UNICODE)
SITE_SEPARATOR = re.compile(r"\s+(?:\||–|—|-|::|·|•)\s+")
STAMP_DATE = re.compile(
    rf"(?i:\b(?P<mon>{MONTHS})[a-z]*\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"
    rf"|\b(?P<day2>\d{{1,2}})\s+(?P<mon2>{MONTHS})[a-z]*\.?,?\s+(?P<year2>\d{{4}})\b"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b)"
)
MAX_TITLE_CHARS = 220
MIN_EXTRACT_CHARS = 300  # below this, precision-mode extraction is retried in the balanced mode
MAX_LINE_CHARS = 300
LIST_ITEM_CHARS = 140
DATELINE_PARAGRAPHS = 3  # the dateline opens one of the first paragraphs (after a kicker or a subtitle)


@dataclass(frozen=True, slots=True)
class Patterns:
    debris: tuple[re.Pattern[str], ...]
    widget: tuple[re.Pattern[str], ...]
    caption: tuple[re.Pattern[str], ...]
    line: tuple[re.Pattern[str], ...]
    phrase: tuple[re.Pattern[str], ...]
    list_heading: tuple[re.Pattern[str], ...]
    signal: tuple[re.Pattern[str], ...]
    cta: tuple[re.Pattern[str], ...]
    lead_in: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    groups: dict[str, list[re.Pattern[str]]] = {k: [] for k in Patterns.__slots__}
    for kind, pattern in read_table("clean", "patterns.tsv", columns=2):
        flags = re.IGNORECASE | (re.MULTILINE if kind == "debris" else 0)
        groups[kind].append(re.compile(pattern, flags))
    return Patterns(**{k: tuple(v) for k, v in groups.items()})


@dataclass(slots=True)
class Cleaned:
    """The clean body and what cleaning learned: title, dateline place, a time stamp's date."""

    text: str
    title: str | None = None
    dateline: str | None = None
    removed: list[str] = field(default_factory=list)
    stamp_date: str | None = None


def content_key(text: str) -> str:
    """The store key: a hash of the clean text with whitespace and case folded."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:24]


def clean_item(item: Item, settings: Settings | None = None) -> Article | Skip:
    settings = settings or Settings()
    title = _one_line(item.title)
    published = normalise_date(item.published)
    if item.html is not None:
        extracted = extract_html(item.html)
        if isinstance(extracted, Skip):
            return Skip(item.origin, extracted.stage, extracted.code, extracted.detail)
        body, meta_title, meta_date = extracted
        title = title or meta_title
        published = published or meta_date
    else:
        body = item.text or ""
    result = clean_text(body, title=title, guess_title=item.html is None and title is None)
    text = result.text
    if not text.strip():
        return Skip(item.origin, "clean", "no_text", "nothing left after cleaning (only markup or site furniture)")
    if len(text) > settings.max_chars:
        return Skip(item.origin, "clean", "too_large", f"clean text has {len(text)} characters, over max_chars={settings.max_chars}")
    return Article(
        key=content_key(text),
        doc=item.doc,
        text=text,
        title=result.title,
        url=item.url,
        outlet=item.outlet,
        published=published or result.stamp_date,
        dateline=result.dateline,
        origin=item.origin,
        removed=tuple(result.removed),
    )


def extract_html(html: str) -> tuple[str, str | None, str | None] | Skip:
    """Main text, title (without the site-name suffix) and date of an HTML page via trafilatura.

    trafilatura runs in its precision mode first; a page where that finds almost nothing
    (under ``MIN_EXTRACT_CHARS``) is extracted again in the balanced mode, and the longer text wins.
    """
    import trafilatura

    best = None
    for mode in ({"favor_precision": True}, {}):
        try:
            doc = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_images=False, **mode
            )
        except (RecursionError, MemoryError, ValueError, TypeError, AttributeError) as exc:
            return Skip("", "clean", "bad_html", f"HTML could not be parsed ({type(exc).__name__})")
        if doc is not None and (best is None or len(doc.text or "") > len(best.text or "")):
            best = doc
        if best is not None and len(best.text or "") >= MIN_EXTRACT_CHARS:
            break
    if best is None or not (best.text or "").strip():
        return Skip("", "clean", "no_text", "no article text found in the HTML")
    site = [getattr(best, "sitename", None), getattr(best, "hostname", None)]
    title = strip_site_name(_one_line(getattr(best, "title", None)), [s for s in site if s])
    published = normalise_date(getattr(best, "date", None))
    return best.text or "", title, published


def strip_site_name(title: str | None, sites: list[str]) -> str | None:
    """"Best gadgets of 2019 | ZDNet" -> "Best gadgets of 2019", when the tail names the site."""
    if not title:
        return title
    parts = SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    names = {_squash(s) for s in sites} | {_squash(s.split(".")[-2]) for s in sites if s.count(".") >= 1}
    names.discard("")
    for candidate in (parts[-1], parts[0]):
        squashed = _squash(candidate)
        if squashed and any(squashed == n or (len(n) > 3 and (n in squashed or squashed in n)) for n in names):
            rest = [p for p in parts if p is not candidate]
            return " - ".join(rest) if len(parts) > 2 else rest[0]
    return title


def _squash(value: str) -> str:
    return "".join(ch for ch in value.casefold().removeprefix("www.") if ch.isalnum())


def normalise_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or datetime string, else None."""
    if not value:
        return None
    raw = str(value).strip()
    try:
        return date.fromisoformat(raw[:10]).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def clean_text(text: str, title: str | None = None, guess_title: bool = True) -> Cleaned:
    """Clean already-scraped text; returns the body, title, dateline and what was dropped."""
    pats = patterns()
    removed: list[str] = []
    text = sanitize(text)  # controls, lone surrogates, CRLF, NFC: also for text that skipped the readers
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    for rx in pats.debris:  # long blank runs make the line-anchored debris patterns quadratic: fold them
        text = _sub(rx, BLANK_RUN.sub("\n\n", text), removed)
    for rx in pats.widget:
        text = _sub(rx, text, removed)
    lines = [re.sub(r"[ \t]{2,}", " ", ln).strip() for ln in text.split("\n")]
    if guess_title and title is None:
        title = _guess_title(lines)
    stamps: list[str] = []
    kept = _drop_lines(lines, title, pats, removed, stamps)
    paragraphs = [p for p in (_clean_paragraph(p, pats, removed) for p in _paragraphs(kept)) if p]
    dateline = None
    for i, paragraph in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        paragraphs[i], dateline = _take_dateline(paragraph, removed)
        if dateline:
            break
    body = "\n\n".join(paragraphs).strip()
    stamp_date = next((d for d in map(_stamp_date, stamps) if d), None)
    return Cleaned(text=body, title=title, dateline=dateline, removed=removed, stamp_date=stamp_date)


def _sub(rx: re.Pattern[str], text: str, removed: list[str]) -> str:
    def drop(match: re.Match[str]) -> str:
        removed.append(match.group(0).strip()[:300])
        return " "

    return rx.sub(drop, text)


def _one_line(value: str | None) -> str | None:
    if not value:
        return None
    line = " ".join(sanitize(str(value)).split())
    return line[:500] or None


def _guess_title(lines: list[str]) -> str | None:
    """The first line that is not furniture, when it is short, does not end like a sentence,
    and more text follows."""
    pats = patterns()
    candidates = [ln for ln in lines if ln and not _furniture_line(ln, pats)]
    if len(candidates) < 2:
        return None
    first = candidates[0]
    if len(first) > MAX_TITLE_CHARS or len(WORD.findall(first)) < 3:
        return None
    if first.endswith((".", ",", ";", ":")) and not first.endswith("..."):
        return None
    if DATELINE.match(first) or TITLE_CASE_DATELINE.match(first):
        return None
    if any(rx.search(first) for rx in pats.list_heading):
        return None
    return first


def _furniture_line(line: str, pats: Patterns) -> bool:
    """A line the cleaner will drop whole: a caption, a furniture line, or only furniture sentences."""
    if len(line) <= MAX_LINE_CHARS and (
        any(rx.search(line) for rx in pats.caption) or any(rx.match(line) for rx in pats.line)
    ):
        return True
    sentences = [s for s in SENTENCE_SPLIT.split(line) if s.strip()]
    return bool(sentences) and all(_furniture_sentence(s, pats) for s in sentences)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def _near_title(line: str, title: str | None) -> bool:
    """The title again, or a near copy of it (a caption or heading differing by a word or two).

    A longer line that starts like the title (a lede that reuses its words) is prose and stays.
    """
    if not title or not line:
        return False
    a, b = _words(line), _words(title)
    if not a or not b:
        return False
    if a == b:
        return True
    if len(a) > len(b) + 2 or len(a) < len(b) - 3 or len(b) < 3:
        return False
    shared = len(set(a) & set(b)) / max(len(set(a)), len(set(b)))
    sentence_like = line.rstrip("”\"' ").endswith((".", "!", "?"))
    return shared >= (0.9 if sentence_like else 0.75)


def _drop_lines(
    lines: list[str], title: str | None, pats: Patterns, removed: list[str], stamps: list[str]
) -> list[str]:
    """Lines that survive: title repeats, captions, furniture lines and link lists go."""
    kept: list[str] = []
    in_list = False
    for line in lines:
        if not line:
            if in_list and kept and kept[-1] == "":
                in_list = False  # a second blank line closes a link list
            kept.append("")
            continue
        if _near_title(line, title):
            removed.append(line)
            continue
        if len(line) < 60 and any(rx.search(line) for rx in pats.list_heading):
            removed.append(line)
            in_list = True
            continue
        if in_list:
            if _list_item(line):
                removed.append(line)
                continue
            in_list = False
        if len(line) <= MAX_LINE_CHARS and any(rx.search(line) for rx in pats.caption):
            removed.append(line)
            continue
        if len(line) <= MAX_LINE_CHARS and any(rx.match(line) for rx in pats.line):
            removed.append(line)
            if any(ch.isdigit() for ch in line):
                stamps.append(line)
            continue
        kept.append(line)
    return kept


def _list_item(line: str) -> bool:
    """A short line that reads like a headline or link, not a sentence of the article."""
    if len(line) >= LIST_ITEM_CHARS:
        return False
    stripped = line.rstrip(" )]")
    return not stripped.endswith((".", "”", '"', "!", ":", ";"))


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _furniture_sentence(sentence: str, pats: Patterns) -> bool:
    """A sentence is furniture when a phrase pattern fires, or when it is a call to action
    that names two different furniture words ("follow our Telegram and YouTube")."""
    if any(rx.search(sentence) for rx in pats.phrase):
        return True
    kinds = {m.group(0).casefold() for rx in pats.signal for m in rx.finditer(sentence)}
    return len(kinds) >= 2 and any(rx.search(sentence) for rx in pats.cta)


def _clean_paragraph(paragraph: str, pats: Patterns, removed: list[str]) -> str:
    """Drop furniture sentences at the start or end of each line; drop a line of nothing but furniture."""
    out_lines = []
    for line in paragraph.split("\n"):
        sentences = [s for s in SENTENCE_SPLIT.split(line) if s.strip()]
        flagged = [_furniture_sentence(s, pats) for s in sentences]
        if not any(flagged):
            out_lines.append(line)
            continue
        if all(flagged) or all(f or len(WORD.findall(s)) < 6 for s, f in zip(sentences, flagged, strict=True)):
            removed.append(line[:300])
            continue
        lead = 0
        while flagged[lead]:
            lead += 1
        tail = len(flagged)
        while flagged[tail - 1]:
            tail -= 1
        removed.extend(s[:300] for s in sentences[:lead] + sentences[tail:])
        out_lines.append(" ".join(s.strip() for s in sentences[lead:tail]))
    out = "\n".join(ln for ln in out_lines if ln.strip())
    return re.sub(r"[ \t]{2,}", " ", out).strip()


def _take_dateline(paragraph: str, removed: list[str]) -> tuple[str, str | None]:
    """Split "KYIV, Ukraine (AP) — Russian forces ..." into the body and the place "Kyiv"."""
    match = DATELINE.match(paragraph) or TITLE_CASE_DATELINE.match(paragraph)
    if not match:
        return paragraph, None
    place = match.group("place").strip(" .")
    if len(place) < 3 or not any(ch.isalpha() for ch in place):
        return paragraph, None
    bare = match.re is DATELINE and not (match.group("agency") or match.group("date") or match.group("extra"))
    if bare and any(rx.match(place) for rx in patterns().lead_in):
        return paragraph, None  # a shouted lead-in ("BREAKING -"), not a place
    rest = paragraph[match.end():].lstrip()
    if not rest:
        return paragraph, None
    removed.append(match.group(0).strip())
    return rest, _place_name(place)


def _place_name(place: str) -> str:
    if not place.isupper():
        return place
    words = place.lower().split(" ")
    return " ".join(w if w in {"de", "da", "del", "al", "el"} else "/".join(p.capitalize() for p in w.split("/")) for w in words)


def _stamp_date(line: str) -> str | None:
    """The date of a time-stamp line ("Updated Nov. 3, 2021 10:15 a.m."), as ISO, if it has one."""
    match = STAMP_DATE.search(line)
    if not match:
        return None
    if match.group("iso"):
        return normalise_date(match.group("iso"))
    month = (match.group("mon") or match.group("mon2")).casefold()[:3]
    day = int(match.group("day") or match.group("day2"))
    year = int(match.group("year") or match.group("year2"))
    try:
        return date(year, MONTH_NAMES.index(month) + 1, day).isoformat()
    except ValueError:
        return None

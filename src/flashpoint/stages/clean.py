"""The cleaning stage: an :class:`Item` becomes an :class:`Article` (or a :class:`Skip`).

HTML goes through trafilatura for the main text and metadata; then every text,
scraped or extracted, goes through our own line- and paragraph-level cleaner:

* scraping debris (PHP/JS/template warnings, stack lines), removed even when
  glued to other text;
* injected widgets (a currency quote stuck into the dateline) removed in place;
* the dateline place ("TEHRAN, ... –") moved to metadata;
* photo credits and captions, site furniture lines (follow/share/subscribe,
  cookie and paywall notices, app-store blurbs), link lists under headings like
  "Related" or "More news";
* the title: taken from metadata or a short first line, and dropped wherever it
  (or a near copy of it) is repeated inside the body.

The patterns are data: ``resources/clean/patterns.tsv``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from ..config import Settings
from ..records import Article, Item, Skip
from ..resources import read_table

DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\u00C0-\u00DE-]+(?:[ -][A-Z][A-Z.'\u00C0-\u00DE-]+){0,3})"
    r"(?:\s*,\s*(?P<extra>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2}))?"
    r"(?:\s*,?\s*\((?P<agency>[^)]{0,40})\))?"
    r"\s*,?\s*[–—-]{1,2}\s+"
)
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'(])|(?<=[.!?])(?=[A-Z][a-z])")
WORD = re.compile(r"\w+", re.UNICODE)
MAX_TITLE_CHARS = 220


@dataclass(frozen=True, slots=True)
class Patterns:
    debris: tuple[re.Pattern[str], ...]
    widget: tuple[re.Pattern[str], ...]
    caption: tuple[re.Pattern[str], ...]
    drop_line: tuple[re.Pattern[str], ...]
    list_heading: tuple[re.Pattern[str], ...]
    signal: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    groups: dict[str, list[re.Pattern[str]]] = {k: [] for k in Patterns.__slots__}
    for kind, pattern in read_table("clean", "patterns.tsv", columns=2):
        flags = re.IGNORECASE | (re.MULTILINE if kind == "debris" else 0)
        groups[kind].append(re.compile(pattern, flags))
    return Patterns(**{k: tuple(v) for k, v in groups.items()})


@dataclass(slots=True)
class Cleaned:
    text: str
    title: str | None = None
    dateline: str | None = None
    removed: list[str] = field(default_factory=list)


def content_key(text: str) -> str:
    """The store key: a hash of the clean text with whitespace and case folded."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:24]


def clean_item(item: Item, settings: Settings | None = None) -> Article | Skip:
    settings = settings or Settings()
    title = _one_line(item.title)
    published = normalise_date(item.published)
    dateline = None
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
    dateline = result.dateline or dateline
    return Article(
        key=content_key(text),
        doc=item.doc,
        text=text,
        title=result.title,
        url=item.url,
        outlet=item.outlet,
        published=published,
        dateline=dateline,
        origin=item.origin,
        removed=tuple(result.removed),
    )


def extract_html(html: str) -> tuple[str, str | None, str | None] | Skip:
    """Main text, title and date of an HTML page via trafilatura."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            deduplicate=True,
        )
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError) as exc:
        return Skip("", "clean", "bad_html", f"HTML could not be parsed ({type(exc).__name__})")
    if doc is None:
        return Skip("", "clean", "no_text", "no article text found in the HTML")
    text = getattr(doc, "text", None) or ""
    title = _one_line(getattr(doc, "title", None))
    published = normalise_date(getattr(doc, "date", None))
    return text, title, published


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
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    for rx in pats.debris:
        text = _sub(rx, text, removed)
    for rx in pats.widget:
        text = _sub(rx, text, removed)
    lines = [ln.strip() for ln in text.split("\n")]
    if guess_title and title is None:
        title = _guess_title(lines)
    kept = _drop_lines(lines, title, pats, removed)
    paragraphs = _paragraphs(kept)
    paragraphs = [p for p in (_clean_paragraph(p, pats, removed) for p in paragraphs) if p]
    dateline = None
    if paragraphs:
        paragraphs[0], dateline = _take_dateline(paragraphs[0], removed)
    body = "\n\n".join(paragraphs).strip()
    return Cleaned(text=body, title=title, dateline=dateline, removed=removed)


def _sub(rx: re.Pattern[str], text: str, removed: list[str]) -> str:
    def drop(match: re.Match[str]) -> str:
        removed.append(match.group(0).strip()[:300])
        return " "

    return rx.sub(drop, text)


def _one_line(value: str | None) -> str | None:
    if not value:
        return None
    line = " ".join(str(value).split())
    return line[:500] or None


def _guess_title(lines: list[str]) -> str | None:
    """A short first line that does not end like a sentence, followed by more text."""
    non_empty = [ln for ln in lines if ln]
    if len(non_empty) < 2:
        return None
    first = non_empty[0]
    if len(first) > MAX_TITLE_CHARS or len(WORD.findall(first)) < 3:
        return None
    if first.endswith((".", ",", ";", ":")) and not first.endswith("..."):
        return None
    if DATELINE.match(first):
        return None
    return first


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def _near_title(line: str, title: str | None) -> bool:
    """The title itself, or a variant of it (a caption that repeats most of its words)."""
    if not title or not line:
        return False
    a, b = _words(line), _words(title)
    if not a or not b:
        return False
    if a == b:
        return True
    if len(line) > 2 * len(title) + 20:
        return False
    shared = len(set(a) & set(b))
    return shared / max(len(set(a)), len(set(b))) >= 0.7


def _drop_lines(lines: list[str], title: str | None, pats: Patterns, removed: list[str]) -> list[str]:
    kept: list[str] = []
    in_list = False
    for line in lines:
        if not line:
            in_list = False if kept and kept[-1] == "" and in_list else in_list
            kept.append("")
            continue
        if _near_title(line, title):
            removed.append(line)
            continue
        if any(rx.search(line) for rx in pats.list_heading) and len(line) < 60:
            removed.append(line)
            in_list = True
            continue
        if in_list:
            if len(line) < 140 and not line.endswith((".", "”", '"')):
                removed.append(line)
                continue
            in_list = False
        if len(line) <= 300 and any(rx.search(line) for rx in pats.caption):
            removed.append(line)
            continue
        if len(line) <= 400 and any(rx.search(line) for rx in pats.drop_line) and _is_furniture(line, pats):
            removed.append(line)
            continue
        kept.append(line)
    return kept


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


def _is_furniture(sentence: str, pats: Patterns) -> bool:
    """A sentence is furniture when a drop pattern fires and it is not long news prose."""
    signals = sum(len(rx.findall(sentence)) for rx in pats.signal)
    words = len(WORD.findall(sentence))
    return signals >= 1 or words < 25


def _clean_paragraph(paragraph: str, pats: Patterns, removed: list[str]) -> str:
    """Drop furniture sentences inside a paragraph; drop the paragraph if most of it is furniture."""
    out_lines = []
    for line in paragraph.split("\n"):
        sentences = [s for s in SENTENCE_SPLIT.split(line) if s.strip()]
        if len(sentences) <= 1:
            out_lines.append(line)
            continue
        flagged = [
            any(rx.search(s) for rx in pats.drop_line) or sum(len(rx.findall(s)) for rx in pats.signal) >= 2
            for s in sentences
        ]
        if sum(flagged) * 2 >= len(sentences):
            removed.append(line[:300])
            continue
        if any(flagged):
            trailing = len(flagged)
            while trailing > 0 and flagged[trailing - 1]:
                trailing -= 1
            leading = 0
            while leading < len(flagged) and flagged[leading]:
                leading += 1
            removed.extend(s[:300] for s in sentences[:leading] + sentences[trailing:])
            sentences = sentences[leading:trailing]
        out_lines.append(" ".join(s.strip() for s in sentences))
    out = "\n".join(ln for ln in out_lines if ln.strip())
    return re.sub(r"[ \t]{2,}", " ", out).strip()


def _take_dateline(paragraph: str, removed: list[str]) -> tuple[str, str | None]:
    match = DATELINE.match(paragraph)
    if not match:
        return paragraph, None
    place = match.group("place").strip(" .")
    if len(place) < 3 or not any(ch.isalpha() for ch in place):
        return paragraph, None
    rest = paragraph[match.end():].lstrip()
    if not rest:
        return paragraph, None
    removed.append(match.group(0).strip())
    return rest, place.title() if place.isupper() else place

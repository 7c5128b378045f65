"""The cleaning stage: an :class:`Item` becomes an :class:`Article` (or a :class:`Skip`).

HTML goes through trafilatura (``favor_precision``: measured best on the
article-extraction benchmark, see ``bench/extraction.py`` and ``docs/cleaning.md``)
for the main text and metadata; then every text, scraped or extracted, goes
through our own line- and sentence-level cleaner, in this order:

1. scraping debris (PHP/JS/template warnings, stack lines) is removed wherever it
   occurs, even glued to other text; injected widgets (a currency quote stuck
   into the dateline, a stock quote, an inline "(Photo: Reuters)") are removed in
   place; both keep the text's line count, so every removal names its input line;
2. the text is cut into lines (a hard-wrapped paragraph is read as one line) and,
   for plain text, the furniture classifier (``stages/furniture``) scores each line:
   menus, footers, share bars, related stories, comments, bylines go, each with the
   model's probability and what gave it away. A text with few menu-like lines is
   an article already and loses a line only when the model is sure;
3. whole lines go when they are the title again (or a near copy of it), a photo
   credit or caption, a furniture line (share bar, byline, time stamp, "Related:
   ..." link, e-mail or URL alone), or a list of links under a heading such as
   "Related" or "More news";
4. inside each remaining paragraph, furniture sentences (follow us, subscribe,
   cookie and paywall notices, app-store blurbs) go when they open or close the
   paragraph; the paragraph goes when nothing but furniture is left. A sentence
   in the middle of prose is kept: real news mentions Twitter and newsletters;
5. the dateline ("TEHRAN, –", "KYIV, Ukraine (AP) —", "MOSCOW, Nov 3 (Reuters) -")
   leaves the first paragraph and its place is kept as metadata;
6. the removed furniture is read for metadata: the title (a page title's site name
   gives way to the heading that repeats it), the byline, and the publication date
   of the time stamp nearest above the article.

Nothing is dropped silently: every removed piece is kept in ``Article.removed`` with
its reason and input line (stored in ``documents.removed``; ``flashpoint removed DOC``).
The title is metadata: ``Article.title`` holds it and the body never repeats it.
The patterns are data: ``resources/clean/patterns.tsv``; the classifier's cue words
``resources/clean/cues.tsv`` and its weights ``models/furniture/model.json``.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from ..config import Settings
from ..ingest.decode import sanitize
from ..records import Article, Item, Removal, Skip
from ..resources import read_table
from .furniture import Line, Model, RuleHits, classify, line_key, split_lines
from .furniture.features import batch_repeats

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
GUESS_TITLE_LINES = 50  # a plain text's title is looked for among its first lines
MAX_REMOVED_CHARS = 10_000  # a removed piece longer than this is kept in part (its reason says so)
MAX_BATCH_CHARS = 2_000_000  # of each document, compared with the others of its outlet in a batch
METADATA_LINE_CHARS = 160  # a byline or time stamp line is at most this long
BYLINE = re.compile(
    r"^\s*(?:by|written by|posted by|story by|words by|reported by|report by|author)\s*:?\s+"
    r"(?P<who>(?-i:[A-Z\u00C0-\u00DE][\w.'’-]*)(?:,?\s+(?:(?-i:[A-Z\u00C0-\u00DE][\w.'’-]*)|and|&|de|da|van|von|al|bin|el|la|le|du|di)){0,8})",
    re.IGNORECASE,
)
CREDIT = re.compile(r"^\s*\(?\s*(?:additional )?(?:reporting|writing) by\s+(?P<who>[^;)\n]{3,80})", re.IGNORECASE)
AGENCY_LINE = re.compile(
    r"^\s*(?P<who>(?:the )?associated press|reuters|agence france-presse|afp|bloomberg(?: news)?|tass|xinhua|anadolu agency)\b",
    re.IGNORECASE,
)


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


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Each line-level pattern kind as one alternation: one regex call per line instead of one per row."""

    caption: re.Pattern[str]
    line: re.Pattern[str]
    list_heading: re.Pattern[str]
    phrase: re.Pattern[str]
    cta: re.Pattern[str]


@lru_cache(maxsize=1)
def any_of() -> AnyOf:
    pats = patterns()

    def join(group: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{rx.pattern})" for rx in group) or r"(?!)", re.IGNORECASE)

    return AnyOf(join(pats.caption), join(pats.line), join(pats.list_heading), join(pats.phrase), join(pats.cta))


@dataclass(slots=True)
class Cleaned:
    """The clean body and what cleaning learned: title, dateline place, byline, a time stamp's date,
    and every piece it removed with the reason."""

    text: str
    title: str | None = None
    dateline: str | None = None
    removed: list[Removal] = field(default_factory=list)
    stamp_date: str | None = None
    byline: str | None = None


def content_key(text: str) -> str:
    """The store key: a hash of the clean text with whitespace and case folded."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:24]


def clean_item(item: Item, settings: Settings | None = None, batch_counts: dict[str, float] | None = None) -> Article | Skip:
    """Clean one item. ``batch_counts`` (from :func:`batch_line_counts`) says which of its lines recur
    in other documents of the same outlet in the batch: a hint that they are site furniture."""
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
    use_model = settings.clean_model and (item.html is None or settings.clean_model_html)
    result = clean_text(
        body,
        title=title,
        guess_title=item.html is None and title is None,
        furniture=use_model,
        batch_counts=batch_counts,
        threshold=settings.clean_threshold,
    )
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
        byline=result.byline,
    )


def outlet_of(item: Item) -> str | None:
    """The outlet an item comes from: its ``outlet`` field, else its URL's host."""
    if item.outlet:
        return item.outlet.strip().casefold() or None
    if item.url:
        host = urlsplit(item.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def batch_line_counts(items: Sequence[Item]) -> list[dict[str, float] | None]:
    """For each item of a batch, the share of the other plain-text items of the same outlet that
    contain each of its lines (site furniture repeats across a site's pages; see
    ``furniture.features.batch_repeats``). Items without an outlet or without text get None."""
    out: list[dict[str, float] | None] = [None] * len(items)
    groups: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        outlet = outlet_of(item)
        if outlet and item.text and item.html is None:
            groups.setdefault(outlet, []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        keys = [
            [line_key(ln) for ln in (items[i].text or "")[: MAX_BATCH_CHARS].split("\n") if ln.strip()]
            for i in members
        ]
        for i, counts in zip(members, batch_repeats(keys), strict=True):
            out[i] = counts or None
    return out


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


def clean_text(
    text: str,
    title: str | None = None,
    guess_title: bool = True,
    *,
    furniture: bool = True,
    model: Model | None = None,
    batch_counts: dict[str, float] | None = None,
    threshold: float | None = None,
) -> Cleaned:
    """Clean already-scraped text; returns the body, the metadata found in the furniture, and
    every removed piece with its reason and line.

    ``furniture`` runs the line classifier (``model``, default the packaged one, at its own
    threshold unless ``threshold`` is given) before the rules.
    """
    pats = patterns()
    removed: list[Removal] = []
    text = sanitize(text)  # controls, lone surrogates, CRLF, NFC: also for text that skipped the readers
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    for rx in pats.debris:
        text = _cut(rx, text, removed, "scraping debris (code, warning or template text)")
    for rx in pats.widget:
        text = _cut(rx, text, removed, "injected widget or inline photo credit")
    lines = split_lines(text)
    if guess_title and title is None:
        title = _guess_title(lines)
    dropped: list[tuple[Line, str]] = []  # whole lines removed, with the reason: metadata is read from them
    if furniture and lines:
        _run_model(lines, title, batch_counts, model, threshold, dropped)
    kept = _drop_lines(lines, title, pats, dropped)
    for line, reason in dropped:
        removed.append(_removal(line.raw, reason, line.number))
    paragraphs = [p for p in (_clean_paragraph(p, pats, removed) for p in _paragraphs(kept)) if p[1]]
    dateline = None
    for i, (number, paragraph) in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        rest, dateline = _take_dateline(paragraph, removed, number)
        paragraphs[i] = (number, rest)
        if dateline:
            break
    body = "\n\n".join(p for _, p in paragraphs).strip()
    first_body = kept[0].number if kept else None
    removed.sort(key=lambda r: (r.line or 0))
    return Cleaned(
        text=body,
        title=_better_title(title, dropped, first_body),
        dateline=dateline,
        removed=removed,
        stamp_date=_furniture_date(dropped, first_body),
        byline=_byline(dropped, first_body),
    )


def _run_model(
    lines: list[Line],
    title: str | None,
    batch_counts: dict[str, float] | None,
    model: Model | None,
    threshold: float | None,
    dropped: list[tuple[Line, str]],
) -> None:
    """The lines the furniture classifier removes go to ``dropped`` with its reason.

    When it would keep nothing of a text, the text is left to the rules alone: a text too short
    or too odd for the model is more likely an article than nothing at all."""
    anyof = any_of()
    verdicts = classify(lines, title, RuleHits(anyof.line, anyof.list_heading), batch_counts, model, threshold)
    if any(v.keep for v in verdicts):
        dropped.extend((v.line, v.reason) for v in verdicts if not v.keep)


def _removal(text: str, reason: str, line: int | None) -> Removal:
    if len(text) > MAX_REMOVED_CHARS:
        reason = f"{reason} (first {MAX_REMOVED_CHARS:,} of {len(text):,} characters kept)"
        text = text[:MAX_REMOVED_CHARS]
    return Removal(text=text, reason=reason, line=line)


def _cut(rx: re.Pattern[str], text: str, removed: list[Removal], reason: str) -> str:
    """Remove every match of ``rx``, keeping the text's line count (a match that spans lines leaves
    its newlines), so every later removal still names the line of the input it came from."""
    newlines: list[int] = []

    def drop(match: re.Match[str]) -> str:
        if not newlines:
            newlines.extend(m.start() for m in re.finditer("\n", text))
            newlines.append(len(text) + 1)  # never empty again
        piece = match.group(0)
        line = bisect.bisect_right(newlines, match.start()) + 1
        if piece.strip():
            removed.append(_removal(piece.strip(), reason, line))
        return " " + "\n" * piece.count("\n")

    return rx.sub(drop, text)


def _one_line(value: str | None) -> str | None:
    if not value:
        return None
    line = " ".join(sanitize(str(value)).split())
    return line[:500] or None


def _guess_title(lines: list[Line]) -> str | None:
    """The first line that is not furniture, when it is short, does not end like a sentence,
    and more text follows."""
    pats = patterns()
    candidates = [ln.text for ln in lines[:GUESS_TITLE_LINES] if not _furniture_line(ln.text, pats)]
    if len(candidates) < 2:
        return None
    first = candidates[0]
    if len(first) > MAX_TITLE_CHARS or len(WORD.findall(first)) < 3:
        return None
    if first.endswith((".", ",", ";", ":")) and not first.endswith("..."):
        return None
    if DATELINE.match(first) or TITLE_CASE_DATELINE.match(first):
        return None
    if any_of().list_heading.search(first):
        return None
    return first


def _furniture_line(line: str, pats: Patterns) -> bool:
    """A line the cleaner will drop whole: a caption, a furniture line, or only furniture sentences."""
    anyof = any_of()
    if len(line) <= MAX_LINE_CHARS and (anyof.caption.search(line) or anyof.line.match(line)):
        return True
    sentences = [s for s in SENTENCE_SPLIT.split(line) if s.strip()]
    return bool(sentences) and all(_furniture_sentence(s, pats) for s in sentences)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def _near_title(line: str, title: str | None) -> bool:
    """The title again, or a near copy of it (a caption or heading differing by a word or two).

    A longer line that starts like the title (a lede that reuses its words) is prose and stays.
    """
    if not title or not line or len(line) > 3 * len(title) + 20:
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


def _drop_lines(lines: list[Line], title: str | None, pats: Patterns, dropped: list[tuple[Line, str]]) -> list[Line]:
    """Lines that survive the model (already in ``dropped``) and the rules: title repeats, captions,
    furniture lines and link lists go. A list heading the model removed still opens its list."""
    anyof = any_of()
    gone = {line.number for line, _ in dropped}
    kept: list[Line] = []
    in_list = False
    previous: Line | None = None
    for line in lines:
        text = line.text
        if in_list and previous is not None and line.number - previous.number - previous.raw.count("\n") > 2:
            in_list = False  # a second blank line closes a link list
        previous = line
        if line.number in gone:
            if len(text) < 60 and anyof.list_heading.search(text):
                in_list = True
            elif in_list and not _list_item(text):
                in_list = False
            continue
        if _near_title(text, title):
            dropped.append((line, "the title again"))
            continue
        if len(text) < 60 and anyof.list_heading.search(text):
            dropped.append((line, "heading of a list of links"))
            in_list = True
            continue
        if in_list:
            if _list_item(text):
                dropped.append((line, "item of a list of links"))
                continue
            in_list = False
        if _caption(line, anyof):
            dropped.append((line, "caption or photo credit"))
            continue
        if len(text) <= MAX_LINE_CHARS and anyof.line.match(text):
            dropped.append((line, "furniture line (share bar, byline, time stamp, link)"))
            continue
        kept.append(line)
    return kept


def _caption(line: Line, anyof: AnyOf) -> bool:
    """A caption or photo credit: a short line the caption patterns match, or a hard-wrapped caption
    (at most twice that long) whose last line they match, as they would have unwrapped."""
    if len(line.text) <= MAX_LINE_CHARS and anyof.caption.search(line.text):
        return True
    if "\n" not in line.raw or len(line.text) > 2 * MAX_LINE_CHARS:
        return False
    return bool(anyof.caption.search(line.raw.rsplit("\n", 1)[1]))


def _list_item(line: str) -> bool:
    """A short line that reads like a headline or link, not a sentence of the article."""
    if len(line) >= LIST_ITEM_CHARS:
        return False
    stripped = line.rstrip(" )]")
    return not stripped.endswith((".", "”", '"', "!", ":", ";"))


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Kept lines grouped into paragraphs: the lines of one block of the input."""
    paragraphs: list[list[Line]] = []
    for line in lines:
        if paragraphs and paragraphs[-1][-1].block == line.block:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


def _furniture_sentence(sentence: str, pats: Patterns) -> bool:
    """A sentence is furniture when a phrase pattern fires, or when it is a call to action
    that names two different furniture words ("follow our Telegram and YouTube")."""
    anyof = any_of()
    if anyof.phrase.search(sentence):
        return True
    kinds = {m.group(0).casefold() for rx in pats.signal for m in rx.finditer(sentence)}
    return len(kinds) >= 2 and bool(anyof.cta.search(sentence))


def _clean_paragraph(paragraph: list[Line], pats: Patterns, removed: list[Removal]) -> tuple[int, str]:
    """Drop furniture sentences at the start or end of each line; drop a line of nothing but furniture.

    Returns the paragraph's first line number and its text."""
    out_lines = []
    for line in paragraph:
        sentences = [s for s in SENTENCE_SPLIT.split(line.text) if s.strip()]
        flagged = [_furniture_sentence(s, pats) for s in sentences]
        if not any(flagged):
            out_lines.append(line.raw.replace("\n", " "))  # a hard-wrapped line is one line: one sentence to the parser
            continue
        if all(flagged) or all(f or len(WORD.findall(s)) < 6 for s, f in zip(sentences, flagged, strict=True)):
            removed.append(_removal(line.raw, "only furniture sentences (subscribe, follow, cookies, paywall)", line.number))
            continue
        lead = 0
        while flagged[lead]:
            lead += 1
        tail = len(flagged)
        while flagged[tail - 1]:
            tail -= 1
        for s in sentences[:lead] + sentences[tail:]:
            removed.append(_removal(s.strip(), "furniture sentence at the edge of a paragraph", line.number))
        out_lines.append(" ".join(s.strip() for s in sentences[lead:tail]))
    out = "\n".join(ln for ln in out_lines if ln.strip())
    return paragraph[0].number, re.sub(r"[ \t]{2,}", " ", out).strip()


def _take_dateline(paragraph: str, removed: list[Removal], number: int) -> tuple[str, str | None]:
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
    removed.append(Removal(match.group(0).strip(), "dateline (its place is kept as metadata)", number))
    return rest, _place_name(place)


NOT_METADATA = ("caption or photo credit", "item of a list of links", "heading of a list of links", "the title again")


def _before_body(dropped: list[tuple[Line, str]], first_body: int | None) -> list[Line]:
    """Short dropped lines before the article's first line, nearest first; then those after it.
    Captions, lists of other stories and title copies are not where an article's byline or date is."""
    lines = sorted(
        (ln for ln, why in dropped if len(ln.text) <= METADATA_LINE_CHARS and why not in NOT_METADATA),
        key=lambda ln: ln.number,
    )
    if first_body is None:
        return lines
    head = [ln for ln in lines if ln.number < first_body]
    return head[::-1] + [ln for ln in lines if ln.number > first_body]


def _furniture_date(dropped: list[tuple[Line, str]], first_body: int | None) -> str | None:
    """The publication date of a time stamp or dated byline in the furniture: the one nearest
    above the article (a list of other stories' dates sits further up or below)."""
    for line in _before_body(dropped, first_body):
        found = _stamp_date(line.text)
        if found:
            return found
    return None


def _byline(dropped: list[tuple[Line, str]], first_body: int | None) -> str | None:
    """The author(s) from a byline ("By Jane Doe | Nov 3"), a reporting credit, or an agency line."""
    lines = _before_body(dropped, first_body)
    for rx in (BYLINE, CREDIT, AGENCY_LINE):
        for line in lines:
            match = rx.match(line.text)
            if match:
                who = " ".join(match.group("who").split()).strip(" ,;:.-–—|")
                if len(who) < 3:
                    continue
                return _name_case(who)
    return None


def _name_case(who: str) -> str:
    """"HANNA ARHIROVA and SUSIE BLANN" -> "Hanna Arhirova and Susie Blann"; other spellings stay."""
    if any(ch.islower() for ch in who.replace(" and ", " ")):
        return who
    small = {"AND": "and", "DE": "de", "VAN": "van", "VON": "von", "AL": "al", "BIN": "bin", "EL": "el"}
    return " ".join(small.get(w.upper(), w.capitalize()) for w in who.split())


def _better_title(title: str | None, dropped: list[tuple[Line, str]], first_body: int | None) -> str | None:
    """A page title with the site's name around it ("Talks resume | The Daily Site") gives way to the
    line that repeats one part of it on its own (the article's heading), when there is one."""
    if not title or not SITE_SEPARATOR.search(title):
        return title
    parts = {" ".join(_words(p)): p for p in SITE_SEPARATOR.split(title) if len(_words(p)) >= 3}
    for line, _ in sorted(dropped, key=lambda d: d[0].number):
        if first_body is not None and line.number > first_body:
            break
        found = parts.get(" ".join(_words(line.text)))
        if found and line.text != title:
            return line.text
    return title


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

"""What a person looks at to tell a page's article from its furniture, one row per line.

A page's text is cut into lines (a hard-wrapped paragraph is one line); blank lines separate
blocks. Each line gets the features named by :func:`feature_names`:

* its own shape: length, sentence punctuation, capitals, its title-case opening, digits,
  separators, dates and times, quotes, function words, the cue words of
  ``resources/clean/cues.tsv`` by class, and whether two of the cleaner's own patterns
  (furniture lines, list headings) fire on it;
* its place: how far into the page, how much of the page's prose lies before and after it, how
  far the nearest prose lines are, the cluster of prose it belongs to;
* its neighbours: the block it sits in, the run of short lines or headline-like lines around
  it (menus, footers, lists of other stories), the shape of the lines just before and after;
* repetition: how often the line recurs in the page, and in how many other documents of the
  same outlet in the batch (site furniture repeats, article sentences do not).

The same function serves training and cleaning, so the model sees at run time exactly what it
was trained on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ...resources import read_table

WORD = re.compile(r"\w+", re.UNICODE)
MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?[ \t]+\d{1,2}\b"
    r"|\b\d{1,2}[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b",
    re.IGNORECASE,
)
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b(?:[ \t]*[ap]\.?m\.?)?|\b\d{1,2}[ \t]*[ap]\.?m\.?\b", re.IGNORECASE)
SEPARATOR = re.compile(r"[ \t][|•·»›/>][ \t]|[ \t][|•·]|[|•·][ \t]")
URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk|ru|de)\b|\S@\S", re.IGNORECASE)
FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "with", "by", "and", "or", "but", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "this", "which", "who", "whom", "whose", "it", "its", "he", "she", "they", "we", "his", "her", "their", "our", "said", "says", "will", "would", "could", "should", "not", "no", "than", "then", "there", "after", "before", "when", "while", "into", "over", "about", "against", "during"]
)
SHORT_WORDS = 8  # a line under this many words is "short" (menus, labels, buttons)
PROSE_WORDS = 15  # a line of this many words that ends like a sentence is "prose"
HEADLINE_WORDS = (4, 18)  # a headline-like line: this many words, no sentence end
MAX_FEATURE_CHARS = 2_000  # only this much of a (huge) line is looked at
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
SHORT_LINE_CHARS = 300  # patterns for dates, links and separators are only tried on lines this short
RULE_LINE_CHARS = 120  # the cleaner's furniture-line patterns, as a feature, only on lines this short


@dataclass(frozen=True, slots=True)
class Line:
    """A logical line of the input: one line, or the lines of a hard-wrapped paragraph joined.

    ``number`` is the 1-based line of the input it starts on, ``block`` the blank-separated block it
    sits in, ``text`` its words joined by single spaces (what the features and rules read) and ``raw``
    the input's own lines (what a kept line contributes to the clean text)."""

    number: int
    text: str
    block: int
    raw: str = ""

    def __post_init__(self) -> None:
        if not self.raw:
            object.__setattr__(self, "raw", self.text)


TERMINAL = re.compile(r"[.!?。！？:;\"”’)\]]$")
SPACE_RUN = re.compile(r"[ \t]{2,}")
WRAP_MIN_CHARS = 40  # a line shorter than this is never a wrapped part of a longer one


def split_lines(text: str) -> list[Line]:
    """The logical lines of ``text`` with their numbers and blocks (runs of lines without a blank one).

    A line continues the one before it (hard-wrapped text: e-mail, PDF or fixed-width copies) when
    both are in one block, the first is long and does not end a sentence, and either the next starts
    in lower case or a digit, or the block is wrapped at a fixed width (most of its lines are nearly
    as long as its longest)."""
    physical: list[tuple[int, str, int]] = []
    block = 0
    blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
        line = SPACE_RUN.sub(" ", raw).strip()
        if not line:
            if not blank:
                block += 1
            blank = True
            continue
        blank = False
        physical.append((number, line, block))
    widths: dict[int, tuple[int, bool]] = {}  # each block's longest line, and whether it is wrapped at a fixed width
    counts: dict[int, list[int]] = {}
    for _, line, b in physical:
        counts.setdefault(b, []).append(len(line))
    for b, lens in counts.items():
        longest = max(lens)
        near = sum(1 for n in lens if n >= 0.7 * longest)
        widths[b] = (longest, len(lens) >= 4 and 60 <= longest <= 160 and near >= 0.6 * len(lens))
    out: list[Line] = []
    parts: list[str] = []
    for i, (number, line, b) in enumerate(physical):
        if parts and out and _continues(physical[i - 1][1], line, widths[b]) and physical[i - 1][2] == b:
            parts.append(line)
            last = out[-1]
            out[-1] = Line(last.number, f"{last.text} {line}", b, "\n".join(parts))
            continue
        parts = [line]
        out.append(Line(number, line, b))
    return out


def _continues(previous: str, line: str, width: tuple[int, bool]) -> bool:
    if len(previous) < WRAP_MIN_CHARS or TERMINAL.search(previous):
        return False
    first = line[0]
    if first.islower() or first.isdigit():
        return True
    longest, wrapped = width
    return wrapped and len(previous) >= 0.6 * longest


def line_key(line: str) -> str:
    """The key a line is counted under for repetition across a batch: case and spacing folded."""
    return " ".join(line[:MAX_FEATURE_CHARS].casefold().split())


def normal_form(line: str) -> str:
    """The form compared for repetition and title copies: lower-case words joined by spaces."""
    return " ".join(WORD.findall(line[:MAX_FEATURE_CHARS].casefold()))


@dataclass(frozen=True, slots=True)
class Cues:
    classes: tuple[str, ...]
    phrases: dict[tuple[str, ...], int]
    longest: int
    first: frozenset[str]  # the words a cue phrase can start with


@lru_cache(maxsize=1)
def cues() -> Cues:
    classes: list[str] = []
    phrases: dict[tuple[str, ...], int] = {}
    for cls, phrase in read_table("clean", "cues.tsv", columns=2):
        if cls not in classes:
            classes.append(cls)
        words = tuple(WORD.findall(phrase.casefold()))
        if words:
            phrases.setdefault(words, classes.index(cls))
    return Cues(tuple(classes), phrases, max((len(p) for p in phrases), default=1), frozenset(p[0] for p in phrases))


OWN = (
    "log_chars", "log_words", "ends_sentence", "ends_colon", "ends_comma", "sentences", "cap_share",
    "upper_share", "lower_share", "lead_caps", "digit_share", "punct_share", "function_share", "mean_word_len",
    "has_date", "has_clock", "separators", "urlish", "quotes", "bullet", "starts_lower", "non_latin",
    "cue_share", "rule_line", "rule_heading", "comment_header", "title_copy",
    "title_prefix", "first_line",
)
CONTEXT = (
    "rel_line", "rel_char", "prose_before", "prose_after", "dist_prose_before", "dist_prose_after",
    "cluster_share", "main_cluster", "dist_main_cluster",
    "block_lines", "block_index", "block_words", "block_short_share", "block_prose_share",
    "run_short", "run_short_block", "run_headline", "window_words", "window_sentence",
    "comment_lines_before", "related_lines_before", "footer_lines_before", "after_title", "dist_title",
    "repeat_in_page", "copies_before", "repeat_in_batch", "doc_lines", "doc_short_share", "doc_prose_share", "doc_words",
)
NEIGHBOUR = ("log_words", "ends_sentence", "cue_share", "rule_line", "lead_caps")
CUE_WORDS = 12  # cue phrases are looked for among a line's first this many words
COMMENT_HEADER = re.compile(
    r"^\S.{0,60}\b(?:says|said|wrote|writes|commented|replied)[ \t]*:?[ \t]*$|^[ \t]*(?:reply|report|like|quote)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


@lru_cache(maxsize=1)
def feature_names() -> tuple[str, ...]:
    cue_names = tuple(f"cue_{c}" for c in cues().classes)
    neighbours = tuple(f"{name}@{off:+d}" for off in NEIGHBOUR_OFFSETS for name in NEIGHBOUR)
    return OWN + cue_names + CONTEXT + neighbours


@dataclass(frozen=True, slots=True)
class RuleHits:
    """Two of the cleaner's own patterns (furniture lines, list headings), as features the model can weigh.

    (Captions and furniture sentences are left to the rules that run after the model: as
    features they cost more time than they added.)"""

    line: re.Pattern[str] | None
    heading: re.Pattern[str] | None


HEAD_CHARS = 200  # function and cue words are read from a line's first characters
LEAD_STOP_CHARS = 5  # a lower-case word this long or longer ends a line's title-case opening ("of", "the", "with" do not)

# Character classes, one bit each, looked up per code point (code points above U+FFFF count as symbols).
DIGIT, UPPER, LOWER, LETTER, SPACE, NON_LATIN, END, CLOSE, COMMA, QUOTE, BULLET, DOTS, SEP = (1 << i for i in range(13))


@lru_cache(maxsize=1)
def char_table() -> np.ndarray:
    table = np.zeros(0x10000, dtype=np.uint16)
    c = np.arange(0x10000)
    table[(c >= 48) & (c <= 57)] |= DIGIT
    upper = ((c >= 65) & (c <= 90)) | ((c >= 0xC0) & (c <= 0xDE) & (c != 0xD7)) | ((c >= 0x391) & (c <= 0x3A9)) | ((c >= 0x400) & (c <= 0x42F))
    lower = ((c >= 97) & (c <= 122)) | ((c >= 0xDF) & (c <= 0xFF) & (c != 0xF7)) | ((c >= 0x3B1) & (c <= 0x3C9)) | ((c >= 0x430) & (c <= 0x45F))
    symbol = (
        ((c >= 0x2000) & (c <= 0x2BFF)) | ((c >= 0x3000) & (c <= 0x303F)) | ((c >= 0xFE30) & (c <= 0xFE4F))
        | ((c >= 0xFF00) & (c <= 0xFF0F)) | (c >= 0xFFF0) | ((c >= 0xD800) & (c <= 0xDFFF))
    )
    table[upper] |= UPPER | LETTER
    table[lower] |= LOWER | LETTER
    table[(c > 0xFF) & ~symbol & ~upper & ~lower] |= LETTER
    table[95] |= LETTER  # "_" is a word character, as in \w
    table[[9, 10, 32]] |= SPACE
    table[
        ((c >= 0x400) & (c <= 0x4FF)) | ((c >= 0x590) & (c <= 0x6FF)) | ((c >= 0x900) & (c <= 0xDFF))
        | ((c >= 0x3040) & (c <= 0x30FF)) | ((c >= 0x3400) & (c <= 0x9FFF)) | ((c >= 0xAC00) & (c <= 0xD7AF))
    ] |= NON_LATIN
    for marks, bit in ((".!?。！？…", END), ("\"'”’)]»", CLOSE), (",;–—-", COMMA), ("\"“”«»„", QUOTE),
                       ("•·*▪►▶»›-", BULLET), (".@/:", DOTS), ("|•·»›/>", SEP)):
        table[[ord(m) for m in marks]] |= bit
    return table


def _shift(a: np.ndarray, by: int, fill: object) -> np.ndarray:
    """``a`` moved ``by`` places to the right (left when negative), ``fill`` in the gap: a[i - by]."""
    out = np.empty_like(a)
    if by > 0:
        out[:by] = fill
        out[by:] = a[:-by]
    else:
        out[by:] = fill
        out[:by] = a[-by:]
    return out


def _starts(lengths: np.ndarray) -> np.ndarray:
    """Start offsets of consecutive pieces of the given lengths."""
    out = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=out[1:])
    return out


def _per_line(line_id: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(line_id[mask], minlength=n).astype(float)


def _pattern_lines(rx: re.Pattern[str], texts: Sequence[str], ids: np.ndarray, lengths: np.ndarray, n: int) -> np.ndarray:
    """How many matches of ``rx`` start on each of the lines ``ids`` (the others get 0)."""
    if not len(ids):
        return np.zeros(n)
    joined = "\n".join(texts[i] for i in ids)
    positions = [m.start() for m in rx.finditer(joined)]
    if not positions:
        return np.zeros(n)
    starts = _starts(lengths[ids] + 1)
    lines = ids[np.searchsorted(starts, np.array(positions), side="right") - 1]
    return np.bincount(lines, minlength=n).astype(float)


def own_matrix(
    lines: Sequence[Line], title_forms: frozenset[str], rules: RuleHits, cue: Cues
) -> tuple[np.ndarray, list[str]]:
    """The features of each line on its own (:data:`OWN` and the cue classes), and each line's
    repetition key. Character and word counts are taken for the whole page at once, on its code
    points; patterns run once over the lines that can match them."""
    n = len(lines)
    texts = [ln.text[:MAX_FEATURE_CHARS] for ln in lines]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    codes = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype=np.uint32)
    bits = char_table()[np.minimum(codes, 0xFFFF)]
    starts = _starts(lengths + 1)
    line_id = np.repeat(np.arange(n), lengths + 1)[: len(codes)]

    def has(bit: int) -> np.ndarray:
        return (bits & bit) > 0

    letter, upper, lower, digit = has(LETTER) | has(DIGIT), has(UPPER), has(LOWER), has(DIGIT)
    word_start = letter & ~_shift(letter, 1, False)
    word_end = letter & ~_shift(letter, -1, False)
    n_words = _per_line(line_id, word_start, n)
    words = np.maximum(n_words, 1.0)
    chars = np.maximum(lengths.astype(float), 1.0)
    ends = starts + lengths - 1
    last, before_last = bits[ends], bits[np.maximum(ends - 1, 0)]
    first, second = bits[starts], bits[np.minimum(starts + 1, len(bits) - 1)]
    end_marks = ((last & END) > 0) | (((last & CLOSE) > 0) & ((before_last & END) > 0) & (lengths > 1))
    after_upper = _shift(upper | has(QUOTE), -2, False) if len(codes) > 2 else np.zeros(len(codes), bool)
    inside = has(END) & _shift(codes == 32, -1, False) & after_upper

    # the title-case opening: capitalised words (or numbers) before the first long lower-case word
    starts_w = np.flatnonzero(word_start)
    ends_w = np.flatnonzero(word_end)
    w_line = line_id[starts_w]
    w_cap = upper[starts_w] | digit[starts_w]
    w_stop = lower[starts_w] & ((ends_w - starts_w + 1) >= LEAD_STOP_CHARS)
    w_index = np.arange(len(starts_w)) - np.searchsorted(starts_w, starts)[w_line] if len(starts_w) else np.zeros(0, dtype=np.int64)
    stopped = np.zeros(len(starts_w), dtype=bool)
    if len(starts_w):
        first_stop = np.full(n, np.iinfo(np.int64).max)
        np.minimum.at(first_stop, w_line[w_stop], w_index[w_stop])
        stopped = w_index >= first_stop[w_line]
    lead = np.bincount(w_line[w_cap & ~stopped & (w_index < 12)], minlength=n).astype(float)
    first_word = starts_w[np.minimum(np.searchsorted(starts_w, starts), max(len(starts_w) - 1, 0))] if len(starts_w) else starts
    short = lengths <= SHORT_LINE_CHARS
    line_bits = np.bitwise_or.reduceat(bits, starts) if len(bits) else np.zeros(n, dtype=np.uint16)
    with_digits = np.flatnonzero(short & ((line_bits & DIGIT) > 0))
    with_dots = np.flatnonzero(short & ((line_bits & DOTS) > 0))
    with_seps = np.flatnonzero(short & ((line_bits & SEP) > 0))
    under_100 = np.flatnonzero(lengths < 100)

    rows = np.zeros((n, len(OWN) + len(cue.classes)))
    col = {name: i for i, name in enumerate(OWN)}
    rows[:, col["log_chars"]] = np.log1p(lengths)
    rows[:, col["log_words"]] = np.log1p(n_words)
    rows[:, col["ends_sentence"]] = end_marks
    rows[:, col["ends_colon"]] = codes[ends] == ord(":")
    rows[:, col["ends_comma"]] = (last & COMMA) > 0
    rows[:, col["sentences"]] = np.minimum(_per_line(line_id, inside, n), 20)
    rows[:, col["cap_share"]] = _per_line(line_id, word_start & upper, n) / words
    rows[:, col["upper_share"]] = _per_line(line_id, word_start & upper & _shift(upper, -1, False), n) / words
    rows[:, col["lower_share"]] = _per_line(line_id, word_start & lower, n) / words
    rows[:, col["lead_caps"]] = lead
    rows[:, col["digit_share"]] = _per_line(line_id, digit, n) / chars
    rows[:, col["punct_share"]] = _per_line(line_id, ~letter & ~has(SPACE), n) / chars
    rows[:, col["mean_word_len"]] = _per_line(line_id, letter, n) / words
    rows[:, col["has_date"]] = _pattern_lines(MONTH, texts, with_digits, lengths, n) > 0
    rows[:, col["has_clock"]] = _pattern_lines(CLOCK, texts, with_digits, lengths, n) > 0
    rows[:, col["separators"]] = np.minimum(_pattern_lines(SEPARATOR, texts, with_seps, lengths, n), 10)
    rows[:, col["urlish"]] = _pattern_lines(URLISH, texts, with_dots, lengths, n) > 0
    rows[:, col["quotes"]] = _per_line(line_id, has(QUOTE), n) > 0
    marked = ((first & BULLET) > 0) & ((second & SPACE) > 0)
    numbered = ((first & DIGIT) > 0) & np.isin(codes[np.minimum(starts + 1, len(codes) - 1)], (46, 41))  # "1." "1)"
    rows[:, col["bullet"]] = (marked | numbered) & (lengths > 2)
    rows[:, col["starts_lower"]] = (n_words > 0) & lower[first_word] if len(starts_w) else 0.0
    rows[:, col["non_latin"]] = _per_line(line_id, has(NON_LATIN), n) / chars
    rows[:, col["comment_header"]] = _pattern_lines(COMMENT_HEADER, texts, under_100, lengths, n) > 0

    keys = []
    n_own = len(OWN)
    phrases, longest, first_words = cue.phrases, cue.longest, cue.first
    function_col, cue_col = col["function_share"], col["cue_share"]
    line_col, heading_col = col["rule_line"], col["rule_heading"]
    copy_col, prefix_col = col["title_copy"], col["title_prefix"]
    for i, text in enumerate(texts):
        lower_words = WORD.findall(text[:HEAD_CHARS].casefold())
        if lower_words:
            rows[i, function_col] = sum(map(FUNCTION_WORDS.__contains__, lower_words)) / len(lower_words)
        covered = 0
        head = lower_words[:CUE_WORDS]
        j = 0
        while j < len(head):
            if head[j] in first_words:
                for size in range(min(longest, len(head) - j), 0, -1):
                    cls = phrases.get(tuple(head[j : j + size]))
                    if cls is not None:
                        rows[i, n_own + cls] += 1.0
                        covered += size
                        j += size
                        break
                else:
                    j += 1
            else:
                j += 1
        rows[i, cue_col] = covered / max(1, len(head))
        if lengths[i] <= RULE_LINE_CHARS:
            if rules.line is not None and rules.line.match(text):
                rows[i, line_col] = 1.0
            if rules.heading is not None and lengths[i] < 60 and rules.heading.search(text):
                rows[i, heading_col] = 1.0
        if title_forms:
            form = " ".join(lower_words)
            if lengths[i] <= HEAD_CHARS and form in title_forms:
                rows[i, copy_col] = 1.0
            elif any(form.startswith(t) and len(form) > len(t) + 20 for t in title_forms):
                rows[i, prefix_col] = 1.0
        keys.append(line_key(text))
    return rows, keys


def _runs(flags: np.ndarray, breaks: np.ndarray | None = None) -> np.ndarray:
    """For each position, the length of the run of True flags it sits in (0 where False).

    ``breaks[i]`` True starts a new run at i even if i-1 was flagged (a block boundary)."""
    n = len(flags)
    if not n:
        return np.zeros(0)
    flags = flags.astype(bool)
    begins = flags & ~_shift(flags, 1, False)
    if breaks is not None:
        begins |= flags & breaks
    run = np.cumsum(begins)  # run number of each position (valid where flagged)
    sizes = np.bincount(run[flags], minlength=int(run[-1]) + 1)
    return np.where(flags, sizes[run], 0).astype(float)


def _title_forms(lines: Sequence[Line], title: str | None) -> frozenset[str]:
    """The normal forms of the title and of the parts of the first line around a site separator."""
    forms = set()
    if title:
        forms.add(normal_form(title))
    if lines:
        first = lines[0].text[:300]
        forms.add(normal_form(first))
        for part in re.split(r"\s+(?:\||–|—|-|::|·|•)\s+", first):
            if len(WORD.findall(part)) >= 3:
                forms.add(normal_form(part))
    forms.discard("")
    return frozenset(forms)


def _prose_distances(prose: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Lines back to the previous prose line and on to the next one (``n`` when there is none)."""
    idx = np.arange(n)
    prose_idx = idx[prose]
    if not len(prose_idx):
        return np.full(n, float(n)), np.full(n, float(n))
    pos = np.searchsorted(prose_idx, idx, side="left")  # first prose line at or after idx
    prev = np.where(pos > 0, idx - prose_idx[np.maximum(pos - 1, 0)], n)
    nxt_pos = np.searchsorted(prose_idx, idx, side="right")  # first prose line strictly after idx
    nxt = np.where(nxt_pos < len(prose_idx), prose_idx[np.minimum(nxt_pos, len(prose_idx) - 1)] - idx, n)
    return prev.astype(float), nxt.astype(float)


def _copies_before(forms: list[str]) -> np.ndarray:
    """How many identical lines came earlier on the page (0 for a line's first occurrence)."""
    seen: dict[str, int] = {}
    out = []
    for form in forms:
        k = seen.get(form, 0)
        out.append(k)
        seen[form] = k + 1
    return np.minimum(np.array(out, dtype=float), 5)


def _since(flags: np.ndarray, n: int) -> np.ndarray:
    """Lines since the last flagged line strictly before each line (``n`` when there is none)."""
    idx = np.arange(n)
    flagged = idx[flags > 0]
    if not len(flagged):
        return np.full(n, float(n))
    pos = np.searchsorted(flagged, idx, side="left")
    return np.where(pos > 0, idx - flagged[np.maximum(pos - 1, 0)], n).astype(float)


CLUSTER_GAP = 3  # prose lines at most this many lines apart belong to one cluster


def _clusters(
    prose: np.ndarray, prose_words: np.ndarray, total: float, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Prose lines grouped into clusters (gaps of at most :data:`CLUSTER_GAP` lines).

    For each line: the share of the page's prose in its cluster (the cluster spans from its first
    to its last prose line), whether that is the biggest cluster, and how many lines lie between
    the line and the biggest cluster's span."""
    idx = np.arange(n)
    prose_idx = idx[prose]
    if not len(prose_idx) or not total:
        return np.zeros(n), np.zeros(n), np.full(n, float(n))
    starts = np.r_[True, np.diff(prose_idx) > CLUSTER_GAP]
    label = np.cumsum(starts) - 1
    first = prose_idx[starts]
    last = prose_idx[np.r_[starts[1:], True]]
    mass = np.bincount(label, weights=prose_words[prose_idx])
    best = int(np.argmax(mass))
    cluster = np.searchsorted(first, idx, side="right") - 1  # the cluster starting at or before the line
    inside = (cluster >= 0) & (idx <= last[np.maximum(cluster, 0)])
    share = np.where(inside, mass[np.maximum(cluster, 0)] / total, 0.0)
    main = (inside & (cluster == best)).astype(float)
    dist = np.where(idx < first[best], first[best] - idx, np.where(idx > last[best], idx - last[best], 0))
    return share, main, dist.astype(float)


def page_features(
    lines: Sequence[Line],
    title: str | None = None,
    rules: RuleHits | None = None,
    batch_counts: dict[str, float] | None = None,
) -> np.ndarray:
    """The feature matrix of one page: one row per line, columns as in :func:`feature_names`.

    ``batch_counts`` maps a line's normal form to the share of the other documents of the same
    outlet in the batch that contain it (see :func:`batch_repeats`).
    """
    names = feature_names()
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(names)))
    rules = rules or RuleHits(None, None)
    cue = cues()
    title_forms = _title_forms(lines, title)
    own, forms = own_matrix(lines, title_forms, rules, cue)
    col = {name: i for i, name in enumerate(OWN)}
    own[0, col["first_line"]] = 1.0
    own[0, col["title_copy"]] = 0.0  # the first line is the page title itself: a copy is a *later* line
    own[0, col["title_prefix"]] = 0.0

    words = np.expm1(own[:, col["log_words"]])
    chars = np.expm1(own[:, col["log_chars"]])
    ends = own[:, col["ends_sentence"]]
    short = words < SHORT_WORDS
    prose = (words >= PROSE_WORDS) & (ends > 0)
    headline = (words >= HEADLINE_WORDS[0]) & (words <= HEADLINE_WORDS[1]) & (ends == 0)
    blocks = np.array([ln.block for ln in lines])
    new_block = blocks != _shift(blocks, 1, -1)

    idx = np.arange(n)
    prose_words = np.where(prose, words, 0.0)
    total_prose = prose_words.sum()
    cum = np.cumsum(prose_words)
    prose_before = (cum - prose_words) / total_prose if total_prose else np.zeros(n)
    prose_after = (total_prose - cum) / total_prose if total_prose else np.zeros(n)
    before, after = _prose_distances(prose, n)
    cluster_share, main, dist_main = _clusters(prose, prose_words, total_prose, n)

    _, block_of, block_sizes = np.unique(blocks, return_inverse=True, return_counts=True)
    block_words = np.bincount(block_of, weights=words)
    block_short = np.bincount(block_of, weights=short.astype(float))
    block_prose = np.bincount(block_of, weights=prose.astype(float))
    block_start = _starts(block_sizes)

    window = 3
    padded_words = np.r_[np.zeros(window), np.log1p(words), np.zeros(window)]
    padded_ends = np.r_[np.zeros(window), ends, np.zeros(window)]
    kernel = np.ones(2 * window + 1) / (2 * window + 1)
    window_words = np.convolve(padded_words, kernel, mode="valid")
    window_sentence = np.convolve(padded_ends, kernel, mode="valid")

    n_own = len(OWN)
    cue_col = {c: n_own + i for i, c in enumerate(cue.classes)}

    def lines_before(flags: np.ndarray) -> np.ndarray:
        flags = flags.astype(float)
        return np.log1p(np.cumsum(flags) - flags)

    comment_flag = own[:, col["comment_header"]] > 0
    if "comment" in cue_col:
        comment_flag |= (own[:, cue_col["comment"]] > 0) & short
    related_flag = own[:, col["rule_heading"]] > 0
    if "related" in cue_col:
        related_flag |= (own[:, cue_col["related"]] > 0) & short
    footer_flag = (own[:, cue_col["footer"]] > 0) & short if "footer" in cue_col else np.zeros(n, bool)

    title_flag = (own[:, col["title_copy"]] > 0).astype(float)

    counts: dict[str, int] = {}
    for f in forms:
        counts[f] = counts.get(f, 0) + 1
    batch_counts = batch_counts or {}
    char_before = np.cumsum(chars) - chars
    total_chars = chars.sum() or 1.0

    context = np.column_stack([
        idx / max(n - 1, 1),
        char_before / total_chars,
        prose_before,
        prose_after,
        np.log1p(before),
        np.log1p(after),
        cluster_share,
        main,
        np.log1p(dist_main),
        np.log1p(block_sizes[block_of]),
        (idx - block_start[block_of]) / np.maximum(block_sizes[block_of] - 1, 1),
        np.log1p(block_words[block_of]),
        block_short[block_of] / block_sizes[block_of],
        block_prose[block_of] / block_sizes[block_of],
        np.log1p(_runs(short)),
        np.log1p(_runs(short, new_block)),
        np.log1p(_runs(headline)),
        window_words,
        window_sentence,
        lines_before(comment_flag),
        lines_before(related_flag),
        lines_before(footer_flag),
        (np.cumsum(title_flag) - title_flag > 0).astype(float),
        np.log1p(_since(title_flag, n)),
        np.array([min(counts[f] - 1, 5) for f in forms], dtype=float),
        _copies_before(forms),
        np.array([batch_counts.get(f, 0.0) for f in forms], dtype=float) if batch_counts else np.zeros(n),
        np.full(n, math.log1p(n)),
        np.full(n, short.mean()),
        np.full(n, prose.mean()),
        np.full(n, math.log1p(words.sum())),
    ])
    base = [col[name] for name in NEIGHBOUR]
    neighbour_cols = []
    for off in NEIGHBOUR_OFFSETS:
        shifted = np.full((n, len(base)), -1.0)  # -1: no line there (page edge)
        if off < 0 and n + off > 0:
            shifted[-off:] = own[: n + off][:, base]
        elif off > 0 and n - off > 0:
            shifted[: n - off] = own[off:][:, base]
        neighbour_cols.append(shifted)
    return np.hstack([own, context, *neighbour_cols])


COPY_LINE_CHARS = 40  # lines this long (sentences, not menu labels) decide whether two pages tell one story


def batch_repeats(pages: Sequence[Sequence[str]], same_story_share: float = 0.5) -> list[dict[str, float]]:
    """For each page (its lines' :func:`line_key`), the share of the *other* pages containing each line.

    Pages of one outlet only. A page that shares more than ``same_story_share`` of its long lines
    with this one is another copy of the same story (an update, a syndicated repeat) and is not
    counted, so a story ingested twice does not lose its sentences.
    """
    sets = [frozenset(f for f in forms if f) for forms in pages]
    long_sets = [frozenset(f for f in s if len(f) >= COPY_LINE_CHARS) for s in sets]

    def copies(i: int, j: int) -> bool:
        a, b = long_sets[i], long_sets[j]
        return bool(a and b) and len(a & b) > same_story_share * min(len(a), len(b))

    out: list[dict[str, float]] = []
    for i, mine in enumerate(sets):
        others = [other for j, other in enumerate(sets) if j != i and not copies(i, j)]
        if not others or not mine:
            out.append({})
            continue
        counts: dict[str, float] = {}
        for other in others:
            for form in mine & other:
                counts[form] = counts.get(form, 0.0) + 1.0
        out.append({f: c / len(others) for f, c in counts.items()})
    return out

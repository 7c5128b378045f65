"""The learned last pass of toponym recognition: known place names that no rule took.

The rules of :mod:`.recognise` take a name NER calls a place, a name after a locative, a dateline, a
qualified name and so on. What is left is a capitalised name the gazetteer knows that NER tagged as a
person or an organisation, or not at all, in a sentence no rule reads: "Moose Jaw" tagged PERSON in
"stores in downtown Moose Jaw", "TIJUANA & SAN DIEGO" in a dateline, "a PESHAWAR court". Whether such a name is a
place depends on many weak cues at once (the words around it, its NER label and part of speech, how
large and how many its namesakes are, whether one of them lies in a country or state the article names,
whether the word is part of a person's name elsewhere), which is what a classifier weighs better than
hand rules.

The model is a small forest of oblivious trees (:mod:`..furniture.gbm`) over the dense features of
:func:`features`, trained by ``make train-places`` on the toponyms of LGL and TR-News (training data) and on
our own labelled paragraphs (:mod:`flashpoint.training.toponyms`). Its card is ``models/toponyms/MODEL_CARD.md``.
A candidate becomes a toponym when its probability reaches the model's threshold; the ``how`` of the toponym
carries the probability and the cues that were set, which the place's ``reason`` repeats.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from ...errors import ResourceError
from ...records import Doc, Entity
from ..furniture.gbm import Forest
from .gazetteer import Entry, Gazetteer, normalise
from .inside import institution_words
from .spans import trim

MODEL_PACKAGE = "flashpoint.models.toponyms"
MODEL_FILE = "model.json"
# at most this many candidates per article are weighed (the first ones): a text with more names no rule took is a
# list or a dump, and the cost of each candidate grows with the text
MAX_CANDIDATES = 300

# A word: letters first (any script's capitals: "Şanlıurfa", "Łódź"), then letters, digits, apostrophes, hyphens,
# dots ("St.", "S.C."). A run is capitalised words one space or tab apart (never across a line).
_WORDS = re.compile(r"[^\W\d_][\w’'\-.]*[\w.]|[^\W\d_]")
_GAP = frozenset({" ", "\t"})
_TRIMMED_ENDS = frozenset("s’'.,;:")  # the last characters ``trim`` may cut (a run never opens with "The")
_LOCATIVES = frozenset({
    "in", "at", "near", "outside", "from", "into", "to", "towards", "toward", "around", "across", "over",
    "via", "through", "inside", "off", "between", "within", "throughout", "along", "past", "beyond",
})  # fmt: skip
_STATIC = frozenset({"in", "at", "near", "outside", "inside", "within", "throughout", "around"})
_TITLES = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Sen|Senator|Rep|Gov|Governor|President|General|Gen|Minister|Premier|Chancellor|King|"
    r"Queen|Prince|Princess|Pope|Judge|Mayor|Secretary|Ambassador|Coach|Officer|Sgt|Lt|Capt|Chief|Director|"
    r"manager|coach|striker|midfielder|defender|forward|quarterback|pitcher|driver|singer|actor|actress|"
    r"author|player|spokesman|spokeswoman|son|daughter|wife|husband)\.?\s+$"
)
_SKIP = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "he", "she", "it", "we", "they", "i", "you", "his",
    "her", "its", "our", "their", "my", "your", "mr", "mrs", "ms", "dr", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
})  # fmt: skip
_COMPASS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
    "northwest", "southeast", "southwest", "centre", "center", "upper", "lower", "greater",
})  # fmt: skip
# words that name a structure or a street, never a place alone, though each is some town's name too
_STRUCTURES = frozenset({
    "street", "avenue", "road", "drive", "lane", "boulevard", "highway", "square", "park", "centre", "center",
    "hall", "bridge", "tower", "station", "harbour", "harbor", "cathedral", "church", "stadium", "arena",
})  # fmt: skip
_TOWN_AFTER = re.compile(
    r"^\s+(?:County|City|Township|Borough|Parish|police|Police|man|woman|resident|residents|native|area|"
    r"officials|council|Council|mayor|Mayor|schools?|School|High|University|Airport|Fire|Sheriff)\b"
)
_PERSON_AFTER = re.compile(r"^\s+(?:said|says|told|added|wrote|scored|who|whose|was|is|has|had)\b")
_LABELS = ("", "ORG", "PERSON", "NORP", "GPE", "LOC", "FAC", "MONEY", "EVENT", "PRODUCT", "WORK_OF_ART", "DATE", "other")
_KINDS = ("city", "admin1", "admin2", "country", "region", "water", "continent", "line", "landmark")
_POS = ("PROPN", "NOUN", "ADJ", "VERB", "X")
_DEPS = ("pobj", "compound", "nsubj", "dobj", "appos", "conj", "ROOT", "poss", "npadvmod", "nmod", "amod")


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    text: str
    run_start: int  # the run of capitalised words the name was found in ("Robinson College Cambridge")
    run_end: int


def candidates(text: str, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Capitalised names the gazetteer knows, outside every span already ``taken``; within a run of
    capitalised words the longest known name wins, from the left. A name is cut as the rules cut it
    (``spans.trim``: no "the", no possessive, the dot of "S.C." kept). Never a demonym ("Canadian" is a town
    in Texas, but the word is an actor's), a compass word alone ("South" of "South Koreans") or a word that
    names an institution or a structure ("Street", "Centre", "University" are towns too)."""
    out: list[Candidate] = []
    institutions = {w.casefold() for w in institution_words()} | _STRUCTURES
    covered = bytearray(len(text) + 1)
    for s, e in taken:
        covered[s:e] = b"\x01" * (e - s)
    for run in _runs(text):
        i = 0
        while i < len(run):
            if run[i][2].upper() == "THE":
                i += 1  # "The Castlegar mayor", "THE PESHAWAR COURT": the name starts after the article
                continue
            for j in range(min(len(run), i + 4), i, -1):
                start, end = run[i][0], run[j - 1][1]
                if text[end - 1] in _TRIMMED_ENDS:  # a possessive or a full stop: cut as the rules cut names
                    start, end = trim(text, start, end)
                span = text[start:end]
                key = normalise(span)
                if len(key) < 3 or key in _SKIP or not gaz.has(span):
                    continue
                known = key not in _COMPASS and key not in institutions and not gaz.country_of_demonym(span)
                if known and not any(covered[start:end]):
                    out.append(Candidate(start, end, span, run[0][0], run[-1][1]))
                    if len(out) >= MAX_CANDIDATES:
                        return out
                i = j - 1
                break
            i += 1
    return out


@lru_cache(maxsize=4)
def _runs(text: str) -> tuple[tuple[tuple[int, int, str], ...], ...]:
    """Runs of capitalised words, each word as (start, end, text); cached for the article being read (the
    candidates and the context both need them)."""
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    for match in _WORDS.finditer(text):
        word = match.group()
        if not word[0].isupper():
            current = []
            continue
        if current and text[current[-1][1] : match.start()] not in _GAP:
            current = []
        if not current:
            runs.append(current)
        current.append((match.start(), match.end(), word))
    return tuple(tuple(run) for run in runs)


@dataclass(slots=True)
class Context:
    """What the article says around its candidates: countries and states already named, person names."""

    countries: set[str]
    divisions: set[str]
    name_words: set[str]
    mentions_of: dict[str, int]
    lower_words: set[str]  # words of the article that start in lower case ("turkey", "reading")
    points: list[tuple[float, float]]  # where the toponyms found so far may be (their largest readings)
    points_rad: np.ndarray | None = None  # the same in radians, made on first use
    # per name: its readings and the distance to the nearest place found so far (a name recurs in an article)
    memo: dict[str, tuple[list[tuple[Entry, bool]], float]] = field(default_factory=dict)

    def readings(self, gaz: Gazetteer, span: str) -> tuple[list[tuple[Entry, bool]], float]:
        key = normalise(span)
        found = self.memo.get(key)
        if found is None:
            readings = gaz.lookup(span)
            found = self.memo[key] = (readings, _nearest_km(readings, self))
        return found


def article_context(doc: Doc, gaz: Gazetteer, found_names: list[str], divisions: set[str]) -> Context:
    # the countries of the article's demonyms and of the toponyms found so far that are countries or states,
    # or whose readings all lie in one country (not the actors: the benchmarks and the training run no actors)
    countries = {code for e in doc.entities if e.label == "NORP" and (code := gaz.country_of_demonym(e.text))}
    points: list[tuple[float, float]] = []
    for name in set(found_names):
        readings = gaz.lookup(name)
        points += _points(readings)
        one = {e.country for e, _ in readings}
        if len(one) == 1 and None not in one:
            countries |= one
        countries |= {e.country for e, main in readings if main and e.kind in ("country", "admin1") and e.country}
    name_words = {w for e in doc.entities if e.label == "PERSON" and " " in e.text.strip() for w in e.text.split()}
    counts: dict[str, int] = {}
    text = doc.article.text
    for run in _runs(text):
        key = normalise(text[run[0][0] : run[-1][1]])
        counts[key] = counts.get(key, 0) + 1
    lower = set(re.findall(r"(?<![\w\-’'])[a-z][\w’'\-]*", doc.article.text))
    return Context(countries, divisions, name_words, counts, lower, points)


_READINGS_PER_NAME = 12


def _points(readings: list[tuple[Entry, bool]]) -> list[tuple[float, float]]:
    """The points of a name's largest town and division readings (at most twelve)."""
    located = [e for e, _ in readings if e.lat is not None and e.lon is not None and e.kind in ("city", "admin1", "admin2")]
    located.sort(key=lambda e: -e.population)
    return [(e.lat, e.lon) for e in located[:_READINGS_PER_NAME] if e.lat is not None and e.lon is not None]


def _nearest_km(readings: list[tuple[Entry, bool]], ctx: Context) -> float:
    """How far the nearest reading of a name lies from a reading of a toponym found so far, among those within
    five degrees of latitude (20,000: none)."""
    own = _points(readings)
    if not own or not ctx.points:
        return 20000.0
    if ctx.points_rad is None:
        ctx.points_rad = np.radians(np.asarray(ctx.points, dtype=float))
    mine = np.radians(np.asarray(own, dtype=float))
    lat1, lon1 = mine[:, None, 0], mine[:, None, 1]
    lat2, lon2 = ctx.points_rad[None, :, 0], ctx.points_rad[None, :, 1]
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    km = 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, a)))
    close = np.abs(np.degrees(lat2 - lat1)) < 5.0
    return float(km[close].min()) if close.any() else 20000.0


def _one_hot(value: str, values: tuple[str, ...]) -> list[float]:
    return [1.0 if value == v else 0.0 for v in values]


def _word_before(text: str, start: int) -> str:
    match = re.search(r"(\S+)\s*$", text[max(0, start - 30) : start])
    return match.group(1) if match else ""


def _word_after(text: str, end: int) -> str:
    match = re.match(r"\s*(\S+)", text[end : end + 30])
    return match.group(1) if match else ""


FEATURE_NAMES: tuple[str, ...] = (
    *(f"ner={label or 'none'}" for label in _LABELS),
    "ner_exact", "ner_first", "ner_inside", "ent_words",
    "words", "all_caps", "chars", "run_words", "run_first", "run_last", "doc_start", "line_start", "sentence_start",
    "prev_locative", "prev_in", "prev_of", "prev_the", "prev_cap", "prev_lower", "prev_punct", "prev_title", "prev_amp",
    "next_comma_cap", "next_comma", "next_town_word", "next_person_word", "next_cap", "next_lower",
    "next_possessive", "next_dash", "next_paren", "next_amp",
    *(f"kind={k}" for k in _KINDS),
    "max_city_pop", "readings", "main_name", "village_only",
    "in_named_country", "in_named_division", "city_in_named_country", "country_named_count",
    "log_nearest_km", "within_50km", "within_200km",
    "in_person_name", "repeats", "lower_elsewhere",
    *(f"pos={p}" for p in _POS), *(f"dep={d}" for d in _DEPS), "is_stop",
)  # fmt: skip


def features(doc: Doc, gaz: Gazetteer, cand: Candidate, ctx: Context, tokens: _Tokens) -> list[float]:
    """The dense feature row of one candidate (in :data:`FEATURE_NAMES` order)."""
    text = doc.article.text
    start, end, span = cand.start, cand.end, cand.text
    ents = [e for e in doc.entities if e.start < end and start < e.end]
    ent: Entity | None = max(ents, key=lambda e: min(e.end, end) - max(e.start, start)) if ents else None
    label = "" if ent is None else ent.label if ent.label in _LABELS else "other"
    row: list[float] = _one_hot(label, _LABELS)
    exact = ent is not None and trim(text, ent.start, ent.end) == (start, end)
    row += [
        1.0 if exact else 0.0,
        1.0 if ent is not None and ent.start == start and not exact else 0.0,
        1.0 if ent is not None and ent.start < start else 0.0,
        float(len(ent.text.split())) if ent is not None else 0.0,
    ]
    before, after = _word_before(text, start), _word_after(text, end)
    head = text[max(0, start - 3) : start]
    row += [
        float(len(span.split())),
        1.0 if span.isupper() else 0.0,
        float(len(span)),
        float(len(text[cand.run_start : cand.run_end].split())),
        1.0 if cand.run_start == start else 0.0,
        1.0 if cand.run_end == end or not text[end : cand.run_end].strip(".’'") else 0.0,
        1.0 if start < 80 and len(text) > 400 else 0.0,  # an article's opening (dateline), not a lone sentence
        1.0 if start == 0 or "\n" in text[max(0, start - 2) : start] else 0.0,
        1.0 if re.search(r"(?:^|[.!?]\s+|\n\s*)$", text[max(0, start - 4) : start]) else 0.0,
    ]
    low = before.lower()
    row += [
        1.0 if low in _LOCATIVES else 0.0,
        1.0 if low in _STATIC else 0.0,  # "in", "at", "near" place a thing; "from", "to" may point at a person
        1.0 if low == "of" else 0.0,
        1.0 if low == "the" else 0.0,
        1.0 if before[:1].isupper() and before.rstrip(",.")[-1:].isalpha() and not head.endswith((". ", ".\n")) else 0.0,
        1.0 if before[:1].islower() else 0.0,
        1.0 if not before or not before[-1:].isalnum() else 0.0,
        1.0 if _TITLES.search(text, max(0, start - 40), start) else 0.0,
        1.0 if before in {"&", "and"} else 0.0,
    ]
    tail = text[end : end + 40]
    row += [
        1.0 if re.match(r"^,\s*[A-Z]", tail) else 0.0,
        1.0 if tail.startswith(",") else 0.0,
        1.0 if _TOWN_AFTER.match(tail) else 0.0,
        1.0 if _PERSON_AFTER.match(tail) else 0.0,
        1.0 if after[:1].isupper() and not tail.startswith((",", ".")) else 0.0,
        1.0 if after[:1].islower() else 0.0,
        1.0 if tail.startswith(("'s", "’s")) else 0.0,
        1.0 if re.match(r"^\s*(?:-{1,3}|[–—])", tail) else 0.0,
        1.0 if re.match(r"^\s*\(", tail) else 0.0,
        1.0 if re.match(r"^\s*(?:&|and)\s", tail) else 0.0,
    ]
    readings, nearest = ctx.readings(gaz, span)
    kinds = {e.kind for e, _ in readings}
    cities = [e for e, _ in readings if e.kind == "city"]
    row += [1.0 if k in kinds else 0.0 for k in _KINDS]
    row += [
        math.log10(1 + max((e.population for e in cities), default=0)),
        math.log2(1 + len(readings)),
        1.0 if any(main for _, main in readings) else 0.0,
        1.0 if readings and all(e.note == "village" for e, _ in readings) else 0.0,
        1.0 if any(e.country in ctx.countries for e, _ in readings) else 0.0,
        1.0 if any(e.admin1 in ctx.divisions for e, _ in readings if e.kind in ("city", "admin2")) else 0.0,
        1.0 if any(e.country in ctx.countries and e.population >= 1000 for e in cities) else 0.0,
        float(len(ctx.countries)),
    ]
    row += [math.log10(1.0 + nearest), 1.0 if nearest <= 50 else 0.0, 1.0 if nearest <= 200 else 0.0]
    key = normalise(span)
    row += [
        1.0 if any(w in ctx.name_words for w in span.split()) else 0.0,
        float(min(ctx.mentions_of.get(key, 0), 10)),
        1.0 if not span.isupper() and _in_lower_case(span, text, ctx) else 0.0,
    ]
    token = tokens.get(start)
    pos = getattr(token, "pos_", "") if token is not None else ""
    dep = getattr(token, "dep_", "") if token is not None else ""
    row += _one_hot(pos if pos in _POS else "X", _POS) + _one_hot(dep, _DEPS)
    row.append(1.0 if token is not None and getattr(token, "is_stop", False) else 0.0)
    return row


def _in_lower_case(span: str, text: str, ctx: Context) -> bool:
    """Whether the name also occurs in lower case in the article (a common word: "turkey", "reading")."""
    words = span.lower().split()
    if not all(w in ctx.lower_words for w in words):
        return False
    if len(words) == 1:
        return True
    phrase = " ".join(words)
    at = text.find(phrase)
    while at >= 0:  # str.find, not a regular expression: a long text is scanned at C speed
        before = text[at - 1] if at else " "
        after = text[at + len(phrase)] if at + len(phrase) < len(text) else " "
        if not (before.isalnum() or before in "-'’") and not (after.isalnum() or after == "-"):
            return True
        at = text.find(phrase, at + 1)
    return False


class _Tokens:
    """spaCy's token that starts at a character offset, found by spaCy's own binary search (no index of the
    whole article: an article has a few candidates and thousands of tokens)."""

    def __init__(self, sdoc: object) -> None:
        self.sdoc = sdoc

    def get(self, start: int) -> object | None:
        if self.sdoc is None:
            return None
        span = self.sdoc.char_span(start, start + 1, alignment_mode="expand")  # type: ignore[attr-defined]
        return span[0] if span is not None and len(span) and span[0].idx == start else None


def token_index(doc: Doc) -> _Tokens:
    """The tokens of ``doc`` by the character offset they start at (none without a spaCy doc)."""
    return _Tokens(doc.nlp)


@dataclass(frozen=True, slots=True)
class Model:
    forest: Forest
    threshold: float

    def proba(self, rows: list[list[float]]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        return self.forest.proba(np.asarray(rows, dtype=float))


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The shipped model, or None when the package carries none (the pass is then skipped)."""
    try:
        raw = resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return read_model(raw, f"{MODEL_PACKAGE}/{MODEL_FILE}")


def read_model(raw: str, where: str) -> Model:
    """A model from the text of its ``model.json``; it must have been trained on these features."""
    try:
        data = json.loads(raw)
        names, threshold = tuple(data["names"]), float(data["_meta"]["threshold"])
        forest = Forest.from_dict(data)
    except (ValueError, KeyError, TypeError) as exc:
        raise ResourceError(f"{where} cannot be read ({exc}); run `make train-places`") from exc
    if names != FEATURE_NAMES:
        raise ResourceError(f"{where} was trained on other features; run `make train-places`")
    return Model(forest, threshold)


def cues(row: list[float]) -> str:
    """The cues of a row that are set, in words, for the reason (at most four)."""
    shown = [
        name
        for name, value in zip(FEATURE_NAMES, row, strict=True)
        if value and name.startswith(("ner=", "prev_", "next_", "in_named", "city_in", "kind=", "all_caps", "doc_start"))
    ]
    return ", ".join(shown[:4])

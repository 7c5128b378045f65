"""The quantities stage: numbers with a unit and what they count.

A number ("25,000", "1.2", "three", "600 thousand", "$1.2bn") is a quantity only
when a unit follows it (``resources/units/units.tsv``: km, percent, servicemen,
drones, ...), a currency surrounds it (``resources/units/currencies.tsv``), or a
people's name in the plural follows it ("25,000 Armenians"). Bare numbers, years,
numbers inside names (Su-25, TB2, TurAz-2021) and currency widgets ("$1=42,190
Rials") are not quantities.

Money gets ``usd`` from the packaged rate, with the rate and its date in the
reason. ``approx`` marks "about", "up to", "nearly", "at least", ... . What is
counted (``of``) and whose it is (``country``) come from the sentence: the
nearest country before troop numbers ("Iran ... up to 600 thousand servicemen"
-> IRN armed forces), the place after a people count ("Armenians living in
Nagorno-Karabakh"), the system before a range ("the Mohajer-6 which has a 200-km
range"), the phrase after "percent of".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import Settings
from ..records import Doc, Equipment, Quantity
from ..resources import read_table

_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_WORD_NUMBERS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "a hundred": 100,
        "hundred": 100,
        "a dozen": 12,
        "dozen": 12,
        "a thousand": 1000,
    }
)
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_APPROX = (
    r"about|around|nearly|almost|up to|some|roughly|approximately|over|more than|at least|less than|"
    r"fewer than|as many as|as much as|close to|an estimated|estimated|just over|just under|under|"
    r"upwards of|in excess of|no fewer than|no less than"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
_PERSONNEL = {"servicemen", "soldiers", "troops", "personnel", "reservists", "conscripts", "officers"}


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str
    factor: float
    kind: str


@dataclass(frozen=True, slots=True)
class Currency:
    code: str
    rate: float
    as_of: str


@dataclass(frozen=True, slots=True)
class Tables:
    units: dict[str, Unit]
    unit_pattern: re.Pattern[str]
    currencies_by_word: dict[str, Currency]
    currency_word_pattern: re.Pattern[str]
    symbols: dict[str, Currency]
    number_pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    units: dict[str, Unit] = {}
    for word, unit, factor, kind in read_table("units", "units.tsv", columns=4):
        units[word.casefold()] = Unit(unit, float(factor), kind)
    currencies_by_word: dict[str, Currency] = {}
    symbols: dict[str, Currency] = {}
    for code, syms, names, rate, as_of in read_table("units", "currencies.tsv", columns=5):
        currency = Currency(code, float(rate), as_of)
        for symbol in syms.split("|"):
            if symbol:
                symbols[symbol] = currency
        for name in names.split("|"):
            if name:
                currencies_by_word[name.casefold()] = currency
    unit_alt = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    word_alt = "|".join(re.escape(w) for w in sorted(currencies_by_word, key=len, reverse=True))
    symbol_alt = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True) if not s.isalpha())
    number = re.compile(
        rf"(?<![\w.,\-=/])(?:(?P<approx>{_APPROX})\s+)?(?P<symbol>{symbol_alt})?\s?"
        rf"(?P<num>{_DIGITS}|(?i:{_WORDS}))(?:\s?(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b)\b)?",
    )
    return Tables(
        units=units,
        unit_pattern=re.compile(rf"(?i:{unit_alt})(?![\w])"),
        currencies_by_word=currencies_by_word,
        currency_word_pattern=re.compile(rf"(?:[A-Z][a-z]+\s)?(?i:{word_alt})(?![\w])"),
        symbols=symbols,
        number_pattern=number,
    )


def _number(raw: str) -> float | None:
    low = raw.casefold()
    if low in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[low])
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _countries_before(doc: Doc, start: int, lo: int) -> list[tuple[int, str]]:
    """(offset, ISO3) of actors, country places and demonyms in ``lo..start``, in text order."""
    from .places.gazetteer import load_gazetteer

    found = [(m.start, m.country) for m in doc.mentions if m.country and len(m.country) == 3 and lo <= m.start < start]
    found += [(p.start, p.country) for p in doc.places if p.kind == "country" and p.country and lo <= p.start < start]
    gaz = load_gazetteer()
    for word in re.finditer(r"\b[A-Z][a-z]+\b", doc.article.text[lo:start]):
        code = gaz.country_of_demonym(word.group())
        if code and not word.group().endswith("s"):
            found.append((lo + word.start(), code))
    return sorted((pos, c) for pos, c in found if c and c != "IGO")


def _people_noun(text: str) -> str | None:
    """'Armenians' -> 'Armenians' when the word is a people's name in the plural."""
    from .places.gazetteer import load_gazetteer

    if text.endswith("s") and text[:1].isupper() and load_gazetteer().country_of_demonym(text):
        return text
    return None


def find_quantities(doc: Doc) -> list[Quantity]:
    tables = load_tables()
    text = doc.article.text
    equipment = doc.equipment  # the equipment stage runs first: a number in a system's name counts nothing
    blocked = [(e.start, e.end) for e in doc.entities if e.label in {"DATE", "TIME"}]
    blocked += [(e.start, e.end) for e in equipment]
    out: list[Quantity] = []
    for m in tables.number_pattern.finditer(text):
        num_start = m.start("num")
        if any(s <= num_start < e for s, e in blocked):
            continue
        after, before = text[m.end() : m.end() + 1], text[max(0, m.start() - 1) : m.start()]
        if after == "=" or before in {"=", "-"} or (after == "-" and text[m.end() + 1 : m.end() + 2].isdigit()):
            continue  # "$1=42,190 Rials", "Su-25", "2021-22"
        value = _number(m.group("num"))
        if value is None:
            continue
        scale = (m.group("scale") or "").casefold()
        end_num = m.end()
        if scale in {"m", "b"} and not m.group("symbol"):
            scale, end_num = "", m.end("num")  # "200 m" is metres, not millions, without a currency sign
        if scale:
            value *= _SCALES[scale]
        q = _classify(doc, tables, m, value, end_num, equipment)
        if q is not None:
            out.append(q)
    return out


def _classify(
    doc: Doc, tables: Tables, m: re.Match[str], value: float, end_num: int, equipment: tuple[Equipment, ...]
) -> Quantity | None:
    text = doc.article.text
    approx = bool(m.group("approx"))
    start = m.start("approx") if approx else (m.start("symbol") if m.group("symbol") else m.start("num"))
    sent = doc.sentence_at(m.start("num"))
    sent_lo, sent_hi = (sent.start, sent.end) if sent else (max(0, start - 300), min(len(text), end_num + 300))
    tail = text[end_num : min(sent_hi, end_num + 80)]
    symbol = m.group("symbol")
    if symbol:
        currency = tables.symbols[symbol]
        return _money(text, start, end_num, value, currency, approx)
    word = re.match(r"[\s-]?(?P<w>" + tables.currency_word_pattern.pattern + ")", tail)
    if word:
        name = word.group("w").casefold()
        currency = tables.currencies_by_word.get(name) or tables.currencies_by_word.get(name.split(" ", 1)[-1])
        if currency:
            return _money(text, start, end_num + word.end(), value, currency, approx)
    unit_match = re.match(
        r"(?:\s|-)?(?:(?:[a-z][\w-]+|[A-Z][a-z]+)\s){0,2}?(?P<u>" + tables.unit_pattern.pattern + ")", tail
    )
    if unit_match:
        unit = tables.units[unit_match.group("u").casefold()]
        end = end_num + unit_match.end()
        between = unit_match.group(0)[: unit_match.start("u")].strip(" -")
        if unit.unit in {"m"} and between:
            return None
        return _unit_quantity(doc, start, end, value * unit.factor, unit, approx, (sent_lo, sent_hi), equipment)
    people = re.match(r"\s(?P<p>[A-Z][a-z]+s)\b", tail)
    if people and _people_noun(people.group("p")):
        end = end_num + people.end()
        of = people.group("p")
        place = _place_after(doc, end, sent_hi)
        if place:
            of = f"{of} in {place}"
        return Quantity(
            start, end, text[start:end], value, "people", of=of, approx=approx, reason=f"count of {people.group('p')}"
        )
    return None


def _money(text: str, start: int, end: int, value: float, currency: Currency, approx: bool) -> Quantity:
    usd = value * currency.rate
    if currency.code == "USD":
        reason = "amount in US dollars"
    else:
        reason = f"{currency.code} at {currency.rate:g} USD per unit (rate as of {currency.as_of})"
    return Quantity(start, end, text[start:end], value, currency.code, usd=round(usd, 2), approx=approx, reason=reason)


def _unit_quantity(
    doc: Doc,
    start: int,
    end: int,
    value: float,
    unit: Unit,
    approx: bool,
    bounds: tuple[int, int],
    equipment: tuple[Equipment, ...],
) -> Quantity:
    text = doc.article.text
    lo, hi = bounds
    of: str | None = None
    country: str | None = None
    reason = f"{unit.kind} ({unit.unit})"
    if unit.kind == "personnel":
        before = _countries_before(doc, start, lo)
        if before:
            country = before[-1][1]
            if unit.unit in _PERSONNEL:
                of = f"{country} armed forces"
            reason += f"; country from the nearest earlier actor {country}"
    elif unit.kind == "distance":
        rest = text[end : min(hi, end + 40)].casefold()
        near_before = text[max(lo, start - 40) : start].casefold()
        if (
            "range" in rest
            or "range" in near_before
            or "up to" in near_before
            or "goes" in near_before
            or "travels" in near_before
        ):
            system = [e for e in equipment if lo <= e.start < start]
            if system:
                of = f"{system[-1].name} range"
                reason += f"; range of {system[-1].name}, named before it in the sentence"
    elif unit.kind == "percent":
        after = re.match(r"\s+of\s+(?P<what>[^.,;:()–—]{3,80})", text[end:hi])
        if after:
            of = " ".join(after.group("what").split()[:8])
    elif unit.unit == "types":
        after = re.match(r"\s+of\s+(?P<what>[\w\- ]{2,40}?)(?=[.,;:—–]|$|\s(?:the|which|that|and)\b)", text[end:hi])
        if after:
            of = after.group("what").strip()
    if unit.kind in {"casualties", "people", "equipment"} and of is None:
        place = _place_after(doc, end, hi)
        if place:
            of = f"{unit.unit} in {place}"
    return Quantity(start, end, text[start:end], value, unit.unit, of=of, country=country, approx=approx, reason=reason)


def _place_after(doc: Doc, end: int, hi: int) -> str | None:
    """Name of a place introduced by 'in'/'of' within a few words after ``end`` in the sentence."""
    for place in doc.places:
        if end < place.start < min(hi, end + 70) and place.kind != "unresolved":
            gap = doc.article.text[end : place.start]
            if re.search(r"\b(?:in|of|from|at)\s+(?:the\s+)?$", gap) and not re.search(r"[.;:]", gap):
                return place.name
    return None


class QuantitiesStage:
    name = "quantities"
    reads: tuple[str, ...] = ("article", "sentences", "entities", "equipment")
    writes: tuple[str, ...] = ("quantities",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Doc) -> Doc:
        return doc.replace(quantities=tuple(find_quantities(doc)))

"""Places that news names inside longer names, or with a type word.

* Divisions named with their type word: "Lagos State", "the Osun State Police Command",
  "South Waziristan Agency", and lists before a plural type word: "Barrow and Jackson
  counties" (each name is looked up as "Barrow County").
* Places inside the name of an organisation or facility (spaCy tags the whole name
  ORG or FAC): a town or division opening the name of a local institution ("Mansfield
  Police Department", "Paranaque Regional Trial Court"), a well-known place opening any
  such name ("Venice Commission"), closing it after an institution word ("British
  Embassy Tokyo") or after "of" ("Embassy of the Republic of Armenia"), and countries
  joined by a hyphen ("Armenia-Italy Parliamentary Friendship Group").

The words that mark a local institution are data: ``resources/places/institutions.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from ...records import Doc
from ...resources import read_table
from .gazetteer import Gazetteer, distance_km

ADMIN_KINDS = ("admin1", "admin2", "region")
_TYPE_WORDS = (
    "State|County|Province|Region|Governorate|Oblast|Krai|District|Parish|Prefecture|Agency|Territory|"
    "Municipality|Department|Republic"
)
# type words taken only as written with capitals ("local government" is ordinary English): Nigeria's
# second-level divisions ("Guma Local Government Area", "Guma LGA"), the districts of Ukraine and Russia
# ("Bakhmut Raion") and the provinces of Poland
_PROPER_TYPE_WORDS = "Local Government Area|Local Government|LGA|Raion|Voivodeship"
_WORD = r"[A-Z][\w’'\-]*[\w]"
_TYPES = rf"(?i:{_TYPE_WORDS})|{_PROPER_TYPE_WORDS}"
_TYPED = re.compile(rf"(?<![\w\-])(?P<name>{_WORD}(?: {_WORD}){{0,2}}) (?P<type>{_TYPES})\b")
_TYPE_WORD = re.compile(rf"(?<= )(?:{_TYPES})\b")
_TYPED_BEFORE = re.compile(_TYPED.pattern + "$")  # searched up to the end of one type word
_PLURALS = {
    "counties": "County",
    "states": "State",
    "provinces": "Province",
    "regions": "Region",
    "districts": "District",
    "parishes": "Parish",
    "oblasts": "Oblast",
    "governorates": "Governorate",
    "local government areas": "Local Government Area",
    "LGAs": "LGA",
}
_NAME = rf"{_WORD}(?: {_WORD})?"
_LISTED = re.compile(
    rf"(?<![\w\-])(?P<list>{_NAME}(?:, {_NAME})*,? (?:and|or|&) {_NAME}) (?P<type>{'|'.join(_PLURALS)})\b"
)
# words that may stand before a division's name without being part of it ("In Lagos State")
_LEAD_WORDS = {"in", "at", "the", "from", "of", "for", "to", "and", "near", "across", "on", "by", "with", "into", "a"}
_OWNER_LABELS = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"}
_HYPHENED = re.compile(rf"(?P<a>{_WORD}(?: {_WORD})?)-(?P<b>{_WORD}(?: {_WORD})?)(?=[ ]|$)")
_LIST_SPLIT = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
_LIST_ITEM = re.compile(rf"{_WORD}(?: {_WORD})?")
# a compass word opening a name is part of it, never a town of that name ("North", "Western", "Central")
_GENERIC = re.compile(r"^(?:North|South|East|West)(?:ern)?$|^(?:Central|Upper|Lower|Greater|Inner|Outer)$")
_OF = re.compile(rf"\bof (?:the )?(?={_WORD})")
_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=1)
def institution_words() -> frozenset[str]:
    return frozenset(row[0] for row in read_table("places", "institutions.tsv", columns=2))


@lru_cache(maxsize=1)
def _deciding_words() -> frozenset[str]:
    """Institution words that name the institution, not only qualify it ("Court", not "Central")."""
    return frozenset(row[0] for row in read_table("places", "institutions.tsv", columns=2) if row[1] != "qualifier")


# what a public office is (institutions.tsv, second column): named after its place, where a school, an
# arena or a road may be named after a person ("Lee Academy", "Anderson Arena")
_OFFICES = {
    "police force", "sheriff's office", "fire service", "council", "commission", "board", "court", "department",
    "government", "assembly", "legislature", "parliament", "office", "chamber", "embassy", "consulate",
}  # fmt: skip


@lru_cache(maxsize=1)
def _office_words() -> frozenset[str]:
    """Institution words that name a public office ("Police", "Fire", "Chamber", "Court")."""
    return frozenset(row[0] for row in read_table("places", "institutions.tsv", columns=2) if row[1] in _OFFICES)


def _town(gaz: Gazetteer, name: str, population: int) -> bool:
    """A town of ``population``+ people under its main name (a double-barrelled surname seldom is two)."""
    return any(main and e.kind == "city" and e.population >= population for e, main in gaz.lookup(name))


_SEAT_NAMED = re.compile(r" (?:LGA|Local Government(?: Area)?)$")  # an area named after its seat
SEAT_NAMED_COUNTRIES = frozenset({"NGA"})  # where "X LGA" may be the town X: the divisions table leaves it to the town


def seat_named(name: str) -> bool:
    """A Nigerian local government area's name with its type word ("Gwoza LGA"), which may name its seat town."""
    return bool(_SEAT_NAMED.search(name))


def division_kinds(name: str) -> tuple[str, ...]:
    """The kinds of entry a division named with its type word may be: a Nigerian local government area
    is its seat town when it bears the town's name ("Gwoza LGA")."""
    return ADMIN_KINDS + ("city",) if seat_named(name) else ADMIN_KINDS


def _typed_known(gaz: Gazetteer, name: str) -> bool:
    from .resolve import candidates

    return bool(candidates(gaz, name, division_kinds(name)))


_TWIN_KM = 150.0


@lru_cache(maxsize=4096)
def two_towns(gaz: Gazetteer, left: str, right: str) -> bool:
    """Two towns of 1,000+ people under their main names, in one state or province and within 150 km of each
    other, joined by a hyphen ("Nelson-Creston", a riding named after both), in a name NER took for a place or an
    organisation: a company named after two people ("Harley-Davidson") seldom is two neighbouring towns, and a
    town named so ("Batesburg-Leesville") is one place. Never in a person's name: a double-barrelled surname often
    is two towns ("Douglas-Hamilton")."""
    if gaz.has(f"{left}-{right}"):
        return False
    towns = [
        [e for e, main in gaz.lookup(half) if main and e.kind == "city" and e.population >= 1000 and e.admin1]
        for half in (left, right)
    ]
    for a in towns[0]:
        for b in towns[1]:
            if a.admin1 != b.admin1 or a.lat is None or a.lon is None or b.lat is None or b.lon is None:
                continue
            if distance_km(a.lat, a.lon, b.lat, b.lon) <= _TWIN_KM:
                return True
    return False


def _home_town(gaz: Gazetteer, name: str, countries: set[str]) -> bool:
    """A town of 15,000+ people under its main name in one of ``countries``."""
    return any(
        main and e.kind == "city" and e.population >= 15000 and e.country in countries for e, main in gaz.lookup(name)
    )


def typed_divisions(text: str, gaz: Gazetteer) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, name to look up, how) of divisions named with a type word."""
    for type_word in _TYPE_WORD.finditer(text):  # the type word first: few texts have many
        match = _TYPED_BEFORE.search(text, max(0, type_word.start() - 60), type_word.end())
        if match is None:
            continue
        words = match.group("name").split(" ")
        start = match.start("name")
        if words[0] in {"The", "In", "At", "From"} and len(words) > 1:
            start += len(words[0]) + 1
            words = words[1:]
        before = re.search(r"(\S+) $", text[max(0, start - 30) : start])
        word = before.group(1) if before else ""
        if word[:1].isupper() and word[-1] not in ",;:" and word.casefold() not in _LEAD_WORDS:
            # "Seoul Central District Court": "Central District" is not a division here; "Chaambi, Kasserine
            # governorate" is (a comma closes the name before it)
            continue
        name = text[start : match.end("type")]
        if gaz.country_of_demonym(text[start : match.start("type")].strip()):
            continue  # "the Welsh Local Government Association", "English County Cricket"
        if _typed_known(gaz, name):
            yield start, match.end("type"), name, f"named with its type word {match.group('type')!r}"
    for match in _LISTED.finditer(text):
        singular = _PLURALS[match.group("type")]
        base = match.start("list")
        for part in re.finditer(_NAME, match.group("list")):
            name = part.group()
            if name in {"And", "Or"}:
                continue
            # "the Limpopo and North West provinces": a province's type word is seldom part of its name, and in
            # lower case it is taken loosely (resolve.candidates); a US county's is part of its name
            query = f"{name} {singular if singular in {'County', 'Parish', 'Local Government Area', 'LGA'} else singular.lower()}"
            if _typed_known(gaz, query):
                s = base + part.start()
                yield s, s + len(name), query, f"listed before {match.group('type')!r}"


def inside_names(
    doc: Doc,
    gaz: Gazetteer,
    famous: Callable[[str], bool],
    local: Callable[[str], bool],
    trim: Callable[[str, int, int], tuple[int, int]],
    countries: set[str] | None = None,
) -> Iterator[tuple[int, int, str]]:
    """(start, end, how) of places inside the names of organisations and facilities.

    ``famous`` says whether a name is a well-known place (country, state, big city), ``local``
    whether it is a town or division the gazetteer knows.
    """
    text = doc.article.text
    countries = countries or set()
    words, deciding = institution_words(), _deciding_words()
    for ent in doc.entities:
        if ent.label == "PERSON":  # "Seattle Fire", "Abuja Chamber of Commerce" tagged as people
            start, end = trim(text, ent.start, ent.end)
            yield from _office_of_place(text[start:end], start, gaz, local, _office_words())
            continue
        if ent.label not in _OWNER_LABELS:
            continue
        start, end = trim(text, ent.start, ent.end)
        span = text[start:end]
        owner = f"inside the {ent.label} name {span!r}"
        pair = _HYPHENED.match(span)
        if pair and (gaz.country_code(pair.group("a")) or gaz.country_code(pair.group("b"))):
            for group in ("a", "b"):
                name = pair.group(group)
                if famous(name) and not gaz.country_of_demonym(name):
                    yield start + pair.start(group), start + pair.end(group), f"joined by a hyphen {owner}"
            continue
        if pair and (
            all(local(pair.group(g)) and _town(gaz, pair.group(g), 5000) for g in ("a", "b"))
            or two_towns(gaz, pair.group("a"), pair.group("b"))
        ):
            for group in ("a", "b"):  # "Middlesex-London EMS", "Nelson-Creston": two places joined
                yield start + pair.start(group), start + pair.end(group), f"joined by a hyphen {owner}"
            continue
        listed = _LIST_SPLIT.split(span)
        if len(listed) > 1 and all(_LIST_ITEM.fullmatch(item) and local(item) for item in listed):
            at = 0
            for item in listed:  # "Ingham or Townsville" tagged as one organisation
                at = span.index(item, at)
                yield start + at, start + at + len(item), f"listed {owner}"
                at += len(item)
            continue
        tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", span)]
        if len(tokens) < 2:
            continue
        # a place opening the name: the longest run of up to three words before the rest
        for size in (3, 2, 1):
            if size >= len(tokens):
                continue
            name = span[: tokens[size - 1][1]]
            possessive = _POSSESSIVE.search(name)  # "Derry's Altnagelvin Hospital": the town's hospital
            if possessive:
                name = name[: possessive.start()]
            if not name or gaz.country_of_demonym(name) or not name[:1].isupper():
                continue
            if size == 1 and (name in words or _GENERIC.match(name)):
                continue  # "University of Manitoba", "Central Valley Clinic", "North American Energy Forum"
            institution = (tokens[size][2] in words or bool(possessive)) and any(t[2] in deciding for t in tokens[size:])
            # "Crewe Alexandra", "Tifton Chamber of Commerce": a town of 15,000+ in a country the article
            # is about opens the name of its club, paper or chamber
            home = size == 1 and local(name) and _home_town(gaz, name, countries)
            if famous(name) or (institution and local(name)) or home:
                yield start, start + len(name), f"opens {owner}"
                break
        else:
            # a well-known place closing the name after an institution word, or after "of"
            tails = [m.end() for m in _OF.finditer(span)] if any(t[2] in words for t in tokens) else []
            tail = next((at for at in tails if famous(span[at:])), None)
            if tail is not None:
                yield start + tail, end, f"closes {owner}"
                continue
            for size in (2, 1):
                if size >= len(tokens):
                    continue
                name = span[tokens[-size][0] :]
                if tokens[-size - 1][2] in words and famous(name) and not gaz.country_of_demonym(name):
                    yield start + tokens[-size][0], end, f"closes {owner}"
                    break


def _office_of_place(
    span: str, start: int, gaz: Gazetteer, local: Callable[[str], bool], offices: frozenset[str]
) -> Iterator[tuple[int, int, str]]:
    """A town or division opening a name spaCy took for a person's, right before the word of an
    institution ("Seattle Fire", "Abuja Chamber of Commerce"): the institution's place."""
    words = span.split(" ")
    for size in (2, 1):
        if len(words) <= size or words[size] not in offices:
            continue
        name = " ".join(words[:size])
        if name[:1].isupper() and not gaz.country_of_demonym(name) and not _GENERIC.match(name) and local(name):
            yield start, start + len(name), f"opens the name {span!r} (tagged as a person) before {words[size]!r}"
            return

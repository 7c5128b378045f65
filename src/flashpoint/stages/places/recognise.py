"""Toponym recognition: which spans of an article name places.

Three sources, in order of trust:

1. phrase matches of our own table names, country names and US state names
   (spaCy often tags "Syunik", "Nagorno-Karabakh" or even "Armenia" as ORG);
2. spaCy ``GPE``/``LOC``/``FAC`` entities;
3. a capitalised name after a locative preposition ("in Kapan", "near Lyman")
   that the GeoNames index knows, when NER missed it.

Around these: datelines, qualified names ("Mansfield, La."), places inside the names of
organisations, coordination, acronyms, local-news phrasing ("D-Hibbing", "of Waycross",
"Tifton Fire Chief"), and repairs of NER's spans (a name cut into two entities is joined, a
place and its qualifier in one entity are split).

Spans never overlap; ``the`` and a possessive ``'s`` are trimmed off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ...records import Doc, Entity, Mention
from ...resources import read_table
from ..actors.knowledge import load_knowledge
from ..names import NameIndex
from . import learned
from .gazetteer import OWN_TABLES, Gazetteer, normalise
from .inside import division_kinds, inside_names, institution_words, two_towns, typed_divisions
from .spans import dotted_abbreviations, trim

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities of these labels never hide a toponym from the phrase matcher.
_BLOCKING_LABELS = {
    "PERSON",
    "DATE",
    "TIME",
    "MONEY",
    "PERCENT",
    "QUANTITY",
    "CARDINAL",
    "ORDINAL",
    "WORK_OF_ART",
    "LAW",
}
_PREPOSITIONS = r"in|at|near|outside|from|into|to|towards|around|across|over|via|through|inside|off|between"
_LOCATIVE = re.compile(
    rf"\b(?P<prep>{_PREPOSITIONS})\s+"
    # a compass word may come between: "in northern Aleppo", "across south-eastern Ghazni"
    r"(?:(?:north|south|east|west|central|(?:north|south)[- ]?(?:east|west))(?:ern)?\s+)?"
    r"(?P<name>[A-Z][\w’'.\-]*[\w](?:\s+[A-Z][\w’'\-]*\w){0,2})"
)
_LOCATIVE_BEFORE = re.compile(rf"\b(?:{_PREPOSITIONS})\s+$")
_CAMEL = re.compile(r"[a-z][A-Z]")  # YouTube, LinkedIn, AppStore: brands, not places
_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip


_COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
            # "the Centre" of an Indian story is the Union government, not Burkina Faso's or Haiti's Centre region
            "centre", "center"}


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    text: str
    how: str  # "table", "ner:GPE", "locative"
    label: str | None = None
    query: str | None = None  # the name to look up when it is not the text ("Barrow County" for "Barrow")
    kinds: tuple[str, ...] = ()  # entry kinds the name may resolve to (empty: any)

    @property
    def lookup(self) -> str:
        return self.query or self.text


@lru_cache(maxsize=1)
def _table_names() -> NameIndex:
    """Every name in our own tables, countries and US states, matched as whole words, case-sensitively."""
    names: set[str] = set()
    for table in OWN_TABLES:
        for row in read_table("places", table, columns=9):
            names.update([row[0], *row[1].split("|")])
    for row in read_table("places", "countries.tsv", columns=5):
        names.update(row[3].split("|"))
    from .gazetteer import load_gazetteer

    gaz = load_gazetteer()
    names.update(c.name for c in gaz.countries.values())
    names.update(e.name for e in gaz.us_states.values())
    return NameIndex((n.strip(), True) for n in names if len(n.strip()) >= 2)


def _entity_at(entities: tuple[Entity, ...], start: int, end: int) -> list[Entity]:
    return [e for e in entities if e.start < end and start < e.end]


def _bare_name(m: Mention) -> bool:
    """A known person's name with no office around it ("Obama", "Barack Obama"), not "Lebanon's prime minister"
    or "Lagos State Governor Akinwunmi Ambode", whose places are places of their own, nor a name the actors
    stage only guessed to be a person ("Tifton Fire")."""
    return bool(m.name) and m.text in m.name and (m.entity or "").startswith("Q")  # a Wikidata person, not a guess


def recognise(
    doc: Doc,
    gaz: Gazetteer,
    is_equipment: Callable[[str], bool],
    collect: list[tuple[learned.Candidate, list[float]]] | None = None,
) -> list[Toponym]:
    """The toponym spans of ``doc``, sorted by position and non-overlapping.

    ``collect``, when given, receives the learned pass's candidates with their feature rows instead of the
    model's decisions (the training data of ``make train-places``)."""
    text = doc.article.text
    # a name the actors stage knows as an armed group, a party, an outlet or a person of its tables is not
    # its namesake town ("Israel and Hamas", "Wagner fighters", "Obama" in Fukui): the actor tables decide
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in doc.mentions
                                    if m.kind in ("group", "media") or (m.kind == "person" and m.entity and _bare_name(m))]
    found: list[Toponym] = []
    covered = bytearray(len(text) + 1)  # the characters of the spans taken: a check costs the span, not the article
    for s, e in taken:
        covered[s:e] = b"\x01" * max(0, e - s)

    def free(start: int, end: int) -> bool:
        if end <= start:
            return all(end <= s or start >= e for s, e in taken)
        return not any(covered[start:end])

    def keep(top: Toponym) -> None:
        if normalise(top.text) in _COMPASS:
            return  # "the West" is a bloc and "the North" a side, not the regions that bear the word
        taken.append((top.start, top.end))
        covered[top.start : top.end] = b"\x01" * max(0, top.end - top.start)
        found.append(top)

    def keep_or_name(top: Toponym) -> None:
        """Keep ``top``, or let it name the NER place of the same span the gazetteer does not know
        (spaCy's "WA" or "Islamic Republic" GPE)."""
        if free(top.start, top.end):
            keep(top)
            return
        unknown = all(e.kind == "city" and not e.name.isupper() for e, _ in gaz.lookup(top.text))
        for index, other in enumerate(found):
            if (other.start, other.end) == (top.start, top.end) and other.how.startswith("ner:") and unknown:
                found[index] = top

    # 0. divisions named with their type word: "Lagos State", "Barrow and Jackson counties"
    for start, end, query, how in typed_divisions(text, gaz):
        overlapping = _entity_at(doc.entities, start, end)
        # "Barrow and Jackson counties": the type word decides even where spaCy saw a person
        blocking = [e for e in overlapping if e.label in _BLOCKING_LABELS]
        # a person's name is never exactly a division's with its type word ("Anderson County" tagged PERSON),
        # nor does it open with one and an office ("Anderson County Sheriff Greg Taylor" tagged PERSON)
        blocking = [
            e
            for e in blocking
            if not (
                e.label == "PERSON"
                and (trim(text, e.start, e.end) == (start, end) or _office_after(text, start, end, e))
            )
        ]
        if free(start, end) and not blocking:
            keep(
                Toponym(
                    start,
                    end,
                    text[start:end],
                    how,
                    None,
                    query if query != text[start:end] else None,
                    division_kinds(query),
                )
            )

    # 0b. a place name spaCy cut in two ("Boa" GPE + "Vista" ORG, "Baja" + "California"): the joined
    #     name, when it is a place's own name in the gazetteer
    for start, end in _joined_fragments(doc, gaz):
        if free(start, end):
            keep(Toponym(start, end, text[start:end], "ner: two entities that join into one place name", "GPE"))

    # 1. our table names (countries, regions, seas, lines): trusted wherever they are not a person's name
    for match in _table_names().finditer(text):
        start, end = trim(text, match.start(), match.end())
        overlapping = _entity_at(doc.entities, start, end)
        blocking = [e for e in overlapping if e.label in _BLOCKING_LABELS and e.label != "CARDINAL"]
        # spaCy takes "Nagorno Karabakh" for a person; a one-word name ("Georgia") may really be one
        if any(
            not (e.label == "PERSON" and " " in text[start:end] and trim(text, e.start, e.end) == (start, end))
            for e in blocking
        ):
            continue
        if (is_equipment(text[start:end]) and not _known_settlement(gaz, text[start:end], 15000)) or not free(
            start, end
        ):
            continue
        label = overlapping[0].label if overlapping else None
        for ent in overlapping:  # "New York City" is one place, not the state of New York plus "City"
            e_start, e_end = trim(text, ent.start, ent.end)
            wider = ent.label in PLACE_LABELS and e_start <= start and end <= e_end and (e_start, e_end) != (start, end)
            if wider and gaz.has(text[e_start:e_end]) and free(e_start, e_end):
                start, end, label = e_start, e_end, ent.label
        keep(Toponym(start, end, text[start:end], "table", label))

    # 1b. countries joined by a hyphen ("DPRK-South Korea summit", "US-China talks"), which the
    #     whole-word table match leaves out
    for match in _JOINED.finditer(text):
        a_words, b_words = match.group("a").split(" "), match.group("b").split(" ")
        sides = [  # "Armenia-Italy Parliamentary": the longest country name touching the hyphen on each side
            next(
                (
                    (match.end("a") - len(n), match.end("a"))
                    for n in (" ".join(a_words[i:]) for i in range(len(a_words)))
                    if _country_name(gaz, n)
                ),
                None,
            ),
            next(
                (
                    (match.start("b"), match.start("b") + len(n))
                    for n in (" ".join(b_words[: len(b_words) - i]) for i in range(len(b_words)))
                    if _country_name(gaz, n)
                ),
                None,
            ),
        ]
        for side in sides:
            if side is not None:
                side = trim(text, *side)  # "The Armenia-Italy Friendship Group"
            if side is not None and free(*side):
                keep(Toponym(side[0], side[1], text[side[0] : side[1]], "country name joined by a hyphen"))

    # 1c. a place before a hyphenated participle: "Moscow-based", "Iran-backed", "Tokyo-bound"
    for match in _COMPOUND.finditer(text):
        start, end = trim(text, match.start("name"), match.end("name"))  # "The Moscow-based lender"
        if " " in text[start:end] and not _famous_place(gaz, text[start:end]):
            start = text.rindex(" ", start, end) + 1  # "By Ann Lee US-based producer ...": the last word alone
        name = text[start:end]
        if free(start, end) and _famous_place(gaz, name) and not gaz.country_of_demonym(name):
            keep(Toponym(start, end, name, f"before '-{match.group('word')}'"))

    # 2. NER place entities: known names first, then unknown ones that still look like places
    pending: list[Toponym] = []
    surnames = {e.text.split()[-1] for e in doc.entities if e.label == "PERSON" and " " in e.text.strip()}
    for ent in _split_qualified(doc.entities, gaz):
        if ent.label not in PLACE_LABELS:
            continue
        start, end = trim(text, ent.start, ent.end)
        span = text[start:end]
        if not span or not span[0].isupper() or (_CAMEL.search(span) and not gaz.has(span)):  # DeKalb, McAllen
            continue
        if is_equipment(span) and not _known_settlement(gaz, span, 15000):
            continue
        if normalise(span) in _CALENDAR:
            continue
        if span in surnames and not _famous_place(gaz, span):
            continue  # "Brunson was detained" after "Andrew Brunson": the person, not a hamlet of that name
        top = Toponym(start, end, span, f"ner:{ent.label}", ent.label)
        if span.isupper() and len(span) >= 4 and _DATELINE_AFTER.match(text, end) and _town_by_main(gaz, span.title()):
            top = Toponym(start, end, span, f"ner:{ent.label}, a dateline in capitals", ent.label, span.title())
        if gaz.has(span):
            if free(start, end):
                keep(top)
        else:
            pending.append(top)
    # 2b. places inside the names of organisations and facilities ("British Embassy Tokyo")
    context_countries = {m.country for m in doc.mentions if m.country} | {
        e.country for t in found for e, _ in gaz.lookup(t.lookup) if e.kind in {"country", "admin1"} and e.country
    }
    for start, end, how in inside_names(
        doc,
        gaz,
        lambda n: _famous_place(gaz, n),
        lambda n: _local_place(gaz, n, context_countries),
        lambda t, s, e: trim(t, s, e),
        context_countries,
    ):
        if free(start, end) and not is_equipment(text[start:end]):
            keep(Toponym(start, end, text[start:end], how))
    # 2b'. a region or country opening a person's name before an office ("Tamil Nadu Chief Minister J Jayalalithaa",
    #      "Kano State Governor Abdullahi Ganduje" tagged PERSON as a whole): the office is of that place
    for ent in doc.entities:
        if ent.label != "PERSON":
            continue
        start, end = trim(text, ent.start, ent.end)
        # the name alone tagged a person, the office after it ("Tamil Nadu" PERSON, "Chief Minister ...")
        region = _region_before_office(gaz, text[start:end] + " " + " ".join(text[end:end + 40].split()[:3]))
        if region is not None and len(region) < end - start:
            region = None  # not the whole entity: a person's name that opens with a place's ("Jordan Peterson")
        region = region or _region_before_office(gaz, text[start:end])
        if region is not None and free(start, start + len(region)):
            keep(Toponym(start, start + len(region), region, "a region opening a person's name before an office"))
    # 2c. a leading dateline ("BEIRUT (Reuters) -", "ST. PAUL –"), before NER names the gazetteer does not know
    #     ("LOUIS" alone)
    for dateline in _DATELINE.finditer(text):
        group = "name" if dateline.group("name") else "agency_name"
        start, end = dateline.start(group), dateline.end(group)
        name = dateline.group(group).title()
        # the opening dateline needs a name the gazetteer knows; one further on ("... permit. BEIRUT: The
        # body of ...") a town of 15,000 or a division
        known = gaz.has(name) if start < 300 else _known_settlement(gaz, name, 15000)
        if free(start, end) and known:
            keep(Toponym(start, end, text[start:end], "dateline", query=name))
    for top in pending:
        # an unknown place name that is a known place's institution ("St. Louis Police", "Nenagh Municipal
        # District" tagged GPE): the place opening it
        head = _institution_head(gaz, top.text, context_countries)
        halves = _two_areas(gaz, top.text) or _two_towns_named(gaz, top.text)
        if halves and free(top.start, top.end):  # "Asia-Pacific": two areas joined, each a place
            left, right = halves
            keep(Toponym(top.start, top.start + len(left), left, "joined by a hyphen to another place", top.label))
            at = top.end - len(right)
            keep(Toponym(at, top.end, right, "joined by a hyphen to another place", top.label))
        elif head and free(top.start, top.start + len(head)):
            how = f"opens the name {top.text!r}, which the gazetteer does not know"
            keep(Toponym(top.start, top.start + len(head), head, how, top.label))
        elif free(top.start, top.end):
            keep(top)

    actor_countries = {m.country for m in doc.mentions if m.country}
    person_words = {w for e in doc.entities if e.label == "PERSON" for w in e.text.split()}
    # the words of people's names of two words or more ("Mayor Jim Turner"): a town's name spaCy took for a
    # person by itself ("driving to Castlegar") is no such word
    name_words = {w for e in doc.entities if e.label == "PERSON" and " " in e.text.strip() for w in e.text.split()}
    divisions = _named_divisions(gaz, found) | _abbreviated_divisions(gaz, found)
    # 3. "in Kapan": a known place name after a locative preposition that NER missed
    def locatives(divisions: set[str], local_only: bool = False) -> None:
        """Step 3; with ``local_only``, only the local towns of ``divisions`` (those step 6b named: "BC")."""
        for match in _LOCATIVE.finditer(text):
            name_start, name_end = trim(text, match.start("name"), match.end("name"))
            candidate = text[name_start:name_end]
            if not candidate or normalise(candidate) in _CALENDAR or not free(name_start, name_end):
                continue
            if local_only and not _town_of(gaz, candidate, divisions):
                continue  # the one lookup before the entities are read
            overlapping = _entity_at(doc.entities, name_start, name_end)
            # a local town in a state or province the article names, which spaCy took for a person or an
            # organisation ("a forum in Clarinda" in a story on Iowa, "driving to Castlegar" in one on B.C.)
            local = _local_town(gaz, text, candidate, name_start, name_end, overlapping, divisions, name_words)
            if local_only and not local:
                continue
            mislabelled = [e for e in overlapping if e.label not in PLACE_LABELS and e.label != "PERSON"]
            if mislabelled and not local and not _mislabelled_place(gaz, text, candidate, name_start, name_end, mislabelled):
                continue
            floor = 5000
            if match.group("prep") in {"to", "between"} and not local and (
                any(e.label == "PERSON" for e in overlapping)
                or candidate in person_words  # "votes to Turner's 39" after "Mayor Jim Turner"
                or not _main_or_short(gaz, candidate)
            ):
                continue  # "said to Bolton", "sent to Hamas": people and groups are spoken to more than towns
            if any(e.label == "PERSON" for e in overlapping):  # spaCy often takes "Kyiv" or "Kapan" for a person
                floor = 15000 if match.group("prep") in {"in", "near", "at", "over", "outside"} else 100_000
            if is_equipment(candidate):
                continue
            how = "locative"
            if local:
                how = "locative, a town in a state or province the article names"
            elif not _known_settlement(gaz, candidate, floor):
                # a village of 1,000+ in a country the article's actors belong to: "a market at Wana"
                if overlapping or not _village_of(gaz, candidate, actor_countries):
                    continue
                how = "locative, a village in a country the article is about"
            keep(Toponym(name_start, name_end, candidate, how))

    locatives(divisions)

    # 3b. a town in the words local news puts around it: a legislator's "D-Hibbing", a resident's
    #     "Tom Brown, 52, of Waycross", a town's own office ("Tifton Fire Chief", "Tifton Mayor")
    people_end = {e.end for e in doc.entities if e.label == "PERSON"}
    for pattern, how in _LOCAL_PATTERNS:
        for match in pattern.finditer(text):
            if how == "resident" and match.start() not in people_end:
                continue
            start, end = trim(text, match.start("name"), match.end("name"))
            name = text[start:end]
            if not name or not free(start, end) or normalise(name) in _CALENDAR or is_equipment(name):
                continue
            overlapping = _entity_at(doc.entities, start, end)
            if any(e.label not in PLACE_LABELS | {"ORG", "PERSON"} for e in overlapping):
                continue
            if how == "office" and any(e.label == "PERSON" and e.start < start for e in overlapping):
                continue  # "Anna Tifton Fire": inside a person's name, not the town's office
            if _town_in(gaz, name, actor_countries | context_countries):
                keep(Toponym(start, end, name, f"local news: {_LOCAL_HOW[how]}"))

    # 4b. names qualified by a state or country ("Mansfield, La.")
    for match in _QUALIFIED.finditer(text):
        start, end = match.start("name"), match.end("name")
        if not free(start, end) or not _qualifier_known(gaz, match.group("qual")):
            continue
        overlapping = _entity_at(doc.entities, start, end)
        if any(e.label not in PLACE_LABELS | {"PERSON", "ORG"} for e in overlapping):
            continue
        if _known_settlement(gaz, match.group("name"), 1000) and not is_equipment(match.group("name")):
            keep(Toponym(start, end, match.group("name"), "qualified"))
    for match in _QUALIFIED.finditer(text):  # the qualifier is a place too: "Tega Cay, S.C.", "Kapan, Armenia"
        q_start, q_end = trim(text, match.start("qual"), match.end("qual"))
        if q_end <= q_start or not free(q_start, q_end):
            continue
        named = any(t.start <= match.start("name") and match.end("name") <= t.end for t in found)
        if named and _qualifier_known(gaz, text[q_start:q_end]):
            keep(Toponym(q_start, q_end, text[q_start:q_end], "qualifier"))
        elif _venue_qualifier(gaz, doc, match, q_start, q_end, context_countries):
            keep(Toponym(q_start, q_end, text[q_start:q_end], "county or state of a name the gazetteer lacks"))

    for match in _ADDRESS.finditer(text):  # "of 1935 Orchard St., Alexandria, was arrested"
        start, end = match.start("name"), match.end("name")
        if free(start, end) and _known_settlement(gaz, match.group("name"), 1000):
            keep(Toponym(start, end, match.group("name"), "address"))

    # 5. names NER gave to an organisation or a person but that are well-known places; a one-word
    #    "person" only when the word is never part of a longer person's name in the article
    in_names = {w for e in doc.entities if e.label == "PERSON" and " " in e.text.strip() for w in e.text.split()}
    for ent in doc.entities:
        if ent.label not in {"ORG", "PERSON", "NORP"}:
            continue
        start, end = trim(text, ent.start, ent.end)
        span = text[start:end]
        if not span or not free(start, end) or _CAMEL.search(span) or is_equipment(span):
            continue
        if (ent.label == "PERSON" and " " in span) or span in in_names:
            continue  # "Maraga" after "Chief Justice David Maraga": the person again, whatever NER calls it
        if ent.label == "NORP" and gaz.country_of_demonym(span):
            continue  # "Tunis" may be tagged as a people, "Tunisians" is one
        if ent.label == "NORP" and _BLOC.match(span):
            continue  # "Western allies", "Eastern bloc": an alignment, not the region that shares the word
        if ent.label == "PERSON" and _TITLED.search(text, max(0, start - 30), start):
            continue  # "President Obama", "Senator Warren": a title before the name makes it a person's
        if _known_settlement(gaz, span, 15000, main_only=True) and not _PERSONAL.match(span):
            keep(Toponym(start, end, span, f"ner:{ent.label} known place"))

    # 6. coordination: "Avdiivka and Bakhmut", "Khan Younis and Rafah"
    for top in list(found):
        for match in (_AFTER.match(text, top.end), _BEFORE.search(text, max(0, top.start - 40), top.start)):
            if match is None:
                continue
            start, end = trim(text, match.start("name"), match.end("name"))
            name = text[start:end]
            if not name or not free(start, end) or normalise(name) in _CALENDAR or is_equipment(name):
                continue
            overlapping = _entity_at(doc.entities, start, end)
            if any(
                e.label not in PLACE_LABELS | {"ORG"} and not (e.label == "PERSON" and e.text.strip() == name)
                for e in overlapping
            ):
                continue
            if _known_settlement(gaz, name, 5000):
                keep(Toponym(start, end, name, "coordinated"))

    # 6b. a division's bare abbreviation ("FrontCounter BC") next to a town that may lie in that division
    coded: set[str] = set()  # the divisions this step names
    if gaz.bare_codes:
        town_divisions = {e.admin1 for t in found for e, _ in gaz.lookup(t.lookup) if e.kind in {"city", "admin2"}}
        for match in _bare_codes(tuple(sorted(gaz.bare_codes))).finditer(text):
            start, end = match.start(), match.end()
            code = gaz.bare_codes[match.group()]
            if _YEAR_BEFORE.search(text, max(0, start - 8), start):
                continue  # "300 BC" is a year
            if free(start, end) and code in town_divisions:
                coded.add(code)
                keep(
                    Toponym(
                        start,
                        end,
                        match.group(),
                        f"abbreviation of the division {code}, where another place of the article may lie",
                    )
                )

    # 6b'. step 3 again, for the local towns of a division only step 6b named: "driving to Castlegar" in a story
    #      whose "FrontCounter BC" was taken next to a later "Nelson"
    if coded - divisions:
        locatives(coded - divisions, local_only=True)

    # 6c. an acronym the article defines for a place: "South Waziristan Agency (SWA)", then "SWA"
    defined = {}
    for top in found:
        match = _DEFINED.match(text, top.end)
        if (
            match
            and _initials(top.text) == match.group("acronym").replace("&", "")  # not "Ohio (AP)", "Lebanon (UNIFIL)"
            and match.group("acronym") not in defined
            and not _country_name(gaz, match.group("acronym"))
        ):
            defined[match.group("acronym")] = top
            start, end = match.start("acronym"), match.end("acronym")
            if free(start, end):
                keep(
                    Toponym(
                        start,
                        end,
                        match.group("acronym"),
                        f"acronym defined for {top.text!r}",
                        None,
                        top.lookup,
                        top.kinds,
                    )
                )
    for acronym, top in defined.items():
        for match in re.finditer(rf"(?<![\w\-]){re.escape(acronym)}(?![\w\-])", text):
            if free(match.start(), match.end()):
                keep(
                    Toponym(
                        match.start(),
                        match.end(),
                        acronym,
                        f"acronym defined for {top.text!r}",
                        None,
                        top.lookup,
                        top.kinds,
                    )
                )

    # 6d. the initials of a country or division the article names, never defined in it: "SA" in a story
    #     with South Africans, "NJ" after "New Jersey"; only where they stand for one such place
    for acronym, (query, source) in _initials_named(doc, gaz, found, set(defined)).items():
        for match in re.finditer(rf"(?<![\w\-&.]){acronym}(?![\w\-&]|\.\w)", text):
            start, end = match.start(), match.end()
            keep_or_name(Toponym(start, end, acronym, f"initials of {source!r}, named in the article", None, query))

    # 6e. a country's epithet ("the Islamic Republic" in a story on Iran), where the article names
    #     exactly one country the epithet may stand for
    named_countries = {m.country for m in doc.mentions if m.country} | {
        e.country for t in found for e, main in gaz.lookup(t.lookup) if e.kind == "country" and e.country
    }
    for epithet, countries in _epithets().items():
        meant = [c for c in countries if c in named_countries]
        if len(meant) != 1 or meant[0] not in gaz.countries:
            continue
        for match in re.finditer(rf"(?<=\bthe ){re.escape(epithet)}(?![\w\-])", text, flags=re.IGNORECASE):
            if match.group()[:1].isupper():
                name = gaz.country_name(meant[0])
                how = f"an epithet of {name}, which the article names"
                keep_or_name(Toponym(match.start(), match.end(), match.group(), how, None, name, ("country",)))

    # 6f. the learned pass: known names no rule took, weighed by the toponym model (``learned.py``)
    model = learned.load_model() if collect is None else None
    if model is not None or collect is not None:
        # a name spaCy took for a person right after a locative is step 3's to decide, with its population floors
        # ("stolen property from Welch"): the model weighs only what no rule has a test for
        persons = {trim(text, e.start, e.end) for e in doc.entities if e.label == "PERSON"}
        pool = [c for c in learned.candidates(text, gaz, taken)
                if not ((c.start, c.end) in persons and _LOCATIVE_BEFORE.search(text, max(0, c.start - 15), c.start))]
        if pool:
            ctx = learned.article_context(doc, gaz, [t.lookup for t in found], _named_divisions(gaz, found))
            tokens = learned.token_index(doc)
        rows = [learned.features(doc, gaz, cand, ctx, tokens) for cand in pool]
        if collect is not None:
            collect.extend(zip(pool, rows, strict=True))
        elif model is not None:
            for cand, row, p in zip(pool, rows, model.proba(rows), strict=True):
                if p >= model.threshold and free(cand.start, cand.end):
                    keep(Toponym(cand.start, cand.end, cand.text, f"toponym model p={p:.2f} ({learned.cues(row)})"))

    # 7. one sense per article: other mentions of a name already taken as a place
    names = {t.text for t in found if t.how != "ner:GPE" or gaz.has(t.text)}
    names |= {t.query for t in found if t.how == "dateline" and t.query}  # "SEOUL (Reuters) -", then "Seoul"
    if names:
        again = re.compile(
            r"(?<![\w\-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w\-])"
        )
        for match in again.finditer(text):
            start, end = match.start(), match.end()
            if not free(start, end):
                continue
            overlapping = _entity_at(doc.entities, start, end)
            if any(e.label == "PERSON" and (e.start < start or e.end > end) for e in overlapping):
                continue  # part of a person's name ("Jordan Peterson")
            keep(Toponym(start, end, match.group(), "repeated"))

    found.sort(key=lambda t: t.start)
    return found


_AREA_KINDS = {"continent", "water", "region", "country"}


def _two_areas(gaz: Gazetteer, span: str) -> tuple[str, str] | None:
    """("Asia", "Pacific") for "Asia-Pacific": two continents, seas or countries joined by a hyphen."""
    left, hyphen, right = span.partition("-")
    if not hyphen or "-" in right or not (left[:1].isupper() and right[:1].isupper()):
        return None
    if all(any(e.kind in _AREA_KINDS for e, _ in gaz.lookup(half)) for half in (left, right)):
        return left, right
    return None


def _two_towns_named(gaz: Gazetteer, span: str) -> tuple[str, str] | None:
    """("Nelson", "Creston") for a place name NER found that is two neighbouring towns joined by a hyphen."""
    left, hyphen, right = span.partition("-")
    if hyphen and "-" not in right and left[:1].isupper() and right[:1].isupper() and two_towns(gaz, left, right):
        return left, right
    return None


def _institution_head(gaz: Gazetteer, span: str, countries: set[str]) -> str | None:
    """The known town or division (up to three words) opening ``span`` before words that name an
    institution ("St. Louis" in "St. Louis Police"), or None."""
    words = span.split(" ")
    if words[-1] == "City" or words[0] in institution_words():
        return None  # "Quezon City" is looked up with its type word; "Airport Courthouse" opens with no place
    for size in (3, 2, 1):
        if len(words) <= size or words[size] not in institution_words():
            continue
        name = " ".join(words[:size])
        if not gaz.country_of_demonym(name) and not _BLOC.match(name) and _local_place(gaz, name, countries):
            return name
    return None


def _region_before_office(gaz: Gazetteer, span: str) -> str | None:
    """The first-level region or country (up to three words) that opens ``span`` right before an office title of
    the sector tables ("Tamil Nadu" in "Tamil Nadu Chief Minister J Jayalalithaa"), or None."""
    sectors = load_knowledge().sectors
    words = span.split(" ")
    for size in (3, 2, 1):
        if len(words) <= size + 1:
            continue
        name = " ".join(words[:size])
        office = next((sectors.get(" ".join(words[size:size + k]).lower()) for k in (2, 1)
                       if sectors.get(" ".join(words[size:size + k]).lower()) is not None), None)
        if office is None or office.strength not in ("title", "noun") or office.sector not in ("GOV", "LEG", "JUD"):
            continue
        if any(e.kind in ("admin1", "country") and normalise(e.name) == normalise(name) for e, _ in gaz.lookup(name)):
            return name
    return None


def _office_after(text: str, start: int, end: int, ent: Entity) -> bool:
    """Whether entity ``ent`` opens with the division at ``start:end`` followed by an office word
    ("Anderson County Sheriff Greg Taylor"): the division names the office, not the person."""
    if trim(text, ent.start, ent.end)[0] != start or ent.end <= end:
        return False
    following = text[end : ent.end].split()
    return bool(following) and following[0] in institution_words()


def _joined_fragments(doc: Doc, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Spans of two adjacent entities, one of them a place, whose joined text is one place's main name.

    spaCy sometimes splits a two-word name ("Boa" GPE, "Vista" ORG; "Baja" GPE, "California" GPE);
    the pieces then resolve to other places (a town in Hungary, the US state).
    """
    text = doc.article.text
    out = []
    entities = sorted(doc.entities, key=lambda e: e.start)
    for first, second in zip(entities, entities[1:], strict=False):
        if text[first.end : second.start] != " " or not {first.label, second.label} & PLACE_LABELS:
            continue
        if not (first.label in PLACE_LABELS | {"ORG"} and second.label in PLACE_LABELS | {"ORG"}):
            continue
        start, end = trim(text, first.start, second.end)
        name = text[start:end]
        if name[:1].isupper() and any(
            main and normalise(e.name) == normalise(name) and (e.kind != "city" or e.population >= 5000)
            for e, main in gaz.lookup(name)
        ):
            out.append((start, end))
    return out


def _split_qualified(entities: tuple[Entity, ...], gaz: Gazetteer) -> list[Entity]:
    """Place entities "X, Y" whose last part names a division or country ("Snowmead Park, Leicestershire")
    as two entities: spaCy joins a place and its qualifier, which is a place of its own."""
    out = []
    for ent in entities:
        head, comma, tail = ent.text.rpartition(", ")
        tail = tail.rstrip(" .,;:")
        if (
            ent.label in PLACE_LABELS
            and comma
            and head.strip()
            and tail[:1].isupper()
            and any(e.kind in {"country", "admin1", "admin2"} for e, _ in gaz.lookup(tail))
            and not gaz.has(ent.text)
        ):
            at = ent.start + len(head) + len(comma)
            out.append(Entity(ent.start, ent.start + len(head), head, ent.label))
            out.append(Entity(at, at + len(tail), tail, "GPE"))
        else:
            out.append(ent)
    return out


_TOWN = r"(?P<name>[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2})"
_LOCAL_PATTERNS = (
    (re.compile(rf"(?:(?<=, )|(?<=\())[RDI]-{_TOWN}(?=[,);])"), "party"),
    (re.compile(rf"(?:,\s*\d{{1,3}},)?\s+of\s+{_TOWN}(?=[,.;])"), "resident"),
    (
        re.compile(
            rf"(?<![\w\-’'.]){_TOWN} (?=(?:Police|Fire|Mayor|City Council|Town Council|Board of|School Board|"
            r"Parks and Recreation|City Manager|Township|Fire Chief|Police Chief|Public Schools|City Schools|"
            r"Chamber of Commerce|Municipal Court|City Court)\b)"
        ),
        "office",
    ),
)
_LOCAL_HOW = {
    "party": "a legislator's party and home town ('D-Hibbing')",
    "resident": "a person 'of' the town",
    "office": "a town's own office ('Tifton Fire Chief')",
}


def _town_in(gaz: Gazetteer, name: str, countries: set[str]) -> bool:
    """A town of 1,000+ people under its main name in one of ``countries``, or of 15,000+ anywhere."""
    return any(
        main
        and e.kind == "city"
        and (e.population >= 15000 or (e.population >= 1000 and e.country in countries))
        for e, main in gaz.lookup(name)
    )


_DATELINE = re.compile(
    r"(?:^|\n|\d{4}\s+|[.!?]\s+)\s*(?P<name>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2})(?:,\s*[A-Za-z0-9. ]{2,20})?\s*"
    r"(?:\([^)]{1,40}\)\s*)?(?:(?:-{2,3}|[-–—:])\s|-{2,3}\(|[–—](?=[A-Z])|(?<=\)):)"
    # a news agency in brackets marks a dateline wherever it stands ("... Associated Press DENVER (AP) —")
    r"|(?<![\w\-])(?P<agency_name>[A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]+){0,2})(?:,\s*[A-Za-z. ]{2,20})?\s+"
    r"\((?:AP|Reuters|AFP|CNN|UPI|Xinhua|dpa|IANS|PTI|APP|TASS|Bloomberg)\)"
)
_ADDRESS = re.compile(
    r"\b(?:St|Ave|Rd|Dr|Blvd|Ln|Street|Avenue|Road|Drive|Lane|Boulevard|Highway|Hwy)\.?,\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?=[,.;]|\s+(?:and|was|is|were)\b)"
)
_QUALIFIED = re.compile(
    # the qualifier is two words on one line ("South Carolina", "St. Lucia") or one, dotted or not ("S.C.",
    # "Calif.", "Fife"); a word closed by a dot never runs on into the next sentence ("Knockhill, Fife. Then")
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}),\s+"
    r"(?P<qual>(?:[A-Z][A-Za-z]+|St\.|Ste\.|Mt\.|Ft\.) [A-Z][a-z]+\.?|[A-Z][A-Za-z.]*[A-Za-z]\.?)(?=[\s,.;:)]|$)"
)
_AFTER = re.compile(r"(?:,\s*|\s+and\s+|\s+or\s+)(?P<name>[A-Z][\w’'\-]*\w(?:\s+[A-Z][\w’'\-]*\w)?)")
_BEFORE = re.compile(r"(?P<name>[A-Z][\w’'\-]*\w(?:\s+[A-Z][\w’'\-]*\w)?)(?:,\s*|\s+and\s+|\s+or\s+)$")
_PERSONAL = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|President|General|Gen)\.?\s")
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Senator|Rep|Gov|Governor|President|General|Gen|Minister|Premier|"
                     r"Chancellor|King|Queen|Prince|Princess|Pope|Judge|Mayor|Secretary|Ambassador)\.?\s+$")

_MISLABELS = {"DATE", "LANGUAGE", "PRODUCT", "NORP", "ORG", "WORK_OF_ART", "EVENT"}


def _named_divisions(gaz: Gazetteer, found: list[Toponym]) -> set[str]:
    """The admin1 codes ("US.IA", "CA.02") of the states and provinces the toponyms found so far name by their
    own names, and the state of a county named so ("Henrico County"). A county's name found in more than one state
    ("Jackson County") and a name that is also a country's ("Georgia") name none; neither does a county's short
    name ("Iowa" for Iowa County)."""
    out: set[str] = set()
    for top in found:
        readings = [e for e, main in gaz.lookup(top.lookup) if main]
        if any(e.kind == "country" for e in readings):
            continue
        out |= {e.admin1 for e in readings if e.kind == "admin1" and e.admin1}
        counties = {e.admin1 for e in readings if e.kind == "admin2" and e.admin1}
        if len(counties) == 1:
            out |= counties
    return out


def _abbreviated_divisions(gaz: Gazetteer, found: list[Toponym]) -> set[str]:
    """The admin1 codes of the states and provinces the toponyms found so far name by a dotted abbreviation
    ("Nelson, B.C.", "Ont.")."""
    return {
        e.admin1
        for top in found
        if gaz.is_abbreviation(top.text) or top.text in dotted_abbreviations()
        for e, _ in gaz.lookup(top.lookup)
        if e.kind == "admin1" and e.admin1
    }


_YEAR_BEFORE = re.compile(r"\d\s*$")


def _town_of(gaz: Gazetteer, name: str, divisions: set[str]) -> bool:
    """A town of 1,000+ people, under its main name, in one of ``divisions`` (admin1 codes)."""
    return any(
        main and e.kind == "city" and e.population >= 1000 and e.admin1 in divisions for e, main in gaz.lookup(name)
    )


_LOCAL_TOWN_LABELS = {"PERSON", "ORG"}


def _local_town(
    gaz: Gazetteer,
    text: str,
    name: str,
    start: int,
    end: int,
    entities: list[Entity],
    divisions: set[str],
    name_words: set[str],
) -> bool:
    """A town of 1,000+ people, under its main name, in a state or province the article names, after a
    locative, that spaCy tagged as a person or an organisation by itself ("a forum in Clarinda" in a story on
    Iowa). Not a word of a longer person's name in the article, nor a word that marks an institution
    ("in Congress": Congress, Arizona)."""
    if not divisions or name in name_words or name.isupper():
        return False
    if text.startswith(("'s", "’s"), end):
        return False  # "a job at McDonald's": a business named after a person
    if any(e.label not in _LOCAL_TOWN_LABELS or trim(text, e.start, e.end) != (start, end) for e in entities):
        return False
    if any(word in institution_words() for word in name.split()):
        return False
    return _town_of(gaz, name, divisions)


def _mislabelled_place(gaz: Gazetteer, text: str, name: str, start: int, end: int, entities: list[Entity]) -> bool:
    """A known town after a locative that spaCy tagged as something else ("in Manbij" as a DATE)."""
    if any(e.label not in _MISLABELS or trim(text, e.start, e.end) != (start, end) for e in entities):
        return False
    return not gaz.country_of_demonym(name) and _known_settlement(gaz, name, 15000)


@lru_cache(maxsize=4)
def _bare_codes(codes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w\-.])(?:" + "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True)) + r")(?![\w\-])"
    )


_COUNTRY_WORD = r"[A-Z][\w.&]*[\w.](?: [A-Z][\w.&]*[\w.])?"
_JOINED = re.compile(rf"(?<![\w\-])(?P<a>{_COUNTRY_WORD})[-–](?P<b>{_COUNTRY_WORD})(?![\w])")


_DEFINED = re.compile(r" \((?P<acronym>[A-Z][A-Z&]{1,5})\)")  # "Federally Administered Tribal Areas (FATA)"
def _initials(name: str) -> str:
    """"South Waziristan Agency" -> "SWA"; words like "of" and "and" are skipped."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w[:1].isupper())


@lru_cache(maxsize=1)
def _epithets() -> dict[str, tuple[str, ...]]:
    """Epithet -> the countries it may stand for (``epithets.tsv``)."""
    return {row[0]: tuple(row[1].split("|")) for row in read_table("places", "epithets.tsv", columns=2)}


def _initials_named(doc: Doc, gaz: Gazetteer, found: list[Toponym], defined: set[str]) -> dict[str, tuple[str, str]]:
    """Initials ("SA", "NJ") -> (name to look up, the name they abbreviate) of the countries and
    first-level divisions of two or more words the article names, or whose people it names
    ("South Africans"); initials two places share ("SA": South Africa, Saudi Arabia) stand for neither."""
    named: dict[str, str] = {}  # the name -> how the article names it
    for top in found:
        if any(e.kind in {"country", "admin1"} and main for e, main in gaz.lookup(top.lookup)):
            named.setdefault(top.lookup, top.text)
    people = {m.country for m in doc.mentions if m.country} | {
        code for e in doc.entities if e.label == "NORP" and (code := gaz.country_of_demonym(e.text))
    }
    for iso3 in people:
        if iso3 in gaz.countries:
            named.setdefault(gaz.country_name(iso3), gaz.country_name(iso3))
    by_initials: dict[str, set[str]] = {}
    for name in named:
        words = re.split(r"[\s\-]+", name)
        letters = _initials(name)
        if len(words) >= 2 and len(letters) == len(words) and 2 <= len(letters) <= 3:
            by_initials.setdefault(letters, set()).add(name)
    out = {}
    for letters, names in by_initials.items():
        if len(names) == 1 and letters not in defined and not _country_name(gaz, letters):
            name = next(iter(names))
            out[letters] = (name, named[name])
    return out


_COMPOUND = re.compile(
    r"(?<![\w\-])(?P<name>[A-Z][\w.’']*[\w.](?: [A-Z][\w’']*\w)?)-(?P<word>based|backed|led|born|bound|controlled|"
    r"held|run|made|linked|sponsored|allied|funded|registered|headquartered|area)\b"
)


def _country_name(gaz: Gazetteer, name: str) -> bool:
    """A country's name or alias, not its demonym ("Russian-European" joins no countries)."""
    return any(e.kind == "country" for e, _ in gaz.lookup(name.rstrip("."))) or any(
        e.kind == "country" for e, _ in gaz.lookup(name)
    )


_BLOC = re.compile(r"(?:north|south|east|west)(?:ern)?$|central$", re.IGNORECASE)


def _famous_place(gaz: Gazetteer, name: str) -> bool:
    """A country, a US state or one of our regions, or a city of 100,000+ under its main name."""
    for entry, main in gaz.lookup(name):
        if entry.kind == "country" or (
            entry.kind == "admin1" and (entry.source == "flashpoint" or entry.country == "USA")
        ):
            return True
        if entry.kind in {"city", "admin1"} and main and entry.population >= 100_000:
            return True
    return False


def _village_of(gaz: Gazetteer, name: str, countries: set[str]) -> bool:
    """A place of 1,000+ people under its main name in one of ``countries``."""
    return any(
        main and e.kind == "city" and e.population >= 1000 and e.country in countries for e, main in gaz.lookup(name)
    )


_COUNTY_QUALIFIER_POPULATION = 100_000  # British and Irish news place a venue by its county ("Knockhill, Fife")


def _qualifier_known(gaz: Gazetteer, name: str) -> bool:
    return any(e.kind in {"country", "admin1"} for e, _ in gaz.lookup(name.rstrip(",")))


def _venue_qualifier(
    gaz: Gazetteer, doc: Doc, match: re.Match[str], q_start: int, q_end: int, countries: set[str]
) -> bool:
    """The county or state after a comma that places a name the gazetteer lacks, a venue or a village ("races at
    Knockhill, Fife."): a first-level division, or a county of 100,000+ people, under its main name, of a country
    the article is about, closing its clause. Never a word of a person's or a nationality's name ("Afterwards, Kent
    said"), a compass word ("On Monday, Western diplomats") or a date before the comma."""
    text = doc.article.text
    name, qual = match.group("name"), text[q_start:q_end]
    if normalise(name) in _CALENDAR or _BLOC.match(qual) or not _CLAUSE_END.match(text, q_end):
        return False
    if any(e.label in {"PERSON", "NORP"} for e in _entity_at(doc.entities, match.start("name"), q_end)):
        return False
    return any(
        main
        and e.country in countries
        and (e.kind == "admin1" or (e.kind == "admin2" and e.population >= _COUNTY_QUALIFIER_POPULATION))
        for e, main in gaz.lookup(qual)
    )


_CLAUSE_END = re.compile(r"\s*(?:[.,;:)]|$)")


_DATELINE_AFTER = re.compile(r",|\s*\(|\s*[-–—:]")  # "SEOUL, South Korea (CNN) -", "CAIRO (Reuters) -"


def _town_by_main(gaz: Gazetteer, name: str) -> bool:
    return any(main and e.kind == "city" for e, main in gaz.lookup(name))


def _local_place(gaz: Gazetteer, name: str, countries: set[str]) -> bool:
    """A town or division under its main name, of 15,000+ people or in a country the article is about
    ("Mansfield" in a story on Ohio; never "Federal", a town in Argentina, in a Nigerian story)."""
    key = normalise(name)
    return any(
        (main or normalise(e.name).startswith(key + " "))  # "Paranaque" for Paranaque City
        and e.kind in {"city", "admin1", "admin2"}
        and (e.population >= 15000 or (e.population >= 1000 and e.country in countries))
        for e, main in gaz.lookup(name)
    )


def _main_or_short(gaz: Gazetteer, name: str) -> bool:
    """A town's main name or the start of it ("Clacton" for Clacton-on-Sea), not another of its names."""
    key = normalise(name)
    return any(main or normalise(e.name).startswith(key + " ") for e, main in gaz.lookup(name))


def _known_settlement(gaz: Gazetteer, name: str, population: int = 5000, main_only: bool = False) -> bool:
    """A name the gazetteer knows as a town of ``population``+ people, or any non-city entry.

    With ``main_only`` an alternate name counts only when it is a spelling of the main name
    ("Avdiivka" for Avdiyivka), not another name ("Hamas", an old name of Hamm).
    """
    acronym = name.isupper() and len(name) <= 5  # "NATO" is not the Japanese town of Nato
    return any(
        (e.kind not in {"city", "admin1", "admin2"} or e.source == "flashpoint" or e.population >= population)
        and (
            main
            or not main_only
            or (e.kind in {"admin1", "country"} and not acronym)  # "Rhineland-Palatinate" for Rheinland-Pfalz
            or SequenceMatcher(None, normalise(name), normalise(e.name)).ratio() >= 0.75
        )
        and (main or e.kind != "admin2" or gaz.is_abbreviation(name))  # "Park" is not Park County; "Herts" is
        and not (acronym and main and e.kind in {"city", "admin2"} and not e.name.isupper())
        and not (acronym and not main and e.kind in {"city", "admin2"})  # "SRT" is no spelling of Sirte
        for e, main in gaz.lookup(name)
    )

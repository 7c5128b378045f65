"""Turn units into actor mentions: the coding rules of the actors stage.

Patterns, tried at each unit from left to right (the longest reading wins):

* origin [’s] [sector words] [name]   "Iranian troops", "Iran’s armed forces",
  "the Armenian Foreign Minister Ararat Mirzoyan", "the Turkish news agency Anadolu"
* sector words [of origin] [name]     "President Ilham Aliyev", "the president of Armenia",
  "the “peacekeeping forces” of the Russian Federation", "Major General X"
* name                                 a known office-holder, or an unknown person coded from the
                                       words around the name ("X, the Iranian ambassador"; a title
                                       running on to the name, :mod:`.appositions`), else later from
                                       the article (:mod:`.people_scene`)
* origin alone                         a country name (the government unless it is a place),
  a capital (the government only as subject, possessor or political object), a body

The places rules (:mod:`.places_rules`) decide when a name is a location; the people
rules (:mod:`.people_rules`) code persons.
"""

from __future__ import annotations

from dataclasses import replace

from .bodies import body_name
from .drafts import NON_STATE, Draft, Phrase, group_entity, slug
from .knowledge import WEAK, Knowledge, SectorWord
from .lexicon import Surface
from .people_rules import PeopleRules
from .places_rules import (
    PREPOSITIONS,
    capital_reading,
    country_is_place,
    is_agent,
    is_subject,
    political_object,
    possessed_is_place,
)
from .resolve import Coding, code_entity, office_holder
from .setting import place_country, region_country
from .units import QUOTES, Tokens, Unit

MAX_FILLERS = 3
TOWN_TITLE_POPULATION = 100_000  # a capitalised word before a title is a town's name only for a large town
DOMESTIC_STATE = frozenset({"COP", "JUD", "LEG"})  # police, courts, parliaments "in <country>" are that country's
LED_HEADS = {  # what "<country>-led" may lead, and the sector the body acts in
    **dict.fromkeys(("coalition", "alliance", "force", "forces", "troops", "mission", "operation", "militia", "militias"), "MIL"),
    **dict.fromkeys(("government", "administration", "bloc", "delegation"), "GOV"),
}
LOCAL_OFFICES = frozenset({"GOV", "LEG", "COP", "JUD"})  # offices a region or a city has: its governor, assembly, police
PLACE_KINDS = frozenset({"region", "province", "state", "district", "oblast", "county", "governorate", "prefecture"})
# words that make a country's demonym a region's: "Central American migrants", "Latin American leaders"
REGIONAL = frozenset({"Central", "South", "North", "Latin", "Middle"})
BARE_OFFICES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "crown_prince",
                          "supreme_leader"})

__all__ = ["Composer", "Draft", "Phrase"]


class Composer(PeopleRules):
    def __init__(
        self,
        tokens: Tokens,
        kb: Knowledge,
        day: str | None,
        dateline_country: str | None,
        named_places: dict[int, tuple[str, str]] | None = None,
    ) -> None:
        self.t = tokens
        self.kb = kb
        self.day = day
        self.dateline_country = dateline_country
        self.named_places = named_places or {}  # last token -> (country, text) of places no actor table knows
        self.drafts: list[Draft] = []
        self.names: dict[str, Draft] = {}  # lower-cased full and last names -> first person draft
        self.places: list[tuple[int, str]] = []  # (token, ISO3) of country and capital names read as places

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Draft]:
        i = 0
        while i < self.t.n:
            unit = self.t.unit_at.get(i)
            if unit is None:
                short = self._short_name_misread(i) or self._region_acting(i)
                if short is not None:
                    self._add(short)
                    i = max(i + 1, short.end)
                    continue
                i += 1
                continue
            made, end = self._actor_at(unit)
            for draft in made:
                self._add(draft)
            i = max(end, unit.end)
            if made and made[-1].kind != "person":
                i = self._apposition(made[-1], i)
                if made[-1].country and self.t.is_possessive(i):
                    i = self._possessed_office(made[-1], i)
            if made:
                i = self._bracketed_alias(made[-1], i)
        return self.drafts

    def _short_name_misread(self, i: int) -> Draft | None:
        """"Theresa May ... May has received strong backing": the surname of a person named earlier, which the
        tagger read as something else (a month, a modal), as the subject of its verb is that person."""
        t = self.t
        word = t.text(i)
        person = self.names.get(word.lower()) if word[:1].isupper() and t.tag(i) == "NNP" else None
        if person is None or (i > 0 and t.text(i - 1)[:1].isupper()) or not is_subject(t, i + 1):
            return None
        bearers = {d.entity or d.name for d in self.drafts if d.kind == "person" and word.lower() in d.keys}
        if len(bearers) != 1:
            return None  # "Anna Kovac ... Peter Kovac ... Kovac said": two people share the name
        return self._alias(Unit(i, i + 1, ()), person)

    def _region_acting(self, i: int) -> Draft | None:
        """ "Texas sued the federal government", "Tamil Nadu accused the Centre": a first-level region named as the
        subject of its verb stands for its own government (a domestic party, not the state)."""
        t = self.t
        k = next((k for k in range(i, min(t.n, i + 4)) if k in self.named_places), None)
        if k is None or (i > 0 and t.tag(i - 1) in ("NNP", "NNPS")) or not is_subject(t, k + 1):
            return None
        country, text = self.named_places[k]
        if t.span_text(i, k + 1) != text or t.word_in(i - 1, "loc_prep") or t.lower(i - 1) in PREPOSITIONS:
            return None
        if region_country(text) != country:
            return None
        return Draft(i, k + 1, text, country, "GOV", f"fp:local:{country.lower()}-{slug(text)}-gov", "org",
                     confidence=0.6, reason=f"first-level region '{text}' as the subject of its verb: its own "
                     f"government, in {country}", subject=True)

    def _bracketed_alias(self, head: Draft, i: int) -> int:
        """ "the Revolutionary Guards (IRGC)": the bracketed short form refers to the same body."""
        t = self.t
        if t.text(i) != "(" or head.entity is None:
            return i
        u = t.unit_at.get(i + 1)
        if u is None or t.text(u.end) != ")" or not any(s.key == head.entity for s in u.surfaces if s.kind == "entity"):
            return i
        self._add(self._alias(u, head))
        return u.end + 1

    def _add(self, draft: Draft) -> None:
        self.drafts.append(draft)
        if draft.kind == "person" and draft.antecedent is None:
            for key in draft.keys:
                self.names.setdefault(key, draft)

    def _actor_at(self, u: Unit) -> tuple[list[Draft], int]:
        state = self.t.regional_state(u) if u.of("country") is not None else None
        if state is not None:
            self.places.append((u.start, state))  # "Georgia" among Atlanta and Savannah: the US state
            return [], u.end
        origin = self.t.origin(u)
        person = self.names.get(self.t.span_text(u.start, u.end).lower()) if origin is not None else None
        if person is not None and origin is not None and origin.kind in {"country", "capital", "people"}:
            return [self._alias(u, person)], u.end  # "Holland" after "Bill Holland": the person, not a country
        if origin is not None:
            return self._from_origin(u, origin)
        if self.t.sector(u) is not None:
            return self._from_sector(u)
        if self.t.is_name(u):
            draft = self._person(u, None, None, u.start)
            return ([draft] if draft else []), u.end
        return [], u.end

    # ------------------------------------------------------------------ phrases
    def _phrase(self, i: int) -> Phrase | None:
        """Sector words (with up to three filler words) starting at token i, ending on a usable head."""
        words: list[tuple[int, int, SectorWord]] = []
        fillers = 0
        while i < self.t.n:
            u = self.t.unit_at.get(i)
            sw = self.t.sector(u)
            if u is not None and sw is not None and self.t.origin(u) in (None, u.of("entity")):
                words.append((u.start, u.end, sw))
                i = u.end
                continue
            if u is None and self.t.text(i) in QUOTES and words:
                i += 1
                continue
            if (
                u is None
                and fillers < MAX_FILLERS
                and self.t.tag(i) in {"JJ", "JJR", "JJS", "NN", "NNS", "VBN", "HYPH"}
            ):
                fillers += 1
                i += 1
                continue
            break
        if not words:
            return None
        start, end, last = words[0][0], words[-1][1], words[-1][2]
        if last.strength == "mod":
            if not (self.t.tag(end - 1) in {"NN", "NNP"} and not self.t.tag(end).startswith("NN")):
                return None
            last = replace(last, strength="head")  # "the military said", "Myanmar's military": a noun here
        sector = last.sector
        headed = False
        if last.strength in WEAK:
            for _, _, w in reversed(words[:-1]):
                if w.strength in {"mod", "head", "title"}:
                    sector = w.sector
                    headed = w.strength == "head" and last.strength == "weak"  # not "airlines passenger jet"
                    break
        role = last.role if last.strength in {"title", *WEAK} else None
        return Phrase(start, end, sector, role, last, headed)

    def _name_after(self, i: int, fillers: int = 0) -> Unit | None:
        """A name at token i, or after up to ``fillers`` common words ("militant group al-Shabab")."""
        u = self.t.unit_at.get(i)
        while u is None and fillers > 0 and self.t.tag(i) in {"NN", "NNS", "JJ", "HYPH"}:
            fillers -= 1
            i += 1
            u = self.t.unit_at.get(i)
        if u is None:
            return None
        if self.t.is_name(u):
            return u
        origin = u.of("entity")
        if origin is not None and self.kb.rows(origin.key)[0].kind in {"media", "org", "group"}:
            return u
        return None

    # ------------------------------------------------------------------ origin-led
    def _from_origin(self, u: Unit, origin: Surface) -> tuple[list[Draft], int]:
        t = self.t
        i = u.end
        possessive = t.is_possessive(i)
        if possessive:
            i += 1
        if _negated(t, u.start) or _maker(t, u.end) or (origin.kind == "demonym" and _regional(t, u.start)):
            return [], u.end
        led = self._led(u.end) if not possessive else None
        if led is not None:
            return [self._group(u, origin, led, led.end, f"{_origin_word(origin)} leads the '{led.last.phrase}'")], led.end
        phrase = self._phrase(i) if origin.kind != "people" else None
        if phrase is not None and phrase.last.strength == "platform" and not is_agent(t, u.start, phrase.end):
            phrase = None  # "Turkish F-16s", "Iranian drones" as objects are equipment, not actors
        if possessive:
            body = body_name(t, i, self.kb)
            if body is not None and body[0] > (phrase.end if phrase is not None else i):
                return [self._body(u, origin, i, *body)], body[0]
        if phrase is None and origin.kind in {"demonym", "country"} and not possessive:
            shared = self._coordinated_head(u.end)
            if shared is not None:
                return [self._group(u, origin, shared, u.end, "coordinated with a shared head")], u.end
        compound = t.text(u.end) == "-" or t.text(u.start - 1) == "-"  # "Armenia-Italy friendship group member"
        if phrase is not None and not compound:
            name = self._name_after(phrase.end, fillers=2)
            if name is not None and phrase.last.strength not in {"event", "act", "platform"}:
                draft = self._named(name, u, origin, phrase)
                if draft is not None:
                    return [draft], name.end
            if phrase.last.strength not in {"event", "act", "platform"} and t.text(phrase.end) != ",":
                tail = self._titled_tail(phrase, origin, u.start)  # ", Major General X" is an apposition
                if tail is not None:
                    return [tail[0]], tail[1]
        if phrase is not None:
            if origin.kind == "demonym" and t.word_in(phrase.end - 1, "place_noun") and origin.key in self.kb.countries:
                self.places.append((u.start, origin.key))  # "in three Syrian towns": where things happen
            return [self._group(u, origin, phrase, phrase.end, None)], phrase.end
        if origin.kind in {"demonym", "country"} and not possessive:
            name = self._name_after(u.end, fillers=3)
            if name is not None and self.t.is_name(name):
                draft = self._named(name, u, origin, None)
                if draft is not None:
                    return [draft], name.end
        if origin.kind == "demonym" and not possessive:
            return [], u.end
        if possessive and possessed_is_place(t, i):
            self._place_of(origin, u.start)
            return [], u.end
        draft = self._bare_origin(u, origin, possessive)
        return ([draft] if draft else []), u.end

    def _led(self, i: int) -> Phrase | None:
        """ "the Saudi-led coalition", "US-led forces", "a Russian-led alliance": the body a country leads
        acts for it (a coalition, alliance or force as its armed forces, a government as its government)."""
        t = self.t
        if t.text(i) != "-" or t.lower(i + 1) != "led":
            return None
        j = i + 2
        while j < t.n and j - i < 5 and t.tag(j) in {"JJ", "VBN", "HYPH"} and t.lower(j) not in LED_HEADS:
            j += 1
        head = t.lower(j)
        if head not in LED_HEADS or (t.tag(j + 1).startswith("NN") and t.lower(j + 1) not in LED_HEADS):
            return None  # "the US-led coalition airstrikes" reads on to its own head
        sector = LED_HEADS[head]
        return Phrase(i, j + 1, sector, None, SectorWord(head, sector, None, "head"), False)

    def _coordinated_head(self, i: int) -> Phrase | None:
        """For "Hungarian and Romanian officials": the head shared by a list of demonyms."""
        t = self.t
        while t.lower(i) in {"and", "or", ","}:
            u = t.unit_at.get(i + 1)
            if u is None or (u.of("demonym") is None and u.of("country") is None):
                return None
            i = u.end
            if t.lower(i) not in {"and", "or", ","}:
                return self._phrase(i)
        return None

    def _group(self, u: Unit, origin: Surface, phrase: Phrase, end: int, note: str | None) -> Draft:
        """An origin + sector phrase: "Iranian troops", "Iran’s armed forces", "UN peacekeepers"."""
        t = self.t
        country, igo, entity, body = self._origin_country(origin)
        text = t.span_text(u.start, end)
        role = phrase.role
        if phrase.is_title and country and country != "IGO":
            role = role or self._counterpart_role(phrase)
            holder = office_holder(self.kb, country, role, self.day) if role else None
            if holder is not None:
                coding = code_entity(self.kb, holder.entity, self.day)
                if coding is not None:
                    return self._office(u.start, end, coding, text)
        sector = phrase.sector
        if body is not None and body.sector and (phrase.last.strength in WEAK or body.sector in ARMED_GROUP_SECTORS):
            sector = body.sector  # "Samsung chief"; "an al-Shabaab commander" commands rebels, not an army
        what = phrase.last.phrase
        reason = note or (
            f"{_origin_word(origin)} + '{what}'"
            + {
                "event": " (military action)",
                "act": " (act of its government)",
                "platform": ": demonym + weapon as agent",
            }.get(phrase.last.strength, "")
        )
        name = body.name if body is not None else f"{self._country_name(country)} {what}".strip()
        return Draft(
            u.start,
            end,
            name,
            country,
            sector,
            entity if body is not None else group_entity(country, igo, sector),
            _origin_kind(origin, self.kb),
            role,
            igo,
            0.9,
            reason,
            subject=is_subject(t, end),
            act=phrase.last.strength in {"event", "act", "platform"},
        )

    def _named(
        self,
        name: Unit,
        u: Unit | None,
        origin: Surface | None,
        phrase: Phrase | None,
        place: tuple[str, str] | None = None,
    ) -> Draft | None:
        """A name with its title/origin in front: one mention spanning both."""
        start = u.start if u is not None else (phrase.start if phrase else name.start)
        if self.t.is_name(name):
            return self._person(name, origin, phrase, start, place)
        ent = name.of("entity")
        if ent is None:
            return None
        coding = code_entity(self.kb, ent.key, self.day)
        if coding is None:
            return None
        return self._coded(
            start, name.end, coding, f"{coding.kind} named after '{self.t.span_text(start, name.start).strip()}'"
        )

    # ------------------------------------------------------------------ sector-led
    def _from_sector(self, u: Unit) -> tuple[list[Draft], int]:
        t = self.t
        phrase = self._phrase(u.start)
        if phrase is None:
            return [], u.end
        name = self._name_after(phrase.end)
        place = self._place_before(phrase.start)
        if name is not None and (phrase.is_title or self._person_noun(phrase)):
            draft = self._named(name, None, None, phrase, place)
            if draft is not None:
                return [draft], name.end
        tail = self._titled_tail(phrase, None, phrase.start, place)
        if tail is not None:
            return [tail[0]], tail[1]
        local = self._office_of_place(phrase, place) if name is None else None
        if local is not None:
            return [local[0]], local[1]
        of_origin, end = self._of_origin(phrase.end)
        if of_origin is None and self._definite_office(phrase):
            return [self._bare_office(phrase)], phrase.end
        if of_origin is not None:
            country, igo, entity, body = self._origin_country(of_origin)
            role = phrase.role
            text = t.span_text(phrase.start, end)
            if role and country and country != "IGO":
                holder = office_holder(self.kb, country, role, self.day)
                coding = code_entity(self.kb, holder.entity, self.day) if holder else None
                if coding is not None:
                    return [self._office(phrase.start, end, coding, text)], end
            if role and country == "IGO" and body is not None:
                holder_rows = [
                    r
                    for rows in self.kb.entities.values()
                    for r in rows
                    if r.kind == "person" and r.igo == body.igo and r.role == role and self.day and r.holds_on(self.day)
                ]
                if holder_rows:
                    coding = code_entity(self.kb, holder_rows[0].entity, self.day)
                    if coding is not None:
                        return [self._office(phrase.start, end, coding, text)], end
            draft = Draft(
                phrase.start,
                end,
                text,
                country,
                phrase.sector,
                group_entity(country, igo, phrase.sector),
                "org",
                role,
                igo,
                0.85,
                f"'{phrase.last.phrase}' of {_origin_word(of_origin)}",
                subject=is_subject(t, end),
            )
            return [draft], end
        if phrase.last.strength != "head" and not phrase.headed and not _compound_agent(phrase.last, self.kb):
            return [], phrase.end
        if (
            t.tag(phrase.end) in {"NN", "NNS"}
            and t.unit_at.get(phrase.end) is None
            and not t.word_in(phrase.end, "collective")
        ):
            return [], phrase.end  # "army base", "police station": a modifier; not "opposition groups"
        located = self._located_in(phrase)
        if located is not None:
            return [located], phrase.end
        draft = self._bare(phrase, "org", f"'{phrase.last.phrase}': sector word without a country in context")
        return [draft], phrase.end

    def _place_before(self, i: int) -> tuple[str, str] | None:
        """(country, name) of a place named right before token ``i`` or ending on it ("Aleppo Mayor", "Lagos
        State Governor", "Dagestan's leader"), from the places no actor table knows."""
        t = self.t
        for k in (i, i - 1, i - 2 if t.is_possessive(i - 1) else -1):
            found = self.named_places.get(k)
            if found is not None and (k == i - 1 or k == i - 2 or t.sector(t.unit_at.get(k)) is not None):
                return found
        end = i - 1 if t.is_possessive(i - 1) else i
        start = end
        while start > 0 and end - start < 3 and t.tag(start - 1) == "NNP" and start - 1 not in t.unit_covering:
            start -= 1
        for first in range(start, end):  # the longest name first: "Marathon County", then "County"
            country = place_country(t.span_text(first, end), city_population=TOWN_TITLE_POPULATION)
            if country is not None:
                return country, t.span_text(first, end)
        return None

    def _office_of_place(self, phrase: Phrase, before: tuple[str, str] | None) -> tuple[Draft, int] | None:
        """ "Dagestan's leader", "Punjab's chief minister", "the governor of Kano State", "the leader of Mangystau
        region": an office of a region or a city no actor table knows is held in that place's country (a
        person unnamed here, of the state's sector: the region's government is part of the country's)."""
        t = self.t
        if (phrase.sector not in LOCAL_OFFICES or t.unit_at.get(phrase.start) is None
                or t.lower(phrase.end - 1) in PLACE_KINDS
                or any(k in self.named_places for k in range(phrase.start, phrase.end))):
            return None  # "Kano State", "Kachin state": the word ends the place's own name
        end, place = phrase.end, before
        if place is None and t.lower(phrase.end) == "of":
            j = phrase.end + 1 + (t.lower(phrase.end + 1) == "the")
            last = next((k for k in range(j, min(t.n, j + 4)) if k in self.named_places), None)
            if last is not None and all(t.tag(k) in ("NNP", "NNPS") for k in range(j, last + 1)):
                place, end = self.named_places[last], last + 1
            else:  # the small model often calls "Kano State" an organisation: the proper nouns right after "of"
                stop = j
                while stop < t.n and stop - j < 3 and t.tag(stop) == "NNP" and stop not in t.unit_covering:
                    stop += 1
                stop += stop > j and t.lower(stop) in PLACE_KINDS
                for last_word in range(stop, j, -1):  # the longest name first: "Kano State", then "Kano"
                    country = place_country(t.span_text(j, last_word), city_population=TOWN_TITLE_POPULATION)
                    if country is not None:
                        place, end = (country, t.span_text(j, last_word)), last_word
                        break
            end += place is not None and t.lower(end) in PLACE_KINDS  # "the leader of Mangystau region"
        if place is None:
            return None
        country, where = place
        kind = "person" if phrase.is_title or phrase.last.strength in ("weak", "noun") else "org"
        text = t.span_text(phrase.start, end)
        # the place's own government, not the state's ("Ontario's premier accused Ottawa": a domestic dispute)
        entity = f"fp:local:{(country or 'x').lower()}-{slug(where)}-{(phrase.sector or 'x').lower()}"
        draft = Draft(phrase.start, end, text, country, phrase.sector, entity,
                      kind, phrase.role, None, 0.7, f"'{phrase.last.phrase}' of {where}, a place in {country}",
                      subject=is_subject(t, end))
        return draft, end

    def _definite_office(self, phrase: Phrase) -> bool:
        """ "the president said", "the prime minister": a single office title used alone after "the"."""
        t = self.t
        return (
            phrase.is_title
            and phrase.role in BARE_OFFICES
            and t.lower(phrase.start - 1) == "the"
            and t.unit_at.get(phrase.start) is not None
            and t.unit_at[phrase.start].end == phrase.end
            and self._former_before(phrase.start) is None
        )

    def _bare_office(self, phrase: Phrase) -> Draft:
        return self._bare(phrase, "person", f"title '{phrase.last.phrase}' without a name or country")

    def _bare(self, phrase: Phrase, kind: str, reason: str) -> Draft:
        """A mention with a sector but no country yet (coreference may give it one), low confidence."""
        t = self.t
        return Draft(
            phrase.start, phrase.end, t.span_text(phrase.start, phrase.end), None, phrase.sector, None,
            kind, phrase.role, None, 0.4, reason, subject=is_subject(t, phrase.end), bare=True,
        )

    def _body(self, u: Unit, origin: Surface, i: int, end: int, sector: str) -> Draft:
        """ "China's Taiwan Affairs Office": a named state body belongs to its possessor, whatever names it holds."""
        t = self.t
        country, igo, _, body = self._origin_country(origin)
        name = t.span_text(i, end)
        owner = body.name if body is not None else self._country_name(country)
        return Draft(
            u.start,
            end,
            f"{owner} {name}",
            country,
            sector,
            f"fp:org:{(country or 'x').lower()}-{slug(name)}",
            "org",
            None,
            igo,
            0.85,
            f"named body '{name}' of its possessor {_origin_word(origin)}",
            subject=is_subject(t, end),
        )

    def _place_of(self, origin: Surface, token: int) -> None:
        """Remember a country or capital read as a place (not in "UK-based", "Armenia-Iran border": no scene)."""
        u = self.t.unit_at.get(token)
        if u is not None and (self.t.text(u.end) == "-" or self.t.text(token - 1) == "-"):
            return
        if origin.kind in {"country", "capital", "people"}:
            self.places.append((token, origin.key))

    def _located_in(self, phrase: Phrase) -> Draft | None:
        """ "rebels in Darfur", "security forces in Guinea": non-state actors, police, courts and parliaments
        take the country they are in."""
        t = self.t
        if phrase.sector not in NON_STATE | DOMESTIC_STATE:
            return None
        i = phrase.end
        while t.tag(i) in {"NN", "NNS"} and t.unit_at.get(i) is None and i < phrase.end + 2:
            i += 1
        if t.lower(i) not in {"in", "throughout", "across", "inside"}:
            return None
        j = i + 1 + (t.lower(i + 1) == "the")
        u = t.unit_at.get(j)
        origin = t.origin(u)
        if u is not None and origin is not None and origin.kind in {"country", "capital"}:
            country, where = origin.key, origin.form
            if origin.kind == "capital" and (qualified := self._qualifier(u.end)) is not None:
                country, where = qualified  # "police in London, Ontario": the London of the region named after it
        else:
            place = next((self.named_places[k] for k in range(j, min(t.n, j + 3)) if k in self.named_places), None)
            if place is None:
                return None
            country, where = place  # "the court in Lahore", "rebels in Darfur": a place no actor table knows
        text = t.span_text(phrase.start, phrase.end)
        return Draft(
            phrase.start,
            phrase.end,
            text,
            country,
            phrase.sector,
            group_entity(country, None, phrase.sector),
            "org",
            None,
            None,
            0.7,
            f"'{phrase.last.phrase}' located in {where}",
            subject=is_subject(t, phrase.end),
            placed=True,
        )

    def _qualifier(self, end: int) -> tuple[str, str] | None:
        """The region or country named after a comma that places a town ("London, Ontario", "Paris, Texas")."""
        t = self.t
        if end >= t.n or t.text(end) != ",":
            return None
        k = next((k for k in range(end + 1, min(t.n, end + 4)) if k in self.named_places), None)
        if k is None:
            return None
        country, text = self.named_places[k]
        return country, f"{t.span_text(end - 1, end)}, {text}"

    def _of_origin(self, i: int) -> tuple[Surface | None, int]:
        t = self.t
        while t.text(i) in QUOTES:
            i += 1
        if t.lower(i) != "of":
            return None, i
        i += 1
        if t.lower(i) == "the":
            i += 1
        u = t.unit_at.get(i)
        origin = t.origin(u)
        if u is None or origin is None or origin.kind in {"demonym", "people"}:
            return None, i
        return origin, u.end

    # ------------------------------------------------------------------ people
    def _bare_origin(self, u: Unit, origin: Surface, possessive: bool) -> Draft | None:
        t = self.t
        text = t.span_text(u.start, u.end)
        kind = origin.kind
        if kind == "entity":
            coding = code_entity(self.kb, origin.key, self.day)
            if coding is None:
                return None
            return self._coded(
                u.start, u.end, coding, coding.reason if coding.reason != "knowledge base" else f"{coding.kind} name"
            )
        country = self.kb.countries[origin.key]
        if kind == "people":
            if country_is_place(t, u.start, u.end):
                self._place_of(origin, u.start)
                return None
            return Draft(
                u.start,
                u.end,
                country.name,
                country.iso3,
                None,
                country.entity,
                "demonym",
                confidence=0.8,
                reason="nationality noun",
                subject=is_subject(t, u.end),
            )
        if kind == "country":
            if country_is_place(t, u.start, u.end):
                self._place_of(origin, u.start)
                return None
            target = political_object(t, u.start)
            why = (
                "country name as possessor"
                if possessive
                else f"country name as the target of '{target}'"
                if target
                else "country name for its government"
            )
            return Draft(
                u.start,
                u.end,
                country.name,
                country.iso3,
                "GOV",
                country.entity,
                "country",
                confidence=0.9,
                reason=why,
                subject=is_subject(t, u.end),
            )
        if kind == "capital":
            reading = capital_reading(t, u.start, u.end, possessive)
            if reading is None:
                self._place_of(origin, u.start)
                return None
            return Draft(
                u.start,
                u.end,
                country.name,
                country.iso3,
                "GOV",
                country.entity,
                "capital",
                confidence=0.8,
                reason=f"capital '{text}' used for its government ({reading})",
                subject=reading == "subject",
            )
        return None

    # ------------------------------------------------------------------ helpers
    def _origin_country(self, origin: Surface) -> tuple[str | None, str | None, str | None, Coding | None]:
        """(country, igo, entity, body coding) of an origin surface."""
        if origin.kind == "entity":
            coding = code_entity(self.kb, origin.key, self.day)
            if coding is None:
                return None, None, None, None
            return coding.country, coding.igo, coding.entity, coding
        return origin.key, None, None, None

    def _country_name(self, iso3: str | None) -> str:
        c = self.kb.countries.get(iso3 or "")
        return c.name if c else (iso3 or "")

    def _office(self, start: int, end: int, coding: Coding, text: str) -> Draft:
        """A title that names its holder ("the Iranian Foreign Minister"), linked to an earlier mention of them."""
        draft = self._coded(start, end, coding, f"office-holder on the article date ('{text}')", 0.85)
        for d in reversed(self.drafts):
            if d.entity == coding.entity and d.kind == "person":
                draft.antecedent = d.antecedent or d
                break
        return draft

    def _coded(self, start: int, end: int, coding: Coding, reason: str, confidence: float = 1.0) -> Draft:
        return Draft(
            start,
            end,
            coding.name,
            coding.country,
            coding.sector,
            coding.entity,
            coding.kind if coding.kind != "org" or coding.sector != "MED" else "media",
            coding.role,
            coding.igo,
            confidence,
            reason,
            subject=is_subject(self.t, end),
        )


def _compound_agent(word: SectorWord, kb: Knowledge) -> bool:
    """A generated agent noun of two words or more that ends on a person noun ("suicide bombers", "army
    officers", "security personnel") or on a group's own word ("communist rebels", "Maoist insurgents")
    names a kind of actor by itself; one ending on a thing ("passenger jet", "cargo ship") or a place
    ("police station") does not, nor do the one-word ones ("officers")."""
    if word.strength != "noun" or " " not in word.phrase:
        return False
    noun = word.phrase.rsplit(" ", 1)[1]
    last = kb.sectors.get(noun) or kb.sectors.get(noun.removesuffix("s"))
    return last is not None and (last.strength in WEAK or last.strength == "head")


ARMED_GROUP_SECTORS = frozenset({"REB", "INS"})  # a non-state armed group's officers are the group's


def _origin_word(origin: Surface) -> str:
    kinds = {
        "demonym": "demonym",
        "country": "country",
        "capital": "capital",
        "people": "nationality",
        "entity": "body",
    }
    return f"{kinds.get(origin.kind, origin.kind)} '{origin.form}'"


def _origin_kind(origin: Surface, kb: Knowledge) -> str:
    if origin.kind == "entity":
        return kb.rows(origin.key)[0].kind
    return {"people": "demonym"}.get(origin.kind, origin.kind)


def _maker(t: Tokens, end: int) -> bool:
    """ "Iranian-made drones", "US-supplied missiles": the demonym is where equipment comes from."""
    return t.text(end) == "-" and t.word_in(end + 1, "made")



def _regional(t: Tokens, start: int) -> bool:
    """ "Central American migrants", "South American companies": a region's people, not the United States'."""
    return start > 0 and t.text(start - 1) in REGIONAL

def _negated(t: Tokens, start: int) -> bool:
    """ "pro-Russian", "anti-Azerbaijani": the demonym names a stance, not an actor."""
    return (t.text(start - 1) == "-" and t.word_in(start - 2, "negator")) or t.lower(start - 1) in {"pro", "anti"}

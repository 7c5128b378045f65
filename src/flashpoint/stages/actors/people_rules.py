"""People: known office-holders, unknown persons coded from their context, short names, appositions.

A mixin of :class:`~.compose.Composer`; it relies on the composer's ``t`` (tokens), ``kb``,
``day``, ``drafts`` and ``names`` and on its phrase helpers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .appositions import apposition_after, first_origin, title_tail
from .drafts import Draft, Phrase, group_entity, name_keys, slug
from .knowledge import WEAK
from .lexicon import Surface
from .people_scene import state_body
from .places_rules import is_subject
from .resolve import Coding, code_entity
from .units import Unit

NATIONAL_OFFICES = frozenset(
    {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "vice_president"}
)

OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "REB", "IGO"})

if TYPE_CHECKING:
    from .compose import Composer

    _Base = Composer
else:
    _Base = object


class PeopleRules(_Base):
    def _person(
        self, u: Unit, origin: Surface | None, phrase: Phrase | None, start: int, place: tuple[str, str] | None = None
    ) -> Draft | None:
        """A person mention; ``place`` is (country, name) of a place written before the title ("Aleppo Mayor")."""
        t = self.t
        text = t.span_text(u.start, u.end)
        keys = name_keys(text)
        antecedent = self._antecedent_name(text)
        entity = t.person_entity(u)
        title = t.span_text(start, u.start).strip() if start < u.start else ""
        if antecedent is not None and (entity is None or entity == antecedent.entity) and start == u.start:
            return self._alias(u, antecedent)
        former = self._former_before(start)
        if entity is not None:
            coding = code_entity(self.kb, entity, self.day)
            if coding is None:
                return None
            reason = coding.reason + (f"; title '{title}'" if title else "")
            draft = self._coded(start, u.end, coding, reason, 1.0)
            if coding.sector is None and phrase is not None:
                draft.sector, draft.role = phrase.sector, phrase.role
                draft.reason += "; sector from the title"
            elif _title_in_office(coding.role, phrase, former):
                assert phrase is not None
                draft.sector, draft.role = phrase.sector, phrase.role or coding.role.removeprefix("former_")
                draft.reason += "; the title in the text says the office is held (the table has it ended)"
            if former and draft.role and not draft.role.startswith("former_"):
                draft.role, draft.sector = f"former_{draft.role}", "ELI"
                draft.reason += f"; '{t.text(former)}' in the text"
            draft.keys = keys
            draft.named = True
            return self._with_regime(draft)
        if any(c.isdigit() for c in text):
            return None
        country, sector, role, why, confidence = None, None, None, "person not in the knowledge base", 0.5
        name, identity = text, f"fp:person:{slug(text)}"
        body = None
        if origin is not None:
            country, igo, _, body = self._origin_country(origin)
            why = f"unknown person: country from '{t.span_text(start, u.start).strip()}'"
            confidence = 0.8
            if country == "IGO" and phrase is not None and phrase.role == "ambassador":
                country, why = None, "unknown person: an ambassador to an intergovernmental body ('UN Ambassador')"
        elif place is not None:
            country, confidence = place[0], 0.75
            why = f"unknown person: title after the place '{place[1]}'"
        if phrase is not None:
            sector, role = phrase.sector, phrase.role or self._counterpart_role(phrase)
            if place is not None and origin is None and role in NATIONAL_OFFICES:
                role = None  # "Manitoba Premier": an office of the province, not of the state
            if body is not None and body.sector and phrase.last.strength in WEAK:
                sector = body.sector  # "CIA officer", "Samsung chief": the body's sector
            if origin is None and place is None:
                why = f"unknown person with title '{title}'; no country in context"
        if country is None and t.lower(u.end) == "of":
            of_origin, _ = self._of_origin(u.end)
            if of_origin is not None:
                country = self._origin_country(of_origin)[0]
                why, confidence = f"unknown person: '{t.span_text(u.start, u.end)} of {of_origin.form}'", 0.75
        if sector is None and t.lower(u.end) in {"of", "from"}:
            body = self._body_in(u.end + 1, min(t.n, u.end + 6))  # "Luka Mesec from the Left party"
            if body is not None:
                sector = body
                why = f"unknown person of a body ('{t.span_text(u.end, min(t.n, u.end + 6))}'), no country in context"
        org_office = False
        if country is None:
            found = self._appositive_after(u.end)
            if found is not None:
                span = apposition_after(t, u.end)
                org_office = span is not None and self._unknown_org(*span)
                country, a_sector, a_role, a_text = found
                sector = sector or a_sector
                role = role or a_role
                if country is not None:
                    why, confidence = f"unknown person: apposition '{a_text}'", 0.75
                else:
                    why = f"unknown person: apposition '{a_text}' gives the office, not the country"
        if country is None:
            prior = self._prior(text)
            if prior is not None:
                country, sector, role, name, identity = (
                    prior.country, sector or prior.sector, role or prior.role, prior.name, prior.entity)
                why, confidence = f"people table prior: {prior.name}, {prior.country} ({prior.reason})", 0.6
        if country is None and phrase is None and u.end - u.start == 1 and not t.word_in(u.start - 1, "honorific"):
            return None  # a lone capitalised word spaCy calls a person, with nothing to support it ("Mr X" is one)
        if former and role:
            role, sector, why = (
                f"former_{role.removeprefix('former_')}",
                "ELI",
                why + f"; '{t.text(former)}' in the text",
            )
        return self._with_regime(
            Draft(
                start,
                u.end,
                name,
                country,
                sector,
                identity,
                "person",
                role,
                None,
                confidence,
                why,
                subject=is_subject(t, u.end),
                keys=keys,
                bare=country is None,
                named=True,
                prior=identity.startswith("fp:px:"),
                org_office=org_office or self._unknown_org(start, u.start),
            )
        )

    def _unknown_org(self, start: int, end: int) -> bool:
        """Do tokens ``start:end`` name an organisation that no table knows and no sector word marks
        ("of Orbis", "FIFA")? Its offices are not the state's."""
        t = self.t
        for ent in t.ents:
            if ent.label_ != "ORG" or ent.start < start or ent.end > end:
                continue
            j = ent.start - 1
            while t.lower(j) in {"the", "a", "an"}:
                j -= 1
            if (
                t.lower(j) in {"of", "at", "for", "with"}
                and not any(k in t.unit_covering for k in range(ent.start, ent.end))
                and not state_body(t, ent.start, ent.end)
            ):
                return True
        return False

    def _prior(self, text: str) -> Coding | None:
        """The people-table prior for a name the text does not place (full name, or first and last word)."""
        words = text.split()
        if len(words) < 2:
            return None
        entity = self.kb.prior_person(text) or (self.kb.prior_person(f"{words[0]} {words[-1]}") if len(words) > 2 else None)
        return code_entity(self.kb, entity, self.day) if entity else None

    def _former_before(self, start: int) -> int | None:
        """The token of "former"/"ousted"/"ex-" just before a title or name, if any."""
        t = self.t
        for j in range(start - 1, max(-1, start - 4), -1):
            if t.word_in(j, "former"):
                return j
            if t.tag(j) not in {"JJ", "NNP", "HYPH", "DT"} and t.text(j) != "-":
                return None
        return None

    def _with_regime(self, draft: Draft) -> Draft:
        """ "the Trump administration", "the Assad regime": the person's government."""
        t = self.t
        u = t.unit_at.get(draft.end)
        sw = t.sector(u)
        if u is None or sw is None or sw.sector != "GOV" or sw.strength != "head" or draft.country is None:
            return draft
        return Draft(
            draft.start,
            u.end,
            f"{draft.name} {sw.phrase}",
            draft.country,
            "GOV",
            group_entity(draft.country, draft.igo, "GOV"),
            "org",
            None,
            draft.igo,
            0.85,
            f"'{sw.phrase}' of {draft.name}",
            subject=is_subject(t, u.end),
            keys=(),
        )

    def _alias(self, u: Unit, antecedent: Draft) -> Draft:
        text = self.t.span_text(u.start, u.end)
        return Draft(
            u.start,
            u.end,
            antecedent.name,
            antecedent.country,
            antecedent.sector,
            antecedent.entity,
            "alias",
            antecedent.role,
            antecedent.igo,
            min(antecedent.confidence, 0.9),
            f"short name '{text}' for {antecedent.name} named earlier",
            subject=is_subject(self.t, u.end),
            antecedent=antecedent,
        )

    def _antecedent_name(self, text: str) -> Draft | None:
        return self.names.get(text.lower())

    def _appositive_after(self, i: int) -> tuple[str | None, str | None, str | None, str] | None:
        """ "X, the Iranian ambassador", "X, a Russian citizen", "X, the chair of the Georgian Parliament":
        the country (or None), sector and role the apposition gives; None when there is no apposition."""
        t = self.t
        span = apposition_after(t, i)
        if span is None:
            return None
        j, k = span
        origin = first_origin(t, j, k)
        phrase = None
        for n in range(j, k):
            if t.sector(t.unit_at.get(n)) is not None:
                phrase = self._phrase(n)
                if phrase is not None:
                    break
        if origin is None and phrase is None:
            return None
        country = self._origin_country(origin.surface)[0] if origin is not None else None
        if country == "IGO" and phrase is not None and phrase.role == "ambassador":
            country = None  # "the UN ambassador": the ambassador of a state to the UN
        sector = phrase.sector if phrase is not None else None
        return country, sector, phrase.role if phrase is not None else None, t.span_text(j, k)

    def _titled_tail(
        self, phrase: Phrase, origin: Surface | None, start: int, place: tuple[str, str] | None = None
    ) -> tuple[Draft, int] | None:
        """A title whose words run on to the name: "General Secretary of the Communist Party of Vietnam Nguyen
        Phu Trong", "Slovenia's Ambassador to Russia, Primož Šeliga". The owner is the origin in front of the
        title, else the first owner among the title's words (see :mod:`.appositions`)."""
        t = self.t
        if not phrase.is_title or t.tag(phrase.end - 1) == "NNS" or self._place_word(phrase):
            return None  # "employees", "ministers": not one person's title; "the small town of X" is a place
        found = title_tail(t, phrase.end)
        if found is None:
            return None
        name, title_end = found
        commas = any(t.text(k) == "," for k in range(phrase.end, name.start))
        office = phrase.last.strength != "noun" or phrase.sector in OFFICE_SECTORS
        if commas and (not office or t.lower(phrase.start - 1) == "as"):
            return None  # "his family, pathologist X"; "as national security adviser, Kelly said": not one phrase
        if commas and self._retitled(phrase.end, name.start):
            return None  # "to end the insurgency in the Philippines, Presidential Adviser X said": X's title starts anew
        inner = first_origin(t, phrase.end, title_end) if origin is None else None
        owner = origin if origin is not None else (inner.surface if inner is not None else None)
        if owner is not None and owner.kind == "entity" and phrase.role == "ambassador":
            coding = self._origin_country(owner)
            if coding[0] == "IGO":
                owner = None
        draft = self._person(name, owner, phrase, start, place if owner is None else None)
        if draft is None:
            return None
        body = self._body_in(phrase.end, title_end)
        if body is not None and draft.entity and not draft.entity.startswith("Q"):
            draft.sector, draft.role = body, None  # "president of the SDS Party": an office of the party
        if inner is not None and draft.country is not None:
            draft.reason = f"unknown person: country from '{inner.surface.form}' in the title " + (
                f"'{t.span_text(start, title_end).strip(' ,')}'")
        return draft, name.end

    def _retitled(self, start: int, end: int) -> bool:
        """Does a title of its own start after the last comma between ``start`` and ``end`` (a name's start)?"""
        t = self.t
        last = max(k for k in range(start, end) if t.text(k) == ",")
        for k in range(last + 1, end):
            sw = t.sector(t.unit_at.get(k))
            if sw is not None and sw.strength in {"title", "weak", "noun"}:
                return True
        return False

    def _body_in(self, start: int, end: int) -> str | None:
        """The sector of a body named in a title's words ("of the SDS Party", "of the Senate"), if any."""
        t = self.t
        for k in range(start, end):
            u = t.unit_at.get(k)
            sw = t.sector(u)
            if sw is not None and sw.sector != "GOV" and (
                sw.strength == "head" or (sw.strength == "noun" and t.word_in(u.end - 1, "org_word"))
            ):
                return sw.sector
            origin = t.origin(u)
            if origin is not None and origin.kind == "entity":
                rows = self.kb.rows(origin.key)
                if rows and rows[0].kind in {"org", "group", "media"} and rows[0].sector:
                    return rows[0].sector
        return None

    def _person_noun(self, phrase: Phrase) -> bool:
        """A singular person noun used as a title: "retired diplomat Christopher Thomas", "sculptor X"."""
        return (
            phrase.last.strength in {"head", "noun"}
            and self.t.tag(phrase.end - 1) == "NN"
            and not self._place_word(phrase)
        )

    def _place_word(self, phrase: Phrase) -> bool:
        """ "town", "city", "province" (the agents dictionary counts them as civilians): a place, never a title."""
        return self.t.word_in(phrase.end - 1, "place_noun")

    def _apposition(self, head: Draft, i: int) -> int:
        """ "a senior Iranian military official, Major General X": X takes the official's coding."""
        t = self.t
        if t.text(i) != "," or head.country is None or head.sector is None:
            return i  # "the Indians, Underwood": a nationality noun lends no country to a name
        j = i + 1
        while t.tag(j) in {"CD", "HYPH"} or t.lower(j) in {"-", "year", "years", "old", "-year-old"} or t.word_in(
            j, "honorific"
        ):
            j += 1  # "A US serviceman, 36-year-old Master Sgt X", "..., Dr. X"
        phrase = self._phrase(j) if t.sector(t.unit_at.get(j)) is not None else None
        k = phrase.end if phrase is not None and phrase.is_title else j
        u = t.unit_at.get(k)
        if u is None or not t.is_name(u) or t.person_entity(u) is not None:
            return i
        text = t.span_text(u.start, u.end)
        draft = Draft(
            j,
            u.end,
            text,
            head.country,
            (phrase.sector if phrase and phrase.is_title else None) or head.sector,
            f"fp:person:{slug(text)}",
            "person",
            (phrase.role if phrase else None) or head.role,
            head.igo,
            0.8,
            f"unknown person: apposition to '{t.span_text(head.start, head.end)}'",
            subject=is_subject(t, u.end),
            keys=name_keys(text),
            named=True,
        )
        self._add(draft)
        return u.end

    def _possessed_office(self, head: Draft, i: int) -> int:
        """ "Italian Senate's friendship group member, Senator X": a person whose title words follow a body's
        possessive takes the body's country."""
        t = self.t
        found = title_tail(t, i + 1)
        if found is None:
            return i
        name, title_end = found
        phrase = None
        for k in range(title_end - 1, i, -1):  # the title nearest the name: "Senator"
            if t.sector(t.unit_at.get(k)) is not None:
                phrase = self._phrase(k)
                break
        draft = self._person(name, None, phrase, name.start)
        if draft is None or draft.country is not None or draft.kind != "person":
            return i
        draft.country, draft.confidence = head.country, 0.75
        draft.reason = f"unknown person: an office of '{t.span_text(head.start, head.end)}' ('{t.span_text(i + 1, title_end).strip(' ,')}')"
        draft.bare = False
        self._add(draft)
        return name.end

    def _counterpart_role(self, phrase: Phrase) -> str | None:
        """ "his Iranian counterpart": the office of the last person with one."""
        if phrase.last.phrase not in {"counterpart", "counterparts"}:
            return None
        for d in reversed(self.drafts):
            if d.kind in {"person", "alias"} and d.role:
                return d.role.removeprefix("former_")
        return None

    # ------------------------------------------------------------------ bare origins


def _title_in_office(role: str | None, phrase: Phrase | None, former: int | None) -> bool:
    """ "Russian President Boris Yeltsin" in a text the table dates after his term: the written title wins.

    Only a state title (not "former", not a weak word such as "leader") overrides the table."""
    if former is not None or phrase is None or not role or not role.startswith("former_"):
        return False
    return phrase.last.strength == "title" and phrase.sector not in {"ELI"}

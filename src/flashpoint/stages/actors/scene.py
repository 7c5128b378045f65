"""A country for the actors the text names without one, read from the rest of the article.

Runs after composing and pronouns. Rules, in order, each with a lower confidence than a
country written in the phrase itself (the reason says which rule fired):

1. **Owner.** A bare force noun that is the object of a verb of deploying or holding forces
   belongs to that verb's subject: "Egypt, which has deployed troops to Somalia" -> the troops
   are Egypt's (0.7).
2. **State nouns** (the ``state_noun`` class: "the government", "the junta", "the regime", "the
   authorities", "the army", "the military", "the parliament", "Congress", "security forces",
   "police", "the president", "the foreign ministry"), first rule that applies:
   a. a preceding actor *that fits* in the same sentence, a subject before the goal of its verb ("Russia
      sent troops to Belarus, the defence ministry said") (0.6); for police, courts and parliaments,
      which act at home, then a place in their sentence (0.55: "Police said gunmen fired in Karak");
   b. the article's strongly dominant country (0.5): in news, "the army" of a story about one
      country is that country's (this comes before older sentences: on the development articles the
      nearest actor of an earlier sentence was often a foreign one, "Washington ... the army");
   c. the nearest preceding fitting actor in the two previous sentences (0.5);
   d. the nearest country or capital read as a place there (0.5); e. the dateline's country (0.55);
   f. the article's dominant country (0.45); g. the one country all the article's places are in, even
   named once, when no actor of it is named ("the army and the rebels agreed a truce in Kachin state";
   not "the government thanked China", where China is the other party) (0.4).
   Fits: a country, capital, or state body or person (GOV MIL LEG JUD COP SPY); not an IGO,
   outlet, non-state group or an action ("a Russian strike" names the attacker, not the scene); no
   military actor or person for police, courts and parliaments ("Pope Francis ... police"); and,
   in the same sentence, not an actor whose verb takes the noun as direct object ("The US
   delegation warned the junta": the junta is not American; "Egypt, which backs the army"), unless
   that verb reports what the noun does ("Russia said the military would ..."). "The president" /
   "the prime minister" then names the office-holder of that country on the article date when the
   knowledge base has one. Forces seldom the scene country's own ("peacekeepers", "coalition
   forces", "foreign troops": the ``international`` class) and other bare nouns ("officials",
   "diplomats", "troops") are left without a country.
3. **Political groups** ("protesters", "the opposition", "activists", "the party": the ``domestic``
   class): the dateline's country (0.55); else, with no place in their own sentence, the article's strongly
   dominant country (0.5: "infighting in the opposition" in a story about Malaysia is not the US named a
   sentence before); else a place in the same sentence or the two before (0.5;
   country and capital names and places no actor table knows, :mod:`.setting`); else the country the
   article is set in (0.45); else the article's dominant country (0.45).
   **Armed men** ("insurgents", "rebels", "militants", "gunmen", "attackers": ``armed_domestic``):
   where they act, as the gold convention codes unidentified attackers: a place in their own sentence,
   a target included ("militants fired rockets at southern Israel" is an attack in Israel) (0.5); else
   the dateline's country (0.45), the country the article is set in (0.4) or its dominant country (0.4).
   A named group has its home country from the tables instead. Victims ("civilians", "residents") are
   not resolved: they are as often the other side's.
4. **A group named again** (any bare plural group noun the rules above leave uncoded): the coded group
   with the same head word named nearest before it in the two previous sentences ("the expulsion of
   Russian diplomats ... the U.S. has expelled 60 diplomats"), not after a possessive ("their
   diplomats") (0.5).
5. **"the North" / "the South"**: PRK / KOR government, only in an article that names both Koreas
   (0.7).

The dominant country is the one most often named as an actor or a place (outlets and IGOs
aside), at least twice and more often than any other; without one, no country is given. It is
"strongly dominant" when it is also named at least three times and in at least half of all country
references.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .clauses import AUXILIARIES, subject_draft
from .drafts import Draft, group_entity
from .knowledge import Knowledge
from .people_scene import agree_names, coordinated, dispatched, person_country
from .places_rules import country_is_place, is_subject
from .resolve import code_entity, office_holder
from .setting import Setting
from .units import DETERMINERS, QUOTES, Tokens

WINDOW = 2  # sentences back
POSSESSIVE_PRONOUNS = frozenset({"their", "its", "his", "her", "our", "my", "your"})
CLAUSE_SPAN = 15  # tokens between an institution and a place read as where it acts
STATE = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
OBJECT_GAP = 3  # determiners, numbers, adjectives between a verb of deploying and its force noun
KOREAS = {"North": "PRK", "South": "KOR"}
DOMESTIC = frozenset({"COP", "JUD", "LEG"})
GOVERNMENTAL = frozenset({"government", "pro-government", "regime", "pro-regime", "loyalist", "junta"})
REGIMES = frozenset({"regime", "junta"})  # a government named by its opponents: the one at home


@dataclass(frozen=True, slots=True)
class Place:
    token: int
    country: str
    target: bool = False  # "fired at southern Israel": a target of the action, not where anyone is


class Scene:
    def __init__(
        self,
        tokens: Tokens,
        kb: Knowledge,
        sentence_starts: Sequence[int],
        day: str | None,
        dateline_country: str | None,
        places: Sequence[tuple[int, str]],
        setting: Setting | None = None,
    ) -> None:
        self.t = tokens
        self.kb = kb
        self.starts = list(sentence_starts) or [0]
        self.day = day
        self.dateline = dateline_country
        self.places = [Place(tok, iso3, self._target(tok)) for tok, iso3 in sorted(places)]
        self.setting = setting or Setting(None, "not read", ())
        # every place read, country names and places no actor table knows: where unnamed groups act
        self.all_places = [Place(tok, iso3, self._target(tok)) for tok, iso3 in self.setting.places] or self.places
        self.counts: dict[str, tuple[int, int]] = {}
        self.only: str | None = None

    def sentence_of(self, token: int) -> int:
        offset = self.t.idx[token] if token < self.t.n else len(self.t.doc_text)
        return bisect_right(self.starts, offset) - 1

    def run(self, drafts: list[Draft]) -> list[Draft]:
        ordered = sorted(drafts, key=lambda d: d.start)
        self.counts = self._counts(ordered)
        dominant = self._dominant()
        named = {c for c in self.counts} | {c for _, c in self.setting.places}
        only = self._article_setting(ordered, named, dominant).only
        # only a country the article names as a place: one named as an actor is as often the other party
        # ("The government expressed appreciation for China's assistance")
        actors = {x.country for x in ordered if x.country and not x.bare and x.kind != "media"}
        self.only = only if only not in actors else None
        for n, d in enumerate(ordered):
            if not d.bare or d.country is not None or self._international(d):
                continue
            found = self._owner(d, ordered)
            if found is None and d.kind == "person" and d.role:
                found = self._office_holder(d, ordered[:n])
            if found is None and self._governmental(d):
                found = self._government_forces(d, dominant)
            if found is None and d.sector == "GOV" and self.t.lower(d.end - 1) in REGIMES:
                found = self._regime_country(d, ordered, dominant)
            if found is None and self._is(d, "state_noun"):
                found = self._state_country(d, ordered[:n], dominant)
            elif found is None and self._is(d, "domestic"):
                found = self._political_country(d, dominant)
            elif found is None and self._is(d, "armed_domestic"):
                found = self._armed_country(d, dominant)
            if found is None:
                found = self._anaphor(d, ordered[:n])
            if found is not None:
                self._settle(d, *found)
        self._people(ordered, dominant)
        return drafts + self._koreas(ordered)

    # ------------------------------------------------------------------ people
    def _people(self, ordered: list[Draft], dominant: str | None) -> None:
        """Named people the text did not place (see :mod:`.people_scene`), then one country per person."""
        named_countries = {c for c in self.counts} | {c for _, c in self.setting.places}
        for d in ordered:
            if d.kind == "person" and d.named and d.prior and d.country not in named_countries:
                self._unprior(d)
        dispatched(self.t, ordered)
        coordinated(self.t, ordered)
        setting = self._article_setting(ordered, named_countries, dominant)
        for d in ordered:
            if d.kind != "person" or not d.named or d.country is not None:
                continue
            found = person_country(
                d, self.t, self.kb, self._dominant(strong=True), self.dateline, setting, dominant,
                only_near=self._named_in_sentence(setting.only, d, ordered),
            )
            if found is not None:
                self._settle(d, *found)
            elif d.prior_coding is not None:
                d.country, d.confidence = d.prior_coding
                d.reason += "; its country is not named in the article"
        agree_names(self.t, ordered)

    def _named_in_sentence(self, country: str | None, d: Draft, ordered: list[Draft]) -> bool:
        """Is ``country`` named (as an actor or a place) in the sentence of ``d``?"""
        if country is None:
            return False
        here = self.sentence_of(d.start)
        tokens = [x.start for x in ordered if x.country == country and not x.bare and not x.prior and x is not d]
        tokens += [tok for tok, c in self.setting.places if c == country]
        return any(self.sentence_of(tok) == here for tok in tokens)

    def _article_setting(self, ordered: list[Draft], named_countries: set[str], dominant: str | None) -> Setting:
        """The setting with what only the whole article shows: a single place whose country is also the most
        named ("Kenya" once, Kenyan actors throughout), and the one country of an article that names no other."""
        setting = self.setting
        place_countries = {c for _, c in setting.places}
        if setting.country is None and len(place_countries) == 1 and dominant in place_countries:
            setting = replace(setting, country=dominant, why="its only place's country, also the most named one")
        everywhere = named_countries | ({self.dateline} if self.dateline else set())
        if len(everywhere) == 1:
            only = next(iter(everywhere))
            tokens = {x.start for x in ordered if x.country == only and not x.bare and not x.prior}
            tokens |= {tok for tok, c in setting.places if c == only}
            setting = replace(setting, only=only, only_refs=len(tokens))
        return setting

    def _unprior(self, d: Draft) -> None:
        """A prior whose country the article never names is held back behind the text's own evidence."""
        d.prior_coding = (d.country, 0.45)
        d.country = None

    def _target(self, token: int) -> bool:
        t = self.t
        j = token - 1
        while j >= 0 and (t.lower(j) in DETERMINERS or t.word_in(j, "region_prefix")):
            j -= 1
        return t.word_in(j, "target_prep")

    # ------------------------------------------------------------------ rules
    def _owner(self, d: Draft, ordered: list[Draft]) -> tuple[str, float, str] | None:
        t = self.t
        if d.sector not in STATE:
            return None
        j = d.start - 1
        gap = 0
        while gap < OBJECT_GAP and (t.lower(j) in DETERMINERS or t.tag(j) in {"CD", "JJ", "PRP$"}):
            j -= 1
            gap += 1
        if not (t.word_in(j, "own_verb") and t.tag(j).startswith("VB")):
            return None
        subject = subject_draft(t, j, [x for x in ordered if x.end <= j])
        if subject is None or subject.country in {None, "IGO"} or subject.kind in {"person", "alias"}:
            return None
        said = t.span_text(subject.start, subject.end)
        return subject.country or "", 0.7, f"'{t.text(j)}' by '{said}', the subject of the verb"

    def _state_country(self, d: Draft, before: list[Draft], dominant: str | None) -> tuple[str, float, str] | None:
        here = self.sentence_of(d.start)
        first = here - WINDOW
        window = [x for x in reversed(before) if self.sentence_of(x.start) >= first and self._fits(x, d.sector)]
        same = [x for x in window if self.sentence_of(x.start) == here]
        same = [x for x in same if x.subject] + [x for x in same if not x.subject]  # the actor, not its goal
        if same and not self._acts_on(same[0], d):
            said = self.t.span_text(same[0].start, same[0].end)
            return same[0].country or "", 0.6, f"country of the preceding state actor '{said}' in the sentence"
        if d.sector in DOMESTIC:
            where = [p for p in self.all_places if self.sentence_of(p.token) == here and self._same_clause(p.token, d)]
            if where:
                p = min(where, key=lambda p: abs(p.token - d.start))
                return p.country, 0.55, f"where it acts: the place '{self.t.text(p.token)}' in its sentence"
        strong = self._dominant(strong=True)
        if strong:
            return strong, 0.5, "the article's strongly dominant country"
        for x in window:
            if self.sentence_of(x.start) == here and self._acts_on(x, d):
                continue
            said = self.t.span_text(x.start, x.end)
            return x.country or "", 0.5, f"country of the nearest preceding state actor '{said}'"
        for p in reversed(self.places):
            if p.token < d.start and self.sentence_of(p.token) >= first:
                return p.country, 0.5, f"country of the nearest preceding place '{self.t.text(p.token)}'"
        if self.dateline:
            return self.dateline, 0.55, "dateline country"
        if dominant:
            return dominant, 0.45, "the article's dominant country (low confidence)"
        if self.only:
            return self.only, 0.4, "the one country the article's places and names are in (low confidence)"
        return None

    def _office_holder(self, d: Draft, before: list[Draft]) -> tuple[str, float, str] | None:
        """ "Turkish President Recep Tayyip Erdogan visited Berlin. The president criticised ...": a bare office
        title is the holder of that office named earlier with it, when every earlier holder is of one country
        (the nearest place would make him German)."""
        title = self.t.span_text(d.start, d.end).lower()
        held = re.compile(r"(?<![\w-])(?<!vice )(?<!deputy )(?<!former )(?<!ex-)" + re.escape(title) + r"\b")
        holders = [x for x in before if x.kind == "person" and x.named and not x.bare and x.country is not None
                   and held.search(self.t.span_text(x.start, x.end).lower())]
        if not holders or len({x.country for x in holders}) != 1:
            return None
        x = holders[-1]
        return x.country or "", 0.65, f"the '{title}' named earlier: '{self.t.span_text(x.start, x.end)}'"

    def _anaphor(self, d: Draft, before: list[Draft]) -> tuple[str, float, str] | None:
        """A bare group noun that repeats the head of a coded group named just before is that group: "the
        expulsion of Russian diplomats ... The U.S. has expelled 60 diplomats" (the nearest one wins)."""
        head = _head_word(self.t.span_text(d.start, d.end))
        if not head.endswith("s"):
            return None  # plural groups only: "the minister" is the scene rules' office
        if self.t.lower(d.start - 1) in POSSESSIVE_PRONOUNS:
            return None  # "their diplomats": the possessor's, whoever was named before
        first = self.sentence_of(d.start) - WINDOW
        for x in reversed(before):
            if self.sentence_of(x.start) < first:
                break
            if x.bare or x.country is None or x.kind == "person" or x.end - x.start < 2:
                continue
            said = self.t.span_text(x.start, x.end)
            if _head_word(said) == head:
                return x.country, 0.5, f"the '{head}' named just before: '{said}'"
        return None

    def _government_forces(self, d: Draft, dominant: str | None) -> tuple[str, float, str] | None:
        """ "government forces shelled the town of Idlib": the forces of the state where they fight, read off a
        place in their sentence (a target included: the government fights at home), else the setting."""
        here = self.sentence_of(d.start)
        near = [p for p in self._near_places(d, self.all_places) if self.sentence_of(p.token) == here]
        if near:
            said = self.t.text(near[0].token)
            return near[0].country, 0.55, f"the government's forces where they fight: the place '{said}' in their sentence"
        if self.setting.country:
            return self.setting.country, 0.45, f"the government's forces where the article is set ({self.setting.why})"
        if dominant:
            return dominant, 0.4, "the government's forces of the article's dominant country (low confidence)"
        return None

    def _regime_country(self, d: Draft, ordered: list[Draft], dominant: str | None) -> tuple[str, float, str] | None:
        """ "activists accused the regime of shelling eastern Aleppo": a bare "regime" or "junta" is the
        government at home where it acts, a place in its sentence or the article's setting, not the
        nearest foreign state named (a mediator, an ally); else the state-noun rules decide. A country
        named as an actor ("warned the junta against ties with Russia") is no such place."""
        here = self.sentence_of(d.start)
        actors = {k for x in ordered for k in range(x.start, x.end)}
        # (and a country the article names as an actor too: a village's namesake abroad is no scene)
        places = [p for p in self.all_places if p.token not in actors and not p.target and p.country in self.counts
                  and self.t.lower(p.token - 1) not in ("with", "to", "toward", "towards", "from")]
        near = [p for p in places if self.sentence_of(p.token) == here]
        if near:
            p = min(near, key=lambda p: abs(p.token - d.start))
            return p.country, 0.55, f"the regime where it rules: the place '{self.t.text(p.token)}' in its sentence"
        if self.setting.country:
            return self.setting.country, 0.45, f"the regime of the country the article is set in ({self.setting.why})"
        accusers = {x.country for x in ordered if self.sentence_of(x.start) == here and x.end <= d.start and not x.bare}
        if dominant and dominant not in accusers:
            # "Turkey and activists accused the regime": the state the story is about, not the last state named
            return dominant, 0.45, "the regime of the article's dominant country (no place in its sentence)"
        return None

    def _political_country(self, d: Draft, dominant: str | None) -> tuple[str, float, str] | None:
        if self.dateline:
            return self.dateline, 0.55, "dateline country"
        near = self._near_places(d, self.all_places)
        here = self.sentence_of(d.start)
        strong = self._dominant(strong=True)
        if strong and not any(self.sentence_of(p.token) == here for p in near):
            # "infighting in the opposition" in a story about Malaysia: not the US named a sentence before
            return strong, 0.5, "the article's strongly dominant country (no place in its sentence)"
        if near:
            return near[0].country, 0.5, f"country of the nearest place '{self.t.text(near[0].token)}'"
        if self.setting.country:
            return self.setting.country, 0.45, f"the country the article is set in ({self.setting.why})"
        if dominant:
            return dominant, 0.45, "the article's dominant country (low confidence)"
        return None

    def _armed_country(self, d: Draft, dominant: str | None) -> tuple[str, float, str] | None:
        """Unnamed armed men take the country where they act: a place in their sentence (the scene of the
        attack, a target included: "militants fired rockets at southern Israel" happens in Israel), else the
        dateline's, the setting's or the dominant country (the gold convention for unidentified attackers)."""
        here = self.sentence_of(d.start)
        near = [p for p in self._near_places(d, self.all_places) if self.sentence_of(p.token) == here]
        origins = self._origins(near, d)
        near = [p for p in near if p.token not in origins] + [p for p in near if p.token in origins]
        if near:
            return near[0].country, 0.5, f"where they act: the place '{self.t.text(near[0].token)}' in their sentence"
        if any(self.sentence_of(tok) == here for tok in self.setting.regions):
            return None  # "troops in the Sahel to fight militants": a region of several countries
        strong = self._dominant(strong=True)
        if self.dateline and strong and strong != self.dateline:
            # "BEIRUT -- ... Syrian forces ... the rebels": a story filed from a neighbour's capital is about
            # the country it keeps naming; the dateline is where the reporter is
            return strong, 0.45, "where they act: the article's strongly dominant country, not the dateline's"
        if self.dateline:
            return self.dateline, 0.45, "where they act: the dateline's country"
        if self.setting.country:
            return self.setting.country, 0.4, f"where they act: the article is set there ({self.setting.why})"
        if dominant:
            return dominant, 0.4, "where they act: the article's dominant country (low confidence)"
        return None

    def _origins(self, places: Sequence[Place], d: Draft) -> set[int]:
        """The places someone else comes from, not where anything happens: "a tourist from Perth, Australia" (the
        second name of the pair too); read last: "gunmen shot a tourist from Perth, Australia, in Bali" act in
        Bali. The armed men's own origin stays first: "militants from Somalia" are Somali."""
        t = self.t
        out: set[int] = set()
        for p in sorted(places, key=lambda p: p.token):
            before = p.token - 1
            if (t.lower(before) == "from" and before != d.end) or (t.text(before) == "," and before - 1 in out):
                out.add(p.token)
        return out

    def _same_clause(self, token: int, d: Draft) -> bool:
        """Is the place at ``token`` in the clause of ``d``: near it, not a target, no quotation mark between
        ("'... gangs directed from Belgrade,' he told parliament": Belgrade is not where parliament sits)?"""
        t = self.t
        lo, hi = (token, d.start) if token < d.start else (d.end, token)
        if hi - lo > CLAUSE_SPAN or any(t.text(k) in QUOTES for k in range(lo, hi)):
            return False
        return not any(p.token == token and p.target for p in self.all_places)

    def _near_places(self, d: Draft, places: Sequence[Place] | None = None) -> list[Place]:
        """Places in the same sentence or the two before, nearest first (country and capital names read as
        places unless ``places`` is given)."""
        here = self.sentence_of(d.start)
        pool = self.places if places is None else places
        near = [p for p in pool if here - WINDOW <= self.sentence_of(p.token) <= here]
        return sorted(near, key=lambda p: abs(p.token - d.start))

    def _acts_on(self, x: Draft, d: Draft) -> bool:
        """Is ``d`` the direct object of a verb that follows ``x`` ("The US delegation warned the junta",
        "Egypt, which backs the army")? Not when the verb reports what ``d`` does ("Russia said the
        military would ...") and not for a prepositional object ("faces pressure from Congress")."""
        t = self.t
        k = d.start - 1
        while k > x.end and (t.lower(k) in DETERMINERS or t.tag(k) in {"JJ", "CD", "PRP$"}):
            k -= 1
        if k < x.end or not t.tag(k).startswith("VB") or t.lower(k) in AUXILIARIES:
            return False
        return not (t.word_in(k, "speech") and is_subject(t, d.end))

    def _is(self, d: Draft, cls: str) -> bool:
        words = self.kb.words(cls)
        # the phrase or an ending of it ("riot police officers" is "police officers"), or the head word
        # before its last, generic one ("army officers" are "army")
        return any(self.t.span_text(k, end).lower() in words for end in (d.end, d.end - 1) for k in range(d.start, end))

    def _governmental(self, d: Draft) -> bool:
        """ "government forces", "pro-government militias", "regime troops": the forces of the state where they
        fight (the word sets them against rebels at home, not against another country)."""
        return d.sector in {"MIL", "COP", "SPY"} and any(
            self.t.lower(k) in GOVERNMENTAL for k in range(max(0, d.start - 1), d.end))

    def _international(self, d: Draft) -> bool:
        """ "peacekeepers", "coalition forces", "foreign troops": forces that are not the scene country's."""
        return any(self.t.word_in(k, "international") for k in range(max(0, d.start - 2), d.end))

    def _fits(self, x: Draft, sector: str | None) -> bool:
        """Can ``x`` lend its country to a bare state noun of ``sector``? Countries and state bodies can;
        outlets, IGOs, non-state groups and actions ("a Russian strike": the attacker, not the place) cannot,
        nor can a military actor lend one to police, courts or parliaments."""
        if x.country is None or x.country == "IGO" or x.country not in self.kb.countries:
            return False
        if x.kind in {"media", "group"} or x.bare or x.act:
            return False
        if x.kind in {"country", "capital"}:
            return True
        if sector in DOMESTIC and (x.sector == "MIL" or x.kind in {"person", "alias", "pronoun"}):
            return False  # police, courts, parliaments: placed by countries and bodies, not by visitors
        return x.sector in STATE

    def _settle(self, d: Draft, country: str, confidence: float, why: str) -> None:
        d.country = country
        d.confidence = confidence
        if d.named:
            d.reason = f"{d.reason}; {why}" if d.prior_coding is None else f"{why} (people table: {d.reason})"
            return  # a named person keeps their identity; only a bare title names the office-holder
        d.reason = f"{d.reason.split(':')[0]}: {why}"
        d.entity = group_entity(country, None, d.sector)
        if d.kind == "person" and d.role:
            holder = office_holder(self.kb, country, d.role, self.day)
            coding = code_entity(self.kb, holder.entity, self.day) if holder else None
            if coding is not None:
                d.name, d.entity, d.sector = coding.name, coding.entity, coding.sector
                d.reason += f"; office-holder on the article date: {coding.name}"

    def _counts(self, ordered: list[Draft]) -> dict[str, tuple[int, int]]:
        """country -> (how often named as an actor or a place, first token)."""
        seen: Counter[str] = Counter()
        first: dict[str, int] = {}
        # (a body placed by the place named after it, "a high school in Germany", counts once: as that place)
        named = [(x.start, x.country) for x in ordered
                 if x.kind not in {"media"} and not x.bare and not x.prior and not x.placed]
        for token, country in named + [(p.token, p.country) for p in self.places]:
            if country is None or country == "IGO" or country not in self.kb.countries:
                continue
            seen[country] += 1
            first[country] = min(first.get(country, token), token)
        return {c: (n, first[c]) for c, n in seen.items()}

    def _dominant(self, strong: bool = False) -> str | None:
        counts = self.counts
        ranked = sorted(counts, key=lambda c: (-counts[c][0], counts[c][1]))
        if not ranked or counts[ranked[0]][0] < 2 or (len(ranked) > 1 and counts[ranked[1]][0] == counts[ranked[0]][0]):
            return None  # no country stands out: better no country than a guess
        top = counts[ranked[0]][0]
        if strong and (top < 3 or 2 * top < sum(n for n, _ in counts.values())):
            return None
        return ranked[0]

    def _koreas(self, ordered: list[Draft]) -> list[Draft]:
        t = self.t
        countries = {x.country for x in ordered}
        if not {"PRK", "KOR"} <= countries:
            return []
        taken = {k for x in ordered for k in range(x.start, x.end)}
        out = []
        for i in range(1, t.n):
            code = KOREAS.get(t.text(i))
            if code is None or i in taken or t.lower(i - 1) != "the" or t.unit_covering.get(i) is not None:
                continue
            if t.tag(i + 1) in {"NNP", "NNPS"} or country_is_place(t, i, i + 1):
                continue  # "the South China Sea", "in the North": a name or a region, not the state
            country = self.kb.countries[code]
            out.append(
                Draft(
                    i,
                    i + 1,
                    country.name,
                    code,
                    "GOV",
                    country.entity,
                    "country",
                    confidence=0.7,
                    reason=f"'the {t.text(i)}' in an article that names both Koreas",
                    subject=is_subject(t, i + 1),
                )
            )
        return out


def _head_word(text: str) -> str:
    return text.rsplit(" ", 1)[-1].lower().strip("\"'’”")

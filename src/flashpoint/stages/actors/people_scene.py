"""A country for the people the text names without one, and one country per person in an article.

Runs inside :class:`~.scene.Scene`, after the state nouns. The words next to a name come first
(composing: a demonym or country in the title, an apposition, "X of Morocco", an organisation
they speak for); a person still without a country gets one here, each rule with its reason and
a confidence below that of a country written next to the name:

1. **A national office with no country written** (a title of the state, a party or a court; not an
   office of an organisation no table knows: "FIFA president X", "X, a director of Orbis")
   ("Prime Minister Najib Razak", "Chief Justice
   David Maraga", "Interior Cabinet Secretary Fred Matiangi", "Regional governor X"): the title is
   an office of the government the story is about, so the dateline's country (0.5), else the
   article's strongly dominant country (0.5), else its dominant country (0.45), else the country it
   is set in (0.45, :mod:`.setting`), else the only country the article names, named twice or in the
   person's sentence (0.4: "President Dos Santos ... Angola"). The dateline comes first: a story filed from a country's city
   about its officials seldom writes their country ("HANOI ... Party chief Nguyen Phu Trong"), while
   the most named country is often the foreign one the story is about ("Russia" in a Slovenian
   debate on expelling Russian diplomats). Ambassadors are skipped: in a story set in one country
   they are as often a foreign state's.
2. **Anyone else named without a country** (a resident, a convict, a reporter, an advocate): the
   country the article is set in, when its places point to one country and no other country is named
   more often as an actor or place, or the dateline agrees (0.4); else the only country the article
   names at all, named at least twice (0.4). The text gives where the story happens; the name's sound
   is never used. Where the story's places and its actors disagree (Armenians at a ceremony in the
   Vatican) the person stays without a country.
3. **The people table** (a prior, :mod:`.knowledge`): used while composing when the text gives no
   country next to the name, but held back (and used only if nothing above applies, 0.45) when the
   article never names that country: a namesake is likelier than a minister of a country the
   story never mentions.

Finally every mention of one person gets the country the best-coded mention has
(:func:`agree_names`): "Cerar" after "the outgoing PM Miro Cerar", "Miro Cerar" before "Slovenia's
Prime Minister Cerar", a short name before or after the full one.
"""

from __future__ import annotations

from collections.abc import Sequence

from .clauses import subject_draft
from .drafts import Draft
from .knowledge import Knowledge
from .setting import Setting
from .units import Tokens

NATIONAL = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY"})
FOREIGN_ROLES = frozenset({"ambassador"})


def person_country(
    d: Draft,
    t: Tokens,
    kb: Knowledge,
    strong: str | None,
    dateline: str | None,
    setting: Setting,
    dominant: str | None,
    only_near: bool = False,
) -> tuple[str, float, str] | None:
    """(country, confidence, reason) for a named person the text does not place, or None; ``only_near`` says
    the article's only country is named in the person's own sentence."""
    if d.role in FOREIGN_ROLES:
        return None
    organisation = d.org_office or _office_of_an_organisation(t, d)
    if d.sector in NATIONAL and not organisation:
        office = "a national office without a country written"
        if dateline:
            return dateline, 0.5, f"{office}: the dateline's country {_name(kb, dateline)}"
        if strong:
            return strong, 0.5, f"{office}: the article's strongly dominant country {_name(kb, strong)}"
        if dominant:
            return dominant, 0.45, f"{office}: the article's dominant country {_name(kb, dominant)}"
        if setting.country:
            return setting.country, 0.45, f"{office}: the article is set in {_name(kb, setting.country)} ({setting.why})"
        if setting.only and (setting.only_refs >= 2 or only_near):
            return setting.only, 0.4, f"{office}: the only country the article names is {_name(kb, setting.only)}"
        return None
    if setting.country and (dominant in {None, setting.country} or setting.country == dateline):
        why = f"named without a country in an article set in {_name(kb, setting.country)} ({setting.why})"
        return setting.country, 0.4, why
    if setting.only and setting.only_refs >= 2:
        why = f"named without a country in an article that names no country but {_name(kb, setting.only)}"
        return setting.only, 0.4, why
    return None


def _office_of_an_organisation(t: Tokens, d: Draft) -> bool:
    """ "FIFA president Sepp Blatter", "NDP Leader X": a title right after an organisation's name that no
    table knows is that organisation's office, not the state's."""
    k = d.start - 1
    if k < 0 or k in t.unit_covering:
        return False
    return any(
        ent.label_ == "ORG"
        and ent.start <= k
        and ent.end == d.start
        and (ent.text.isupper() or len(ent) > 1)
        and not state_body(t, ent.start, ent.end)
        for ent in t.ents
    )


def state_body(t: Tokens, start: int, end: int) -> bool:
    """Do tokens ``start:end`` name a state department ("Homeland Security", "Interior Cabinet")? A word of a
    state sector phrase of the tables, or of the ``state_word`` class of ``context.tsv``."""
    words = t.kb.state_words()
    return any(t.lower(k) in words for k in range(start, end))


SEND = frozenset({"send", "sends", "sent", "sending", "dispatch", "dispatches", "dispatched", "dispatching"})


def dispatched(t: Tokens, ordered: Sequence[Draft]) -> None:
    """ "Mubarak dispatched Foreign Minister X ...": an office-holder sent by a state actor is that state's."""
    for d in ordered:
        if d.kind != "person" or not d.named or d.country is not None or t.lower(d.start - 1) not in SEND:
            continue
        subject = subject_draft(t, d.start - 1, [x for x in ordered if x.end <= d.start - 1])
        if subject is None:
            continue
        source = subject.antecedent or subject
        if source.country and source.country != "IGO":
            d.country, d.confidence = source.country, 0.6
            d.reason += f"; sent by '{t.span_text(subject.start, subject.end)}' ({source.country})"


def coordinated(t: Tokens, ordered: Sequence[Draft]) -> None:
    """ "Foreign Minister A and General Intelligence Chief B": an office-holder listed right after another
    with "and" or a comma, with no country of their own, shares the other's country."""
    people = [d for d in ordered if d.kind == "person" and d.named]
    for before, d in zip(people, people[1:], strict=False):
        if d.country is not None or before.country is None or d.sector is None or before.sector is None:
            continue
        if before.end + 1 == d.start and t.lower(before.end) in {"and", ","}:
            said = t.span_text(before.start, before.end)
            d.country, d.confidence = before.country, min(before.confidence, 0.6)
            d.reason += f"; listed with '{said}' ({before.country})"


def agree_names(t: Tokens, ordered: Sequence[Draft]) -> None:
    """Give every uncoded mention of a person the country of a coded mention of the same person.

    Two mentions name the same person when their full names are equal, or when one is a single word
    that is the other's last word ("Cerar", "Miro Cerar") and no other coded person has that word."""
    people = [d for d in ordered if d.kind == "person" and d.named and d.keys]
    coded = sorted((d for d in people if d.country), key=lambda d: -d.confidence)
    for d in people:
        if d.country is not None:
            continue
        source = _same_person(d, coded)
        if source is not None:
            d.country = source.country
            d.sector = d.sector or source.sector
            d.role = d.role or source.role
            d.confidence = min(source.confidence, 0.8)
            said = t.span_text(source.start, source.end)
            d.reason = f"same person as '{said}' ({source.reason})"
    for d in ordered:
        target = d.antecedent
        if d.kind in {"alias", "pronoun"} and target is not None and target.named and d.country != target.country:
            d.country, d.sector, d.role = target.country, d.sector or target.sector, d.role or target.role
            d.confidence = min(target.confidence, 0.9)
            d.reason += f" (coded {target.country or 'without a country'} as that mention)"


def _same_person(d: Draft, coded: Sequence[Draft]) -> Draft | None:
    full = d.keys[0]
    last = _last(full)
    single = " " not in full
    found = []
    for c in coded:
        other = c.keys[0]
        if other == full or (single and _last(other) == last) or (" " not in other and _last(other) == last):
            found.append(c)
    countries = {c.country for c in found}
    return found[0] if len(countries) == 1 else None


def _last(name: str) -> str:
    """The last word of a name, and of a hyphenated surname its last part ("Odigie-Oyegun" -> "oyegun")."""
    return name.split()[-1].split("-")[-1]


def _name(kb: Knowledge, iso3: str) -> str:
    country = kb.countries.get(iso3)
    return country.name if country else iso3

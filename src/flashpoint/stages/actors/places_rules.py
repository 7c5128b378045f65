"""Is a country or capital name an actor or a place here?

Country names are actors (their government) unless the context makes them a place:
a locative preposition ("in Iran", "across Armenia"), a goal or source of movement
("flew to Moscow", "drones coming in from Russia"), a regional prefix ("Southern
Azerbaijan"), a place noun they own or modify ("Iran’s provinces", "the Armenia-Iran
border").

Capitals are places unless the context makes them a government (PLOVER convention:
a capital is the government as subject or object, a place otherwise): the subject of a
verb ("Tehran wants", "Baku and Ankara were ready"), the possessor of a non-place noun
("Baku’s projects"), the object of a political verb or preposition ("urged Tehran",
"provide Baku with support", "ties with Kigali").

The target of a political noun is an actor whatever its preposition: "support for Manila",
"sanctions on Moscow", "talks with Beijing", "hostility toward Tehran" (political noun +
for/with/against/toward(s)/on). After a military-display noun, "around <country>" names the
country targeted ("drills around Taiwan"). After in/at/from/near/over/across the name stays a
place; so does a capital hit by an attack ("an attack on Tehran": the city is struck; the
country name, "an attack on Iran", stays an actor as every country name does).
"""

from __future__ import annotations

from .units import DETERMINERS, QUOTES, Tokens

MOTION_WINDOW = 4
PREPOSITIONS = frozenset(
    {
        "on",
        "in",
        "at",
        "of",
        "for",
        "with",
        "against",
        "to",
        "from",
        "over",
        "into",
        "near",
        "across",
        "toward",
        "towards",
        "by",
        "about",
        "around",
        "through",
        "under",
        "between",
        "upon",
        "onto",
        "inside",
        "within",
    }
)


def _list_start(t: Tokens, start: int) -> int:
    """Walk back over a coordinated list of names ("in Baku, Ankara, and Moscow") to its first member."""
    i = start
    while True:
        j = i - 1
        while t.lower(j) in {",", "and", "or"}:
            j -= 1
        if j < 0 or j == i - 1:
            return i
        u = t.unit_covering.get(j)
        if u is None or t.origin(u) is None or u.of("demonym") is not None:
            return i
        i = u.start


def _list_end(t: Tokens, end: int) -> int:
    """Walk forward over a coordinated list of names to the token after its last member."""
    i = end
    while t.lower(i) in {",", "and", "or"}:
        j = i
        while t.lower(j) in {",", "and", "or"}:
            j += 1
        u = t.unit_at.get(j)
        if u is None or t.origin(u) is None or u.of("demonym") is not None:
            return i
        i = u.end
    return i


def _motion_before(t: Tokens, i: int) -> bool:
    return any(t.word_in(j, "motion") for j in range(max(0, i - MOTION_WINDOW), i))


def political_object(t: Tokens, start: int, capital: bool = False) -> str | None:
    """ "support for Manila", "sanctions on Moscow", "drills around Taiwan": the noun + preposition that make
    the name the target of a political act (returned as text), or None."""
    first = _list_start(t, start)
    prep = t.skip_back(first)
    word = t.lower(prep)
    if not (t.word_in(prep, "political_prep") or (word == "around" and not capital)):
        return None
    j = prep - 1
    steps = 0
    while (
        steps < 3
        and t.tag(j) in {"JJ", "JJR", "JJS", "VBN", "HYPH", "CD", "NNP"}
        and not t.word_in(j, "political_noun")
    ):
        j -= 1
        steps += 1
    cls = "show_of_force" if word == "around" else "political_noun"
    if t.word_in(j, cls) and t.tag(j).startswith("NN"):
        return f"{t.lower(j)} {word}"
    return None


def _prep_place(t: Tokens, start: int, capital: bool) -> bool:
    first = _list_start(t, start)
    prev = t.skip_back(first)
    word = t.lower(prev)
    if political_object(t, start, capital) is not None:
        return False
    if t.word_in(prev, "loc_prep"):
        return True
    if t.word_in(prev, "weak_prep"):
        before = t.skip_back(prev)
        if t.word_in(before, "political"):
            return False
        if capital and word == "from":
            return True
        return _motion_before(t, prev)
    return t.word_in(prev, "motion") and t.tag(prev).startswith("VB")


def _head_after(t: Tokens, i: int) -> int:
    """The last noun of the noun group starting at token i (or i - 1 when there is none)."""
    last = i - 1
    j = i
    while j < t.n and j < i + 5:
        u = t.unit_at.get(j)
        if u is not None and u.of("demonym") is not None:
            j = u.end
            continue
        tag = t.tag(j)
        if tag in {"NN", "NNS", "NNP", "NNPS"}:
            last = j
        elif tag not in {"JJ", "JJR", "JJS", "HYPH", "VBN", "CD"} and t.text(j) not in QUOTES:
            break
        j += 1
    return last


def possessed_is_place(t: Tokens, i: int) -> bool:
    """After a possessive: is the owned noun a place ("Iran’s provinces", "Armenia’s borders")?"""
    head = _head_after(t, i)
    return head >= i and t.word_in(head, "place_noun")


def country_is_place(t: Tokens, start: int, end: int, capital: bool = False) -> bool:
    prev = t.skip_back(start)
    if t.word_in(start - 1, "region_prefix") and t.text(start - 1)[:1].isupper():
        return True
    if t.text(start - 1) == "-" or t.text(end) == "-":
        return _compound_place(t, start, end)
    if t.word_in(end, "place_noun") and t.tag(end).startswith("NN"):
        return True
    if t.is_possessive(end) and possessed_is_place(t, end + 1):
        return True
    if prev >= 0 and t.lower(prev) in {"of"} and t.word_in(t.skip_back(prev), "place_noun"):
        return True
    return _prep_place(t, start, capital)


def _compound_place(t: Tokens, start: int, end: int) -> bool:
    """ "the Armenia-Iran border" is a place; "pro-Russia rebels" is no country actor; "US-Russia talks" are actors;
    "a UK-based group" names where the group is, not the UK."""
    if t.text(start - 1) == "-" and t.word_in(start - 2, "negator"):
        return True
    if t.text(end) == "-" and t.word_in(end + 1, "place_suffix"):
        return True
    i = end
    while t.text(i) == "-":
        u = t.unit_at.get(i + 1)
        if u is None:
            break
        i = u.end
    head = _head_after(t, i)
    return head >= i and t.word_in(head, "place_noun")


RELATIVE_SPAN = 30


def skip_relative(t: Tokens, i: int) -> int:
    """At ", which has deployed troops to Congo," (or an apposition ", the region's largest army,"):
    the token after the closing comma; else i."""
    if t.text(i) != ",":
        return i
    opener = t.lower(i + 1)
    if not (t.word_in(i + 1, "relative") or opener in {"the", "a", "an"}):
        return i
    for j in range(i + 2, min(t.n, i + RELATIVE_SPAN)):
        if t.text(j) in {".", ";", "!", "?"}:
            return i
        if t.text(j) == ",":
            return j + 1
    return i


def is_subject(t: Tokens, end: int) -> bool:
    """Is the name ending at token ``end`` (with any coordinated names) followed by its verb?

    A relative clause or apposition between commas is skipped: "Burundi, which has deployed troops
    to Congo, warned ..." makes Burundi the subject of "warned"."""
    i = skip_companions(t, skip_relative(t, _list_end(t, end)))
    if t.tag(i) in {"RB", "RBR"} and t.lower(i) not in {"not"}:
        i += 1
    if t.tag(i) == "MD" or t.tag(i) in {"VBZ", "VBD", "VBP"}:
        return True
    return t.tag(i) == "VBG" and t.lower(i - 1) in {"is", "are", "was", "were"}


COMPANION_SPAN = 8  # tokens an "along with ..." phrase may run before its verb


def skip_companions(t: Tokens, i: int) -> int:
    """At "along with its allies" ("Washington along with its allies demanded ..."), "together with" or "as
    well as": the token after the phrase (its closing comma, or the verb it runs into); else i."""
    j = i + 1 if t.text(i) == "," else i
    if t.lower(j) in {"along", "together"} and t.lower(j + 1) == "with":
        k = j + 2
    elif (t.lower(j), t.lower(j + 1), t.lower(j + 2)) == ("as", "well", "as"):
        k = j + 3
    else:
        return i
    for m in range(k, min(t.n, k + COMPANION_SPAN)):
        if t.text(m) in {".", ";", "!", "?"}:
            return i
        if t.text(m) == ",":
            return m + 1
        if t.tag(m) in {"MD", "VBZ", "VBD", "VBP"}:
            return m
    return i


BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s", "'re"})
MOVED = frozenset({"sent", "deployed", "dispatched", "redeployed", "moved", "stationed", "positioned", "scrambled"})


def is_agent(t: Tokens, start: int, end: int) -> bool:
    """Is the noun group ``start:end`` (a weapon or platform) the doer of an action?

    Syntax-free cues: it stands before an active verb ("Ukrainian drones hit", "Israeli tanks fired
    shells"; not a passive "drones were shot down"), or it follows "by" ("hit by Russian missiles")."""
    if t.lower(t.skip_back(start)) == "by" or (t.tag(start - 1) == "CD" and t.lower(t.skip_back(start - 1)) == "by"):
        return True
    i = skip_relative(t, _list_end(t, end))
    if t.tag(i) in {"RB", "RBR"} and t.lower(i) != "not":
        i += 1
    if t.lower(i) in BE or (t.lower(i) in {"have", "has", "had"} and t.lower(i + 1) == "been"):
        # "Russian warships were dispatched to the Black Sea": forces moved are their owner's move
        return t.lower(i + (2 if t.lower(i) in {"have", "has", "had"} else 1)) in MOVED
    if t.tag(i) == "MD" or t.tag(i) in {"VBZ", "VBD", "VBP"}:
        return True
    # spaCy sometimes tags a past tense with an object as a participle: "Israeli tanks fired shells"
    return t.tag(i) == "VBN" and t.tag(i + 1) in {"DT", "CD", "PRP$", "NN", "NNS", "NNP"}


def clause_subject(t: Tokens, first: int, after: int) -> str | None:
    """A name that is the subject of a clause it opens after a verb, though no finite verb follows it:
    an infinitive after the verb's object ("wants Seoul to raise", "expects Ankara to approve"; not after a verb
    of movement, "left Kyiv to attend") or a subjunctive after "that" ("demanded that Stockholm extradite").
    ``first`` is the name's first token (of the first of names listed together), ``after`` the token after them."""
    prev = t.skip_back(first)
    if t.lower(after) == "to" and t.tag(after + 1) == "VB" and t.is_verb(prev) and not t.word_in(prev, "motion"):
        return f"subject of 'to {t.lower(after + 1)}' after '{t.lower(prev)}'"
    if t.lower(first - 1) == "that" and t.tag(after) == "VB":
        return f"subject of '{t.lower(after)}' after 'that'"
    return None


def capital_reading(t: Tokens, start: int, end: int, possessive: bool) -> str | None:
    """Why a capital stands for its government here ("subject", "possessor", ...), or None for a place."""
    if t.text(start - 1) == "-" or t.text(end) == "-":
        return None
    if country_is_place(t, start, end, capital=True):
        return None
    if possessive:
        return "possessor"
    if is_subject(t, end) and t.lower(t.skip_back(_list_start(t, start))) not in PREPOSITIONS:
        return "subject"  # not "an attack on Tehran killed ...": the object of a preposition is no subject
    target = political_object(t, start, capital=True)
    if target is not None:
        return f"target of '{target}'"
    prev = t.skip_back(_list_start(t, start))
    clause = clause_subject(t, _list_start(t, start), _list_end(t, end))
    if clause is not None:
        return clause
    if t.word_in(prev, "actor_prep"):
        return f"after '{t.lower(prev)}'"
    if t.word_in(prev, "political"):
        return f"object of '{t.lower(prev)}'"
    if t.lower(prev) in {"on", "to"} and t.word_in(t.skip_back(prev), "political"):
        return f"after '{t.lower(t.skip_back(prev))} {t.lower(prev)}'"
    return None


__all__ = [
    "DETERMINERS",
    "capital_reading",
    "clause_subject",
    "country_is_place",
    "is_agent",
    "is_subject",
    "political_object",
    "possessed_is_place",
    "skip_relative",
]

"""The words around a name that say whose it is: long titles and appositions, read without a parse.

* :func:`title_tail` reads a title that runs on before its name: "General Secretary of the Communist
  Party of Vietnam Nguyen Phu Trong", "Spokesperson for the U.S. Department Heather Nauert",
  "Slovenia's Ambassador to Russia, Primož Šeliga", "the Lagos State Governor, Akinwunmi Ambode".
* :func:`apposition_after` reads ", a Russian citizen", ", the chair of the Georgian Parliament",
  ", the former Deputy Minister of Defence of Azerbaijan", ", an American" after a name.
* :func:`first_origin` finds, in such words, the first name of a country, capital, nationality or
  known body that can own the person. A country or capital after "to", "in" or "into" is where the
  office is or where it deals ("Ambassador to Russia", "the Embassy of Armenia in the Holy See"):
  skipped. A nationality always counts ("responsible officer at the Culture Department of the
  Armenian Embassy"); so does a body of the tables ("a former ANC member of parliament").
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Surface
from .units import DETERMINERS, QUOTES, Tokens, Unit

MAX_TITLE = 16  # tokens of a title before its name
MAX_APPOSITION = 18
LINKS = frozenset({"of", "for", "the", "and", "to", "in", "at", "on", "with", "from", "&", "-", "a", "an"})
PLACE_PREPS = frozenset({"to", "in", "into", "toward", "towards", "near", "visiting"})
APPOSITION_END = frozenset({",", ".", ";", ":", "(", ")", "!", "?", "—", "–"})


@dataclass(frozen=True, slots=True)
class Origin:
    surface: Surface
    start: int
    end: int


def first_origin(t: Tokens, start: int, end: int) -> Origin | None:
    """The first unit in tokens ``start:end`` that names who owns an office (see the module docstring)."""
    k = start
    while k < end:
        u = t.unit_at.get(k)
        if u is None:
            k += 1
            continue
        surface = t.origin(u)
        if surface is not None and u.end <= end and _owner(t, u, surface):
            return Origin(surface, u.start, u.end)
        k = u.end
    return None


def _owner(t: Tokens, u: Unit, surface: Surface) -> bool:
    if surface.kind in {"demonym", "people", "entity"}:
        return True
    j = u.start - 1
    while j >= 0 and (t.lower(j) in DETERMINERS or t.text(j) in QUOTES):
        j -= 1
    return t.lower(j) not in PLACE_PREPS


def title_tail(t: Tokens, i: int) -> tuple[Unit, int] | None:
    """After a title ending at token ``i``: (the name its words run on to, the token after the title words),
    when only title words ("of the Communist Party of Vietnam"), one or two commas between titles and an
    honorific ("Dr.") stand between; else None. The name is a person unit, or the last two to four proper
    nouns before the end of the noun group after a body or a comma ("... of Vietnam Nguyen Phu Trong met")."""
    k = i
    commas = 0
    after_break = False  # the last thing read was a body, a country or a comma: proper nouns now may be the name
    while k < t.n and k < i + MAX_TITLE:
        u = t.unit_at.get(k)
        if u is not None and t.is_name(u):
            return u, _back_over_commas(t, k)
        word = t.text(k)
        if word == ",":
            commas += 1
            if commas > 2 or t.lower(k + 1) in {"and", "or"} or (t.text(k + 1) in LINKS):
                return None  # ", and His Holiness Aram I": a list; ", of Fitzgerald": where the body is
            k += 1
            after_break = True
            continue
        if u is not None:
            k = u.end
            after_break = t.origin(u) is not None
            continue
        if after_break:
            name = _final_name(t, k)
            if name is not None:
                return name, _back_over_commas(t, k)
        if word == "(":
            close = next((c for c in range(k + 1, min(t.n, k + 5)) if t.text(c) == ")"), None)
            if close is None:
                return None
            k = close + 1  # "(APC)": an acronym in brackets
            continue
        title_next = t.sector(t.unit_at.get(k + 1)) is not None
        free_next = t.text(k + 1)[:1].isupper() and t.unit_at.get(k + 1) is None
        if t.lower(k) == "and" and not (title_next or free_next):
            return None  # "employees and Berea": a list, not a title running on
        if t.lower(k) in LINKS or t.word_in(k, "honorific") or t.is_possessive(k) or word in QUOTES:
            k += 1
            after_break = after_break and (t.word_in(k - 1, "honorific") or word in QUOTES)
            continue
        if t.tag(k) in {"NNP", "NNPS", "NN", "NNS", "JJ", "VBN", "HYPH"} and (word[:1].isupper() or k > i) or (
            word[:1].isupper() and t.tag(k) == "DT"  # "All Progressives Congress"
        ):
            k += 1
            after_break = False
            continue
        return None
    return None


def _final_name(t: Tokens, k: int) -> Unit | None:
    """Two to four proper nouns at ``k`` that end the noun group (a verb, punctuation or a lower-case word follows)."""
    if t.lower(k - 1) in {"the", "a", "an"}:
        return None  # "of the House Majority Caucus": a body
    end = k
    while (
        end < t.n
        and end - k < 4
        and t.tag(end) == "NNP"
        and t.text(end)[:1].isupper()
        and end not in t.unit_covering
        and not t.word_in(end, "org_word")  # "Jamaica Cancer Society": a body, not a name
    ):
        end += 1
    if end < t.n and t.word_in(end, "org_word"):
        return None
    ends_group = t.tag(end).startswith("VB") or t.tag(end) == "MD" or t.text(end) in {",", ".", ";", ":", ")"}
    if end - k < 2 or not ends_group:
        return None  # "Economic Development and Trade": the rest of a title
    return Unit(k, end, (), "PERSON")


def _back_over_commas(t: Tokens, k: int) -> int:
    j = k
    while j > 0 and (t.text(j - 1) == "," or t.word_in(j - 1, "honorific")):
        j -= 1
    return j


def apposition_after(t: Tokens, i: int) -> tuple[int, int] | None:
    """The words of an apposition ", the Iranian ambassador," starting at the comma at token ``i``:
    (first token, end token), or None when the comma opens something else (a list of names, a clause)."""
    if t.text(i) != ",":
        return None
    j = i + 1
    first = t.unit_at.get(j)
    if first is not None and t.is_name(first):
        return None  # "Hassan Salameh, Ibrahim Hamed, ...": a list of names
    if not (t.lower(j) in DETERMINERS or t.tag(j) in {"JJ", "JJS", "NN", "NNP", "NNS", "VBN", "CD", "PRP$"}):
        return None
    k = j
    while k < t.n and k < j + MAX_APPOSITION and t.text(k) not in APPOSITION_END:
        if k > j and t.word_in(k, "relative"):
            break  # ", the American officer who commands NORAD": the apposition ends at "who"
        if t.tag(k) in {"VBD", "VBZ", "VBP", "MD"} and t.lower(k) not in {"'s", "’s"}:
            return None  # ", who said ...", ", said X": a clause, not an apposition
        k += 1
    if k == j or k >= j + MAX_APPOSITION:
        return None
    return j, k

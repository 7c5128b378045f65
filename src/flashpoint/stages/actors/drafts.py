"""The working records of the composer: a mention being built, and a sector phrase."""

from __future__ import annotations

from dataclasses import dataclass, field

from .knowledge import SectorWord

NON_STATE = frozenset({"REB", "OPP", "CVL", "REF", "LAB", "EDU", "BUS", "PTY", "NGO", "REL", "HLH", "MED"})


@dataclass(slots=True)
class Draft:
    """A mention being built, in token offsets; turned into a Mention at the end."""

    start: int
    end: int
    name: str
    country: str | None
    sector: str | None
    entity: str | None
    kind: str
    role: str | None = None
    igo: str | None = None
    confidence: float = 1.0
    reason: str = ""
    subject: bool = False
    antecedent: Draft | None = None
    keys: tuple[str, ...] = field(default=())  # surface keys for short-name look-up (persons)
    bare: bool = False  # a sector word or title with no country in its phrase: the scene pass may give one
    act: bool = False  # an action of the actor ("Russian strike", "Ukrainian drones hit"), not its presence
    named: bool = False  # a person named in the text (not a bare title such as "the president")
    prior: bool = False  # the country comes from the people-table prior, not from the text
    placed: bool = False  # the country is that of the place named after it ("police in Karak"), counted as the place
    org_office: bool = False  # the title is an office of an organisation no table knows ("a director of Orbis")
    prior_coding: tuple[str | None, float] | None = None  # a prior held back (its country is not in the article)


@dataclass(frozen=True, slots=True)
class Phrase:
    """Sector words after an origin or at the start of an actor: ``Foreign Minister``, ``armed forces``."""

    start: int
    end: int
    sector: str
    role: str | None
    last: SectorWord
    headed: bool = False  # a weak last word whose sector an earlier head word gave ("riot police officers")

    @property
    def is_title(self) -> bool:
        return self.last.strength in {"title", "weak", "noun"}


def group_entity(country: str | None, igo: str | None, sector: str | None) -> str | None:
    """A stable id for a collective actor without a QID: ``fp:actor:IRNMIL``, ``fp:actor:IGOUNMIL``."""
    if not country:
        return None
    return f"fp:actor:{country}{igo or ''}{sector or ''}"


def name_keys(text: str) -> tuple[str, ...]:
    """The look-up keys of a person's name: the full name and the last word ("aliyev")."""
    words = [w for w in text.replace("-", " - ").split() if w[:1].isalpha()]
    keys = [text.lower()]
    if len(words) > 1:
        keys.append(text.split()[-1].lower())
    return tuple(dict.fromkeys(keys))


def slug(text: str) -> str:
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())

"""The typed records that flow between flashpoint's stages.

An article enters as an :class:`Item` (what a reader found: raw bytes or text plus
metadata), becomes an :class:`Article` once cleaned, and is carried through the
understanding stages inside a :class:`Doc`. Each stage returns a new ``Doc`` with
the fields it writes filled in (``dataclasses.replace``); nothing is mutated.

Offsets (``start``/``end``) are always character positions in ``Article.text``,
the clean body, so every fact can be shown inside the text it came from.

Field conventions
-----------------
* ``country`` is an ISO 3166-1 alpha-3 code, ``"IGO"`` for intergovernmental
  bodies, or ``None`` when unknown.
* ``reason`` is a short human-readable explanation of the decision, e.g.
  ``"capital used for its government"``.
* Dates are ISO strings that may be partial: ``"2021"``, ``"2021-09"``,
  ``"2021-09-14"``, or ``"--10-21"`` (month-day, year unknown).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "reported", "claimed", "intended", "hypothetical", "negated"]
MODALITIES: tuple[str, ...] = (
    "asserted",
    "reported",
    "claimed",
    "intended",
    "hypothetical",
    "negated",
)
Granularity = Literal["day", "month", "year", "month-day", "unknown"]


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of input found by a reader, before cleaning.

    ``origin`` names the item for messages and is the default ``doc`` key: the file
    path as given, ``path#N`` for the N-th record of a JSON/JSONL file, or ``-``
    for stdin. Exactly one of ``text``/``html`` is set for a readable item.
    """

    origin: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None

    @property
    def doc(self) -> str:
        """The public document key: record id, else url, else origin."""
        return self.id or self.url or self.origin


@dataclass(frozen=True, slots=True)
class Skip:
    """A rejected input item: data, not a crash."""

    item: str
    stage: str
    code: str
    detail: str

    def message(self) -> str:
        return f"{self.item}: {self.detail} [{self.code}]"


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the input that cleaning left out of the article, kept so a user can audit and restore it.

    ``reason`` says which rule or model decided and why ("furniture model p=0.03: in a run of
    14 short lines (menu or link list)", "caption or photo credit"); ``line`` is the 1-based
    line of the input text (after decoding) the piece came from.
    """

    text: str
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``key`` is the content hash that identifies it in the store."""

    key: str
    doc: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    dateline: str | None = None  # e.g. "TEHRAN"
    origin: str | None = None
    removed: tuple[Removal, ...] = ()  # what cleaning dropped and why, for audit
    byline: str | None = None  # the author(s) or agency named in the page's furniture


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span from the NLP stage (spaCy labels: PERSON, GPE, ORG, NORP, DATE, ...)."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mention coded to country, sector and identity.

    ``kind`` says how it was found: ``country``, ``demonym``, ``capital``,
    ``person``, ``org``, ``igo``, ``group``, ``media``, ``pronoun``, ``alias``.
    ``role`` is an office for people (``head_of_state``, ``foreign_minister``, ...).
    ``ref`` points at the mention index this one resolves to (pronouns, short names).
    """

    start: int
    end: int
    text: str
    name: str
    country: str | None
    sector: str | None = None
    entity: str | None = None  # stable id: Wikidata QID where known, else "fp:<slug>"
    kind: str = "country"
    role: str | None = None
    igo: str | None = None  # body code for IGO actors (UN, EU, NATO, ...)
    confidence: float = 1.0
    reason: str = ""
    ref: int | None = None

    def actor(self) -> ActorRef:
        return ActorRef(
            country=self.country,
            sector=self.sector,
            name=self.name,
            entity=self.entity,
            text=self.text,
            start=self.start,
            end=self.end,
        )


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An event participant, as exported: ``{"country": "IRN", "text": "Tehran", ...}``."""

    country: str | None
    sector: str | None = None
    name: str | None = None
    entity: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved to the gazetteer.

    ``kind`` is ``city``, ``country``, ``admin1``, ``admin2``, ``region``, ``landmark``,
    ``border``, ``part``, ``water``, ``line`` or ``unresolved``. Borders carry both countries in
    ``countries``; a ``part`` ("northwestern Syria", "Karak Castle") overlaps the place it is part of.
    A place with ``start == end == 0`` is the dateline cleaning took out of the body.
    """

    start: int
    end: int
    text: str
    name: str
    country: str | None = None
    countries: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    admin1: str | None = None
    feature_class: str | None = None
    kind: str = "city"
    confidence: float = 1.0
    reason: str = ""


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression resolved to a (possibly partial) ISO date."""

    start: int
    end: int
    text: str
    value: str | None
    granularity: Granularity = "day"
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with a unit and what it counts.

    ``unit`` is normalised: ``USD``, ``EUR``, ``servicemen``, ``troops``, ``people``,
    ``km``, ``percent``, ``drones``, ``aircraft``, ``vessels``, ``killed``, ... .
    ``usd`` holds money normalised to US dollars when a rate is known, with the
    rate and its date stated in ``reason``. ``of`` says what is counted
    (``"IRN armed forces"``); ``approx`` marks "about", "up to", "nearly".
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    of: str | None = None
    country: str | None = None
    usd: float | None = None
    approx: bool = False
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Equipment:
    """A weapon system recognised from the equipment catalog."""

    start: int
    end: int
    text: str
    name: str
    type: str  # drone, loitering_munition, missile, aircraft, air_defence, artillery, mlrs, ship, ...
    origin: str | None = None  # ISO3 of the producing country
    user: str | None = None  # ISO3 of the user named in the text, where stated
    entity: str | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, with the evidence.

    ``cameo`` is a CAMEO code string ("152"); ``goldstein`` follows the GDELT
    Goldstein table; ``quad_class`` follows the GDELT convention (1 verbal
    cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
    ``attribution`` names who says so ("Ukraine", "media reports") or is None
    when the article asserts it in its own voice.
    """

    start: int  # evidence span (usually the clause or sentence)
    end: int
    evidence: str
    source: ActorRef
    target: ActorRef | None
    plover: str
    cameo: str | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    goldstein: float | None = None
    quad_class: int | None = None
    modality: Modality = "asserted"
    attribution: str | None = None
    confidence: float = 0.5
    reason: str = ""
    trigger: str | None = None  # the predicate word(s) that fired
    date: str | None = None
    date_granularity: str | None = None
    date_reason: str | None = None
    location: Place | None = None
    quantities: tuple[Quantity, ...] = ()
    equipment: tuple[Equipment, ...] = ()


@dataclass(frozen=True, slots=True)
class Doc:
    """The carrier passed from stage to stage.

    ``nlp`` holds the spaCy ``Doc`` while the understanding stages run; it is never
    stored or sent between processes (``Doc.portable()`` drops it).
    """

    article: Article
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    equipment: tuple[Equipment, ...] = ()
    events: tuple[Event, ...] = ()
    nlp: Any = field(default=None, compare=False, repr=False)
    timings: tuple[tuple[str, float], ...] = ()

    def replace(self, **changes: Any) -> Doc:
        return dataclasses.replace(self, **changes)

    def portable(self) -> Doc:
        """This doc without the spaCy object, safe to pickle across processes."""
        return dataclasses.replace(self, nlp=None)

    def sentence_at(self, offset: int) -> Span | None:
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None


def to_dict(record: Any) -> Any:
    """A JSON-ready form of any record (tuples become lists, None kept)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record) if f.name != "nlp"}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record

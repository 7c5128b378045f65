"""The equipment stage: weapon systems named in the text, from the packaged catalog.

The catalog (``resources/equipment/catalog.tsv``) gives each system its type,
origin country and maker. Names are matched as whole words, longest first, case
insensitively unless the row asks for exact case (names that are also ordinary
words: Patriot, Javelin, Lynx). Rows with context words need one of them in the
same sentence; when several rows share a name (the Lynx rocket launcher and the
Lynx infantry fighting vehicle) the one with most context words wins.

The user is the country named right before the system: a possessive
("Azerbaijan's fleet of TB2 drones") or a demonym ("Turkish F-16s", "the
Armenian Iskander-E"); systems coordinated with a previous one ("Azerbaijani
Su-25s and MiG-29s") share its user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import Settings
from ..records import Doc, Equipment
from ..resources import read_table
from .names import NameIndex

_PLURAL = r"(?:s|es|’s|'s)?"
_COORDINATION = re.compile(r"^\s*(?:,|and|or|,\s*and|as well as)\s*$")
_OWNER_WORDS = r"(?:fleet|fleets|inventory|arsenal|stock|stocks|supply|supplies|batch|squadron|squadrons|number|use|purchase|purchases|acquisition|deployment|delivery|deliveries|transfer)"
_POSSESSIVE = re.compile(
    rf"(?P<name>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(?:’s|'s)\s+(?:{_OWNER_WORDS}\s+of\s+)?(?:[\w\-]+\s+){{0,2}}$"
)
_DEMONYM = re.compile(r"(?P<name>[A-Z][\w\-]*)\s+(?:[a-z][\w\-]*\s+){0,1}$")


@dataclass(frozen=True, slots=True)
class System:
    name: str
    aliases: tuple[str, ...]
    type: str
    origin: str | None
    maker: str
    context: tuple[str, ...]
    exact: bool

    @property
    def entity(self) -> str:
        return "fp:equipment:" + re.sub(r"[^a-z0-9]+", "-", self.name.casefold()).strip("-")


@dataclass(frozen=True, slots=True)
class Catalog:
    systems: tuple[System, ...]
    by_alias: dict[str, tuple[int, ...]]  # casefolded alias -> systems
    names: NameIndex  # every alias, as whole words, with plural and possessive endings


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    systems = []
    for row in read_table("equipment", "catalog.tsv", columns=7):
        name, aliases, kind, origin, maker, context, case = row
        systems.append(
            System(name, (name, *_split(aliases)), kind, origin or None, maker, _split(context), case == "exact")
        )
    by_alias: dict[str, list[int]] = {}
    exact_forms: set[str] = set()
    loose_forms: set[str] = set()
    for number, system in enumerate(systems):
        for alias in system.aliases:
            by_alias.setdefault(alias.casefold(), []).append(number)
            (exact_forms if system.exact else loose_forms).add(alias)
    forms = [(f, True) for f in exact_forms] + [(f, False) for f in loose_forms if f not in exact_forms]
    return Catalog(tuple(systems), {k: tuple(v) for k, v in by_alias.items()}, NameIndex(forms, _PLURAL))


def is_equipment_name(text: str) -> bool:
    """True when ``text`` is exactly a catalog name or alias (case-insensitive): not a place."""
    return text.casefold() in load_catalog().by_alias


def _base_alias(matched: str, catalog: Catalog) -> str | None:
    folded = matched.casefold()
    for suffix in ("", "’s", "'s", "s", "es"):
        if suffix and not folded.endswith(suffix):
            continue
        base = folded[: len(folded) - len(suffix)] if suffix else folded
        if base in catalog.by_alias:
            return base
    return None


def _choose(catalog: Catalog, alias: str, matched: str, sentence: str) -> tuple[System, str] | None:
    """The catalog system a matched name stands for in this sentence, with why."""
    lowered = sentence.casefold()
    best: tuple[int, System, str] | None = None
    for number in catalog.by_alias[alias]:
        system = catalog.systems[number]
        if system.exact and not any(matched.startswith(a) for a in system.aliases if a.casefold() == alias):
            continue
        hits = [w for w in system.context if re.search(rf"(?<!\w){re.escape(w.casefold())}(?!\w)", lowered)]
        if system.context and not hits:
            continue
        why = f"catalog name {matched!r}" + (f"; context {hits[0]!r}" if hits else "")
        score = len(hits) + (1 if not system.context else 0)
        if best is None or score > best[0]:
            best = (score, system, why)
    return (best[1], best[2]) if best else None


def _user(text: str, start: int, sent_start: int, origin: str | None) -> tuple[str | None, str]:
    """The user country stated right before a system, and how it was read."""
    from .places.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    before = text[max(sent_start, start - 80) : start]
    match = _POSSESSIVE.search(before)
    if match:
        code = gaz.country_code(match.group("name"))
        if code and code == origin:
            return None, f"{match.group('name')} named as its maker"
        if code:
            return code, f"user from possessive {match.group('name')!r}"
    match = _DEMONYM.search(before)
    if match:
        code = gaz.country_of_demonym(match.group("name")) or gaz.country_code(match.group("name"))
        if code:
            note = " (also its maker)" if code == origin else ""
            return code, f"user from {match.group('name')!r} before it{note}"
    return None, ""


def find_equipment(doc: Doc) -> list[Equipment]:
    catalog = load_catalog()
    text = doc.article.text
    found: list[Equipment] = []
    for match in catalog.names.finditer(text):
        alias = _base_alias(match.group(), catalog)
        if alias is None:
            continue
        sent = doc.sentence_at(match.start())
        sent_start, sentence = (
            (sent.start, sent.text)
            if sent
            else (max(0, match.start() - 200), text[max(0, match.start() - 200) : match.end() + 200])
        )
        chosen = _choose(catalog, alias, match.group(), sentence)
        if chosen is None:
            continue
        system, why = chosen
        user, user_why = _user(text, match.start(), sent_start, system.origin)
        if user is None and found and not user_why:
            previous = found[-1]
            if previous.end >= sent_start and _COORDINATION.match(text[previous.end : match.start()]):
                user, user_why = previous.user, "user shared with the system listed before it"
        reason = "; ".join(r for r in (why, f"origin {system.origin} ({system.maker})", user_why) if r)
        found.append(
            Equipment(
                start=match.start(),
                end=match.end(),
                text=match.group(),
                name=system.name,
                type=system.type,
                origin=system.origin,
                user=user,
                entity=system.entity,
                reason=reason,
            )
        )
    return found


class EquipmentStage:
    name = "equipment"
    reads: tuple[str, ...] = ("article", "sentences")
    writes: tuple[str, ...] = ("equipment",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Doc) -> Doc:
        return doc.replace(equipment=tuple(find_equipment(doc)))

"""Which row of an entity holds on the article's date, and what that makes the actor.

A person who held an office before the article's date and holds none on it is coded
as a former office-holder: ``role="former_<office>"`` and sector ``ELI`` (the CAMEO
convention for former officials and elites). With no article date the newest row is
used and the reason says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from .knowledge import Country, EntityRow, Knowledge

# Offices in order of precedence when a person holds several on one day.
ROLE_ORDER = (
    "head_of_state",
    "head_of_government",
    "supreme_leader",
    "crown_prince",
    "vice_president",
    "foreign_minister",
    "defence_minister",
    "secretary_general",
)


@dataclass(frozen=True, slots=True)
class Coding:
    """What an entity is on a date: the fields a Mention takes from the knowledge base."""

    entity: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None
    igo: str | None
    reason: str


def day_of(published: str | None) -> str | None:
    """The article date as YYYY-MM-DD (or a shorter partial date), or None."""
    if not published:
        return None
    day = published.strip()[:10]
    return day if day[:4].isdigit() else None


def _rank(row: EntityRow) -> int:
    return ROLE_ORDER.index(row.role) if row.role in ROLE_ORDER else len(ROLE_ORDER)


def code_entity(kb: Knowledge, entity: str, day: str | None) -> Coding | None:
    rows = kb.rows(entity)
    if not rows:
        return None
    first = rows[0]
    if day is None:
        row = max(rows, key=lambda r: (r.start or "", -_rank(r)))
        note = "article date unknown: newest entry" if len(rows) > 1 else "knowledge base"
        return _coding(row, row.role, row.sector, note)
    holding = sorted((r for r in rows if r.holds_on(day)), key=_rank)
    if holding:
        row = holding[0]
        note = f"{row.role.replace('_', ' ')} on the article date" if row.role else "knowledge base"
        return _coding(row, row.role, row.sector, note)
    ended = [r for r in rows if r.end and r.end <= day]
    if ended and first.kind == "person":
        row = max(ended, key=lambda r: r.end)
        role = f"former_{row.role}" if row.role else None
        note = f"former {row.role.replace('_', ' ') if row.role else 'office-holder'} (until {row.end[:7]})"
        return _coding(row, role, "ELI", note)
    if ended:
        row = max(ended, key=lambda r: r.end)
        return _coding(row, row.role, row.sector, f"last known status (until {row.end[:7]})")
    row = min(rows, key=lambda r: r.start or "")
    if first.kind == "person":
        return _coding(
            row, None, None, f"not yet in office on the article date ({row.role or 'office'} from {row.start[:7]})"
        )
    return _coding(row, row.role, row.sector, f"status from {row.start[:7]}")


def _coding(row: EntityRow, role: str | None, sector: str | None, note: str) -> Coding:
    return Coding(row.entity, row.name, row.kind, row.country, sector, role, row.igo, note)


def office_holder(kb: Knowledge, country: str, role: str, day: str | None) -> EntityRow | None:
    """The person holding ``role`` for ``country`` on ``day`` (newest holder when no date)."""
    rows = kb.office_holders(country, role)
    if not rows:
        return None
    if day is None:
        return max(rows, key=lambda r: r.start or "")
    holding = [r for r in rows if r.holds_on(day)]
    return holding[0] if len(holding) == 1 else None


def country_coding(country: Country) -> Coding:
    return Coding(country.entity, country.name, "country", country.iso3, "GOV", None, None, "country name")

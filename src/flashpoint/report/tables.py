"""Plain-text tables for the CLI: ``flashpoint events`` prints :func:`format_events_table`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

COLUMNS = (
    ("date", 10),
    ("source", 14),
    ("type", 9),
    ("cameo", 5),
    ("target", 14),
    ("modality", 30),
    ("conf", 4),
    ("evidence", 60),
)


def _actor(value: Any) -> str:
    if isinstance(value, Mapping):
        country = value.get("country") or "?"
        text = value.get("text") or value.get("name") or ""
        return f"{country} {text}".strip()
    return str(value or "")


def _cell(value: str, width: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


def _row(event: Mapping[str, Any]) -> list[str]:
    source = event.get("source") if "source" in event else {"country": event.get("source_country"),
                                                           "text": event.get("source_text")}
    target = event.get("target") if "target" in event else {"country": event.get("target_country"),
                                                           "text": event.get("target_text")}
    modality = str(event.get("modality") or "")
    if event.get("attribution"):
        modality = f"{modality} ({event['attribution']})"
    confidence = event.get("confidence")
    return [
        str(event.get("date") or ""),
        _actor(source),
        str(event.get("plover") or ""),
        str(event.get("cameo") or ""),
        _actor(target),
        modality,
        f"{confidence:.2f}" if isinstance(confidence, (int, float)) else "",
        str(event.get("evidence") or ""),
    ]


def format_events_table(rows: Iterable[Mapping[str, Any]]) -> str:
    """A readable fixed-width table of events.

    ``rows`` are exported event records (``flashpoint.store.db.event_record``) or rows of
    the ``events`` table (``source_country``/``source_text`` columns); both work.
    """
    header = "  ".join(name.upper().ljust(width) for name, width in COLUMNS).rstrip()
    lines = [header, "  ".join("-" * width for _, width in COLUMNS)]
    count = 0
    for event in rows:
        cells = _row(event)
        lines.append("  ".join(_cell(c, w).ljust(w) for c, (_, w) in zip(cells, COLUMNS, strict=True)).rstrip())
        count += 1
    lines.append(f"{count} event{'s' if count != 1 else ''}")
    return "\n".join(lines) + "\n"

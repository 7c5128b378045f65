"""``flashpoint brief``: the disposition of the conflict, every statement cited.

:func:`build_brief` is the JSON brief (the situation of
:mod:`flashpoint.analysis.situation` plus a header); :func:`render_brief`
renders it as Markdown, self-contained HTML or JSON. Every statement is
followed by its citations ``[doc] "evidence"``.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..analysis.situation import situation
from ..config import Settings
from ..errors import InputError
from ..store import db

FORMATS = ("md", "html", "json")


def build_brief(
    db_file: str | None,
    *,
    actors: list[str] | None = None,
    since: str | None = None,
    lock_timeout: float = 30.0,
    event_ids: list[str] | None = None,
    selection: list[str] | None = None,
) -> dict[str, Any]:
    """The brief as a JSON-ready dict: the situation keys plus ``title``, ``store`` and ``generator``.

    ``event_ids`` restricts the brief to those events (a filtered view); ``selection`` then
    says in words which filters chose them, for the title.
    """
    if since is not None:
        _check_since(since)
    with db.connect(db_file, read_only=True, lock_timeout=lock_timeout) as conn:
        counts = db.table_counts(conn)
        data = situation(conn, actors=actors, since=since, event_ids=event_ids)
    focus = ", ".join(data["filters"]["actors"] or []) or "all actors"
    if selection:
        data["filters"]["selection"] = selection
    brief: dict[str, Any] = {
        "title": f"Disposition of the conflict: {focus}" + (f", since {since}" if since else "")
        + (f" ({'; '.join(selection)})" if selection else ""),
        "generator": f"flashpoint {__version__}",
        "store": {"path": db.db_path(db_file), "documents": counts.get("documents", 0), "events": counts.get("events", 0)},
    }
    brief.update(data)
    return brief


def _check_since(since: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(since[:10])
    except ValueError as exc:
        raise InputError(f"--since wants a date as YYYY-MM-DD, got {since!r}", code="bad_date") from exc


def render_brief(settings: Settings, *, actors: list[str] | None, since: str | None, fmt: str) -> str:
    """The brief as ``md``, ``html`` or ``json`` text."""
    if fmt not in FORMATS:
        raise InputError(f"unknown brief format {fmt!r}; choose from {', '.join(FORMATS)}", code="bad_format")
    brief = build_brief(settings.db, actors=actors, since=since, lock_timeout=settings.lock_timeout)
    if fmt == "json":
        return json.dumps(brief, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "html":
        from .brief_html import render_html

        return render_html(brief)
    from .brief_md import render_markdown

    return render_markdown(brief)


def as_of_phrase(brief: dict[str, Any]) -> str:
    """"as of 2020 (year only); 23 incidents undated", or "no dated incident"."""
    label = brief.get("as_of_label") or brief.get("as_of")
    undated = brief.get("undated_incidents") or 0
    if not label:
        return "no dated incident"
    return f"as of {label}" + (f"; {undated} incident{'s' if undated != 1 else ''} undated" if undated else "")

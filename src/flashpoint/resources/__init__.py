"""The knowledge flashpoint's stages read, as versioned data files in this package.

Tables are UTF-8 TSV files whose ``#`` lines are comments (sources, licence,
version); JSON files carry their provenance in a ``_meta`` key. Load them with
the helpers here, never with paths relative to the working folder.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..errors import ResourceError

PACKAGE = "flashpoint.resources"


def resource_text(folder: str, name: str) -> str:
    try:
        return resources.files(PACKAGE).joinpath(folder, name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"packaged resource {folder}/{name} cannot be read: {exc}") from exc


def parse_table(text: str, origin: str, columns: int | None = None) -> list[tuple[str, ...]]:
    """Rows of a '#'-commented TSV text; with ``columns``, short rows are padded and long ones refused.

    The first non-comment row is data, not a header: column meanings are documented in the comments.
    """
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = tuple(c.strip() for c in line.rstrip("\n").split("\t"))
        if columns is not None:
            if len(cells) > columns:
                raise ResourceError(f"{origin} line {number}: {len(cells)} columns, expected {columns}")
            cells = cells + ("",) * (columns - len(cells))
        rows.append(cells)
    return rows


def read_table(folder: str, name: str, columns: int | None = None) -> list[tuple[str, ...]]:
    return parse_table(resource_text(folder, name), f"{folder}/{name}", columns)


def read_json(folder: str, name: str) -> Any:
    try:
        return json.loads(resource_text(folder, name))
    except ValueError as exc:
        raise ResourceError(f"packaged resource {folder}/{name} is not valid JSON: {exc}") from exc

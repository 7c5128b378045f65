"""The places stage (to be implemented: see its issue). Writes nothing yet."""

from __future__ import annotations

from ..config import Settings
from ..records import Doc


class PlacesStage:
    name = "places"
    reads: tuple[str, ...] = ("article", "entities", "mentions")
    writes: tuple[str, ...] = ("places",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Doc) -> Doc:
        return doc

"""The quantities stage (to be implemented: see its issue). Writes nothing yet."""

from __future__ import annotations

from ..config import Settings
from ..records import Doc


class QuantitiesStage:
    name = "quantities"
    reads: tuple[str, ...] = ("article", "sentences", "mentions")
    writes: tuple[str, ...] = ("quantities",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Doc) -> Doc:
        return doc

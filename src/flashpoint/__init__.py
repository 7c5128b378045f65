"""flashpoint: read news articles and build an evidence-linked picture of the
geopolitical situation they describe — who does what to whom, where, when,
with what forces, according to whom — and keep watching it.

The public surface::

    from flashpoint import ingest, build_pipeline, clean_item, Settings
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Settings",
    "load_settings",
    "Article",
    "Doc",
    "Event",
    "Item",
    "Mention",
    "Place",
    "Skip",
    "build_pipeline",
    "clean_item",
    "ingest",
    "__version__",
]

from .config import Settings, load_settings
from .records import Article, Doc, Event, Item, Mention, Place, Skip

if TYPE_CHECKING:
    from .ingest.run import ingest
    from .pipeline import build_pipeline
    from .stages.clean import clean_item


def __getattr__(name: str) -> Any:  # heavy imports (spaCy, trafilatura) only when used
    if name == "ingest":
        from .ingest.run import ingest

        return ingest
    if name == "build_pipeline":
        from .pipeline import build_pipeline

        return build_pipeline
    if name == "clean_item":
        from .stages.clean import clean_item

        return clean_item
    raise AttributeError(name)

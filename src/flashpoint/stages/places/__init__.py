"""The places stage: toponyms recognised, resolved to GeoNames or our own tables, and borders.

``PlacesStage`` writes ``Doc.places``: one :class:`~flashpoint.records.Place` per
toponym (``kind`` city, country, admin1, region, water, line or unresolved) plus
one per border phrase (``kind`` border, both countries in ``countries``).
"""

from __future__ import annotations

from .stage import PlacesStage

__all__ = ["PlacesStage"]

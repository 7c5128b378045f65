"""The places stage: toponyms recognised, resolved to GeoNames or our own tables, and borders.

``PlacesStage`` writes ``Doc.places``: one :class:`~flashpoint.records.Place` per
toponym (``kind`` city, country, admin1, admin2, region, landmark, water, line or
unresolved), one per border phrase (``kind`` border, both countries in ``countries``)
and one per part of a place ("northwestern Syria", "Karak Castle": ``kind`` part).

Modules: ``gazetteer`` (the name index), ``recognise`` and ``inside`` (which spans
name places), ``resolve`` (which entry each is), ``borders`` and ``parts`` (phrases
around places), ``stage`` (the order).
"""

from __future__ import annotations

from .stage import PlacesStage

__all__ = ["PlacesStage"]

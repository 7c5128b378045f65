"""The understanding stages, one module each, and the standard order."""

from __future__ import annotations

from ..config import Settings
from ..pipeline import Stage


def build_stages(settings: Settings) -> list[Stage]:
    from .actors import ActorsStage
    from .attach import AttachStage
    from .dates import DatesStage
    from .equipment import EquipmentStage
    from .events import EventsStage
    from .nlp import NLPStage
    from .places import PlacesStage
    from .quantities import QuantitiesStage

    return [
        NLPStage(settings),
        ActorsStage(settings),
        PlacesStage(settings),
        DatesStage(settings),
        EquipmentStage(settings),
        QuantitiesStage(settings),
        EventsStage(settings),
        AttachStage(settings),
    ]

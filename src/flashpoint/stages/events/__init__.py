"""The events stage: who did what to whom, coded in PLOVER and CAMEO, with modality and evidence.

See ``docs/events.md`` for the approach and ``docs/coding-rules.md`` for the
project's coding rules.
"""

from __future__ import annotations

from .lexicon import Lexicon, load_lexicon
from .stage import EventsStage, extract_events

__all__ = ["EventsStage", "Lexicon", "extract_events", "load_lexicon"]

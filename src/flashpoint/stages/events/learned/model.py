"""The shipped events model: from a parsed sentence to scored triggers with typed roles.

Loads ``flashpoint/models/events/{triggers,roles}.npz`` (written by ``make train-events``) and
applies them to the candidates of :mod:`.features`. It decides what and who; turning a trigger
into :class:`~flashpoint.records.Event` records (countries, codes, modality) is
:mod:`.decode`'s job.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ....errors import ResourceError
from .features import ActorSlot, SentenceView, candidates, pair_sparse, trigger_dense, trigger_sparse
from .labels import MODALITIES, ROOTS, TYPES, lexicon_types, root_types
from .net import Net
from .phoenix import load_phoenix
from .vectors import PieceVectors

MODEL_PACKAGE = "flashpoint.models.events"


@dataclass(frozen=True, slots=True)
class Role:
    slot: ActorSlot
    source: float
    target: float


@dataclass(frozen=True, slots=True)
class Trigger:
    index: int  # token position in the parsed sentence
    plover: str
    score: float  # probability of that type
    none: float  # probability of no event
    root: str
    root_score: float
    modality: str
    modality_score: float
    roles: tuple[Role, ...]


class EventModel:
    def __init__(self, folder: Path | None = None) -> None:
        base = folder or Path(str(resources.files(MODEL_PACKAGE)))
        try:
            self.triggers = Net.load(base / "triggers.npz")
            self.roles = Net.load(base / "roles.npz")
            self.vectors = PieceVectors(base)
            meta = json.loads((base / "metrics.json").read_text(encoding="utf-8"))
        except (OSError, KeyError, ValueError) as err:
            raise ResourceError(f"events model missing or unreadable in {base} (run make train-events): {err}") from err
        self.version = f"events-model {meta.get('trained', '?')}"
        self.phoenix = load_phoenix()
        self.lexicon = lexicon_types()
        self.type_index = {t: k for k, t in enumerate(self.triggers.heads["type"])}
        roots_of = root_types()
        self.root_mask = {t: np.asarray([t in roots_of.get(r, ()) for r in self.triggers.heads["root"]])
                          for t in TYPES[1:]}

    def read(self, view: SentenceView, threshold: float = 0.5) -> list[Trigger]:
        """Triggers of the sentence whose best event type is at least ``threshold`` likely."""
        cands = candidates(view)
        if not cands:
            return []
        dense = trigger_dense(view, cands, self.vectors)
        rows = [trigger_sparse(view, i, self.phoenix, self.lexicon) for i in cands]
        probs = self.triggers.predict(dense, rows)
        types = probs["type"]
        found = []
        for n, i in enumerate(cands):
            best = int(types[n, 1:].argmax()) + 1
            score = float(types[n, best])
            if score < threshold:
                continue
            plover = self.triggers.heads["type"][best]
            roots = probs["root"][n] * self.root_mask[plover]
            k = int(roots.argmax())
            root = self.triggers.heads["root"][k] if roots[k] > 0 else _default_root(plover)
            mods = probs["modality"][n]
            m = int(mods.argmax())
            found.append(Trigger(i, plover, score, float(types[n, 0]), root, float(roots[k]),
                                 self.triggers.heads["modality"][m], float(mods[m]), self._roles(view, i, plover)))
        return found

    def _roles(self, view: SentenceView, i: int, plover: str) -> tuple[Role, ...]:
        if not view.actors:
            return ()
        rows = [pair_sparse(view, i, slot, plover) for slot in view.actors]
        probs = self.roles.predict(np.zeros((len(rows), 1), dtype=np.float32), rows)["role"]
        return tuple(Role(slot, float(p[1]), float(p[2])) for slot, p in zip(view.actors, probs, strict=True))


def _default_root(plover: str) -> str:
    for root in ROOTS:
        if plover in root_types().get(root, ()):
            return root
    return "01"


@lru_cache(maxsize=1)
def load_model() -> EventModel:
    return EventModel()


__all__ = ["MODALITIES", "EventModel", "Role", "Trigger", "load_model"]

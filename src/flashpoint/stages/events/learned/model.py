"""The shipped events model: scored triggers from tagged sentences, roles from parsed ones.

Loads ``flashpoint/models/events/{triggers,roles}.npz`` (written by ``make train-events``). The
trigger network reads the tagged text (:mod:`.flat`), one batch for a whole article; the roles
network reads the parse (:mod:`.features`) of the sentences where a trigger was found. It decides
what and who; turning a trigger into :class:`~flashpoint.records.Event` records (countries,
codes, modality) is :mod:`.decode`'s job.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ....errors import ResourceError
from . import flat
from .features import ActorSlot, SentenceView, pair_dense, pair_sparse
from .labels import MODALITIES, ROOTS, TYPES, lexicon_types, root_types
from .net import Net
from .phoenix import load_phoenix
from .vectors import PieceVectors, load_vectors

MODEL_PACKAGE = "flashpoint.models.events"
LEXICON_TABLE = "lexicon_types.json"  # lemma -> PLOVER types of the hand lexicon at training time


@dataclass(frozen=True, slots=True)
class Role:
    slot: ActorSlot
    source: float
    target: float


@dataclass(frozen=True, slots=True)
class Trigger:
    sentence: int  # position of the sentence in the batch read
    index: int  # token position inside the sentence
    plover: str
    score: float  # probability of that type
    none: float  # probability of no event
    root: str
    root_score: float
    modality: str
    modality_score: float
    roles: tuple[Role, ...] = ()


class EventModel:
    def __init__(self, folder: Path | None = None) -> None:
        base = folder or Path(str(resources.files(MODEL_PACKAGE)))
        try:
            self.triggers = Net.load(base / "triggers.npz")
            # the same network trained from other seeds, if shipped: their probabilities are averaged
            self.members = [self.triggers, *(Net.load(path) for path in sorted(base.glob("triggers-*.npz")))]
            for net in self.members[1:]:
                if net.features == self.triggers.features:
                    net.features = self.triggers.features  # one dictionary in memory, not one per member
            self.roles = Net.load(base / "roles.npz")
            # the roles network from other seeds, if shipped: their probabilities are averaged too
            self.role_members = [self.roles, *(Net.load(path) for path in sorted(base.glob("roles-*.npz")))]
            for net in self.role_members[1:]:
                if net.features == self.roles.features:
                    net.features = self.roles.features
            self.vectors = PieceVectors(base) if (base / "pieces.npz").exists() else load_vectors()
            meta = json.loads((base / "metrics.json").read_text(encoding="utf-8"))
            words = (base / "trigger_words.txt").read_text(encoding="utf-8").split()
        except (OSError, KeyError, ValueError) as err:
            raise ResourceError(f"events model missing or unreadable in {base} (run make train-events): {err}") from err
        if any(net.heads != self.triggers.heads for net in self.members) or any(
                net.heads != self.roles.heads for net in self.role_members):
            raise ResourceError(f"events model in {base}: the trigger or roles networks do not share their labels (run make train-events)")
        self.version = f"events-model {meta.get('trained', '?')}"
        self.trigger_words = frozenset(words)  # words that carried an event in training: the sentence gate
        self.phoenix = load_phoenix()
        # the hand lexicon's types as the trigger networks were trained with them (the lexicon may change after;
        # its types are an input of the networks, and an input must not move under trained weights)
        frozen = base / LEXICON_TABLE
        self.lexicon = ({k: tuple(v) for k, v in json.loads(frozen.read_text(encoding="utf-8")).items()}
                        if frozen.exists() else lexicon_types())
        self.type_index = {t: k for k, t in enumerate(self.triggers.heads["type"])}
        roots_of = root_types()
        self.root_mask = {t: np.asarray([t in roots_of.get(r, ()) for r in self.triggers.heads["root"]])
                          for t in TYPES[1:]}

    def read(self, sentences: Sequence[flat.FlatSentence], threshold: float = 0.5) -> list[Trigger]:
        """Triggers of the sentences whose best event type is at least ``threshold`` likely (no roles yet)."""
        cands = [(n, i) for n, sent in enumerate(sentences) for i in flat.candidates(sent)]
        if not cands:
            return []
        by_sentence: dict[int, list[int]] = {}
        for n, i in cands:  # in sentence order, as the rows of ``cands``
            by_sentence.setdefault(n, []).append(i)
        dense = np.concatenate([flat.trigger_dense(sentences[n], positions, self.vectors)
                                for n, positions in by_sentence.items()])
        rows = [flat.trigger_sparse(sentences[n], i, self.phoenix, self.lexicon) for n, i in cands]
        probs = self._predict(dense, rows)
        types = probs["type"]
        best = types[:, 1:].argmax(axis=1) + 1
        found = []
        for row in np.flatnonzero(types[np.arange(len(cands)), best] >= threshold):
            n, i = cands[row]
            plover = self.triggers.heads["type"][best[row]]
            roots = probs["root"][row] * self.root_mask[plover]
            k = int(roots.argmax())
            root = self.triggers.heads["root"][k] if roots[k] > 0 else _default_root(plover)
            mods = probs["modality"][row]
            m = int(mods.argmax())
            found.append(Trigger(n, i, plover, float(types[row, best[row]]), float(types[row, 0]), root,
                                 float(roots[k]), self.triggers.heads["modality"][m], float(mods[m])))
        return found

    def _predict(self, dense: np.ndarray, rows: Sequence[Sequence[str]]) -> dict[str, np.ndarray]:
        """The members' averaged probabilities; members with the same feature list share one encoding
        (``__init__`` makes equal lists one object: ``is``, as ``==`` would compare every name each call)."""
        encoded = self.triggers.encode(rows)
        return average([net.predict_encoded(dense, *encoded) if net.features is self.triggers.features
                        else net.predict(dense, rows) for net in self.members])

    def with_roles(self, trigger: Trigger, view: SentenceView) -> Trigger:
        """The trigger with every actor of its parsed sentence scored as source and as target."""
        return self.with_roles_all([trigger], view)[0]

    def with_roles_all(self, triggers: Sequence[Trigger], view: SentenceView) -> list[Trigger]:
        """Every trigger of one parsed sentence with every actor scored as source and as target:
        all (trigger, actor) pairs in one matrix per roles network, not one call per trigger."""
        if not view.actors or not triggers:
            return list(triggers)
        rows = [pair_sparse(view, t.index, slot, t.plover) for t in triggers for slot in view.actors]
        dense = np.concatenate([pair_dense(view, t.index, view.actors, self.vectors) for t in triggers])
        encoded = self.roles.encode(rows)
        probs = average([net.predict_encoded(dense, *encoded) if net.features is self.roles.features
                         else net.predict(dense, rows) for net in self.role_members])["role"]
        width = len(view.actors)
        return [dataclasses.replace(t, roles=tuple(
                    Role(slot, float(p[1]), float(p[2]))
                    for slot, p in zip(view.actors, probs[k * width:(k + 1) * width], strict=True)))
                for k, t in enumerate(triggers)]


def average(outputs: Sequence[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The mean of several networks' class probabilities, head by head."""
    if len(outputs) == 1:
        return outputs[0]
    return {head: np.mean([out[head] for out in outputs], axis=0) for head in outputs[0]}


def _default_root(plover: str) -> str:
    for root in ROOTS:
        if plover in root_types().get(root, ()):
            return root
    return "01"


@lru_cache(maxsize=1)
def load_model() -> EventModel:
    return EventModel()


__all__ = ["MODALITIES", "EventModel", "Role", "Trigger", "load_model"]

"""The label sets of the events model and the tables that tie them together."""

from __future__ import annotations

from functools import lru_cache

from ....ontology import lookup
from ..lexicon import load_lexicon

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
TYPES = ["NONE", *PLOVER_TYPES]
ROOTS = [f"{n:02d}" for n in range(1, 21)]
MODALITIES = ("asserted", "reported", "claimed", "intended", "hypothetical", "negated")


@lru_cache(maxsize=1)
def root_types() -> dict[str, set[str]]:
    """CAMEO root -> the PLOVER types its codes map to (``resources/ontology/cameo.tsv``)."""
    from ....ontology import cameo_table

    out: dict[str, set[str]] = {}
    for code, record in cameo_table().items():
        if record.plover:
            out.setdefault(code[:2], set()).add(record.plover)
    return out


@lru_cache(maxsize=1)
def lexicon_types() -> dict[str, tuple[str, ...]]:
    """Lemma -> the PLOVER types the hand-written predicate lexicon gives it (a model feature)."""
    out: dict[str, set[str]] = {}
    for lemma, entries in load_lexicon().entries.items():
        for entry in entries:
            record = lookup(entry.cameo or "")
            if record is not None and record.plover:
                out.setdefault(lemma, set()).add(record.plover)
    return {k: tuple(sorted(v)) for k, v in out.items()}

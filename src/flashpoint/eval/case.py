"""CASE 2021 task 2: real news snippets with ACLED-style event types (evaluation only, never trained on).

Each snippet runs through the whole pipeline as one article. Its type is mapped to the PLOVER
types that count as the right family (:data:`FAMILIES`, written here from the CASE type
definitions and the PLOVER manual); a snippet is *found* when any event of the article has one
of them. The disaster, organised-crime and "other" snippets are not political events: any event
predicted there is a *false alarm*. Events of every modality count in both.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field

from .runner import article_from_text, run, shared_dir

ASSAULT = frozenset({"ASSAULT"})
FAMILIES: dict[str, frozenset[str]] = {
    "AIR_STRIKE": ASSAULT, "ARMED_CLASH": ASSAULT, "ATTACK": ASSAULT, "ART_MISS_ATTACK": ASSAULT,
    "GRENADE": ASSAULT, "SUIC_BOMB": ASSAULT, "CHEM_WEAP": ASSAULT, "REM_EXPLOS": ASSAULT, "MOB_VIOL": ASSAULT,
    "SEX_VIOL": ASSAULT, "PROPERTY_DISTRUCT": ASSAULT,
    "ABDUCT_DISSAP": frozenset({"ASSAULT", "COERCE"}),
    "GOV_REGAINS_TERIT": frozenset({"ASSAULT", "COERCE", "RETREAT"}),
    "NON_STATE_ACTOR_OVERTAKES_TER": frozenset({"ASSAULT", "COERCE", "RETREAT"}),
    "ARREST": frozenset({"COERCE"}), "DISR_WEAP": frozenset({"COERCE"}),
    "FORCE_AGAINST_PROTEST": frozenset({"COERCE", "ASSAULT"}),
    "PEACE_PROTEST": frozenset({"PROTEST"}), "VIOL_DEMONSTR": frozenset({"PROTEST"}),
    "PROTEST_WITH_INTER": frozenset({"PROTEST", "COERCE"}),
    "AGREEMENT": frozenset({"AGREE"}),
    "NON_VIOL_TERRIT_TRANSFER": frozenset({"RETREAT", "CONCEDE", "COERCE"}),
    "CHANGE_TO_GROUP_ACT": frozenset({"MOBILIZE", "RETREAT", "COOPERATE"}),
    "HQ_ESTABLISHED": frozenset({"MOBILIZE"}),
    "ATTRIB": frozenset({"ACCUSE", "ASSAULT"}),
    "DIPLO": frozenset({"SANCTION", "ACCUSE", "THREATEN", "REQUEST", "REJECT", "CONSULT", "AGREE", "SUPPORT",
                        "COOPERATE", "AID", "CONCEDE", "RETREAT"}),
}
NON_EVENTS = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "OTHER"})


@dataclass(frozen=True, slots=True)
class CaseScore:
    found: Counter[str] = field(default_factory=Counter)  # by CASE type
    total: Counter[str] = field(default_factory=Counter)
    alarms: Counter[str] = field(default_factory=Counter)  # non-event snippets with an event, by type
    empty: Counter[str] = field(default_factory=Counter)  # non-event snippets, by type
    misses: tuple[str, ...] = ()

    @property
    def recall(self) -> float:
        return sum(self.found.values()) / max(1, sum(self.total.values()))

    @property
    def false_alarm_rate(self) -> float:
        return sum(self.alarms.values()) / max(1, sum(self.empty.values()))

    def by_family(self) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = {}
        for kind, n in self.total.items():
            key = "/".join(sorted(FAMILIES[kind])) if len(FAMILIES[kind]) <= 3 else "diplomatic types"
            row = out.setdefault(key, [0, 0])
            row[0] += self.found[kind]
            row[1] += n
        return {k: (v[0], v[1]) for k, v in sorted(out.items())}


def snippets() -> list[tuple[str, str, str]]:
    path = shared_dir() / "data" / "case2021-task2" / "test_set_final_release_with_labels.tsv"
    with path.open(encoding="utf-8") as f:
        return [(r["id"], r["EventSnippet"], r["SubType"]) for r in csv.DictReader(f, delimiter="\t")
                if r.get("EventSnippet", "").strip()]


def score_case(limit: int | None = None) -> CaseScore:
    rows = snippets()[:limit] if limit else snippets()
    docs = run([article_from_text(text, f"case-{ident}") for ident, text, _ in rows])
    score = CaseScore()
    misses = []
    for (ident, text, kind), doc in zip(rows, docs, strict=True):
        types = {e.plover for e in doc.events}
        if kind in NON_EVENTS:
            score.empty[kind] += 1
            if types:
                score.alarms[kind] += 1
                misses.append(f"FALSE ALARM {ident} {kind}: {'/'.join(sorted(types))}: {text[:90]}")
        elif kind in FAMILIES:
            score.total[kind] += 1
            if types & FAMILIES[kind]:
                score.found[kind] += 1
            else:
                misses.append(f"MISS {ident} {kind}: got {'/'.join(sorted(types)) or '-'}: {text[:90]}")
    return CaseScore(score.found, score.total, score.alarms, score.empty, tuple(misses))

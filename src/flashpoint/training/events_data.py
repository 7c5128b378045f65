"""The events model's training sentences, from every source in ``train/events/manifest.toml``, in one shape.

Each source becomes :class:`Labelled` sentences: the text and its events, each with the PLOVER
type(s), CAMEO root(s), modality(ies), and where the source has them the character spans of the
trigger, the source actor and the target actor, and their countries. Nothing is copied: the
shared data is read in place from ``../shared/data``.

Sources:

* ``written``   - ``train/events/written/*.jsonl``, our own sentences (triggers and roles);
* ``written-roles`` - ``train/events/written/roles/*.jsonl``, our own sentences for the roles network
  alone (:func:`written_roles`);
* ``conflibert`` - the ConfliBERT CAMEO sentences of the ``train`` split with our PLOVER labels
  (``conflibert-cameo/plover_labels.jsonl``; roles as actor texts, no triggers);
* ``ngec``      - the first sentence of each NGEC synthetic story, with the story's PLOVER type
  (no roles, no triggers; single-label, so only its trigger is a positive example);
* ``news``      - real news sentences of the geoparsing corpora outside the development set,
  every sentence of each labelled article, labelled by us (``train/events/news/*.jsonl``; the
  texts are read from ``../shared/data`` through :mod:`.news`).

The ConfliBERT ``test`` split, the PLOVER gold records, the CAMEO codebook examples (the same
sentences as the PLOVER gold records), CASE 2021, PETR-2 and the development articles are
evaluation data and are never read here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..eval.runner import shared_dir

REPO = Path(__file__).resolve().parents[3]
WRITTEN = REPO / "train" / "events" / "written"
WRITTEN_ROLES = WRITTEN / "roles"
NEWS = REPO / "train" / "events" / "news"


@dataclass(frozen=True, slots=True)
class LabelledEvent:
    plover: tuple[str, ...]
    roots: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    trigger: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    source_country: tuple[str, ...] = ()
    target_country: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Labelled:
    id: str
    corpus: str
    text: str
    events: tuple[LabelledEvent, ...]
    roles: bool  # the source marks actor spans
    exhaustive: bool  # every event of the sentence is labelled (its other candidates are negatives)
    tags: tuple[str, ...] = field(default=())


def _span(text: str, phrase: str, nth: int = 1) -> tuple[int, int] | None:
    if not phrase:
        return None
    found = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text)]
    if not found:
        start = text.find(phrase)
        return (start, start + len(phrase)) if start >= 0 else None
    start = found[min(nth, len(found)) - 1]
    return start, start + len(phrase)


def _codes(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(str(v) for v in value if v)


def _events(text: str, rec: dict) -> tuple[LabelledEvent, ...]:
    events = []
    for ev in rec.get("events") or []:
        events.append(LabelledEvent(
            plover=(ev["plover"],),
            roots=_codes(ev.get("cameo_root")),
            modality=_codes(ev.get("modality")),
            trigger=_span(text, ev["trigger"], int(ev.get("trigger_n", 1))),
            source=_span(text, ev.get("source_text") or ""),
            target=_span(text, ev.get("target_text") or ""),
            source_country=_codes(ev.get("source")),
            target_country=_codes(ev.get("target")),
        ))
    return tuple(events)


def news(folder: Path = NEWS) -> Iterator[Labelled]:
    from .news import sentences, sha

    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            try:
                found = {sha(t): t for t in sentences(rec["corpus"], str(rec["article"]))}
            except KeyError:
                continue
            text = found.get(rec.get("sha1", ""))
            if not text:
                continue  # the sentence changed since it was labelled (cleaning moved it): skip, never guess
            ident = f"news-{rec['corpus']}-{rec['article']}-{rec['sentence']}"
            yield Labelled(ident, "news", text, _events(text, rec), roles=True, exhaustive=True,
                           tags=tuple(rec.get("tags") or ()))


def written(folder: Path = WRITTEN, corpus: str = "written") -> Iterator[Labelled]:
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec["text"]
            events = []
            for ev in rec.get("events") or []:
                events.append(LabelledEvent(
                    plover=(ev["plover"],),
                    roots=_codes(ev.get("cameo_root")),
                    modality=_codes(ev.get("modality")),
                    trigger=_span(text, ev["trigger"], int(ev.get("trigger_n", 1))),
                    source=_span(text, ev.get("source_text") or ""),
                    target=_span(text, ev.get("target_text") or ""),
                    source_country=_codes(ev.get("source")),
                    target_country=_codes(ev.get("target")),
                ))
            yield Labelled(rec["id"], corpus, text, tuple(events), roles=True, exhaustive=True,
                           tags=tuple(rec.get("tags") or ()))


def written_roles(folder: Path = WRITTEN_ROLES) -> list[Labelled]:
    """Our own sentences for the roles network alone (``train/events/written/roles/*.jsonl``, same
    format as ``written``): constructions where the side of an actor is easy to get wrong (a place
    after "in", a speaker, a passive agent, a possessor, the object of "against"/"on"/"with", a
    nominal event, an actor far from its verb). The trigger networks never see them, so adding one
    leaves the trigger networks as they were."""
    return list(written(folder, corpus="written-roles"))


def conflibert(split: str = "train") -> Iterator[Labelled]:
    base = shared_dir() / "data" / "conflibert-cameo"
    lines = (base / f"cameo_class_{split}.tsv").read_text(encoding="utf-8").split("\n")
    for raw in (base / "plover_labels.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(raw)
        if rec["split"] != split:
            continue
        text = lines[rec["line"]].rsplit("\t", 1)[0]
        if hashlib.sha1(text.encode("utf-8")).hexdigest()[:12] != rec["sha1"]:
            continue  # misaligned line: skip rather than learn from the wrong sentence
        events = tuple(LabelledEvent(
            plover=tuple(ev["plover"]),
            roots=tuple(ev.get("cameo_root") or ()),
            modality=tuple(ev.get("modality") or ()),
            source=_span(text, ev.get("source_text") or ""),
            target=_span(text, ev.get("target_text") or ""),
            source_country=tuple(ev.get("source") or ()),
            target_country=tuple(ev.get("target") or ()),
        ) for ev in rec["events"])
        yield Labelled(f"conflibert-{split}-{rec['line']}", "conflibert", text, events, roles=True, exhaustive=True)


OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def ngec(limit: int | None = None) -> Iterator[Labelled]:
    path = shared_dir() / "data" / "ngec-plover-assets" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    with zipfile.ZipFile(path) as z:
        name = z.namelist()[0]
        text = z.read(name).decode("utf-8", errors="replace")
    count = 0
    for n, row in enumerate(csv.DictReader(io.StringIO(text))):
        body = (row.get("text") or "").strip()
        label = OLD_TYPES.get(row.get("label") or "", row.get("label") or "")
        if not body or not label or "{" in body[:400]:
            continue
        first = SENTENCE_END.split(body.split("\n", 1)[0], maxsplit=1)[0].strip()
        if not 30 <= len(first) <= 400:
            continue
        yield Labelled(f"ngec-{n}", "ngec", first, (LabelledEvent(plover=(label,)),), roles=False, exhaustive=False)
        count += 1
        if limit is not None and count >= limit:
            break


def all_sources(ngec_limit: int | None = None) -> list[Labelled]:
    return [*written(), *news(), *conflibert("train"), *ngec(ngec_limit)]

"""``make train-events``: build the events model from the sources of ``train/events/manifest.toml``.

usage: python -m flashpoint.training.events [--config train/events/config.toml] [--out DIR] [--quick]

Steps, all with fixed seeds:

1. every training sentence (:mod:`.events_data`) goes through flashpoint's own NLP and actors
   stages and is parsed, exactly as an article sentence is at run time;
2. its labelled events are tied to candidate triggers (:func:`align`): the labelled trigger where
   the source marks one; otherwise the candidate that best fits the labelled type (the Phoenix verb
   dictionary's root, the hand lexicon, closeness to the words that carry that type in our own
   sentences) and governs the labelled actors;
3. the trigger network learns type, CAMEO root and modality per candidate; the roles network learns,
   per (trigger, actor mention), source / target / neither;
4. the weights, their feature names, the metrics on a held-out tenth of the training sentences and
   the model card go into ``src/flashpoint/models/events/``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Settings
from ..records import Article, Doc
from ..stages.events.learned.features import (
    SPEECH,
    SentenceView,
    candidates,
    dense_width,
    pair_sparse,
    trigger_dense,
    trigger_sparse,
)
from ..stages.events.learned.labels import MODALITIES, ROOTS, TYPES, lexicon_types, root_types
from ..stages.events.learned.net import Net
from ..stages.events.learned.phoenix import load_phoenix
from ..stages.events.learned.vectors import load_vectors
from .events_data import Labelled, all_sources
from .net import FitConfig, HeadData, fit

REPO = Path(__file__).resolve().parents[3]
CONFIG = REPO / "train" / "events" / "config.toml"
OUT = REPO / "src" / "flashpoint" / "models" / "events"
ROLES = ("none", "source", "target")


@dataclass
class Prepared:
    item: Labelled
    view: SentenceView
    cands: list[int]
    aligned: dict[int, list[int]] = field(default_factory=dict)  # candidate -> labelled event indexes


def prepare(items: list[Labelled], log: Any = None) -> list[Prepared]:
    from ..stages.actors import ActorsStage
    from ..stages.nlp import NLPStage, parse_sentences

    settings = Settings()
    nlp_stage, actors_stage = NLPStage(settings), ActorsStage(settings)
    out = []
    for n, item in enumerate(items):
        doc = Doc(article=Article(key=item.id, doc=item.id, text=item.text))
        doc = actors_stage(nlp_stage(doc))
        parsed = parse_sentences(doc.nlp, [(0, len(item.text))])[0]
        if parsed is None:
            continue
        base = doc.nlp.char_span(0, len(item.text), alignment_mode="expand").start_char
        view = SentenceView.build(parsed, base, list(enumerate(doc.mentions)))
        out.append(Prepared(item, view, candidates(view)))
        if log and n % 1000 == 999:
            log(f"  parsed {n + 1}/{len(items)}")
    return out


def _token_span(view: SentenceView, span: tuple[int, int]) -> list[int]:
    return [t.i for t in view.sdoc if view.base + t.idx < span[1] and view.base + t.idx + len(t.text) > span[0]]


def _head_of(view: SentenceView, toks: list[int]) -> int | None:
    inside = set(toks)
    for i in toks:
        if view.sdoc[i].head.i not in inside or view.sdoc[i].head.i == i:
            return i
    return toks[-1] if toks else None


def prototypes(prepared: list[Prepared]) -> dict[str, np.ndarray]:
    """The mean vector of the labelled trigger lemmas of each type, from sentences that mark triggers."""
    vectors = load_vectors()
    sums: dict[str, list[np.ndarray]] = defaultdict(list)
    for p in prepared:
        for ev in p.item.events:
            if ev.trigger is None:
                continue
            toks = [i for i in _token_span(p.view, ev.trigger) if i in p.cands]
            for i in toks[:1]:
                sums[ev.plover[0]].append(vectors.word(p.view.sdoc[i].lemma_.lower()))
    out = {}
    for t, vs in sums.items():
        v = np.mean(vs, axis=0)
        out[t] = v / (np.linalg.norm(v) + 1e-9)
    return out


def align(p: Prepared, protos: dict[str, np.ndarray], types_of_root: dict[str, set[str]]) -> None:
    """Tie each labelled event of ``p`` to a candidate trigger (or to none)."""
    vectors, phoenix, lex = load_vectors(), load_phoenix(), lexicon_types()
    sdoc = p.view.sdoc
    for e, ev in enumerate(p.item.events):
        if ev.trigger is not None:
            toks = _token_span(p.view, ev.trigger)
            hits = [i for i in toks if i in p.cands]
            if hits:
                head = _head_of(p.view, hits)
                p.aligned.setdefault(head if head is not None else hits[0], []).append(e)
            continue
        src = _head_of(p.view, _token_span(p.view, ev.source)) if ev.source else None
        tgt = _head_of(p.view, _token_span(p.view, ev.target)) if ev.target else None
        best, best_score = None, 2.5
        for i in p.cands:
            tok = sdoc[i]
            lemma = tok.lemma_.lower()
            score = 0.0
            roots = {phoenix.default_root(lemma)} - {None}
            if roots and any(ev_t in types_of_root.get(r or "", ()) for r in roots for ev_t in ev.plover):
                score += 2.0
            if any(t in lex.get(lemma, ()) for t in ev.plover):
                score += 2.0
            proto = protos.get(ev.plover[0])
            if proto is not None:
                v = vectors.word(lemma)
                score += 3.0 * float(v @ proto / (np.linalg.norm(v) + 1e-9))
            ancestors = set()
            for t in (sdoc[tgt] if tgt is not None else None, sdoc[src] if src is not None else None):
                if t is not None:
                    ancestors.add(tuple(a.i for a in t.ancestors))
            if tgt is not None and i in {a.i for a in sdoc[tgt].ancestors}:
                score += 1.5
            if src is not None and i in {a.i for a in sdoc[src].ancestors}:
                score += 1.0
            if tok.pos_ == "VERB":
                score += 0.3
            if lemma in SPEECH and not set(ev.plover) & {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT"}:
                score -= 3.0
            if score > best_score:
                best, best_score = i, score
        if best is not None:
            p.aligned.setdefault(best, []).append(e)


def _soft(values: list[str], labels: list[str]) -> np.ndarray | None:
    known = [labels.index(v) for v in values if v in labels]
    if not known:
        return None
    row = np.zeros(len(labels), dtype=np.float32)
    for k in known:
        row[k] += 1.0 / len(known)
    return row


def trigger_examples(prepared: list[Prepared], corpus_weight: dict[str, float]) -> tuple[np.ndarray, list[list[str]], dict[str, tuple[list[str], HeadData]], np.ndarray, list[str]]:
    vectors, phoenix, lex = load_vectors(), load_phoenix(), lexicon_types()
    dense_rows, rows, weights, groups = [], [], [], []
    type_t, type_m, root_t, root_m, mod_t, mod_m = [], [], [], [], [], []
    for p in prepared:
        keep = [i for i in p.cands if p.item.exhaustive or i in p.aligned]
        if not keep:
            continue
        dense_rows.append(trigger_dense(p.view, keep, vectors))
        for i in keep:
            rows.append(trigger_sparse(p.view, i, phoenix, lex))
            events = [p.item.events[e] for e in p.aligned.get(i, [])]
            types = [t for ev in events for t in ev.plover] or ["NONE"]
            type_t.append(_soft(types, TYPES))
            type_m.append(True)
            roots = [r for ev in events for r in ev.roots]
            soft = _soft(roots, ROOTS) if roots else None
            root_t.append(soft if soft is not None else np.zeros(len(ROOTS), dtype=np.float32))
            root_m.append(soft is not None)
            mods = [m for ev in events for m in ev.modality]
            soft = _soft(mods, MODALITIES) if mods else None
            mod_t.append(soft if soft is not None else np.zeros(len(MODALITIES), dtype=np.float32))
            mod_m.append(soft is not None)
            weights.append(corpus_weight.get(p.item.corpus, 1.0))
            groups.append(p.item.id)
    heads = {
        "type": (TYPES, HeadData(np.stack(type_t), np.asarray(type_m))),
        "root": (ROOTS, HeadData(np.stack(root_t), np.asarray(root_m), 0.5)),
        "modality": (list(MODALITIES), HeadData(np.stack(mod_t), np.asarray(mod_m), 0.5)),
    }
    return np.concatenate(dense_rows), rows, heads, np.asarray(weights, dtype=np.float32), groups


def role_examples(prepared: list[Prepared]) -> tuple[list[list[str]], np.ndarray, list[str]]:
    rows, labels, groups = [], [], []
    for p in prepared:
        if not p.item.roles:
            continue
        for i, evs in p.aligned.items():
            for e in evs:
                ev = p.item.events[e]
                if ev.source is None and ev.target is None:
                    continue
                for slot in p.view.actors:
                    start, end = slot.mention.start, slot.mention.end
                    label = 0
                    if ev.source and start < ev.source[1] and end > ev.source[0]:
                        label = 1
                    elif ev.target and start < ev.target[1] and end > ev.target[0]:
                        label = 2
                    rows.append(pair_sparse(p.view, i, slot, ev.plover[0]))
                    labels.append(label)
                    groups.append(p.item.id)
    return rows, np.asarray(labels), groups


def held_out(group: str, tenth: int = 0) -> bool:
    return int(hashlib.sha1(group.encode()).hexdigest()[:8], 16) % 10 == tenth


def _subset(mask: np.ndarray, dense: np.ndarray, rows: list, heads: dict, weights: np.ndarray) -> tuple:
    idx = np.flatnonzero(mask)
    return (dense[idx], [rows[i] for i in idx],
            {h: (labels, HeadData(d.targets[idx], d.mask[idx], d.weight)) for h, (labels, d) in heads.items()},
            weights[idx])


def trigger_metrics(net: Net, dense: np.ndarray, rows: list, heads: dict) -> dict[str, float]:
    probs = net.predict(dense, rows)
    gold = heads["type"][1].targets.argmax(axis=1)
    pred = probs["type"].argmax(axis=1)
    tp = int(((pred == gold) & (gold != 0)).sum())
    n_pred = int((pred != 0).sum())
    n_gold = int((gold != 0).sum())
    detected = int(((pred != 0) & (gold != 0)).sum())
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    rm = heads["root"][1].mask
    root_acc = float((probs["root"][rm].argmax(1) == heads["root"][1].targets[rm].argmax(1)).mean()) if rm.any() else 0.0
    mm = heads["modality"][1].mask
    mod_ok = float((heads["modality"][1].targets[mm][np.arange(mm.sum()), probs["modality"][mm].argmax(1)] > 0).mean()) if mm.any() else 0.0
    return {"trigger_typed_precision": round(p, 3), "trigger_typed_recall": round(r, 3),
            "trigger_typed_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "trigger_detection_recall": round(detected / n_gold, 3) if n_gold else 0.0,
            "root_accuracy": round(root_acc, 3), "modality_accepted": round(mod_ok, 3),
            "candidates": len(rows), "triggers": n_gold}


def role_metrics(net: Net, rows: list, labels: np.ndarray) -> dict[str, float]:
    probs = net.predict(np.zeros((len(rows), 1), dtype=np.float32), rows)["role"]
    pred = probs.argmax(axis=1)
    out = {}
    for k, name in ((1, "source"), (2, "target")):
        tp = int(((pred == k) & (labels == k)).sum())
        p = tp / max(1, int((pred == k).sum()))
        r = tp / max(1, int((labels == k).sum()))
        out[f"{name}_f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    out["pairs"] = len(rows)
    return out


def train(config_path: Path = CONFIG, out: Path = OUT, quick: bool = False, log: Any = print) -> dict[str, Any]:
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    data_cfg = config["data"]
    items = all_sources(ngec_limit=data_cfg.get("ngec_limit"))
    if quick:
        items = [it for n, it in enumerate(items) if n % 20 == 0]
    log(f"{len(items)} training sentences: {dict(Counter(it.corpus for it in items))}")
    prepared = prepare(items, log)
    protos = prototypes(prepared)
    types_of_root = root_types()
    for p in prepared:
        align(p, protos, types_of_root)
    aligned = Counter(p.item.corpus for p in prepared for evs in p.aligned.values() for _ in evs)
    labelled = Counter(p.item.corpus for p in prepared for _ in p.item.events)
    log(f"aligned triggers {dict(aligned)} of labelled events {dict(labelled)} ({time.perf_counter() - t0:.0f} s)")
    weights = {k: float(v) for k, v in data_cfg.get("weights", {}).items()}
    dense, rows, heads, sample_w, groups = trigger_examples(prepared, weights)
    role_rows, role_labels, role_groups = role_examples(prepared)
    tcfg = FitConfig(**config["trigger"])
    rcfg = FitConfig(**config["roles"])
    test = np.asarray([held_out(g) for g in groups])
    role_test = np.asarray([held_out(g) for g in role_groups])
    metrics: dict[str, Any] = {}
    # held-out tenth of the training sentences, then the final model on everything
    d_tr, r_tr, h_tr, w_tr = _subset(~test, dense, rows, heads, sample_w)
    d_te, r_te, h_te, _ = _subset(test, dense, rows, heads, sample_w)
    net = fit(d_tr, r_tr, h_tr, tcfg, sample_weight=w_tr)
    metrics["trigger_held_out"] = trigger_metrics(net, d_te, r_te, h_te)
    role_heads = {"role": (list(ROLES), HeadData(np.eye(3, dtype=np.float32)[role_labels], np.ones(len(role_labels), bool)))}
    zeros = np.zeros((len(role_rows), 1), dtype=np.float32)
    rr_tr = [role_rows[i] for i in np.flatnonzero(~role_test)]
    rr_te = [role_rows[i] for i in np.flatnonzero(role_test)]
    rnet = fit(zeros[~role_test], rr_tr,
               {"role": (list(ROLES), HeadData(role_heads["role"][1].targets[~role_test], role_heads["role"][1].mask[~role_test]))},
               rcfg)
    metrics["roles_held_out"] = role_metrics(rnet, rr_te, role_labels[role_test])
    log(f"held-out tenth: {metrics} ({time.perf_counter() - t0:.0f} s)")
    net = fit(dense, rows, heads, tcfg, sample_weight=sample_w)
    rnet = fit(zeros, role_rows, role_heads, rcfg)
    out.mkdir(parents=True, exist_ok=True)
    meta = {"trained": time.strftime("%Y-%m-%d"), "sentences": dict(Counter(p.item.corpus for p in prepared)),
            "aligned_events": dict(aligned), "labelled_events": dict(labelled), "quick": quick,
            "dense_width": dense_width(load_vectors()), "metrics": metrics}
    net.save(out / "triggers.npz", meta)
    rnet.save(out / "roles.npz", {"trained": meta["trained"], "pairs": len(role_rows)})
    (out / "metrics.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    log(f"wrote {out} ({time.perf_counter() - t0:.0f} s)")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flashpoint.training.events", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--quick", action="store_true", help="a twentieth of the data (smoke test)")
    args = parser.parse_args(argv)
    train(args.config, args.out, args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())

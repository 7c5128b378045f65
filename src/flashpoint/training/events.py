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
import dataclasses
import hashlib
import json
import sys
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..config import Settings
from ..records import Article, Doc
from ..stages.events.learned import flat
from ..stages.events.learned.features import SPEECH, SentenceView, pair_dense, pair_dense_width, pair_sparse
from ..stages.events.learned.labels import MODALITIES, ROOTS, TYPES, lexicon_types, root_types
from ..stages.events.learned.model import LEXICON_TABLE, average
from ..stages.events.learned.net import Net
from ..stages.events.learned.phoenix import load_phoenix
from ..stages.events.learned.vectors import load_vectors
from .events_data import Labelled, all_sources, written_roles
from .net import FitConfig, HeadData, fit

REPO = Path(__file__).resolve().parents[3]
CONFIG = REPO / "train" / "events" / "config.toml"
OUT = REPO / "src" / "flashpoint" / "models" / "events"
ROLES = ("none", "source", "target")
PURE_SPEECH = frozenset({"say", "tell", "add", "state", "note", "report", "write", "quote", "explain", "comment",
                         "announce", "declare", "mention", "reply", "respond"})


@dataclass
class Prepared:
    item: Labelled
    view: SentenceView  # the parse, for roles and for tying labels to words
    flat: flat.FlatSentence  # the tagged text, for triggers
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
        mentions = list(enumerate(doc.mentions))
        flat_sent = flat.flat_sentence(doc.nlp, 0, len(item.text), mentions)
        parsed = parse_sentences(doc.nlp, [(0, len(item.text))])[0]
        if parsed is None or flat_sent is None or len(parsed) != len(flat_sent):
            continue
        base = doc.nlp.char_span(0, len(item.text), alignment_mode="expand").start_char
        view = SentenceView.build(parsed, base, mentions)
        out.append(Prepared(item, view, flat_sent, flat.candidates(flat_sent)))
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
                sums[ev.plover[0]].append(vectors.word(p.flat.lemma[i]))
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
            lemma = p.flat.lemma[i]
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
            if tgt is not None and i in {a.i for a in sdoc[tgt].ancestors}:
                score += 1.5
            if src is not None and i in {a.i for a in sdoc[src].ancestors}:
                score += 1.0
            if p.flat.tag[i].startswith("VB"):
                score += 0.3
            if lemma in PURE_SPEECH:
                continue  # "said", "told": the words of a report, never the event it reports
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
        dense_rows.append(flat.trigger_dense(p.flat, keep, vectors))
        for i in keep:
            rows.append(flat.trigger_sparse(p.flat, i, phoenix, lex))
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


def example_weights(rows: list[list[str]], heads: dict, sample_w: np.ndarray, cfg: dict[str, float]) -> np.ndarray:
    """Weights for the trigger examples beyond each source's own.

    Annotators miss events (a writer labelling threats skips the accusation in the same
    sentence), so a candidate labelled "no event" whose word is usually an event elsewhere is
    weak evidence: its weight shrinks with its word's rate of being labelled an event, down to
    ``none_floor``. Events are rarer than non-events among candidates: they weigh ``pos_weight``.
    """
    gold = heads["type"][1].targets.argmax(axis=1)
    lemmas = [next((f[2:] for f in row if f.startswith("l:")), "") for row in rows]
    seen: Counter[str] = Counter(lemmas)
    positive: Counter[str] = Counter(lem for lem, g in zip(lemmas, gold, strict=True) if g != 0)
    rate = np.asarray([positive[lem] / seen[lem] for lem in lemmas], dtype=np.float32)
    floor = float(cfg.get("none_floor", 1.0))
    none_w = np.maximum(floor, 1.0 - rate)
    return sample_w * np.where(gold != 0, float(cfg.get("pos_weight", 1.0)), none_w)


def role_examples(prepared: list[Prepared]) -> tuple[np.ndarray, list[list[str]], np.ndarray, list[str]]:
    vectors = load_vectors()
    dense: list[np.ndarray] = []
    rows, labels, groups = [], [], []
    for p in prepared:
        if not p.item.roles:
            continue
        for i, evs in p.aligned.items():
            for e in evs:
                ev = p.item.events[e]
                if ev.source is None and ev.target is None:
                    continue
                if p.view.actors:
                    dense.append(pair_dense(p.view, i, p.view.actors, vectors))
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
    return (np.concatenate(dense) if dense else np.zeros((0, pair_dense_width(vectors)), np.float32)), rows, np.asarray(labels), groups


def held_out(group: str, tenth: int = 0) -> bool:
    """A tenth of the training sentences, by a hash of their id (a news sentence's article as a whole)."""
    if group.startswith("news-"):
        group = group.rsplit("-", 1)[0]
    return int(hashlib.sha1(group.encode()).hexdigest()[:8], 16) % 10 == tenth


def _subset(mask: np.ndarray, dense: np.ndarray, rows: list, heads: dict, weights: np.ndarray) -> tuple:
    idx = np.flatnonzero(mask)
    return (dense[idx], [rows[i] for i in idx],
            {h: (labels, HeadData(d.targets[idx], d.mask[idx], d.weight)) for h, (labels, d) in heads.items()},
            weights[idx])


def trigger_metrics(nets: Sequence[Net], dense: np.ndarray, rows: list, heads: dict) -> dict[str, float]:
    probs = average([net.predict(dense, rows) for net in nets])
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


def role_metrics(nets: Sequence[Net], dense: np.ndarray, rows: list, labels: np.ndarray) -> dict[str, float]:
    probs = average([net.predict(dense, rows) for net in nets])["role"]
    pred = probs.argmax(axis=1)
    out = {}
    for k, name in ((1, "source"), (2, "target")):
        tp = int(((pred == k) & (labels == k)).sum())
        p = tp / max(1, int((pred == k).sum()))
        r = tp / max(1, int((labels == k).sum()))
        out[f"{name}_f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
    out["pairs"] = len(rows)
    return out


def examples(config: dict[str, Any], quick: bool, log: Any, sample: int | None = None) -> dict[str, Any]:
    """Parse, align and featurise every training sentence (the slow part: a few minutes)."""
    t0 = time.perf_counter()
    data_cfg = config["data"]
    items = all_sources(ngec_limit=data_cfg.get("ngec_limit"))
    if quick:
        items = [it for n, it in enumerate(items) if n % 20 == 0]
    if sample:
        step = max(1, len(items) // sample)
        items = items[::step][:sample]
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
    # sentences written for the roles alone join after the trigger examples are made: the trigger
    # networks, their vocabulary and their prototypes do not see them
    roles_only = prepare(written_roles(), log) if data_cfg.get("written_roles", True) else []
    for p in roles_only:
        align(p, protos, types_of_root)
    role_dense, role_rows, role_labels, role_groups = role_examples(prepared + roles_only)
    corpora = [g.split("-")[0] if not g.startswith(("wa-", "wb-", "wc-")) else "written" for g in groups]
    vocabulary = sorted({p.flat.lemma[i] for p in prepared for i in p.aligned}
                        | {p.flat.lower[i] for p in prepared for i in p.aligned})
    return {"dense": dense, "rows": rows, "heads": heads, "sample_w": sample_w, "groups": groups, "corpora": corpora,
            "role_dense": role_dense, "role_rows": role_rows, "role_labels": role_labels, "role_groups": role_groups,
            "vocabulary": vocabulary, "aligned": dict(aligned), "labelled": dict(labelled),
            "sentences": dict(Counter(p.item.corpus for p in prepared)),
            "role_sentences": dict(Counter(p.item.corpus for p in roles_only)),
            "role_events": dict(Counter(p.item.corpus for p in roles_only for _ in p.item.events))}


def train(config_path: Path = CONFIG, out: Path = OUT, quick: bool = False, log: Any = print,
          cache: Path | None = None, sample: int | None = None) -> dict[str, Any]:
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    if cache is not None and cache.exists():
        import pickle

        ex = pickle.loads(cache.read_bytes())
        log(f"examples from {cache}")
    else:
        ex = examples(config, quick, log, sample)
        ex["lexicon_types"] = lexicon_types()  # the table the features were read with, kept with a cached featurisation
        if cache is not None:
            import pickle

            cache.write_bytes(pickle.dumps(ex))
    dense, rows, heads, sample_w, groups = ex["dense"], ex["rows"], ex["heads"], ex["sample_w"], ex["groups"]
    aligned, labelled = ex["aligned"], ex["labelled"]
    # corpus weights from this recipe, not from the cache (a cached featurisation serves every recipe)
    corpus_weight = {k: float(v) for k, v in config.get("data", {}).get("weights", {}).items()}
    sample_w = np.asarray([corpus_weight.get(c, 1.0) for c in ex["corpora"]], dtype=np.float32)
    tcfg = FitConfig(**config["trigger"])
    # the trigger network is trained once per seed; run time averages the members' probabilities
    seeds = [int(s) for s in config.get("ensemble", {}).get("trigger_seeds", [tcfg.seed])]
    members = [dataclasses.replace(tcfg, seed=s) for s in seeds]
    role_members = _role_members(config)
    sample_w = example_weights(rows, heads, sample_w, config.get("trigger_weights", {}))
    test = np.asarray([held_out(g) for g in groups])
    metrics: dict[str, Any] = {}
    # held-out tenth of the training sentences, then the final model on everything
    d_tr, r_tr, h_tr, w_tr = _subset(~test, dense, rows, heads, sample_w)
    d_te, r_te, h_te, _ = _subset(test, dense, rows, heads, sample_w)
    nets = [fit(d_tr, r_tr, h_tr, cfg, sample_weight=w_tr) for cfg in members]
    metrics["trigger_held_out"] = trigger_metrics(nets, d_te, r_te, h_te)
    # real news alone: what the model is for, and where it generalises least
    news = np.asarray([g.startswith("news-") for g in groups])
    if (test & news).any():
        metrics["trigger_held_out_news"] = trigger_metrics(nets, *_subset(test & news, dense, rows, heads, sample_w)[:3])
    if len(nets) > 1:
        metrics["trigger_held_out_members_f1"] = [trigger_metrics([n], d_te, r_te, h_te)["trigger_typed_f1"] for n in nets]
    metrics.update(roles_held_out(ex, role_members))
    log(f"held-out tenth: {metrics} ({time.perf_counter() - t0:.0f} s)")
    nets = [fit(dense, rows, heads, cfg, sample_weight=sample_w) for cfg in members]
    net = nets[0]
    rnets = roles_final(ex, role_members)
    rnet = rnets[0]
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("triggers-*.*"):
        stale.unlink()
    (out / "trigger_words.txt").write_text("\n".join(ex["vocabulary"]) + "\n", encoding="utf-8")
    # the lexicon's types the features were read with: the model reads these, not the lexicon as it is later
    table = sorted((ex.get("lexicon_types") or lexicon_types()).items())  # (a cache made before the table: the lexicon now)
    (out / LEXICON_TABLE).write_text("{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(list(v))}" for k, v in table)
                                     + "\n}\n", encoding="utf-8")
    meta = {"trained": time.strftime("%Y-%m-%d"), "sentences": ex["sentences"], "role_sentences": ex.get("role_sentences", {}),
            "role_events": ex.get("role_events", {}),
            "aligned_events": dict(aligned), "labelled_events": dict(labelled), "quick": quick,
            "dense_width": flat.dense_width(load_vectors()), "metrics": metrics}
    meta["trigger_seeds"] = seeds
    meta["role_seeds"] = [cfg.seed for cfg in role_members]
    net.save(out / "triggers.npz", meta)
    for cfg, member in zip(members[1:], nets[1:], strict=True):
        member.save(out / f"triggers-{cfg.seed}.npz", {"trained": meta["trained"], "seed": cfg.seed})
    save_roles(out, rnets, role_members, meta["trained"], len(ex["role_rows"]))
    (out / "metrics.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    write_card(out, meta, config, net, rnet)
    log(f"wrote {out} ({time.perf_counter() - t0:.0f} s)")
    return meta


def _role_members(config: dict[str, Any]) -> list[FitConfig]:
    """The roles network is trained once per seed (the first is [roles] seed's, roles.npz); run time averages them."""
    rcfg = FitConfig(**config["roles"])
    return [dataclasses.replace(rcfg, seed=int(s)) for s in config.get("ensemble", {}).get("role_seeds", [rcfg.seed])]


def roles_held_out(ex: dict[str, Any], role_members: Sequence[FitConfig]) -> dict[str, Any]:
    """The roles ensemble trained without the held-out tenth, scored on it."""
    role_dense, role_rows, role_labels = ex["role_dense"], ex["role_rows"], ex["role_labels"]
    # the sentences written for the roles alone always train (the held-out tenth stays the same sentences)
    role_test = np.asarray([held_out(g) and not g.startswith("wr-") for g in ex["role_groups"]])
    targets = np.eye(3, dtype=np.float32)[role_labels]
    rr_tr = [role_rows[i] for i in np.flatnonzero(~role_test)]
    rr_te = [role_rows[i] for i in np.flatnonzero(role_test)]
    role_train = {"role": (list(ROLES), HeadData(targets[~role_test], np.ones(int((~role_test).sum()), bool)))}
    rnets = [fit(role_dense[~role_test], rr_tr, role_train, cfg) for cfg in role_members]
    metrics: dict[str, Any] = {"roles_held_out": role_metrics(rnets, role_dense[role_test], rr_te, role_labels[role_test])}
    if len(rnets) > 1:
        metrics["roles_held_out_members"] = [role_metrics([n], role_dense[role_test], rr_te, role_labels[role_test])
                                             for n in rnets]
    return metrics


def roles_final(ex: dict[str, Any], role_members: Sequence[FitConfig]) -> list[Net]:
    """The shipped roles ensemble: every pair, one network per seed."""
    labels = ex["role_labels"]
    heads = {"role": (list(ROLES), HeadData(np.eye(3, dtype=np.float32)[labels], np.ones(len(labels), bool)))}
    return [fit(ex["role_dense"], ex["role_rows"], heads, cfg) for cfg in role_members]


def save_roles(out: Path, rnets: Sequence[Net], role_members: Sequence[FitConfig], trained: str, pairs: int) -> None:
    for stale in out.glob("roles-*.*"):
        stale.unlink()
    rnets[0].save(out / "roles.npz", {"trained": trained, "pairs": pairs})
    for cfg, member in zip(role_members[1:], rnets[1:], strict=True):
        member.save(out / f"roles-{cfg.seed}.npz", {"trained": trained, "seed": cfg.seed})


def refresh_written_roles(ex: dict[str, Any], log: Any) -> dict[str, Any]:
    """The cached examples with the roles-only written sentences (``wr-``) featurised afresh from
    ``train/events/written/roles``: sentences added there since the cache was made count. They are
    aligned by their marked trigger words, so the trigger prototypes are not needed."""
    keep = np.asarray([not g.startswith("wr-") for g in ex["role_groups"]], dtype=bool)
    roles_only = prepare(written_roles(), log)
    types_of_root = root_types()
    for p in roles_only:
        align(p, {}, types_of_root)
    dense, rows, labels, groups = role_examples(roles_only)
    out = dict(ex)
    out["role_dense"] = np.concatenate([ex["role_dense"][keep], dense])
    out["role_rows"] = [r for r, k in zip(ex["role_rows"], keep, strict=True) if k] + rows
    out["role_labels"] = np.concatenate([ex["role_labels"][keep], labels])
    out["role_groups"] = [g for g, k in zip(ex["role_groups"], keep, strict=True) if k] + groups
    out["role_sentences"] = dict(Counter(p.item.corpus for p in roles_only))
    out["role_events"] = dict(Counter(p.item.corpus for p in roles_only for _ in p.item.events))
    return out


def train_roles(config_path: Path = CONFIG, out: Path = OUT, log: Any = print, cache: Path | None = None,
                sample: int | None = None) -> dict[str, Any]:
    """Retrain only the roles ensemble (fixed seeds) into ``out``; the trigger networks, their
    vocabulary and their files stay as they are. metrics.json and the model card are rewritten
    with the new roles figures beside the trigger figures already there."""
    config = tomllib.loads(config_path.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    if cache is not None and cache.exists():
        import pickle

        ex = pickle.loads(cache.read_bytes())
        log(f"examples from {cache}")
    else:
        ex = examples(config, False, log, sample)
        if cache is not None:
            import pickle

            cache.write_bytes(pickle.dumps(ex))
    if config["data"].get("written_roles", True):
        ex = refresh_written_roles(ex, log)
    role_members = _role_members(config)
    meta = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    meta["metrics"].update(roles_held_out(ex, role_members))
    log(f"roles held-out tenth: {meta['metrics']['roles_held_out']} ({time.perf_counter() - t0:.0f} s)")
    rnets = roles_final(ex, role_members)
    meta["role_seeds"] = [cfg.seed for cfg in role_members]
    meta["role_sentences"], meta["role_events"] = ex.get("role_sentences", {}), ex.get("role_events", {})
    meta["roles_trained"] = time.strftime("%Y-%m-%d")
    save_roles(out, rnets, role_members, meta["roles_trained"], len(ex["role_rows"]))
    (out / "metrics.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    triggers = Net.load(out / "triggers.npz")
    # heads in the order the training writes them (the stored json sorts them)
    order = [h for h in ("type", "root", "modality") if h in triggers.heads]
    triggers.heads = {h: triggers.heads[h] for h in [*order, *(h for h in triggers.heads if h not in order)]}
    write_card(out, meta, config, triggers, rnets[0])
    log(f"wrote the roles networks to {out} ({time.perf_counter() - t0:.0f} s)")
    return meta


def write_card(out: Path, meta: dict[str, Any], config: dict[str, Any], net: Net, rnet: Net) -> None:
    """The model card: what the model is, what it learned from, how big, how good, when."""
    trig, roles = meta["metrics"]["trigger_held_out"], meta["metrics"]["roles_held_out"]
    news = meta["metrics"].get("trigger_held_out_news")
    members = ", ".join(f"{m['source_f1']} / {m['target_f1']}" for m in meta["metrics"].get("roles_held_out_members", []))
    params = sum(a.size for a in (net.W, net.E, net.b)) + sum(w.size + b.size for w, b in net.out.values())
    rparams = sum(a.size for a in (rnet.W, rnet.E, rnet.b)) + sum(w.size + b.size for w, b in rnet.out.values())
    lines = [
        "# Model card: flashpoint events model",
        "",
        f"Trained {meta['trained']} by `make train-events` (`python -m flashpoint.training.events`), recipe",
        "`train/events/config.toml`, data manifest `train/events/manifest.toml`. Written by the recipe; do not edit.",
        *([f"The roles networks were retrained {meta['roles_trained']} alone (`python -m flashpoint.training.events "
           "--roles-only`), the trigger networks left as they were."] if meta.get("roles_trained") else []),
        "",
        "## What it does",
        "Two small feed-forward networks in NumPy (`flashpoint.stages.events.learned.net`):",
        "- **triggers**: for every verb and common noun of a tagged sentence, the PLOVER type (or none), the",
        "  CAMEO root and the modality; features from the tagged text only (`learned/flat.py`);",
        "- **roles**: for a trigger and each actor of its parsed sentence, source / target / neither; features",
        "  from the dependency path (`learned/features.py`).",
        "Inputs are named sparse features and the static word vectors distilled from the MiniLM encoder",
        "(`flashpoint.training.distill`: word pieces and whole English words, 128 dimensions). One feature is the",
        "PLOVER types the hand lexicon gives a lemma; `lexicon_types.json` keeps that table as it was at training,",
        "and the model reads it, not the lexicon as it changes after.",
        "",
        "## Data",
        "| source | sentences | labelled events | events tied to a trigger word |",
        "| --- | --- | --- | --- |",
    ]
    for name, n in sorted(meta["sentences"].items()):
        lines.append(f"| {name} | {n} | {meta['labelled_events'].get(name, 0)} | {meta['aligned_events'].get(name, 0)} |")
    for name, n in sorted(meta.get("role_sentences", {}).items()):
        lines.append(f"| {name} (roles network only) | {n} | {meta['role_events'].get(name, 0)} | - |")
    lines += [
        "",
        "Licences and paths: `train/events/manifest.toml`. Never trained on: the development articles,",
        "CASE 2021, the ConfliBERT test split, the PLOVER gold records and CAMEO codebook examples, PETR-2, the seeds.",
        "",
        "## Sizes",
        f"- triggers: {len(net.features):,} features, hidden {net.W.shape[1]}, dense input {net.W.shape[0]}, "
        f"{params:,} parameters; heads {', '.join(f'{h} ({len(c)})' for h, c in net.heads.items())}",
        f"- trigger ensemble: {len(meta.get('trigger_seeds', [1]))} networks of that size, one per seed "
        f"({', '.join(map(str, meta.get('trigger_seeds', [])))}), probabilities averaged (`triggers.npz`, `triggers-<seed>.npz`)",
        f"- roles: {len(rnet.features):,} features, hidden {rnet.W.shape[1]}, dense input {rnet.W.shape[0]}, {rparams:,} parameters",
        f"- roles ensemble: {len(meta.get('role_seeds', [1]))} networks of that size, one per seed "
        f"({', '.join(map(str, meta.get('role_seeds', [])))}), probabilities averaged (`roles.npz`, `roles-<seed>.npz`)",
        f"- examples: {trig['candidates']:,} held-out candidates of about ten times as many; {roles['pairs']:,} held-out pairs",
        "",
        "## Metrics on a held-out tenth of the training sentences (by sentence; news by article)",
        f"- trigger with the right type: P {trig['trigger_typed_precision']}, R {trig['trigger_typed_recall']}, "
        f"F1 {trig['trigger_typed_f1']}; any type: R {trig['trigger_detection_recall']}",
        f"- CAMEO root of labelled triggers: accuracy {trig['root_accuracy']}",
        *([f"- real news alone ({news['candidates']:,} candidates of held-out articles): typed trigger P "
           f"{news['trigger_typed_precision']}, R {news['trigger_typed_recall']}, F1 {news['trigger_typed_f1']}"]
          if news else []),
        f"- modality among the accepted ones: {trig['modality_accepted']}",
        *([f"- each member alone, typed trigger F1: {', '.join(map(str, meta['metrics']['trigger_held_out_members_f1']))}"]
          if meta["metrics"].get("trigger_held_out_members_f1") else []),
        f"- roles: source F1 {roles['source_f1']}, target F1 {roles['target_f1']}",
        *([f"- each roles member alone, source / target F1: {members}"] if members else []),
        "",
        "Figures on real news the model never saw (development set, CASE 2021, ConfliBERT test, PETR-2,",
        "PLOVER gold records) come from `make eval` and are in the README's quality table.",
        "",
        "## Hyperparameters",
        "```toml",
        *(f"[{section}] " + ", ".join(f"{k}={v}" for k, v in values.items() if not isinstance(v, dict))
          for section, values in config.items()),
        "```",
        "",
    ]
    (out / "MODEL_CARD.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flashpoint.training.events", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--quick", action="store_true", help="a twentieth of the data (smoke test)")
    parser.add_argument("--cache", type=Path, help="keep the featurised examples in this file and reuse them")
    parser.add_argument("--sample", type=int, help="train on about this many sentences, spread over the sources")
    parser.add_argument("--roles-only", action="store_true",
                        help="retrain only the roles networks (fixed seeds); the trigger networks' files stay untouched")
    args = parser.parse_args(argv)
    if args.roles_only:
        train_roles(args.config, args.out, cache=args.cache, sample=args.sample)
        return 0
    train(args.config, args.out, args.quick, cache=args.cache, sample=args.sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())

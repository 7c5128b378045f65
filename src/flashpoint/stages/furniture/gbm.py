"""A small gradient-boosted classifier of oblivious trees, in NumPy (fit and predict).

An oblivious tree asks the same question (feature < threshold) of every node on a level, so a
tree of depth *d* is *d* (feature, threshold) pairs and 2**d leaf values, and a whole forest is
scored with three array operations: compare every row with every threshold, read the bits as
leaf numbers, add up the leaves. That keeps scoring a page of a few hundred lines well under a
millisecond, with no dependency beyond NumPy.

Training is Newton boosting on the log-loss, with per-row weights, features cut into at most
``bins`` quantile bins, row subsampling and L2-regularised leaves; every random choice comes
from one seeded generator, so a fit is reproducible.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True, slots=True)
class Forest:
    """A fitted forest: ``features[t, level]`` and ``thresholds[t, level]`` pick the leaf bit
    (1 when ``x >= threshold``), ``leaves[t, leaf]`` is added to ``bias`` (log-odds)."""

    names: tuple[str, ...]
    features: np.ndarray  # (trees, depth) int
    thresholds: np.ndarray  # (trees, depth) float
    leaves: np.ndarray  # (trees, 2**depth) float
    bias: float

    def margin(self, x: np.ndarray) -> np.ndarray:
        """Log-odds of the positive class for each row of ``x``."""
        if len(x) == 0:
            return np.zeros(0)
        trees, depth = self.features.shape
        if trees == 0:
            return np.full(len(x), self.bias)
        columns = np.ascontiguousarray(x.T)[self.features.ravel()]  # (trees * depth, rows), rows contiguous
        bits = (columns >= self.thresholds.reshape(-1, 1)).reshape(trees, depth, len(x))
        leaf = np.zeros((trees, len(x)), dtype=np.intp)
        for level in range(depth):
            leaf |= bits[:, level, :].astype(np.intp) << level
        leaf += (np.arange(trees) << depth)[:, None]
        return self.bias + self.leaves.ravel()[leaf].sum(axis=0)

    def proba(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.margin(x)))

    def to_json(self, meta: dict[str, Any] | None = None) -> str:
        data = {
            "_meta": meta or {},
            "names": list(self.names),
            "bias": round(self.bias, 6),
            "features": self.features.tolist(),
            "thresholds": [[_round(v) for v in row] for row in self.thresholds.tolist()],
            "leaves": [[round(v, 5) for v in row] for row in self.leaves.tolist()],
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Forest:
        features = np.asarray(data["features"], dtype=np.intp)
        depth = features.shape[1] if features.ndim == 2 else 0
        return cls(
            names=tuple(data["names"]),
            features=features.reshape(-1, depth),
            thresholds=np.asarray(data["thresholds"], dtype=float).reshape(-1, depth),
            leaves=np.asarray(data["leaves"], dtype=float).reshape(-1, 1 << depth),
            bias=float(data["bias"]),
        )


def _round(value: float) -> float:
    """Thresholds keep 7 significant digits: enough to fall between two distinct training values."""
    return float(f"{value:.7g}")


@dataclass(frozen=True, slots=True)
class Params:
    trees: int = 200
    depth: int = 5
    learning_rate: float = 0.1
    l2: float = 1.0
    bins: int = 32
    subsample: float = 0.7
    min_leaf_weight: float = 1e-3
    seed: int = 0


def _bin_edges(x: np.ndarray, bins: int) -> list[np.ndarray]:
    """Candidate thresholds per feature: midpoints between distinct quantiles."""
    edges = []
    qs = np.linspace(0, 1, bins + 1)[1:-1]
    for j in range(x.shape[1]):
        values = np.unique(x[:, j])
        if len(values) <= 1:
            edges.append(np.zeros(0))
            continue
        if len(values) > bins:
            values = np.unique(np.quantile(x[:, j], qs, method="nearest"))
            values = np.unique(np.r_[x[:, j].min(), values])
        cut = (values[1:] + values[:-1]) / 2.0
        edges.append(np.array([_round(c) for c in cut]))
    return edges


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: tuple[str, ...], params: Params) -> Forest:
    """Fit a forest to labels ``y`` (0/1) with row weights ``w``."""
    rng = np.random.default_rng(params.seed)
    n, f = x.shape
    edges = _bin_edges(x, params.bins)
    n_bins = max((len(e) for e in edges), default=0) + 1
    binned = np.zeros((n, f), dtype=np.int32)
    for j, e in enumerate(edges):
        if len(e):
            binned[:, j] = np.searchsorted(e, x[:, j], side="right")
    w = w / w.mean()
    pos = float(np.sum(w * y)) / float(np.sum(w))
    pos = min(max(pos, 1e-6), 1 - 1e-6)
    bias = math.log(pos / (1 - pos))
    margin = np.full(n, bias)
    depth = params.depth
    feats = np.zeros((params.trees, depth), dtype=np.intp)
    thresholds = np.zeros((params.trees, depth))
    leaves = np.zeros((params.trees, 1 << depth))
    offsets = (np.arange(f, dtype=np.int64) * n_bins)[None, :]
    for t in range(params.trees):
        p = 1.0 / (1.0 + np.exp(-margin))
        g = (p - y) * w
        h = np.maximum(p * (1 - p), 1e-6) * w
        rows = np.flatnonzero(rng.random(n) < params.subsample) if params.subsample < 1 else np.arange(n)
        leaf = np.zeros(len(rows), dtype=np.intp)
        gb, hb, xb = g[rows], h[rows], binned[rows]
        base = xb + offsets  # (rows, f): each row's bin of each feature, offset per feature
        gh = np.bincount(base.ravel(), weights=np.repeat(gb, f), minlength=f * n_bins).reshape(1, f, n_bins)
        hh = np.bincount(base.ravel(), weights=np.repeat(hb, f), minlength=f * n_bins).reshape(1, f, n_bins)
        for level in range(depth):
            if level:
                # histogram subtraction: count only the rows that moved to a new leaf (bit ``level - 1``
                # set); the leaf they left keeps the rest
                moved = np.flatnonzero(leaf >> (level - 1) & 1)
                half = 1 << (level - 1)
                index = ((leaf[moved] - half)[:, None] * (f * n_bins) + base[moved]).ravel()
                size = half * f * n_bins
                g_new = np.bincount(index, weights=np.repeat(gb[moved], f), minlength=size).reshape(half, f, n_bins)
                h_new = np.bincount(index, weights=np.repeat(hb[moved], f), minlength=size).reshape(half, f, n_bins)
                gh = np.concatenate([gh - g_new, g_new])
                hh = np.concatenate([hh - h_new, h_new])
            g_left = np.cumsum(gh, axis=2)[:, :, :-1]  # split after bin k: bins <= k go left
            h_left = np.cumsum(hh, axis=2)[:, :, :-1]
            g_all = gh.sum(axis=2, keepdims=True)
            h_all = hh.sum(axis=2, keepdims=True)
            g_right, h_right = g_all - g_left, h_all - h_left
            lam = params.l2
            gain = g_left**2 / (h_left + lam) + g_right**2 / (h_right + lam) - g_all**2 / (h_all + lam)
            ok = (h_left >= params.min_leaf_weight) & (h_right >= params.min_leaf_weight)
            gain = np.where(ok, gain, 0.0).sum(axis=0)  # (f, n_bins - 1)
            for j, e in enumerate(edges):
                gain[j, len(e):] = -np.inf
            best = int(np.argmax(gain))
            j, k = divmod(best, n_bins - 1)
            if not np.isfinite(gain[j, k]) or not len(edges[j]):
                j, k = 0, n_bins  # no useful split: every row goes left
                threshold = np.inf
            else:
                threshold = float(edges[j][k])
            feats[t, level] = j
            thresholds[t, level] = threshold
            leaf = leaf | ((xb[:, j] > k).astype(np.intp) << level)
        g_leaf = np.bincount(leaf, weights=gb, minlength=1 << depth)
        h_leaf = np.bincount(leaf, weights=hb, minlength=1 << depth)
        values = -g_leaf / (h_leaf + params.l2) * params.learning_rate
        leaves[t] = values
        full_leaf = ((x[:, feats[t]] >= thresholds[t]) @ (1 << np.arange(depth))).astype(np.intp)
        margin = margin + values[full_leaf]
    return Forest(names=names, features=feats, thresholds=thresholds, leaves=leaves, bias=bias)

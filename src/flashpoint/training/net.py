"""Training :class:`flashpoint.stages.events.learned.net.Net`: Adam, mini-batches, dropout, fixed seed.

NumPy only, so a small training run works wherever flashpoint is installed (the CI smoke test
trains on a tiny sample). Targets are probability rows (a soft label spreads over the accepted
answers, e.g. two PLOVER types) with a mask for examples a head has no label for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..stages.events.learned.net import BIAS, Net, softmax


@dataclass(frozen=True, slots=True)
class HeadData:
    targets: np.ndarray  # N x classes, rows sum to 1 where labelled
    mask: np.ndarray  # N, bool: the head has a label for this example
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class FitConfig:
    hidden: int = 128
    epochs: int = 12
    batch: int = 64
    lr: float = 2e-3
    dropout: float = 0.25
    l2: float = 1e-6
    min_count: int = 2
    seed: int = 0


def vocabulary(rows: Sequence[Sequence[str]], min_count: int) -> list[str]:
    counts = Counter(f for feats in rows for f in set(feats))
    return sorted(f for f, n in counts.items() if n >= min_count)


def fit(dense: np.ndarray, rows: Sequence[Sequence[str]], heads: dict[str, tuple[list[str], HeadData]],
        config: FitConfig, sample_weight: np.ndarray | None = None) -> Net:
    rng = np.random.default_rng(config.seed)
    net = Net.create(vocabulary(rows, config.min_count), {h: labels for h, (labels, _) in heads.items()},
                     dense.shape[1], config.hidden, seed=config.seed)
    mean = dense.mean(axis=0)
    std = dense.std(axis=0)
    net.dense_mean = mean.astype(np.float32)
    net.dense_scale = (1.0 / np.where(std > 1e-6, std, 1.0)).astype(np.float32)
    indptr, indices = net.encode(rows)
    n = len(rows)
    weights = np.ones(n, dtype=np.float32) if sample_weight is None else sample_weight.astype(np.float32)
    params = {"W": net.W, "E": net.E, "b": net.b}
    for h, (w, b) in net.out.items():
        params[f"{h}_w"] = w
        params[f"{h}_b"] = b
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(val) for k, val in params.items()}
    step = 0
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for _epoch in range(config.epochs):
        order = rng.permutation(n)
        for start in range(0, n, config.batch):
            batch = order[start:start + config.batch]
            step += 1
            grads = _gradients(net, dense, indptr, indices, batch, heads, weights, config, rng)
            lr = config.lr * min(1.0, step / 200)
            for k, g in grads.items():
                if k == "E":
                    rows_touched, g_rows = g
                    _adam_rows(params["E"], m["E"], v["E"], rows_touched, g_rows, lr, step, beta1, beta2, eps)
                    continue
                g = g + config.l2 * params[k]
                m[k] = beta1 * m[k] + (1 - beta1) * g
                v[k] = beta2 * v[k] + (1 - beta2) * g * g
                mhat = m[k] / (1 - beta1 ** step)
                vhat = v[k] / (1 - beta2 ** step)
                params[k] -= lr * mhat / (np.sqrt(vhat) + eps)
    return net


def _adam_rows(param: np.ndarray, m: np.ndarray, v: np.ndarray, rows: np.ndarray, g: np.ndarray, lr: float, step: int,
               beta1: float, beta2: float, eps: float) -> None:
    """Lazy Adam: only the embedding rows this batch used move."""
    m[rows] = beta1 * m[rows] + (1 - beta1) * g
    v[rows] = beta2 * v[rows] + (1 - beta2) * g * g
    mhat = m[rows] / (1 - beta1 ** step)
    vhat = v[rows] / (1 - beta2 ** step)
    param[rows] -= lr * mhat / (np.sqrt(vhat) + eps)


def _gradients(net: Net, dense: np.ndarray, indptr: np.ndarray, indices: np.ndarray, batch: np.ndarray,
               heads: dict[str, tuple[list[str], HeadData]], weights: np.ndarray, config: FitConfig,
               rng: np.random.Generator) -> dict[str, object]:
    x = (dense[batch] - net.dense_mean) * net.dense_scale
    starts = indptr[batch]
    ends = indptr[batch + 1]
    lengths = ends - starts
    idx = np.concatenate([indices[s:e] for s, e in zip(starts, ends, strict=True)])
    local_ptr = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    bag = np.add.reduceat(net.E[idx], local_ptr, axis=0)
    pre = x @ net.W + bag + net.b
    h = np.maximum(pre, 0.0)
    keep = (rng.random(h.shape) >= config.dropout).astype(np.float32) / (1.0 - config.dropout)
    hd = h * keep
    grad_h = np.zeros_like(h)
    grads: dict[str, object] = {}
    w_batch = weights[batch]
    for name, (_labels, data) in heads.items():
        w_out, b_out = net.out[name]
        mask = data.mask[batch].astype(np.float32) * w_batch * data.weight
        denom = max(1.0, float(data.mask[batch].sum()))
        probs = softmax(hd @ w_out + b_out)
        delta = (probs - data.targets[batch]) * (mask / denom)[:, None]
        grads[f"{name}_w"] = hd.T @ delta
        grads[f"{name}_b"] = delta.sum(axis=0)
        grad_h += delta @ w_out.T
    grad_h *= keep
    grad_pre = grad_h * (pre > 0)
    grads["W"] = x.T @ grad_pre
    grads["b"] = grad_pre.sum(axis=0)
    row_of = np.repeat(np.arange(len(batch)), lengths)
    order = np.argsort(idx, kind="stable")
    sorted_idx = idx[order]
    starts = np.flatnonzero(np.r_[True, sorted_idx[1:] != sorted_idx[:-1]])
    g_rows = np.add.reduceat(grad_pre[row_of[order]], starts, axis=0)  # sum per embedding row (np.add.at is slow)
    grads["E"] = (sorted_idx[starts], g_rows.astype(np.float32))
    return grads


__all__ = ["BIAS", "FitConfig", "HeadData", "fit", "vocabulary"]

"""A small feed-forward network in NumPy: named sparse features and a dense vector in, softmax heads out.

    hidden = relu(dense @ W + sum of the rows of E for the example's features + b)
    head k = softmax(hidden @ W_k + b_k)

The sparse part is a bag of learned feature embeddings (as fastText does); features unseen in
training are ignored. Weights load from one ``.npz`` with the feature names beside them, so a
model is a file a person can open. Training lives in :mod:`flashpoint.training.net`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BIAS = "<bias>"


@dataclass
class Net:
    features: dict[str, int]
    heads: dict[str, list[str]]  # head name -> class labels
    W: np.ndarray  # dense_dim x hidden
    E: np.ndarray  # n_features x hidden
    b: np.ndarray  # hidden
    out: dict[str, tuple[np.ndarray, np.ndarray]]  # head -> (hidden x classes, classes)
    dense_mean: np.ndarray
    dense_scale: np.ndarray

    @classmethod
    def create(cls, features: Sequence[str], heads: dict[str, list[str]], dense_dim: int, hidden: int,
               seed: int = 0) -> Net:
        rng = np.random.default_rng(seed)
        names = [BIAS, *[f for f in features if f != BIAS]]
        net = cls(
            features={f: i for i, f in enumerate(names)},
            heads=heads,
            W=(rng.standard_normal((dense_dim, hidden)) * np.sqrt(2.0 / max(1, dense_dim))).astype(np.float32),
            E=(rng.standard_normal((len(names), hidden)) * 0.05).astype(np.float32),
            b=np.zeros(hidden, dtype=np.float32),
            out={h: ((rng.standard_normal((hidden, len(c))) * np.sqrt(1.0 / hidden)).astype(np.float32),
                     np.zeros(len(c), dtype=np.float32)) for h, c in heads.items()},
            dense_mean=np.zeros(dense_dim, dtype=np.float32),
            dense_scale=np.ones(dense_dim, dtype=np.float32),
        )
        return net

    def encode(self, rows: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """CSR (indptr, indices) of the known features of each row, the bias first."""
        index = self.features
        indptr = [0]
        indices: list[int] = []
        get = index.get
        for feats in rows:
            indices.append(0)
            indices.extend([k for k in map(get, feats) if k is not None])
            indptr.append(len(indices))
        return np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64)

    def hidden(self, dense: np.ndarray, indptr: np.ndarray, indices: np.ndarray) -> np.ndarray:
        rows = self.E[indices].astype(np.float32, copy=False)  # a loaded E stays float16: half the memory
        bag = np.add.reduceat(rows, indptr[:-1], axis=0) if len(indices) else 0.0
        pre = ((dense - self.dense_mean) * self.dense_scale) @ self.W + bag + self.b
        return np.maximum(pre, 0.0)

    def predict(self, dense: np.ndarray, rows: Sequence[Sequence[str]]) -> dict[str, np.ndarray]:
        """Class probabilities per head, one row per example."""
        if not len(rows):
            return {h: np.zeros((0, len(c)), dtype=np.float32) for h, c in self.heads.items()}
        return self.predict_encoded(dense, *self.encode(rows))

    def predict_encoded(self, dense: np.ndarray, indptr: np.ndarray, indices: np.ndarray) -> dict[str, np.ndarray]:
        """:meth:`predict` on rows already encoded (networks sharing one feature list encode once)."""
        h = self.hidden(dense.astype(np.float32, copy=False), indptr, indices)
        return {name: softmax(h @ w + b) for name, (w, b) in self.out.items()}

    def save(self, path: Path, meta: dict | None = None) -> None:
        names = sorted(self.features, key=self.features.__getitem__)
        arrays = {"W": self.W.astype(np.float16), "E": self.E.astype(np.float16), "b": self.b,
                  "dense_mean": self.dense_mean, "dense_scale": self.dense_scale}
        for h, (w, b) in self.out.items():
            arrays[f"out_{h}_w"] = w
            arrays[f"out_{h}_b"] = b
        np.savez_compressed(path, **arrays)
        info = {"heads": self.heads, "meta": meta or {}}
        path.with_suffix(".json").write_text(json.dumps(info, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        path.with_suffix(".features.txt").write_text("\n".join(names) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Net:
        data = np.load(path)
        info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        names = path.with_suffix(".features.txt").read_text(encoding="utf-8").splitlines()
        heads = {h: list(c) for h, c in info["heads"].items()}
        return cls(
            features={f: i for i, f in enumerate(names)},
            heads=heads,
            W=data["W"].astype(np.float32),
            E=data["E"],  # float16 as stored; rows are widened when read (``hidden``)
            b=data["b"].astype(np.float32),
            out={h: (data[f"out_{h}_w"].astype(np.float32), data[f"out_{h}_b"].astype(np.float32)) for h in heads},
            dense_mean=data["dense_mean"].astype(np.float32),
            dense_scale=data["dense_scale"].astype(np.float32),
        )


def softmax(x: np.ndarray) -> np.ndarray:
    z = x - x.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)

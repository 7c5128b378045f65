"""Word vectors from the distilled MiniLM word-piece table (see :mod:`flashpoint.training.distill`).

A word is looked up whole when it is one piece of the vocabulary or one of the English words
distilled whole; otherwise it is cut into pieces greedily, longest first (WordPiece, as the
encoder's own tokenizer does), and the piece vectors are averaged. Lower-cased and stripped of accents first, like the uncased encoder. Results are
cached per word.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ....errors import ResourceError

MODEL_PACKAGE = "flashpoint.models.events"


class PieceVectors:
    def __init__(self, folder: Path | None = None) -> None:
        base = folder or Path(str(resources.files(MODEL_PACKAGE)))
        try:
            pieces = (base / "pieces.txt").read_text(encoding="utf-8").splitlines()
            words = (base / "words.txt").read_text(encoding="utf-8").splitlines()
            tables = [np.load(base / "pieces.npz"), np.load(base / "words.npz")]
        except OSError as err:
            raise ResourceError(f"events model word vectors missing in {base} (run make train-events)") from err
        self.matrix = np.concatenate([t["vectors"].astype(np.float32) * t["scale"][:, None] for t in tables])
        self.index = {p: i for i, p in enumerate(pieces) if p}
        self.whole = {w: i + len(pieces) for i, w in enumerate(words) if w}
        self.dims = int(self.matrix.shape[1])
        self.zero = np.zeros(self.dims, dtype=np.float32)
        self.word = lru_cache(maxsize=200_000)(self._word)

    def pieces(self, word: str) -> list[int]:
        text = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")
        if not text or len(text) > 40:
            return []
        if text in self.index:
            return [self.index[text]]
        out, start = [], 0
        while start < len(text):
            end = len(text)
            while end > start:
                piece = text[start:end] if start == 0 else "##" + text[start:end]
                if piece in self.index:
                    out.append(self.index[piece])
                    break
                end -= 1
            if end == start:
                return []  # a character the vocabulary lacks: the word stays unknown, as [UNK]
            start = end
        return out

    def _word(self, word: str) -> np.ndarray:
        row = self.whole.get(word.lower())
        if row is not None:
            return self.matrix[row]
        ids = self.pieces(word)
        if not ids:
            return self.zero
        return self.matrix[ids[0]] if len(ids) == 1 else self.matrix[ids].mean(axis=0)

    def known(self, word: str) -> bool:
        return bool(self.pieces(word))


@lru_cache(maxsize=1)
def load_vectors() -> PieceVectors:
    return PieceVectors()

"""Text similarity of evidence sentences: content-word TF-IDF cosine, no models.

Two reports of one incident share its content words (place names, weapons, the
act: "shelled", "mortar", "Sotk") even when worded differently; they rarely share
many function words. Tokens are lower-cased, stop words are dropped, words of
one synonym group (``resources/analysis/synonyms.tsv``: "drills", "war games",
"manoeuvres") become one word, and the rest lose a few English endings (a
light stemmer: "bordering"/"bordered" -> "border").
IDF comes from the pool of evidence being compared, so words every report uses
("said", "forces") weigh little.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .facts import read_table

TOKEN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
SUFFIXES = ("ings", "ing", "edly", "ed", "es", "s")


def stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    w = w.split("'")[0] if "'" in w else w
    for suffix in SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]  # "shell" / "shelled" -> "shel": both sides lose the doubled letter
    return w


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(row["word"].lower() for row in read_table("stopwords.tsv"))


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Word -> canonical word, from ``resources/analysis/synonyms.tsv``."""
    table = {}
    for row in read_table("synonyms.tsv"):
        for word in row["variants"].split("|"):
            if word:
                table[word.lower()] = row["canonical"]
                table.setdefault(stem(word), row["canonical"])  # "wounding" -> "wound" -> wounded
    return table


def tokens(text: str) -> list[str]:
    """Content-word tokens: synonyms mapped to one word, others lightly stemmed."""
    out = []
    for match in TOKEN.finditer(text or ""):
        token = _token(match.group(0))
        if token:
            out.append(token)
    return out


@lru_cache(maxsize=65536)
def _token(word: str) -> str:
    """The token of one word as written, or "" for a stop word or a word under three letters."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in stop_words() or len(word) < 3:
        return ""
    stemmed = stem(word)
    table = synonyms()
    return table.get(word) or table.get(stemmed) or stemmed


class Similarity:
    """TF-IDF cosine over a pool of texts; texts are added as they come (incremental)."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        self._vectors: dict[str, Counter[str]] = {}
        self._weights: dict[str, float] = {}  # IDF per term and norm per text, for the current pool
        self._norms: dict[str, float] = {}
        self._pool_size = 0  # the pool size the two caches hold for (every add changes n, df and so both)

    def add(self, key: str, text: str) -> None:
        if key in self._vectors:
            return
        counts = Counter(tokens(text))
        self._vectors[key] = counts
        self.df.update(counts.keys())
        self.n += 1

    def add_all(self, items: Iterable[tuple[str, str]]) -> None:
        for key, text in items:
            self.add(key, text)

    def _idf(self, term: str) -> float:
        return math.log((1 + self.n) / (1 + self.df.get(term, 0))) + 1.0

    def _weight(self, term: str) -> float:
        """The IDF of ``term`` in the current pool, cached."""
        weight = self._weights.get(term)
        if weight is None:
            weight = self._weights[term] = self._idf(term)
        return weight

    def _norm(self, key: str, vector: Counter[str]) -> float:
        norm = self._norms.get(key)
        if norm is None:
            norm = self._norms[key] = math.sqrt(sum((c * self._weight(t)) ** 2 for t, c in vector.items()))
        return norm

    def cosine(self, a: str, b: str) -> float:
        va, vb = self._vectors.get(a), self._vectors.get(b)
        if not va or not vb:
            return 0.0
        common = va.keys() & vb.keys()
        if not common:
            return 0.0
        if self._pool_size != self.n:  # the pool grew: every IDF and norm changed
            self._weights.clear()
            self._norms.clear()
            self._pool_size = self.n
        dot = sum(va[t] * vb[t] * self._weight(t) ** 2 for t in common)
        na, nb = self._norm(a, va), self._norm(b, vb)
        return dot / (na * nb) if na and nb else 0.0


def jaccard(a: str, b: str) -> float:
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)

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
    table, stop = synonyms(), stop_words()
    out = []
    for match in TOKEN.finditer(text or ""):
        word = match.group(0).lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if word in stop or len(word) < 3:
            continue
        stemmed = stem(word)
        out.append(table.get(word) or table.get(stemmed) or stemmed)
    return out


class Similarity:
    """TF-IDF cosine over a pool of texts; texts are added as they come (incremental)."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        self._vectors: dict[str, Counter[str]] = {}

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

    def cosine(self, a: str, b: str) -> float:
        va, vb = self._vectors.get(a), self._vectors.get(b)
        if not va or not vb:
            return 0.0
        common = va.keys() & vb.keys()
        if not common:
            return 0.0
        dot = sum(va[t] * vb[t] * self._idf(t) ** 2 for t in common)
        na = math.sqrt(sum((c * self._idf(t)) ** 2 for t, c in va.items()))
        nb = math.sqrt(sum((c * self._idf(t)) ** 2 for t, c in vb.items()))
        return dot / (na * nb) if na and nb else 0.0


def jaccard(a: str, b: str) -> float:
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)

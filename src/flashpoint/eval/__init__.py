"""Evaluation of flashpoint's event extraction: ``python -m flashpoint.eval`` prints the quality report.

* development articles (tests/data/dev_articles, and the fresh set dev2_articles): F1/P/R with the same scorer;
* seed articles: F1/P/R with ``../shared/gold/score.py`` and per-type precision/recall;
* CAMEO root accuracy on the real-news PETR-2 validation sentences and on the PLOVER gold records.
"""

from __future__ import annotations

from .dev import score_dev, score_dev2, score_heldout
from .seeds import SeedScore, score_seeds
from .validation import RootScore, petr2_sentences, plover_gsr_sentences, score_roots

__all__ = ["RootScore", "SeedScore", "score_dev", "score_dev2", "score_heldout", "petr2_sentences", "plover_gsr_sentences", "score_roots", "score_seeds"]

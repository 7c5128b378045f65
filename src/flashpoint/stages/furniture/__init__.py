"""The furniture classifier: which lines of a scraped page are the article, which are the site.

A page's lines (``features.split_lines``) are described by what a person would look at
(``features.page_features``) and scored by a small boosted-tree model (``gbm.Forest``) trained
by ``make train-clean`` (``training.py``; recipe and data manifest in ``train/clean/``). The
weights ship in ``resources/clean/furniture.model.json`` with a model card beside them.

:func:`classify` returns, for each line, the probability that it belongs to the article and,
for the lines below the model's threshold, a short reason naming what gave the line away
("in a run of 14 short lines (menu or link list)").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ...errors import ResourceError
from ...resources import read_json
from .features import SHORT_WORDS, Line, RuleHits, feature_names, line_key, page_features, split_lines
from .gbm import Forest

MODEL_FILE = "furniture.model.json"

__all__ = ["Line", "Model", "RuleHits", "Verdict", "classify", "line_key", "load_model", "split_lines"]


@dataclass(frozen=True, slots=True)
class Model:
    forest: Forest
    threshold: float  # a line is furniture when its probability of being article is below this
    meta: dict[str, Any]
    long_words: int = 80  # a line of this many words and several sentences ...
    long_factor: float = 0.25  # ... goes only below this share of the threshold: the model must be sure
    page_short_lines: int = 15  # a text with fewer short lines than this is an article, not a whole page ...
    article_factor: float = 0.2  # ... and loses a line only below this share of the threshold
    min_lines: int = 4  # a text of fewer lines has no page around it: the model keeps out (the rules still run)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The model's word on one line: probability of being article text, and why it is not."""

    line: Line
    p: float
    keep: bool
    reason: str


def model_from_dict(data: dict[str, Any]) -> Model:
    names = tuple(data.get("names", ()))
    if names != feature_names():
        raise ResourceError(
            "the furniture model was trained on other features than this code computes; "
            "run `make train-clean` to rebuild it"
        )
    meta = data.get("_meta", {})
    return Model(
        Forest.from_dict(data),
        float(meta.get("threshold", 0.5)),
        meta,
        int(meta.get("long_words", 80)),
        float(meta.get("long_factor", 0.25)),
        int(meta.get("page_short_lines", 15)),
        float(meta.get("article_factor", 0.2)),
        int(meta.get("min_lines", 4)),
    )


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The packaged model (read once)."""
    return model_from_dict(read_json("clean", MODEL_FILE))


def classify(
    lines: list[Line],
    title: str | None = None,
    rules: RuleHits | None = None,
    batch_counts: dict[str, float] | None = None,
    model: Model | None = None,
    threshold: float | None = None,
) -> list[Verdict]:
    """A verdict for every line of one page (``threshold``: the model's own unless given)."""
    if not lines:
        return []
    model = model or load_model()
    if len(lines) < model.min_lines:
        return [Verdict(line, 1.0, True, "") for line in lines]
    cut = threshold if threshold else model.threshold
    x = page_features(lines, title, rules, batch_counts)
    p = model.forest.proba(x)
    names = {n: i for i, n in enumerate(model.forest.names)}
    words = np.expm1(x[:, names["log_words"]])
    if int(np.sum(words < SHORT_WORDS)) < model.page_short_lines:
        cut *= model.article_factor  # already an article (few menu-like lines): only sure furniture goes
    long_prose = (words >= model.long_words) & (x[:, names["sentences"]] >= 2)
    cuts = np.where(long_prose, cut * model.long_factor, cut)
    out = []
    for i, (line, prob) in enumerate(zip(lines, p, strict=True)):
        keep = bool(prob >= cuts[i])
        out.append(Verdict(line, float(prob), keep, "" if keep else describe(x[i], names, float(prob))))
    return out


def describe(row: np.ndarray, col: dict[str, int], p: float) -> str:
    """A reason a person can check: the model's probability and what gave the line away."""
    return f"furniture model p={p:.2f}: {kind(row, col)}"


def kind(row: np.ndarray, col: dict[str, int]) -> str:
    """What kind of furniture a line looks like, from the features that most often give it away
    (the first that applies: repetition, title copy, comments, menu run, headline list, ...)."""

    def f(name: str) -> float:
        return float(row[col[name]])

    words = round(float(np.expm1(f("log_words"))))
    run = round(float(np.expm1(f("run_short"))))
    if f("repeat_in_batch") > 0:
        why = f"repeated in {f('repeat_in_batch'):.0%} of the other documents from the same outlet"
    elif f("copies_before") > 0:
        why = "a copy of an earlier line on the page"
    elif f("repeat_in_page") > 0:
        why = "repeated further down the page"
    elif f("title_copy") > 0 or f("title_prefix") > 0:
        why = "a copy of the title"
    elif f("comment_header") > 0 or (f("comment_lines_before") > 0 and f("prose_before") > 0.5 and f("main_cluster") == 0):
        why = "in the comments after the article"
    elif run >= 3:
        why = f"in a run of {run} short lines (menu or link list)"
    elif round(float(np.expm1(f("run_headline")))) >= 2:
        why = "in a list of headlines"
    elif f("lead_caps") >= 4 and f("main_cluster") == 0:
        why = "a headline or teaser of another story"
    elif f("has_date") > 0 or f("has_clock") > 0 or f("cue_byline") > 0:
        why = "a byline or time stamp"
    elif f("cue_caption") > 0:
        why = "a photo caption or credit"
    elif f("cue_share") >= 0.5:
        why = "site furniture words (" + _top_cue(row, col) + ")"
    elif f("prose_before") == 0 and f("main_cluster") == 0:
        why = "before the article"
    elif f("prose_after") == 0 and f("main_cluster") == 0:
        why = "after the article"
    elif words < 8:
        why = f"a short line ({words} words) outside the article's prose"
    else:
        why = "outside the article's main run of prose"
    return why


def _top_cue(row: np.ndarray, col: dict[str, int]) -> str:
    cues = [(row[i], name.removeprefix("cue_")) for name, i in col.items() if name.startswith("cue_") and name != "cue_share"]
    best = max(cues, default=(0.0, "furniture"))
    return best[1].replace("_", " ")

"""The furniture classifier: which lines of a scraped page are the article, which are the site.

A page's lines (``features.split_lines``) are described by what a person would look at
(``features.page_features``) and scored by a small boosted-tree model (``gbm.Forest``) trained
by ``make train-clean`` (``flashpoint.training.clean``; recipe and data manifest in ``train/clean/``). The
weights ship in ``flashpoint/models/furniture/model.json`` with ``MODEL_CARD.md`` beside them.

:func:`classify` returns, for each line, the probability that it belongs to the article and,
for the lines below the model's threshold, a short reason naming what gave the line away
("in a run of 14 short lines (menu or link list)").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from ...errors import ResourceError
from .features import SHORT_WORDS, Line, RuleHits, feature_names, line_key, page_features, split_lines
from .gbm import Forest

MODEL_PACKAGE = "flashpoint.models.furniture"
MODEL_FILE = "model.json"

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
    try:
        data = json.loads(resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"the furniture model cannot be read ({exc}); run `make train-clean` to rebuild it") from exc
    return model_from_dict(data)


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
    keep = p >= cuts
    out = [Verdict(line, float(prob), True, "") for line, prob in zip(lines, p, strict=True)]
    dropped = np.flatnonzero(~keep)
    if len(dropped):
        reasons = kinds(x[dropped], names)
        for i, why in zip(dropped, reasons, strict=True):
            out[i] = Verdict(lines[i], float(p[i]), False, f"furniture model p={p[i]:.2f}: {why}")
    return out


def describe(row: np.ndarray, col: dict[str, int], p: float) -> str:
    """A reason a person can check: the model's probability and what gave the line away."""
    return f"furniture model p={p:.2f}: {kind(row, col)}"


def kind(row: np.ndarray, col: dict[str, int]) -> str:
    """What kind of furniture a line looks like (see :func:`kinds`)."""
    return kinds(row[None, :], col)[0]


KINDS = (
    "repeated in {share:.0%} of the other documents from the same outlet",
    "a copy of an earlier line on the page",
    "repeated further down the page",
    "a copy of the title",
    "in the comments after the article",
    "in a run of {run} short lines (menu or link list)",
    "in a list of headlines",
    "a headline or teaser of another story",
    "a byline or time stamp",
    "a photo caption or credit",
    "site furniture words ({cue})",
    "before the article",
    "after the article",
    "a short line ({words} words) outside the article's prose",
    "outside the article's main run of prose",
)


def kinds(x: np.ndarray, col: dict[str, int]) -> list[str]:
    """What kind of furniture each row's line looks like, from the features that most often give
    it away (the first that applies, in the order of :data:`KINDS`)."""

    def f(name: str) -> np.ndarray:
        return x[:, col[name]]

    words = np.rint(np.expm1(f("log_words"))).astype(int)
    run = np.rint(np.expm1(f("run_short"))).astype(int)
    outside = f("main_cluster") == 0
    conditions = [
        f("repeat_in_batch") > 0,
        f("copies_before") > 0,
        f("repeat_in_page") > 0,
        (f("title_copy") > 0) | (f("title_prefix") > 0),
        (f("comment_header") > 0) | ((f("comment_lines_before") > 0) & (f("prose_before") > 0.5) & outside),
        run >= 3,
        np.rint(np.expm1(f("run_headline"))) >= 2,
        (f("lead_caps") >= 4) & outside,
        (f("has_date") > 0) | (f("has_clock") > 0) | (f("cue_byline") > 0),
        f("cue_caption") > 0,
        f("cue_share") >= 0.5,
        (f("prose_before") == 0) & outside,
        (f("prose_after") == 0) & outside,
        words < 8,
    ]
    choice = np.select(conditions, list(range(len(conditions))), default=len(conditions))
    cue_cols = [(name.removeprefix("cue_").replace("_", " "), i) for name, i in col.items() if name.startswith("cue_") and name != "cue_share"]
    out = []
    for r, k in enumerate(choice):
        template = KINDS[int(k)]
        if "{" not in template:
            out.append(template)
            continue
        cue = max(cue_cols, key=lambda c: x[r, c[1]])[0] if "{cue}" in template and cue_cols else "furniture"
        out.append(template.format(share=float(f("repeat_in_batch")[r]), run=int(run[r]), words=int(words[r]), cue=cue))
    return out

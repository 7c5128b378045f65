"""A deliberately small actor tagger for evaluating the events stage in isolation.

The real actor coding is the actors stage's job. This tagger only knows country
names, demonyms and capitals listed in ``resources/events/eval_names.tsv`` and
"he/she/it/they" pointing at the nearest earlier mention, so the event rules can
be measured on their own, and unit tests can build mentions without depending on
the actors stage.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..records import Mention

PRONOUNS = frozenset({"it", "its", "he", "his", "she", "her", "they", "their"})


@lru_cache(maxsize=1)
def names() -> dict[str, tuple[str, str]]:
    text = resources.files("flashpoint.resources").joinpath("events", "eval_names.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, code, kind = line.split("\t")
        table[name] = (code, kind)
    return table


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    alternatives = sorted(names(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in alternatives) + r")(?:['’]s)?(?!\w)")


def simple_mentions(text: str, pronouns: bool = True) -> tuple[Mention, ...]:
    """Country, demonym and capital mentions in ``text``, plus pronouns resolved to the last country mention."""
    found: list[tuple[int, int, str, str | None, str, int | None]] = []
    for m in _pattern().finditer(text):
        code, kind = names()[m.group(1)]
        found.append((m.start(1), m.end(1), m.group(1), code, kind, None))
    if pronouns:
        for m in re.finditer(r"\b(It|it|Its|its|He|he|His|his|They|they|Their|their)\b", text):
            found.append((m.start(), m.end(), m.group(0), None, "pronoun", None))
    found.sort()
    mentions: list[Mention] = []
    last_country: int | None = None
    for start, end, surface, code, kind, _ in found:
        if kind == "pronoun":
            if last_country is None:
                continue
            mentions.append(Mention(start, end, surface, surface, None, kind="pronoun", ref=last_country,
                                    reason="nearest earlier country mention"))
            continue
        last_country = len(mentions)
        mentions.append(Mention(start, end, surface, surface, code, sector="GOV", kind=kind,
                                reason=f"{kind} in the evaluation name list"))
    return tuple(mentions)

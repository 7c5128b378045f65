"""Finding many known names in a text, as whole words, quickly.

A gazetteer or a catalog is matched as one longest-first alternation,
``(?<![\\w-])(?:name1|name2|...)(?![\\w-])``. Python's regex engine tries every
alternative at every character, so with hundreds of names most of the time goes
to positions where no name can start. :class:`NameIndex` finds the same matches
(the leftmost, then the longest at that position, never overlapping) by
stopping only at word starts and trying there only the names that begin with
the same two characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_BOUNDARY = r"(?<![\w\-])"
_END = r"(?![\w\-])"
KEY = 2  # characters of a name (case-folded) that pick the names tried at a position


class NameIndex:
    """Whole-word matches of ``names``; each is ``(name, exact)``: ``exact`` matches case-sensitively.

    ``suffix`` is a regex allowed after any name ("s", "'s" for plurals and possessives).
    """

    def __init__(self, names: Iterable[tuple[str, bool]], suffix: str = "") -> None:
        groups: dict[str, list[tuple[str, bool]]] = {}
        first_chars: set[str] = set()
        for name, exact in names:
            if not name:
                continue
            groups.setdefault(name[:KEY].casefold(), []).append((name, exact))
            if not re.match(r"\w", name):
                first_chars.update({name[0], name[0].casefold(), name[0].upper()})
        self._groups = {key: _alternation(found, suffix) for key, found in groups.items()}
        self._short = {key for key in self._groups if len(key) < KEY}  # names shorter than the key
        extra = "".join(sorted(re.escape(c) for c in first_chars))
        self._starts = re.compile(_BOUNDARY + (rf"(?:\w|[{extra}])" if extra else r"\w"))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        taken = 0
        for start in self._starts.finditer(text):
            at = start.start()
            if at < taken:
                continue
            best = None
            keys = [text[at : at + KEY].casefold()]
            keys += [k for k in self._short if text[at : at + len(k)].casefold() == k]
            for key in keys:
                pattern = self._groups.get(key)
                match = pattern.match(text, at) if pattern is not None else None
                if match is not None and (best is None or match.end() > best.end()):
                    best = match
            if best is not None:
                taken = best.end()
                yield best


def _alternation(names: list[tuple[str, bool]], suffix: str) -> re.Pattern[str]:
    ordered = sorted(set(names), key=lambda item: len(item[0]), reverse=True)
    body = "|".join(re.escape(name) if exact else f"(?i:{re.escape(name)})" for name, exact in ordered)
    return re.compile(f"{_BOUNDARY}(?:{body}){suffix}{_END}")

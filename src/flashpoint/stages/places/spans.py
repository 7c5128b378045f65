"""How a place name's span is cut from the text: shared by the recognition rules and the toponym model."""

from __future__ import annotations

import re


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive from a span."""
    span = text[start:end]
    for article in ("the ", "The "):
        if span.startswith(article) and len(span) > len(article):
            start += len(article)
            span = span[len(article) :]
    for suffix in ("’s", "'s", "’", "'"):
        if span.endswith(suffix) and len(span) > len(suffix) + 1:
            end -= len(suffix)
            span = span[: -len(suffix)]
    while end > start and text[end - 1] in " .,;:":
        if text[end - 1] == "." and re.search(r"\b[A-Z]\.$|\b[A-Z][a-z]{0,3}\.$", text[start:end]):
            break  # keep the dot of "U.S." or "Calif."
        end -= 1
    return start, end

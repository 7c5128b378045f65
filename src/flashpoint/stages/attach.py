"""The attach stage: each event gets its date, location, quantities and equipment.

Facts are taken from the event's own sentence (the sentences its evidence
touches), never from elsewhere in the article, except the publication date:

* **date**: a resolved date inside the evidence span, else the one nearest to
  it in the sentence; historical references ("in 2020") thus date their own
  events. With no date in the sentence the event gets the publication date
  (reason "publication date (no date in sentence)"); without one it stays
  undated and says so.
* **location**: a place used as a location in the sentence: governed by a
  locative preposition ("in Kapan", "over Kyiv", "along Syunik", "on the
  border with Azerbaijan"); "to"/"through" places are destinations or routes,
  not locations, and a place merely named ("tampering with the border") is not one. A country that is one of the
  event's actors is not its location ("purchase of weapons in Israel" for an
  AZE-ISR deal). The location's reason says how it was chosen.
* **quantities** and **equipment**: those inside the evidence span, plus those
  elsewhere in the sentence that no other event's evidence covers.
"""

from __future__ import annotations

import dataclasses
import re

from ..config import Settings
from ..records import DateRef, Doc, Event, Place

_LOCATIVE = re.compile(
    r"\b(?:in|at|near|on|over|along|across|outside|inside|off|around|within|throughout)\s+(?:the\s+)?(?:(?:[a-z]+ern|central|disputed|occupied|border|embattled|besieged|"
    r"town|city|village|region|province|capital|port|coastal|southern|northern)\s+)*(?:of\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)


_SPECIFIC = {"city": 1.0, "border": 0.75, "line": 0.75, "admin2": 0.6, "admin1": 0.5, "region": 0.25, "water": 0.25}
_ABSTRACT = re.compile(
    r"\b(?:sovereignty|control|authority|claims?|power|influence|jurisdiction|interest|interests)\s*$", re.I
)


def _bounds(doc: Doc, event: Event) -> tuple[int, int]:
    lo, hi = event.start, event.end
    for sent in doc.sentences:
        if sent.start < event.end and event.start < sent.end:
            lo, hi = min(lo, sent.start), max(hi, sent.end)
    return lo, hi


def _distance(start: int, end: int, event: Event) -> int:
    if start >= event.start and end <= event.end:
        return 0
    return min(abs(start - event.end), abs(end - event.start)) + 1


def _trigger_at(doc: Doc, event: Event) -> int | None:
    """Where the event's trigger word stands in the text, when it is inside the evidence."""
    if not event.trigger:
        return None
    found = doc.article.text.find(event.trigger, event.start, event.end)
    return found if found >= 0 else None


def pick_date(doc: Doc, event: Event, lo: int, hi: int) -> tuple[str | None, str | None, str]:
    dated: list[DateRef] = [d for d in doc.dates if d.value and lo <= d.start < hi]
    if dated:
        anchor = _trigger_at(doc, event)
        best = min(
            dated,
            key=lambda d: (_distance(d.start, d.end, event), abs(d.start - anchor) if anchor is not None else 0),
        )
        where = "in the evidence" if _distance(best.start, best.end, event) == 0 else "in the same sentence"
        return best.value, best.granularity, f"{best.text!r} {where}: {best.reason}"
    published = (doc.article.published or "")[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        return published, "day", "publication date (no date in sentence)"
    if re.fullmatch(r"\d{4}(-\d{2})?", published):
        return published, "month" if len(published) == 7 else "year", "publication date (no date in sentence)"
    return None, None, "no date in sentence and no publication date"


def _actor_countries(event: Event) -> set[str]:
    return {a.country for a in (event.source, event.target) if a is not None and a.country}


def _actor_spans(event: Event) -> list[tuple[int, int]]:
    return [(a.start, a.end) for a in (event.source, event.target) if a and a.start is not None and a.end is not None]


def pick_location(doc: Doc, event: Event, lo: int, hi: int) -> Place | None:
    text = doc.article.text
    actors = _actor_countries(event)
    spans = _actor_spans(event)
    best: tuple[float, Place, str] | None = None
    for place in doc.places:
        if not lo <= place.start < hi or place.kind == "unresolved":
            continue
        if place.kind == "country" and place.country in actors:
            continue
        window = text[max(lo, place.start - 60) : place.start]
        governed = _LOCATIVE.search(window)
        if governed is None or _ABSTRACT.search(window[: governed.start()]):
            continue  # named, but not as where something happens ("tampering with the border", "sovereignty over")
        if any(place.start < e and s < place.end for s, e in spans) and place.kind not in {"border", "city", "admin1"}:
            continue  # a region or country standing for an actor
        score, how = 3.0, f"governed by {governed.group(0).split()[0]!r}"
        if _distance(place.start, place.end, event) == 0:
            score += 1.0
        score -= _distance(place.start, place.end, event) / 1000
        score += _SPECIFIC.get(place.kind, 0.0)  # prefer the most specific place: Kapan over Syunik
        if best is None or score > best[0]:
            best = (score, place, how)
    if best is None:
        return None
    _, place, how = best
    return dataclasses.replace(place, reason=f"{how}; {place.reason}")


def _owned(items: tuple, event: Event, others: list[Event], lo: int, hi: int) -> tuple:  # type: ignore[type-arg]
    out = []
    for item in items:
        if (
            event.start <= item.start < event.end
            or lo <= item.start < hi
            and not any(o.start <= item.start < o.end for o in others)
        ):
            out.append(item)
    return tuple(out)


def attach(doc: Doc) -> Doc:
    events = []
    for event in doc.events:
        lo, hi = _bounds(doc, event)
        others = [e for e in doc.events if e is not event and (e.start, e.end) != (event.start, event.end)]
        date, granularity, date_reason = pick_date(doc, event, lo, hi)
        events.append(
            dataclasses.replace(
                event,
                date=date,
                date_granularity=granularity,
                date_reason=date_reason,
                location=pick_location(doc, event, lo, hi),
                quantities=_owned(doc.quantities, event, others, lo, hi),
                equipment=_owned(doc.equipment, event, others, lo, hi),
            )
        )
    return doc.replace(events=tuple(events))


class AttachStage:
    name = "attach"
    reads: tuple[str, ...] = ("events", "places", "dates", "quantities", "equipment")
    writes: tuple[str, ...] = ("events",)

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, doc: Doc) -> Doc:
        return attach(doc)

"""Cross-article incidents: the reports of one real-world event, merged.

GDELT splits *events* from the *mentions* that report them. Here a mention is one
extracted event (one sentence of one article) and an :class:`Incident` is the set
of mentions that report the same act. A mention joins an incident when all of
these hold (each failure is a hard "no"):

1. **type**: the PLOVER types fall in the same merge family
   (``resources/analysis/families.tsv``: ASSAULT and COERCE are one family);
2. **actors**: same source and target; for symmetric acts (meetings, agreements,
   cooperation) the unordered pair; a missing target matches any target;
3. **date**: when both are dated to the day, at most ``DAY_WINDOW`` days apart;
   coarser dates (month, year, the publication date of an undated report) must
   overlap; undated mentions without a publication date are unconstrained;
4. **place**: when both carry a place, same country set or within ``PLACE_KM``;
5. **text**: TF-IDF cosine of the evidence with the incident's closest mention at
   least a threshold that rises as the date gets weaker
   (``SIM_DAY`` < ``SIM_COARSE`` < ``SIM_UNDATED``).

Denials are kept, not dropped: a negated mention, or a REJECT/ACCUSE whose
evidence holds a denial cue ("denied", "fabricated", ...), joins the incident it
denies (same actors in either order, compatible date, ``SIM_DENIAL``), and the
incident becomes ``contested`` with both sides listed.

Within a batch, mentions dated to the day go first (oldest first), then month,
year and undated ones, so vague reports join the incidents that precise ones
anchor; each joins its best-scoring incident. Across batches (incremental
ingest) earlier incidents stay as they are and new mentions join them. Incident ids are
stable: ``inc-`` plus a hash of the first mention's id.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .facts import DateSpan, EventFact, date_span, family, is_denial
from .similarity import Similarity

DAY_WINDOW = 2
PLACE_KM = 150.0
SIM_DAY = 0.08
SIM_COARSE = 0.20
SIM_UNDATED = 0.40
SIM_DENIAL = 0.12


@dataclass(slots=True)
class Member:
    event: EventFact
    role: str  # "report" or "denial"
    reason: str
    span: DateSpan


@dataclass(slots=True)
class Incident:
    id: str
    family: str
    symmetric: bool
    members: list[Member] = field(default_factory=list)
    # (member count, source, target): members are only ever appended, so the count says when to recount
    _dyad: tuple[int, str | None, str | None] | None = field(default=None, repr=False, compare=False)

    # ------------------------------------------------------------ membership
    @property
    def reports(self) -> list[EventFact]:
        return [m.event for m in self.members if m.role == "report"]

    @property
    def denials(self) -> list[EventFact]:
        return [m.event for m in self.members if m.role == "denial"]

    @property
    def facts(self) -> list[EventFact]:
        """Reports that assert the incident happened (asserted, reported, claimed)."""
        return [e for e in self.reports if e.is_fact]

    @property
    def negations(self) -> list[EventFact]:
        return [e for e in self.reports if e.modality == "negated"] + self.denials

    @property
    def contested(self) -> bool:
        return bool(self.facts) and bool(self.negations)

    @property
    def status(self) -> str:
        if not self.facts:
            return "denied"
        return "contested" if self.contested else "reported"

    # ------------------------------------------------------------ summary fields
    def _basis(self) -> list[EventFact]:
        return self.facts or self.reports or [m.event for m in self.members]

    @property
    def source(self) -> str | None:
        return self._source_target()[0]

    @property
    def target(self) -> str | None:
        return self._source_target()[1]

    def _source_target(self) -> tuple[str | None, str | None]:
        """Counted once per membership change: matching asks every candidate incident for them."""
        if self._dyad is None or self._dyad[0] != len(self.members):
            basis = self._basis()
            pair = None
            if self.symmetric:  # the most reported pair, then whichever of the two is more often the source
                pair = _most_common(tuple(sorted(x for x in (e.source, e.target) if x)) for e in basis)
            if pair:
                src = _most_common(e.source for e in basis if e.source in pair) or pair[0]
            else:
                src = _most_common(e.source for e in basis)
            others = [x for x in pair or () if x != src]
            tgt = others[0] if others else _most_common(e.target for e in basis if e.target != src)
            self._dyad = (len(self.members), src, tgt)
        return self._dyad[1], self._dyad[2]

    @property
    def plover(self) -> str:
        return _most_common(e.plover for e in self._basis()) or ""

    @property
    def goldstein(self) -> float:
        values = sorted(e.goldstein for e in self._basis())
        return values[len(values) // 2] if values else 0.0

    @property
    def quad_class(self) -> int:
        return _most_common(e.quad_class for e in self._basis()) or 0

    @property
    def docs(self) -> list[str]:
        return sorted({m.event.doc for m in self.members})

    @property
    def outlets(self) -> list[str]:
        return sorted({m.event.outlet for m in self.members if m.event.outlet})

    @property
    def confidence(self) -> float:
        """1 - prod(1 - c) over the best mention per document: independent reports add up."""
        best: dict[str, float] = {}
        for e in self.facts:
            best[e.doc] = max(best.get(e.doc, 0.0), e.confidence)
        return round(1.0 - math.prod(1.0 - c for c in best.values()), 4) if best else 0.0

    @property
    def span(self) -> DateSpan:
        """The tightest date any member gives (day beats month beats year beats publication)."""
        spans = [m.span for m in self.members if m.role == "report"] or [m.span for m in self.members]
        best = min(spans, key=lambda s: STRENGTH_ORDER[s.strength])
        same = [s for s in spans if s.strength == best.strength]
        if best.strength == "day":
            days = Counter(s.lo for s in same)
            top = max(days.items(), key=lambda kv: (kv[1], kv[0]))[0]
            return DateSpan(top, top, "day", f"event date given by {days[top]} of {len(spans)} reports")
        if best.strength == "published":
            lo = min(s.lo for s in same if s.lo)
            hi = min(s.hi for s in same if s.hi)
            return DateSpan(lo, hi, "published", "undated: earliest publication date")
        return best

    @property
    def date(self) -> str | None:
        s = self.span
        if s.strength == "day" and s.lo:
            return s.lo.isoformat()
        if s.strength == "month" and s.lo:
            return s.lo.isoformat()[:7]
        if s.strength == "year" and s.lo:
            return str(s.lo.year)
        return None

    @property
    def location(self) -> dict[str, Any] | None:
        places = [e.location for e in self._basis() if e.location]
        if not places:
            return None
        with_point = [p for p in places if p.get("lat") is not None] or places
        names = Counter(str(p.get("name")) for p in with_point)
        top = names.most_common(1)[0][0]
        return next(p for p in with_point if str(p.get("name")) == top)

    def summary(self) -> str:
        who = f"{self.source or '?'} {self.plover} {self.target or '-'}"
        when = self.date or (f"reported {self.span.hi.isoformat()}" if self.span.hi else "undated")
        where = f" at {self.location.get('name')}" if self.location else ""
        n = len(self.docs)
        status = {"contested": ", contested", "denied": ", denied only"}.get(self.status, "")
        return f"{who}{where}, {when} ({n} document{'s' if n != 1 else ''}{status})"

    def record(self) -> dict[str, Any]:
        """The exported form (``flashpoint export --table incidents``)."""
        span = self.span
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "plover": self.plover,
            "family": self.family,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "date": self.date,
            "date_basis": span.reason,
            "first_day": span.lo.isoformat() if span.lo else None,
            "last_day": span.hi.isoformat() if span.hi else None,
            "location": self.location,
            "docs": self.docs,
            "outlets": self.outlets,
            "events": [m.event.id for m in self.members],
            "n_mentions": len(self.members),
            "confidence": self.confidence,
            "status": self.status,
            "contested": self.contested,
            "sides": self.sides(),
            "summary": self.summary(),
            "evidence": [
                {**m.event.cite(), "role": m.role, "modality": m.event.modality, "reason": m.reason}
                for m in self.members
            ],
        }

    def sides(self) -> list[dict[str, Any]]:
        """Who says it happened and who denies it: each side with its documents."""
        if not self.negations:
            return []
        out = []
        for claim, events in (("happened", self.facts), ("denied", self.negations)):
            out.append(
                {
                    "claim": claim,
                    "by": sorted({_voice(e) for e in events}),
                    "docs": sorted({e.doc for e in events}),
                    "events": [e.id for e in events],
                }
            )
        return out


def _voice(e: EventFact) -> str:
    """Who makes the statement: the attribution, else a denier is its source actor, else the outlet."""
    if e.attribution:
        return str(e.attribution)
    if e.plover in ("REJECT", "ACCUSE") and e.source:
        return e.source
    return e.outlet or e.doc


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v not in (None, ""))
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], str(kv[0])))[0]


def incident_id(first_event_id: str) -> str:
    return "inc-" + hashlib.sha1(first_event_id.encode("utf-8")).hexdigest()[:12]


# ---------------------------------------------------------------- matching


def _distance_km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    try:
        lat1, lon1, lat2, lon2 = (math.radians(float(x)) for x in (a["lat"], a["lon"], b["lat"], b["lon"]))
    except (KeyError, TypeError, ValueError):
        return None
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _place_countries(p: dict[str, Any]) -> set[str]:
    out = {str(c) for c in p.get("countries") or () if c}
    if p.get("country"):
        out.add(str(p["country"]))
    return out


def places_compatible(a: dict[str, Any] | None, b: dict[str, Any] | None) -> tuple[bool, str]:
    if not a or not b:
        return True, "no place on one side"
    if str(a.get("name", "")).lower() == str(b.get("name", "")).lower():
        return True, f"same place {a.get('name')}"
    if a.get("kind") == "country" or b.get("kind") == "country":
        ca, cb = _place_countries(a), _place_countries(b)
        if not ca or not cb or ca & cb:
            return True, "country-level place contains the other"
    km = _distance_km(a, b)
    if km is not None:
        return (km <= PLACE_KM, f"places {km:.0f} km apart")
    ca, cb = _place_countries(a), _place_countries(b)
    if ca and cb and not ca & cb:
        return False, "places in different countries"
    return True, "places not comparable"


def dates_compatible(a: DateSpan, b: DateSpan) -> tuple[str | None, str]:
    """'day' (tight), 'coarse' (overlap), 'none' (unknown), or None (incompatible)."""
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return "none", "no date on one side"
    if a.strength == "day" and b.strength == "day":
        gap = abs((a.lo - b.lo).days)
        return ("day", f"dates {gap} days apart") if gap <= DAY_WINDOW else (None, f"dates {gap} days apart")
    slack = 1 if "published" in (a.strength, b.strength) else 0
    if a.lo.toordinal() - slack <= b.hi.toordinal() and b.lo.toordinal() - slack <= a.hi.toordinal():
        return "coarse", f"{a.strength} and {b.strength} dates overlap"
    return None, f"{a.strength} and {b.strength} dates do not overlap"


def actors_compatible(e: EventFact, inc: Incident, *, denial: bool) -> bool:
    src, tgt = inc.source, inc.target
    if denial:
        # the accused side denies (source) to the accuser (target), or speaks without a target
        sides = {src, tgt} - {None}
        return e.source in sides and (e.target is None or e.target in sides)
    if e.source is None or src is None:
        return False
    if inc.symmetric:
        ours, theirs = {e.source, e.target} - {None}, {src, tgt} - {None}
        return ours <= theirs or theirs <= ours
    return e.source == src and (e.target is None or tgt is None or e.target == tgt)


class Matcher:
    """Assigns event mentions to incidents, keeping its similarity pool between calls."""

    def __init__(self, incidents: Sequence[Incident] = ()) -> None:
        self.incidents: list[Incident] = list(incidents)
        self.sim = Similarity()
        self._by_actor: dict[str, dict[str, Incident]] = {}
        for inc in self.incidents:
            for m in inc.members:
                self.sim.add(m.event.id, _text(m.event))
                self._index(inc, m.event)
        self.changed: set[str] = set()

    def _index(self, inc: Incident, event: EventFact) -> None:
        for key in {event.source, event.target} - {None}:
            self._by_actor.setdefault(str(key), {})[inc.id] = inc

    def add(self, events: Iterable[EventFact]) -> list[str]:
        """Assign each fact or negated mention (scenarios are skipped); returns changed incident ids."""
        todo = [e for e in events if not e.is_scenario and e.plover]
        # precisely dated reports first, so vaguer ones join the incidents they anchor; denials last,
        # so the report they deny is already an incident
        todo.sort(key=lambda e: (is_denial(e), *_order(e), e.doc, e.id))
        self.sim.add_all((e.id, _text(e)) for e in todo)
        for event in todo:
            self._assign(event)
        return sorted(self.changed)

    def _assign(self, event: EventFact) -> None:
        span = date_span(event.date, event.published)
        denial = is_denial(event)
        best: tuple[float, Incident, str] | None = None
        for inc in self._candidates(event, denial):
            score, why = self._score(event, span, inc, denial)
            if score > 0 and (best is None or score > best[0]):
                best = (score, inc, why)
        if best is not None:
            role = "denial" if denial and best[1].family != family(event.plover).name else "report"
            best[1].members.append(Member(event, role, best[2], span))
            self._index(best[1], event)
            self.changed.add(best[1].id)
            return
        fam = family(event.plover)
        inc = Incident(incident_id(event.id), fam.name, fam.symmetric)
        inc.members.append(Member(event, "report", "first report", span))
        self.incidents.append(inc)
        self._index(inc, event)
        self.changed.add(inc.id)

    def _candidates(self, event: EventFact, denial: bool) -> Iterable[Incident]:
        fam = family(event.plover).name
        seen: set[str] = set()
        for key in (event.source, event.target):
            for inc in self._by_actor.get(str(key), {}).values() if key else ():
                if inc.id in seen:
                    continue
                seen.add(inc.id)
                if inc.family == fam or (denial and inc.facts):
                    yield inc

    def _score(self, event: EventFact, span: DateSpan, inc: Incident, denial: bool) -> tuple[float, str]:
        cross = denial and inc.family != family(event.plover).name
        if not actors_compatible(event, inc, denial=cross):
            return 0.0, "actors differ"
        rank = {"day": 0, "coarse": 1, "none": 2}
        best = "none"
        for m in inc.members:  # no member may contradict the date; the closest one sets the bar
            tight, why = dates_compatible(span, m.span)
            if tight is None:
                return 0.0, why
            best = min(best, tight, key=rank.__getitem__)
        ok, place_why = places_compatible(event.location, inc.location)
        if not ok:
            return 0.0, place_why
        sim = max(self.sim.cosine(event.id, m.event.id) for m in inc.members)
        need = SIM_DENIAL if cross else {"day": SIM_DAY, "coarse": SIM_COARSE, "none": SIM_UNDATED}[best]
        if sim < need:
            return 0.0, f"text similarity {sim:.2f} below {need}"
        bonus = {"day": 0.3, "coarse": 0.1, "none": 0.0}[best]
        kind = "denial of" if cross else "same"
        return sim + bonus, f"{kind} {inc.family} by same actors, {best} date match, {place_why}, text {sim:.2f}"


def _text(e: EventFact) -> str:
    place = (e.location or {}).get("name") or ""
    return f"{e.evidence} {e.trigger or ''} {place}"


STRENGTH_ORDER = {"day": 0, "month": 1, "year": 2, "published": 3, "none": 4}


def _order(e: EventFact) -> tuple[int, str]:
    s = date_span(e.date, e.published)
    return STRENGTH_ORDER[s.strength], s.lo.isoformat() if s.lo else "9999"


def _order_day(e: EventFact) -> str:
    s = date_span(e.date, e.published)
    return s.lo.isoformat() if s.lo else "9999"


def cluster(events: Iterable[EventFact], existing: Sequence[Incident] = ()) -> list[Incident]:
    """Incidents from event mentions, optionally added to ``existing`` ones."""
    matcher = Matcher(existing)
    matcher.add(events)
    return matcher.incidents


def rebuild(events: Iterable[EventFact], membership: dict[str, tuple[str, str, str]]) -> list[Incident]:
    """Incidents as stored: ``membership`` maps event id -> (incident id, role, reason)."""
    by_id: dict[str, Incident] = {}
    for e in sorted(events, key=lambda x: (_order_day(x), x.doc, x.id)):
        if e.id not in membership:
            continue
        inc_id, role, reason = membership[e.id]
        inc = by_id.get(inc_id)
        if inc is None:
            fam = family(e.plover)
            inc = by_id[inc_id] = Incident(inc_id, fam.name, fam.symmetric)
        inc.members.append(Member(e, role, reason, date_span(e.date, e.published)))
    for inc in by_id.values():  # the family is the one of its reports, not of a denial
        if inc.reports:
            fam = family(inc.reports[0].plover)
            inc.family, inc.symmetric = fam.name, fam.symmetric
    return list(by_id.values())

"""Attach stage: each event gets date, location, quantities and equipment from its sentence."""

from __future__ import annotations

import pytest

from flashpoint.records import ActorRef, Article, Doc, Event
from flashpoint.stages.attach import AttachStage
from flashpoint.stages.dates import DatesStage
from flashpoint.stages.equipment import EquipmentStage
from flashpoint.stages.nlp import NLPStage
from flashpoint.stages.places import PlacesStage
from flashpoint.stages.quantities import QuantitiesStage


@pytest.fixture(scope="module")
def run():
    stages = [NLPStage(), PlacesStage(), DatesStage(), EquipmentStage(), QuantitiesStage()]
    attach = AttachStage()

    def go(text: str, evidences: list[tuple[str, str | None, str | None]], published: str | None = None) -> list[Event]:
        doc = Doc(article=Article(key="k", doc="t", text=text, published=published))
        for stage in stages:
            doc = stage(doc)
        events = []
        for evidence, source, target in evidences:
            start = text.index(evidence)
            events.append(
                Event(
                    start,
                    start + len(evidence),
                    evidence,
                    ActorRef(source),
                    ActorRef(target) if target else None,
                    "TEST",
                )
            )
        return list(attach(doc.replace(events=tuple(events))).events)

    return go


TEXT = (
    "On October 21, the Armenian Foreign Minister welcomed his Iranian counterpart, who said Iran would not "
    "tolerate any tampering with the Armenia-Iran border. On the same day he inaugurated a new Iranian consulate "
    "in Kapan. Iran’s armed forces have launched military maneuvers on the border with Azerbaijan. "
    "Baku will abandon contracts for the purchase of weapons in Israel worth 620 million dollars. "
    "It accepted Azerbaijan’s sovereignty in 2020, and Ukraine claims to have shot down several Mohajer-6 drones "
    "over Kyiv."
)


def test_location_comes_from_a_locative_place(run) -> None:
    events = run(
        TEXT,
        [
            ("he inaugurated a new Iranian consulate in Kapan", "IRN", "ARM"),
            ("Iran’s armed forces have launched military maneuvers on the border with Azerbaijan", "IRN", "AZE"),
            ("Ukraine claims to have shot down several Mohajer-6 drones over Kyiv", "UKR", "RUS"),
        ],
    )
    kapan, border, kyiv = (e.location for e in events)
    assert kapan is not None and (kapan.name, kapan.country) == ("Kapan", "ARM")
    assert "'in'" in kapan.reason
    assert border is not None and border.kind == "border" and border.countries == ("IRN", "AZE")
    assert kyiv is not None and kyiv.name == "Kyiv"
    assert [e.name for e in events[2].equipment] == ["Mohajer-6"]


def test_named_but_not_locative_places_and_actor_countries_are_not_locations(run) -> None:
    events = run(
        TEXT,
        [
            ("Iran would not tolerate any tampering with the Armenia-Iran border", "IRN", "ARM"),
            (
                "Baku will abandon contracts for the purchase of weapons in Israel worth 620 million dollars",
                "AZE",
                "ISR",
            ),
        ],
    )
    assert events[0].location is None
    assert events[1].location is None
    assert [(q.value, q.unit) for q in events[1].quantities] == [(620_000_000, "USD")]


def test_dates_from_the_sentence_and_the_same_day(run) -> None:
    events = run(
        TEXT,
        [
            ("the Armenian Foreign Minister welcomed his Iranian counterpart", "ARM", "IRN"),
            ("he inaugurated a new Iranian consulate in Kapan", "IRN", "ARM"),
            ("Ukraine claims to have shot down several Mohajer-6 drones over Kyiv", "UKR", "RUS"),
            ("Iran’s armed forces have launched military maneuvers on the border with Azerbaijan", "IRN", "AZE"),
        ],
    )
    assert [e.date for e in events[:3]] == ["--10-21", "--10-21", "2020"]
    assert events[0].date_granularity == "month-day"
    assert events[3].date is None and events[3].date_reason == "no date in sentence and no publication date"


def test_publication_date_for_undated_events_and_history_wins(run) -> None:
    events = run(
        TEXT,
        [
            ("Iran’s armed forces have launched military maneuvers on the border with Azerbaijan", "IRN", "AZE"),
            ("It accepted Azerbaijan’s sovereignty in 2020", "ARM", "AZE"),
            ("he inaugurated a new Iranian consulate in Kapan", "IRN", "ARM"),
        ],
        published="2023-10-25",
    )
    assert (events[0].date, events[0].date_granularity) == ("2023-10-25", "day")
    assert events[0].date_reason == "publication date (no date in sentence)"
    assert (events[1].date, events[1].date_granularity) == ("2020", "year")
    assert events[2].date == "2023-10-21"


def test_two_events_in_one_sentence_split_their_facts(run) -> None:
    text = "Turkey sold 12 drones to Azerbaijan, while Russia sent 300 troops to Armenia."
    first, second = run(
        text,
        [("Turkey sold 12 drones to Azerbaijan", "TUR", "AZE"), ("Russia sent 300 troops to Armenia", "RUS", "ARM")],
    )
    assert [(q.value, q.unit) for q in first.quantities] == [(12, "drones")]
    assert [(q.value, q.unit) for q in second.quantities] == [(300, "troops")]

"""Dates stage: DATE entities resolved against the publication date, keeping their granularity."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.records import Article, Doc
from flashpoint.stages.dates import DatesStage, parse_date
from flashpoint.stages.nlp import NLPStage

PUBLISHED = dt.date(2023, 10, 25)  # a Wednesday


@pytest.fixture(scope="module")
def run():
    nlp, dates = NLPStage(), DatesStage()

    def go(text: str, published: str | None = None) -> Doc:
        return dates(nlp(Doc(article=Article(key="k", doc="t", text=text, published=published))))

    return go


def test_month_day_takes_the_publication_year() -> None:
    ref = parse_date("On October 21", PUBLISHED)
    assert (ref.value, ref.granularity) == ("2023-10-21", "day")
    assert "publication date" in ref.reason


def test_month_day_without_publication_date_stays_partial() -> None:
    ref = parse_date("On October 21", None)
    assert (ref.value, ref.granularity) == ("--10-21", "month-day")
    assert ref.reason == "no year in text and no publication date"


def test_month_day_after_publication_belongs_to_the_previous_year() -> None:
    assert parse_date("December 30", dt.date(2024, 1, 3)).value == "2023-12-30"


def test_years_and_months_keep_their_granularity() -> None:
    assert (parse_date("in 2020", PUBLISHED).value, parse_date("in 2020", PUBLISHED).granularity) == ("2020", "year")
    ref = parse_date("September 2021", None)
    assert (ref.value, ref.granularity) == ("2021-09", "month")
    assert parse_date("Oct. 21, 2023", None).value == "2023-10-21"
    assert parse_date("21 October 2023", None).granularity == "day"


def test_relative_expressions_count_back_from_publication() -> None:
    assert parse_date("Monday", PUBLISHED).value == "2023-10-23"
    assert parse_date("yesterday", PUBLISHED).value == "2023-10-24"
    assert parse_date("last year", PUBLISHED).value == "2022"
    assert parse_date("two days ago", PUBLISHED).value == "2023-10-23"
    unknown = parse_date("Monday", None)
    assert unknown.value is None and "publication date" in unknown.reason


def test_durations_and_numbers_are_not_dates() -> None:
    for text in ("three years", "decades", "the past decade", "2000 km", "$1=42"):
        assert parse_date(text, PUBLISHED) is None, text


def test_stage_reads_date_entities_only(run) -> None:
    doc = run(
        "The Shahed-191 goes up to 2000 km. ($1=42,190.00 Iranian Rials) The Sokol TurAz-2021 exercise "
        "took place in September 2021."
    )
    assert [(d.text, d.value) for d in doc.dates] == [("September 2021", "2021-09")]


def test_same_day_refers_to_the_previous_date(run) -> None:
    doc = run("On October 21, the minister arrived in Yerevan. On the same day he opened a consulate in Kapan.")
    values = [d.value for d in doc.dates]
    assert values == ["--10-21", "--10-21"]
    assert "same day" in doc.dates[1].reason


def test_published_article_resolves_weekday(run) -> None:
    doc = run("Officials said on Monday that talks would resume.", published="2023-10-25")
    assert [(d.value, d.granularity) for d in doc.dates] == [("2023-10-23", "day")]


def test_day_shifts_ranges_and_possessives() -> None:
    first = parse_date("October 21", None)
    assert parse_date("the next day", None, first).value == "--10-22"
    assert parse_date("the previous day", PUBLISHED, parse_date("October 1", PUBLISHED)).value == "2023-09-30"
    assert parse_date("March 3-4", PUBLISHED).value == "2023-03-03"
    assert parse_date("Sunday's", PUBLISHED).value == "2023-10-22"
    assert parse_date("earlier this month", PUBLISHED).value == "2023-10"

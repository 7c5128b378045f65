"""Quantities stage: numbers with units, money in USD, what they count and whose they are."""

from __future__ import annotations

import pytest

from flashpoint.records import Article, Doc, Quantity
from flashpoint.stages.equipment import EquipmentStage
from flashpoint.stages.nlp import NLPStage
from flashpoint.stages.places import PlacesStage
from flashpoint.stages.quantities import QuantitiesStage


@pytest.fixture(scope="module")
def run():
    nlp, places, equipment, quantities = NLPStage(), PlacesStage(), EquipmentStage(), QuantitiesStage()

    def go(text: str) -> list[Quantity]:
        doc = nlp(Doc(article=Article(key="k", doc="t", text=text)))
        return list(quantities(equipment(places(doc))).quantities)

    return go


def test_money_in_words_is_normalised_to_usd(run) -> None:
    [q] = run("Baku will abandon contracts worth a total of 620 million dollars.")
    assert (q.value, q.unit, q.usd) == (620_000_000, "USD", 620_000_000)


def test_foreign_money_states_rate_and_date(run) -> None:
    [q] = run("The European Union approved €1.2bn in military aid.")
    assert q.unit == "EUR" and q.value == pytest.approx(1.2e9)
    assert q.usd == pytest.approx(1.2e9 * 1.035)
    assert "rate as of" in q.reason


def test_troop_numbers_belong_to_the_nearest_earlier_country(run) -> None:
    qs = run(
        "Formally Iran has an advantage in the number of armed forces – up to 600 thousand servicemen, "
        "while Azerbaijan – about 200 thousand servicemen."
    )
    assert [(q.value, q.unit, q.of, q.approx) for q in qs] == [
        (600_000, "servicemen", "IRN armed forces", True),
        (200_000, "servicemen", "AZE armed forces", True),
    ]


def test_people_counted_by_demonym_with_their_place(run) -> None:
    [q] = run("Baku considers as its citizens the 25,000 Armenians living in the territory of Nagorno Karabakh.")
    assert (q.value, q.unit, q.of) == (25_000, "people", "Armenians in Nagorno-Karabakh")


def test_ranges_percentages_and_counts(run) -> None:
    qs = run(
        "Iran has supplied at least three types of drones—the Mohajer-6 which has a 200-km range, and the "
        "Shahed-191, which goes up to 2000 km. TB2 drones destroyed nearly 40 percent of Armenia’s inventory."
    )
    got = {(q.value, q.unit) for q in qs}
    assert {(3, "types"), (200, "km"), (2000, "km"), (40, "percent")} <= got
    ranges = {q.value: q.of for q in qs if q.unit == "km"}
    assert ranges == {200: "Mohajer-6 range", 2000: "Shahed-191 range"}
    assert next(q for q in qs if q.unit == "percent").approx


def test_miles_are_converted_to_km(run) -> None:
    [q] = run("The missile flew 100 miles before it fell.")
    assert q.unit == "km" and q.value == pytest.approx(160.9344)


def test_widget_junk_years_ages_and_model_numbers_are_not_quantities(run) -> None:
    assert run("TEHRAN, ($1=42,190.00 Iranian Rials) – Iran is not satisfied.") == []
    assert run("Henry, 19, was arrested in 2020 near Su-25 and F-16 jets.") == []

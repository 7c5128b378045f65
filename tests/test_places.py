"""Places stage: toponym recognition, resolution to GeoNames / our tables, borders."""

from __future__ import annotations

import pytest

from flashpoint.records import Article, Doc, Place
from flashpoint.stages.nlp import NLPStage
from flashpoint.stages.places import PlacesStage
from flashpoint.stages.places.gazetteer import load_gazetteer, normalise


@pytest.fixture(scope="module")
def run():
    nlp, places = NLPStage(), PlacesStage()

    def go(text: str, dateline: str | None = None) -> Doc:
        return places(nlp(Doc(article=Article(key="k", doc="t", text=text, dateline=dateline))))

    return go


def find(doc: Doc, text: str) -> Place:
    hits = [p for p in doc.places if p.text == text]
    assert hits, f"{text!r} not among {[p.text for p in doc.places]}"
    return hits[0]


def test_normalise_folds_case_accents_hyphens_and_the() -> None:
    assert normalise("The Nagorno–Karabakh") == "nagorno karabakh"
    assert normalise("Naxçıvan") == normalise("Naxcıvan")
    assert normalise("Kyiv’s") == "kyiv's"


def test_gazetteer_knows_geonames_cities_and_own_tables() -> None:
    gaz = load_gazetteer()
    kapan = [e for e, _ in gaz.lookup("Kapan") if e.country == "ARM"]
    assert kapan and kapan[0].geonameid == 174875
    assert {e.kind for e, _ in gaz.lookup("Georgia")} == {"country", "admin1"}
    assert gaz.country_of_demonym("Azerbaijani") == "AZE"
    assert gaz.country_of_demonym("Armenians") == "ARM"
    assert gaz.country_code("U.S.") == "USA"


def test_kapan_resolves_to_armenia(run) -> None:
    doc = run("On the same day he inaugurated a new Iranian consulate in Kapan, which lies in the Syunik province.")
    kapan = find(doc, "Kapan")
    assert (kapan.country, kapan.geonameid, kapan.kind) == ("ARM", 174875, "city")
    assert kapan.lat == pytest.approx(39.2, abs=0.1) and kapan.reason
    syunik = [p for p in doc.places if p.name == "Syunik"]
    assert syunik and syunik[0].country == "ARM" and syunik[0].kind == "admin1"


def test_georgia_country_in_a_caucasus_story(run) -> None:
    doc = run("Russia moved troops toward Georgia after talks in Tbilisi with Armenia and Azerbaijan stalled.")
    georgia = find(doc, "Georgia")
    assert (georgia.country, georgia.kind) == ("GEO", "country")


def test_georgia_us_state_in_an_american_story(run) -> None:
    doc = run(
        "Storms hit Atlanta and Savannah on Sunday. Officials in Alabama and Florida said the damage in "
        "Georgia was the worst since 2017, and Georgia emergency crews were sent from Tennessee."
    )
    georgia = find(doc, "Georgia")
    assert (georgia.country, georgia.kind) == ("USA", "admin1")
    assert "USA" in georgia.reason


def test_regions_disputed_areas_and_water(run) -> None:
    doc = run(
        "Baku wants a corridor from the Nakhichevan Autonomy through Armenia, while 25,000 Armenians remain in "
        "Nagorno-Karabakh. Russia's fleet in the Black Sea and the Taiwan Strait drills were also discussed."
    )
    assert find(doc, "Nakhichevan Autonomy").country == "AZE"
    assert find(doc, "Nagorno-Karabakh").country == "AZE"
    sea = find(doc, "Black Sea")
    assert sea.kind == "water" and sea.country is None and "RUS" in sea.countries
    assert find(doc, "Taiwan Strait").kind == "water"


def test_border_with_one_named_country_takes_the_other_from_the_sentence(run) -> None:
    doc = run("Iran’s armed forces have launched military maneuvers on the border with Azerbaijan.")
    border = [p for p in doc.places if p.kind == "border"]
    assert len(border) == 1
    assert border[0].countries == ("IRN", "AZE")
    assert border[0].name == "Iran–Azerbaijan border"
    assert "sentence" in border[0].reason


def test_border_from_two_joined_country_names(run) -> None:
    doc = run("Iran would not tolerate any tampering with the current Armenia-Iran border.")
    border = [p for p in doc.places if p.kind == "border"]
    assert border and border[0].countries == ("ARM", "IRN") and border[0].text == "Armenia-Iran border"


def test_dateline_decides_an_ambiguous_city(run) -> None:
    egypt = run("Police in Alexandria arrested three men on Friday.", dateline="CAIRO")
    assert find(egypt, "Alexandria").country == "EGY"
    usa = run("Police in Alexandria, Va., arrested three men on Friday.")
    assert find(usa, "Alexandria").country == "USA"


def test_locative_name_missed_by_ner_is_still_found(run) -> None:
    doc = run("Ukraine says drones coming from Russia dropped payloads over Kyiv and other cities.")
    kyiv = find(doc, "Kyiv")
    assert kyiv.country == "UKR" and kyiv.kind == "city"


def test_weapon_names_and_unknown_names_are_not_resolved_places(run) -> None:
    doc = run("Baku bought Harop and Harpy drones. Residents of Xqzville protested.")
    assert not any(p.text in {"Harop", "Harpy"} for p in doc.places)
    for place in doc.places:
        assert place.reason, place
        if place.kind == "unresolved":
            assert place.lat is None and "gazetteer" in place.reason


def test_every_place_has_coordinates_or_says_why(run) -> None:
    doc = run("Talks in Geneva between the United States and Russia touched on Crimea and the Line of Control.")
    kinds = {p.text: p.kind for p in doc.places}
    assert kinds.get("Crimea") == "region" and kinds.get("Line of Control") == "line"
    assert find(doc, "United States").country == "USA"
    for place in doc.places:
        assert (place.lat is not None) or place.kind in {"unresolved", "border"}


def test_coordinated_towns_and_context_country(run) -> None:
    doc = run("Russian forces attacked Avdiivka and Bakhmut in the Donetsk region on Tuesday.")
    assert find(doc, "Bakhmut").country == "UKR" and find(doc, "Avdiivka").country == "UKR"
    assert find(doc, "Donetsk region").kind == "admin1"
    gaza = run(
        "Israeli strikes on Khan Younis and Rafah in southern Gaza killed 45 people, the Hamas-run ministry said."
    )
    assert find(gaza, "Rafah").country == "PSE"
    assert not any(p.name == "Hamm" for p in gaza.places)


def test_a_person_named_again_by_surname_is_not_a_place(run) -> None:
    # spaCy tags the lone surname an organisation; the gazetteer knows a city of that name
    doc = run("Interior Minister Samuel Mombasa rejected the claim. Mombasa said judges were independent.")
    assert not [p for p in doc.places if p.text == "Mombasa"], doc.places


@pytest.mark.parametrize("text", [
    "Relations between the West and Moscow have soured since the war began.",
    "Hundreds of diplomats are being expelled by both the West and Russia.",
])
def test_the_west_as_a_bloc_is_not_a_region(run, text) -> None:
    assert not [p for p in run(text).places if p.text == "West"]


def test_a_surname_ner_takes_for_a_town_is_the_person_again(run) -> None:
    # spaCy tags the lone "Kenton" a place; a small town of that name exists, but the article named Paul Kenton
    doc = run("The missionary Paul Kenton was held for a year. Kenton told reporters he was innocent.")
    assert not [p for p in doc.places if p.text == "Kenton"], doc.places

"""Actors the text names without a country (issue 15): where they act gives it; named groups have a home.

Classes: unnamed armed men take the country where they act (a place in their sentence, a town only the
gazetteer knows included; else the dateline); police, courts and parliaments act at home; political
groups and parties take the dateline's country; named non-state groups their home country; a country
name used as a town's name ("the city of Turkey") is neither an actor nor the setting.
"""

from __future__ import annotations

import pytest

from actors_support import analyser, coded, find


@pytest.fixture(scope="module")
def run():
    return analyser("2024-05-02")


@pytest.mark.parametrize(
    ("text", "span", "country"),
    [
        ("Gunmen opened fire on worshippers in the town of Karak on Sunday.", "Gunmen", "JOR"),
        ("Militants ambushed a patrol near Kandahar before dawn.", "Militants", "AFG"),
        ("Attackers stormed a hotel in Mogadishu, officials said.", "Attackers", "SOM"),
    ],
)
def test_armed_men_take_the_country_where_they_act(run, text, span, country):
    m = find(run(text), span)
    assert m.country == country and m.confidence <= 0.5
    assert "where they act" in m.reason


def test_armed_men_without_a_place_take_the_dateline(run):
    doc = run("Gunmen killed three traders on the highway overnight.", dateline="LAGOS")
    m = find(doc, "Gunmen")
    assert (m.country, m.sector) == ("NGA", "UAF") and "dateline" in m.reason


def test_police_and_courts_act_at_home(run):
    doc = run("Police said the shooting happened outside a market in Peshawar. The court in Lahore adjourned the case.")
    assert coded(doc, "Police") == ("PAK", "COP")
    assert coded(doc, "court") == ("PAK", "JUD")
    assert "located in Lahore" in find(doc, "court").reason


def test_the_registrar_and_the_party_in_a_one_country_story(run):
    doc = run(
        "Kenya's election board met on Monday. The registrar rejected the filing, and the party said it would appeal.",
        dateline="NAIROBI",
    )
    assert coded(doc, "registrar") == ("KEN", "GOV")
    assert coded(doc, "party") == ("KEN", "PTY")


def test_protesters_take_a_place_the_gazetteer_knows(run):
    doc = run("Protesters blocked the main road into Cochabamba for a second day.")
    assert coded(doc, "Protesters") == ("BOL", "CVL")


@pytest.mark.parametrize(
    ("text", "span", "country"),
    [
        ("Boko Haram fighters raided the village at night.", "Boko Haram", "NGA"),
        ("Al-Shabaab claimed the attack on the base.", "Al-Shabaab", "SOM"),
        ("Jaish al-Islam said it had withdrawn from Douma.", "Jaish al-Islam", "SYR"),
        ("The PKK denied any role in the blast.", "PKK", "TUR"),
    ],
)
def test_named_groups_have_their_home_country(run, text, span, country):
    m = [m for m in run(text).mentions if m.text.startswith(span)][0]
    assert m.country == country and m.sector == "REB"


def test_a_country_name_used_as_a_town_is_not_the_setting(run):
    doc = run(
        "The 30th rodeo returns to Turkey on Friday, according to the city of Turkey. "
        "The event in Hall County features singer Wade Colter Briggs."
    )
    singer = [m for m in doc.mentions if "Briggs" in m.text][0]
    assert singer.country != "TUR"


def test_armed_men_in_a_region_of_several_countries_have_none(run):
    doc = run("Mali's junta expelled the envoy. Paris had kept troops in the Sahel to fight militants for a decade.")
    assert find(doc, "militants").country is None


def test_a_place_inside_a_quote_is_not_where_an_institution_sits(run):
    doc = run(
        "Albania's prime minister spoke on Monday. \"We will not bow to threats made from Athens,\" he told parliament."
    )
    assert find(doc, "parliament").country != "GRC"

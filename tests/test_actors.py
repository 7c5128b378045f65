"""The actors stage on the hard cases of its issue: metonymy both ways, demonyms, offices, coreference."""

from __future__ import annotations

import pytest

from actors_support import absent, analyser, find
from flashpoint.stages.actors import mentions_in


@pytest.fixture(scope="module")
def run():
    return analyser("2022-10-25")


def test_mentions_are_sorted_and_do_not_overlap(run):
    doc = run(
        "Tehran wants Baku and Ankara to talk. Iranian troops moved while the Turkish news agency Anadolu watched."
    )
    starts = [m.start for m in doc.mentions]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(doc.mentions, doc.mentions[1:], strict=False))
    for m in doc.mentions:
        assert doc.article.text[m.start : m.end] == m.text
        assert m.reason


def test_capitals_used_for_governments(run):
    doc = run("Tehran wants Azerbaijan to abandon the project, although Baku and Ankara were ready for it.")
    assert (find(doc, "Tehran").country, find(doc, "Tehran").sector) == ("IRN", "GOV")
    assert (find(doc, "Baku").country, find(doc, "Baku").sector) == ("AZE", "GOV")
    assert (find(doc, "Ankara").country, find(doc, "Ankara").sector) == ("TUR", "GOV")
    assert find(doc, "Tehran").kind == "capital"
    assert "capital" in find(doc, "Tehran").reason


@pytest.mark.parametrize(("text", "capital", "country"), [
    ("Washington wants Seoul to raise its defence spending.", "Seoul", "KOR"),
    ("Officials said Moscow wanted Minsk to host the next round.", "Minsk", "BLR"),
    ("Trump expects Tokyo and Seoul to pay more for the bases.", "Tokyo", "JPN"),
    ("Ankara demanded that Stockholm extradite the suspects.", "Stockholm", "SWE"),
    ("The envoy insisted that Kigali withdraw its troops.", "Kigali", "RWA"),
])
def test_a_capital_that_opens_a_clause_is_its_government(run, text, capital, country):
    """The subject of an infinitive after a verb's object, or of a subjunctive after "that", though no finite verb
    follows the name."""
    mention = find(doc := run(text), capital)
    assert (mention.country, mention.sector, mention.kind) == (country, "GOV", "capital"), doc.mentions
    assert "subject of" in mention.reason


@pytest.mark.parametrize(("text", "city"), [
    ("Erdogan left Ankara to attend the summit.", "Ankara"),  # a verb of movement: a place
    ("He returned to Kyiv to meet the prime minister.", "Kyiv"),  # after a preposition
    ("The minister flew from London to Paris to attend talks.", "Paris"),
])
def test_a_capital_before_an_infinitive_of_purpose_stays_a_place(run, text, city):
    absent(run(text), city)


def test_capitals_that_are_places_stay_places(run):
    doc = run(
        "The talks were held in Tehran. Barak 8 missiles could cover Baku from a possible attack. "
        "The statement was heard across the borders in Baku, Ankara, and Moscow."
    )
    for city in ("Tehran", "Baku", "Ankara", "Moscow"):
        absent(doc, city)


def test_country_name_as_subject_is_the_government_but_not_after_in(run):
    doc = run("Azerbaijan will not change the format. Hezbollah is active in Azerbaijan.")
    subject = doc.mentions[0]
    assert (subject.text, subject.country, subject.sector, subject.kind) == ("Azerbaijan", "AZE", "GOV", "country")
    assert [m.text for m in doc.mentions].count("Azerbaijan") == 1


def test_country_variants(run):
    doc = run("Türkiye and the Russian Federation signed a deal, and Turkey praised the Islamic Republic.")
    assert find(doc, "Türkiye").country == "TUR"
    assert find(doc, "Turkey").country == "TUR"
    assert find(doc, "Russian Federation").country == "RUS"
    assert find(doc, "Islamic Republic").country == "IRN"


def test_demonym_with_sector_head_and_equipment(run):
    doc = run("Iranian troops massed on the border while Turkish F-16s and Azerbaijani Su-25s trained.")
    troops = find(doc, "Iranian troops")
    assert (troops.country, troops.sector, troops.kind) == ("IRN", "MIL", "demonym")
    absent(doc, "Turkish")
    absent(doc, "Azerbaijani")


def test_possessives_take_the_head_noun_sector(run):
    doc = run(
        "Iran’s armed forces launched maneuvers. Azerbaijan’s fleet of drones was decisive. Iran’s Azeri provinces are calm."
    )
    assert (find(doc, "Iran’s armed forces").country, find(doc, "Iran’s armed forces").sector) == ("IRN", "MIL")
    assert (find(doc, "Azerbaijan’s fleet").country, find(doc, "Azerbaijan’s fleet").sector) == ("AZE", "MIL")
    assert [m.text for m in doc.mentions if m.text.startswith("Iran")] == ["Iran’s armed forces"]


def test_ministries_forces_and_agencies(run):
    doc = run(
        "The Revolutionary Guards (IRGC) held drills. The Ukrainian Air Force confirmed two attacks. "
        "The Iranian Foreign Ministry summoned the envoy."
    )
    guards = find(doc, "Revolutionary Guards")
    assert (guards.country, guards.sector, guards.kind) == ("IRN", "MIL", "org")
    irgc = find(doc, "IRGC")
    assert irgc.ref == doc.mentions.index(guards) and irgc.kind == "alias"
    assert (find(doc, "Ukrainian Air Force").country, find(doc, "Ukrainian Air Force").sector) == ("UKR", "MIL")
    assert (find(doc, "Iranian Foreign Ministry").country, find(doc, "Iranian Foreign Ministry").sector) == (
        "IRN",
        "GOV",
    )


def test_office_holders_with_titles_and_counterparts(run):
    doc = run(
        "On October 21, the Armenian Foreign Minister Ararat Mirzoyan welcomed his Iranian counterpart "
        "Hossein Amir-Abdollahian at the Foreign Ministry. The Iranian Foreign Minister’s statement was heard."
    )
    mirzoyan = find(doc, "Armenian Foreign Minister Ararat Mirzoyan")
    assert (mirzoyan.country, mirzoyan.sector, mirzoyan.kind, mirzoyan.role) == (
        "ARM",
        "GOV",
        "person",
        "foreign_minister",
    )
    guest = find(doc, "Iranian counterpart Hossein Amir-Abdollahian")
    assert (guest.country, guest.role) == ("IRN", "foreign_minister")
    title_only = find(doc, "Iranian Foreign Minister")
    assert title_only.entity == guest.entity
    assert "office-holder on the article date" in title_only.reason
    assert title_only.ref == doc.mentions.index(guest)


def test_counterpart_without_a_name_resolves_the_office(run):
    doc = run("Foreign Minister Jeyhun Bayramov met his Iranian counterpart in Baku.", published="2022-06-01")
    assert find(doc, "Foreign Minister Jeyhun Bayramov").country == "AZE"
    counterpart = find(doc, "Iranian counterpart")
    assert counterpart.country == "IRN" and counterpart.name == "Hossein Amir-Abdollahian"


def test_head_of_state_short_name_and_pronoun(run):
    doc = run(
        "Azerbaijani President Ilham Aliyev responded to Iran. Aliyev commented to the Turkish news agency "
        "Anadolu, in which he stated that Baku considers them citizens."
    )
    aliyev = find(doc, "Azerbaijani President Ilham Aliyev")
    assert (aliyev.country, aliyev.sector, aliyev.role) == ("AZE", "GOV", "head_of_state")
    short = find(doc, "Aliyev")
    assert short.kind == "alias" and short.ref == doc.mentions.index(aliyev) and short.country == "AZE"
    he = find(doc, "he")
    assert he.kind == "pronoun" and he.entity == aliyev.entity and he.ref == doc.mentions.index(aliyev)
    anadolu = find(doc, "Turkish news agency Anadolu")
    assert (anadolu.country, anadolu.sector, anadolu.kind) == ("TUR", "MED", "media")


def test_former_office_holder_is_coded_as_former(run):
    doc = run("Hassan Rouhani criticised the deal, and Donald Trump praised it.", published="2022-10-25")
    rouhani = find(doc, "Hassan Rouhani")
    assert (rouhani.country, rouhani.sector, rouhani.role) == ("IRN", "ELI", "former_head_of_government")
    trump = find(doc, "Donald Trump")
    assert trump.role == "former_head_of_state" and trump.sector == "ELI"
    later = run("Donald Trump praised the deal.", published="2025-06-01")
    assert find(later, "Donald Trump").role == "head_of_state"


def test_unknown_person_takes_country_from_apposition(run):
    doc = run(
        "According to reports, a senior Iranian military official, Major General Karim Tavakoli-Nejad, "
        "said drills would continue. Kamal Ordubadi, the Azerbaijani ambassador to Georgia, disagreed. "
        "Then Zorbek Quillan spoke."
    )
    general = find(doc, "Major General Karim Tavakoli-Nejad")
    assert (general.country, general.sector, general.kind) == ("IRN", "MIL", "person")
    assert "apposition" in general.reason
    envoy = find(doc, "Kamal Ordubadi")
    assert (envoy.country, envoy.role) == ("AZE", "ambassador")
    stranger = [m for m in doc.mentions if "Quillan" in m.text]
    assert all(m.country is None for m in stranger)


def test_armed_groups_igos_and_alliances(run):
    doc = run(
        "Hezbollah fighters and UN peacekeepers clashed. M23 rebels seized the town. NATO and the OSCE "
        "criticised the CSTO and the African Union."
    )
    assert (find(doc, "Hezbollah fighters").country, find(doc, "Hezbollah fighters").sector) == ("LBN", "REB")
    peacekeepers = find(doc, "UN peacekeepers")
    assert (peacekeepers.country, peacekeepers.igo, peacekeepers.sector) == ("IGO", "UN", "MIL")
    assert find(doc, "M23 rebels").country == "COD"
    for name, code in (("NATO", "NATO"), ("OSCE", "OSCE"), ("CSTO", "CSTO"), ("African Union", "AU")):
        m = find(doc, name)
        assert (m.country, m.igo, m.kind) == ("IGO", code, "igo")


def test_two_allies_left_unresolved_with_reason(run):
    doc = run(
        "Iran is against moves by Azerbaijan and Turkey to acquire a corridor that would disconnect the two allies."
    )
    allies = find(doc, "the two allies")
    assert allies.country is None and "AZE and TUR" in allies.reason


def test_it_as_subject_resolves_to_the_last_country_subject(run):
    doc = run(
        "Iran has enjoyed warm relations with Armenia. It alleges that Azerbaijan has irredentist aims. It is unlikely to change."
    )
    it = find(doc, "It")
    assert it.country == "IRN" and it.kind == "pronoun" and it.confidence <= 0.5
    assert [m.text for m in doc.mentions].count("It") == 1


def test_pro_and_anti_prefixes_deny_the_country(run):
    doc = run("Pro-Russia rebels shot down the plane, and Iran accused Baku of anti-Azerbaijani propaganda.")
    assert not [m for m in doc.mentions if m.country == "RUS"]
    rebels = find(doc, "rebels")
    assert rebels.sector == "REB" and rebels.country is None


def test_mentions_in_span(run):
    doc = run("Iran warned Azerbaijan. Russia watched.")
    first = doc.sentences[0]
    assert [m.text for m in mentions_in(doc, first.start, first.end)] == ["Iran", "Azerbaijan"]


def test_without_article_date_the_newest_office_is_used(run):
    doc = run("Sergei Shoigu spoke.", published=None)
    shoigu = find(doc, "Sergei Shoigu")
    assert shoigu.role == "security_council_secretary" and "date unknown" in shoigu.reason

"""The actor knowledge base: coverage, consistency, date resolution and the user override file."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from flashpoint.config import Settings
from flashpoint.errors import ResourceError
from flashpoint.records import Article, Doc
from flashpoint.stages.actors import ActorsStage, build_knowledge, load_knowledge
from flashpoint.stages.actors.lexicon import case_rule
from flashpoint.stages.actors.resolve import code_entity, office_holder
from flashpoint.stages.nlp import NLPStage

G20 = (
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "TUR",
    "GBR",
    "USA",
)
REGION = (
    "ARM",
    "AZE",
    "GEO",
    "IRN",
    "ISR",
    "TUR",
    "SAU",
    "ARE",
    "QAT",
    "IRQ",
    "SYR",
    "JOR",
    "LBN",
    "EGY",
    "YEM",
    "OMN",
    "KWT",
    "BHR",
    "PSE",
    "RUS",
    "UKR",
    "BLR",
    "PRK",
    "KOR",
)


@pytest.fixture(scope="module")
def kb():
    return build_knowledge()


def test_every_iso_country_is_in_the_table(kb):
    missing = [c.alpha_3 for c in pycountry.countries if c.alpha_3 not in kb.countries]
    assert not missing
    iran = kb.countries["IRN"]
    assert "Iranian" in iran.demonyms and "Tehran" in iran.capitals and iran.qid == "Q794"
    assert "Azeris" in kb.countries["AZE"].people and "Armenians" in kb.countries["ARM"].people


def test_sovereign_states_have_demonyms_and_capitals(kb):
    states = [c for c in kb.countries.values() if c.sovereign]
    assert len(states) >= 190
    # the adjectives of New Zealand and the Vatican are their names; Congo and Dominica share theirs with a neighbour
    assert not [c.iso3 for c in states if not c.demonyms and c.iso3 not in {"COG", "DMA", "NZL", "VAT"}]


def test_leaders_and_ministers_are_covered(kb):
    holders = {(r.country, r.role) for rows in kb.entities.values() for r in rows if r.kind == "person"}
    for country in set(G20) | set(REGION):
        roles = {role for c, role in holders if c == country}
        assert roles & {"head_of_state", "head_of_government"}, country
        assert "foreign_minister" in roles or country in {"OMN", "KWT"} and roles, country


def test_no_two_people_hold_one_office_on_the_same_day(kb):
    by_office: dict[tuple[str, str], list] = {}
    for rows in kb.entities.values():
        for r in rows:
            if r.kind == "person" and r.role in {
                "head_of_state",
                "head_of_government",
                "foreign_minister",
                "defence_minister",
            }:
                by_office.setdefault((r.country, r.role), []).append(r)
    clashes = []
    for office, rows in by_office.items():
        rows.sort(key=lambda r: r.start)
        for a, b in zip(rows, rows[1:], strict=False):
            if not a.end or a.end > b.start:
                clashes.append((office, a.name, b.name))
    assert not clashes


def test_office_dates_resolve_on_the_article_date(kb):
    assert office_holder(kb, "IRN", "foreign_minister", "2022-10-25").name == "Hossein Amir-Abdollahian"
    assert office_holder(kb, "IRN", "foreign_minister", "2025-01-10").name == "Abbas Araghchi"
    assert office_holder(kb, "ARM", "foreign_minister", "2023-03-01").name == "Ararat Mirzoyan"
    raisi = next(r.entity for rows in kb.entities.values() for r in rows if r.name == "Ebrahim Raisi")
    assert code_entity(kb, raisi, "2023-01-01").role == "head_of_government"
    former = code_entity(kb, raisi, "2024-08-01")
    assert former.role == "former_head_of_government" and former.sector == "ELI"
    taliban = code_entity(kb, "fp:group:taliban", "2019-01-01"), code_entity(kb, "fp:group:taliban", "2023-01-01")
    assert [t.sector for t in taliban] == ["REB", "GOV"]


def test_igos_carry_their_own_code(kb):
    codes = {r.igo for rows in kb.entities.values() for r in rows if r.kind == "igo"}
    assert {"UN", "EU", "NATO", "CSTO", "OSCE", "AU"} <= codes
    assert all(r.country == "IGO" for rows in kb.entities.values() for r in rows if r.kind == "igo")


def test_news_agencies_have_home_countries(kb):
    media = {r.name: r.country for rows in kb.entities.values() for r in rows if r.kind == "media"}
    for name, country in {
        "Anadolu Agency": "TUR",
        "Reuters": "GBR",
        "Associated Press": "USA",
        "TASS": "RUS",
        "IRNA": "IRN",
        "Xinhua": "CHN",
        "Yonhap": "KOR",
        "Armenpress": "ARM",
        "Al Jazeera": "QAT",
    }.items():
        assert media[name] == country


def test_case_rules():
    assert case_rule("US", "country") == "exact"
    assert case_rule("IRGC", "entity") == "exact"
    assert case_rule("LeT", "entity") == "exact"
    assert case_rule("Turkey", "country") == "capital"
    assert case_rule("al-Qaeda", "entity") == "any"
    assert case_rule("troops", "sector") == "any"


def test_lowercase_and_pronoun_forms_are_not_countries():
    nlp, actors = NLPStage(), ActorsStage()
    doc = actors(
        nlp(Doc(article=Article(key="k", doc="d", text="Tell us about the turkey and chad dishes.", published=None)))
    )
    assert not [m for m in doc.mentions if m.country]


def test_user_file_adds_and_overrides(tmp_path: Path):
    user = tmp_path / "actors.tsv"
    user.write_text(
        "# my additions\n"
        "fp:person:zorbek-quillan\tperson\tZorbek Quillan\tQuillan\tGEO\tGOV\tforeign_minister\t2022-01-01\t\t\n"
        "fp:media:anadolu\tmedia\tAnadolu Agency\tAnadolu\tTUR\tGOV\t\t\t\t\n"
        "fp:country:geo-alias\tcountry\tSakartvelo Republic\t\tGEO\t\t\t\t\t\n",
        encoding="utf-8",
    )
    settings = Settings(actors_file=str(user))
    kb = load_knowledge(settings)
    assert kb is load_knowledge(settings)  # cached
    assert kb.rows("fp:person:zorbek-quillan")[0].origin == str(user)
    assert len(kb.rows("fp:media:anadolu")) == 1 and kb.rows("fp:media:anadolu")[0].sector == "GOV"
    nlp, actors = NLPStage(settings), ActorsStage(settings)
    text = "Zorbek Quillan spoke to Anadolu on Monday. Quillan said the Sakartvelo Republic agrees."
    doc = actors(nlp(Doc(article=Article(key="k", doc="d", text=text, published="2022-10-25"))))
    by_text = {m.text: m for m in doc.mentions}
    assert (by_text["Zorbek Quillan"].country, by_text["Zorbek Quillan"].role) == ("GEO", "foreign_minister")
    assert by_text["Quillan"].kind == "alias"
    assert by_text["Anadolu"].sector == "GOV"  # the user's row replaced the packaged one
    assert by_text["Sakartvelo Republic"].country == "GEO"


def test_bad_user_file_is_a_resource_error(tmp_path: Path):
    user = tmp_path / "bad.tsv"
    user.write_text("x\tspaceship\tName\t\t\t\t\t\t\t\n", encoding="utf-8")
    with pytest.raises(ResourceError):
        load_knowledge(Settings(actors_file=str(user)))
    with pytest.raises(ResourceError):
        load_knowledge(Settings(actors_file=str(tmp_path / "missing.tsv")))

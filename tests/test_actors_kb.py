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


# ---------------------------------------------------------------- generated tables (issue 15)
GENERATED = ("phoenix_people.tsv", "phoenix_bodies.tsv", "phoenix_groups.tsv", "agents.tsv")


@pytest.mark.parametrize("table", GENERATED)
def test_generated_tables_name_their_source_and_date(table):
    from flashpoint.resources import resource_text

    header = [line for line in resource_text("actors", table).splitlines()[:8] if line.startswith("#")]
    text = " ".join(header)
    assert "Generated by tools/gen_actor_tables.py on 20" in text
    assert "MIT" in text and ("Phoenix" in text or "PLOVER" in text)


def test_the_generator_reproduces_the_packaged_tables(tmp_path, shared_dir):
    """The tables are the generator's output, not edited by hand (only the date line may differ)."""
    import shutil
    import subprocess
    import sys

    from flashpoint.resources import resource_text

    repo = Path(__file__).resolve().parents[1]
    out = tmp_path / "actors"
    shutil.copytree(repo / "src" / "flashpoint" / "resources" / "actors", out)
    subprocess.run(
        [sys.executable, str(repo / "tools" / "gen_actor_tables.py"), "--data", str(shared_dir / "data"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    for table in GENERATED:
        made = [line for line in (out / table).read_text(encoding="utf-8").splitlines() if "Generated by" not in line]
        packaged = [line for line in resource_text("actors", table).splitlines() if "Generated by" not in line]
        assert made == packaged, f"{table} differs from the generator's output: run tools/gen_actor_tables.py"


def test_hand_additions_stay_small_and_generated_rows_never_repeat_a_hand_form():
    from flashpoint.resources import read_table

    assert len(read_table("actors", "additions.tsv")) <= 40
    hand = set()
    for table in ("people.tsv", "people_world.tsv", "groups.tsv", "organizations.tsv", "media.tsv", "additions.tsv"):
        for row in read_table("actors", table, columns=10):
            hand.update(f.lower() for f in (row[2], *row[3].split("|")) if f)
    for table in ("phoenix_bodies.tsv", "phoenix_groups.tsv"):
        for row in read_table("actors", table, columns=10):
            assert row[2].lower() not in hand, f"{table}: {row[2]} is already a hand-written entry"


def test_the_people_table_is_a_prior_by_name_not_a_phrase_in_the_text():
    kb = load_knowledge(Settings())
    entity = kb.prior_person("Mahathir Mohamad")  # first and last word of MAHATHIR BIN MOHAMAD
    assert entity is not None and kb.rows(entity)[0].country == "MYS"
    assert kb.rows(kb.prior_person("Morgan Tsvangirai") or "")[0].country == "ZWE"
    assert entity not in kb.entities  # not matched in text: only consulted for a name the text does not place


def test_generated_agent_nouns_are_weak_and_never_an_actor_alone():
    kb = load_knowledge(Settings())
    assert kb.sectors["chief justice"].sector == "JUD"
    assert kb.sectors["advocate"].strength == "noun"
    analyse = NLPStage(), ActorsStage()
    doc = analyse[1](analyse[0](Doc(article=Article(key="k", doc="d", text="The advocate and the blogger left early."))))
    assert not doc.mentions


def test_entries_that_may_be_a_person_or_a_body_are_not_generated():
    from flashpoint.resources import read_table

    names = {row[2] for row in read_table("actors", "phoenix_bodies.tsv", columns=10)}
    assert "Albin Kurti" not in names  # two name-like words, an undated code: person or body?
    assert "Westminster Palace" in names  # a generic word (palace) says body

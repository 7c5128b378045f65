"""Places stage, round 2: GeoNames divisions, article coherence, town-use cues, cache safety."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from flashpoint.records import Article, Doc, Place
from flashpoint.stages.nlp import NLPStage
from flashpoint.stages.places import PlacesStage
from flashpoint.stages.places import gazetteer as gazetteer_module
from flashpoint.stages.places.gazetteer import Gazetteer, load_gazetteer
from flashpoint.stages.places.resolve import candidates


@pytest.fixture(scope="module")
def run():
    nlp, places = NLPStage(), PlacesStage()

    def go(text: str) -> Doc:
        return places(nlp(Doc(article=Article(key="k", doc="t", text=text))))

    return go


def find(doc: Doc, text: str) -> Place:
    hits = [p for p in doc.places if p.text == text]
    assert hits, f"{text!r} not among {[p.text for p in doc.places]}"
    return hits[0]


def test_gazetteer_has_geonames_divisions_with_ids_and_points() -> None:
    gaz = load_gazetteer()
    tamil = [e for e, _ in gaz.lookup("Tamil Nadu") if e.kind == "admin1"]
    assert tamil and tamil[0].geonameid == 1255053 and tamil[0].country == "IND" and tamil[0].admin1 == "IN.25"
    assert tamil[0].lat == pytest.approx(11.0, abs=1.5) and tamil[0].lon == pytest.approx(78.5, abs=1.5)
    laurel = [e for e, _ in gaz.lookup("Laurel County") if e.kind == "admin2"]
    assert [(e.geonameid, e.admin1) for e in laurel] == [(4297480, "US.KY")]
    assert laurel[0].lat is not None and laurel[0].lon is not None
    # our own row for Syunik keeps its centre and takes the GeoNames id of the province
    syunik = [e for e, _ in gaz.lookup("Syunik") if e.kind == "admin1"]
    assert len(syunik) == 1 and syunik[0].geonameid == 409314 and syunik[0].source == "flashpoint"


def test_a_county_alias_never_hides_a_better_known_place() -> None:
    gaz = load_gazetteer()
    ontario = candidates(gaz, "Ontario")
    assert ontario and all(c.entry.kind != "admin2" for c in ontario)
    assert max(ontario, key=lambda c: c.prior).entry.country == "CAN"


def test_acronyms_are_not_small_towns() -> None:
    gaz = load_gazetteer()
    assert all(c.entry.kind != "city" for c in candidates(gaz, "NATO"))
    assert [c.entry.country for c in candidates(gaz, "EU")] == [None]


def test_county_resolved_by_the_state_the_article_names(run) -> None:
    doc = run(
        "Deputies in Laurel County arrested two men on Friday. The sheriff said London police and "
        "Kentucky State Police helped. Orange County officials in California were not involved."
    )
    laurel = find(doc, "Laurel County")
    assert (laurel.geonameid, laurel.kind, laurel.admin1) == (4297480, "admin2", "US.KY")
    orange = find(doc, "Orange County")
    assert orange.admin1 == "US.CA" and orange.country == "USA"


def test_province_of_india_is_resolved_with_its_geonames_id(run) -> None:
    doc = run("Farmers in Tamil Nadu and Karnataka protested over the sharing of river water.")
    tamil = find(doc, "Tamil Nadu")
    assert (tamil.kind, tamil.country, tamil.geonameid) == ("admin1", "IND", 1255053)


def test_towns_of_one_article_pull_each_other_together(run) -> None:
    doc = run(
        "Sirens will be installed in Columbus, Grove City and Dublin this year, said the director of "
        "emergency management for Franklin County."
    )
    dublin = find(doc, "Dublin")
    assert (dublin.country, dublin.admin1) == ("USA", "US.OH"), dublin.reason


def test_a_country_name_used_as_a_town_is_the_town(run) -> None:
    doc = run(
        "A 36-year-old Palestine man was arrested Wednesday at an Anderson County residence, two miles "
        "east of Palestine, Texas, the sheriff said. Palestine police had been looking for him."
    )
    hits = [p for p in doc.places if p.text == "Palestine"]
    assert hits and all(p.kind == "city" and p.country == "USA" for p in hits), [p.reason for p in hits]


def test_a_country_is_not_a_namesake_town_in_an_american_story(run) -> None:
    doc = run(
        "Farmers in Iowa and Nebraska said tariffs imposed by China have cut soybean prices. Officials in "
        "Des Moines and Omaha met on Monday; exports to China fell by half."
    )
    china = [p for p in doc.places if p.text == "China"]
    assert china and all(p.kind == "country" and p.country == "CHN" for p in china)


def test_place_names_tagged_as_a_people_or_opening_an_organisation(run) -> None:
    doc = run(
        "In a visit to Tunis on 1 February Macron criticised the plan. The Cavan Sustainable Energy "
        "Group met in the town hall."
    )
    assert find(doc, "Tunis").country == "TUN"
    assert not any(p.text.startswith("Cavan Sustainable") for p in doc.places)


def test_state_qualifier_is_itself_a_place(run) -> None:
    doc = run("The crash happened on a rural road near Tega Cay, S.C., on Sunday night.")
    qualifier = [p for p in doc.places if p.text.startswith("S.C")]
    assert qualifier and qualifier[0].kind == "admin1" and qualifier[0].admin1 == "US.SC"


def test_cache_is_written_atomically_and_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "gazetteer-test.pickle"
    small = Gazetteer()
    gazetteer_module._write_cache(path, small)
    assert isinstance(pickle.loads(path.read_bytes()), Gazetteer)
    assert not list(tmp_path.glob("*.tmp"))  # the temporary file was renamed, not left behind

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    gazetteer_module._write_cache(tmp_path / "gazetteer-other.pickle", small)
    assert not list(tmp_path.glob("*.tmp")) and not (tmp_path / "gazetteer-other.pickle").exists()
    assert path.exists()  # a failed write never touches the cache that is there


def test_a_region_of_our_tables_never_takes_the_id_of_one_of_its_parts() -> None:
    # "Waziristan" once listed "North Waziristan" among its names, so it took that district's GeoNames id and
    # "South Waziristan" resolved to the north; a part that GeoNames has as a division is a place of its own
    # every name of a row that is a division's names the one division the row takes
    admin = gazetteer_module._AdminAreas()
    for table in gazetteer_module.OWN_TABLES:
        for row in gazetteer_module.read_table("places", table, columns=9):
            name, others, kind, country = row[:4]
            if not country or kind not in {"admin1", "region"}:
                continue
            names = [name, *gazetteer_module._split(others)]
            taken = admin.find(country, names)
            for alias in names:
                part = admin.find(country, [alias])
                assert part is None or part[0] == taken[0], f"{table}: {name!r} lists {alias!r}, another division"
    gaz = load_gazetteer()
    assert [e.geonameid for e, _ in gaz.lookup("South Waziristan")] == [1164536]
    assert {e.geonameid for e, _ in gaz.lookup("Darfur")}.isdisjoint({408666, 408660, 408658})


def test_a_nigerian_local_government_area_is_found_with_its_type_word(run) -> None:
    doc = run(
        "Gunmen attacked Torkula village in Guma Local Government Area of Benue State on Sunday. "
        "Residents of Gwoza LGA fled to Maiduguri, officials said."
    )
    guma = find(doc, "Guma Local Government Area")
    assert (guma.country, guma.kind, guma.geonameid) == ("NGA", "admin2", 7729904)
    # an area named after its seat, which the gazetteer keeps as the town
    gwoza = find(doc, "Gwoza LGA")
    assert (gwoza.country, gwoza.kind) == ("NGA", "city") and "type word dropped" in gwoza.reason

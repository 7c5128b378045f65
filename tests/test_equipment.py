"""Equipment stage: catalog matching, type, origin, user, ambiguous names."""

from __future__ import annotations

import pytest

from flashpoint.records import Article, Doc, Equipment
from flashpoint.stages.equipment import EquipmentStage, load_catalog
from flashpoint.stages.nlp import NLPStage


@pytest.fixture(scope="module")
def run():
    nlp, stage = NLPStage(), EquipmentStage()

    def go(text: str) -> list[Equipment]:
        return list(stage(nlp(Doc(article=Article(key="k", doc="t", text=text)))).equipment)

    return go


def test_catalog_is_large_and_complete() -> None:
    catalog = load_catalog()
    assert len(catalog.systems) >= 150
    for system in catalog.systems:
        assert system.type and system.maker, system
    names = {s.name for s in catalog.systems}
    for wanted in (
        "Bayraktar TB2",
        "Shahed-136",
        "Mohajer-6",
        "Harop",
        "Iskander-E",
        "S-400",
        "Barak 8",
        "HIMARS",
        "Pinaka",
        "CAESAR",
        "F-16",
        "Su-25",
        "MiG-29",
        "J-10",
        "J-16",
        "Hwasong-17",
        "Kheibar Shekan",
    ):
        assert wanted in names, wanted


def test_demonym_before_a_system_is_its_user(run) -> None:
    found = run("Turkish F-16s and Azerbaijani Su-25s and MiG-29s learned to jointly destroy enemy aircraft.")
    assert [(e.name, e.origin, e.user) for e in found] == [
        ("F-16", "USA", "TUR"),
        ("Su-25", "RUS", "AZE"),
        ("MiG-29", "RUS", "AZE"),
    ]
    assert "shared" in found[2].reason


def test_possessive_user_and_maker(run) -> None:
    found = run(
        "Azerbaijan’s fleet of TB2 drones destroyed Armenian armour. Ukraine buys Turkey’s Bayraktar TB2 drones."
    )
    assert (found[0].name, found[0].user) == ("Bayraktar TB2", "AZE")
    assert found[1].user is None and "maker" in found[1].reason


def test_armenian_iskander(run) -> None:
    [iskander] = run("Barak 8 SAMs could cover Baku from an attack by the Armenian Iskander-E missile systems.")[1:]
    assert (iskander.name, iskander.type, iskander.origin, iskander.user) == (
        "Iskander-E",
        "ballistic_missile",
        "RUS",
        "ARM",
    )


def test_lynx_depends_on_context(run) -> None:
    [mlrs] = run("They bought ammunition for Lynx multiple rocket launchers.")
    assert (mlrs.name, mlrs.type, mlrs.origin) == ("Lynx MLRS", "mlrs", "ISR")
    [ifv] = run("Hungary received the first Lynx infantry fighting vehicles from Rheinmetall.")
    assert (ifv.name, ifv.origin) == ("Lynx KF41", "DEU")


def test_ordinary_words_are_not_weapons(run) -> None:
    assert run("A patriot wreaked havoc with a javelin at the games, said the Lancet.") == []
    [patriot] = run("Germany sent two more Patriot air defence systems.")
    assert patriot.type == "air_defence"

"""The learned last pass of toponym recognition (stages/places/learned.py) and its training recipe."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from flashpoint.records import Article, Doc
from flashpoint.stages.nlp import NLPStage
from flashpoint.stages.places import PlacesStage, learned
from flashpoint.stages.places.gazetteer import load_gazetteer

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def run():
    nlp, places = NLPStage(), PlacesStage()

    def go(text: str) -> Doc:
        return places(nlp(Doc(article=Article(key="t", doc="t", text=text))))

    return go


def _texts(text: str, taken: list[tuple[int, int]] | None = None) -> list[str]:
    return [c.text for c in learned.candidates(text, load_gazetteer(), taken or [])]


def test_candidates_are_known_names_the_longest_first() -> None:
    assert "San Diego" in _texts("Volunteers from San Diego arrived on Monday.")
    assert "San" not in _texts("Volunteers from San Diego arrived on Monday.")
    assert "Melfort" in _texts("The convoy reached Melfort by nightfall.")


def test_candidates_are_never_demonyms_compass_words_institutions_or_taken_spans() -> None:
    text = "The Canadian crew met South Koreans on Main Street near Melfort."
    found = _texts(text)
    assert "Canadian" not in found  # a town in Texas, but the word is an actor's
    assert "South" not in found
    assert "Street" not in found
    start = text.index("Melfort")
    assert "Melfort" not in _texts(text, [(start, start + len("Melfort"))])


def test_candidates_are_cut_as_the_rules_cut_names() -> None:
    assert _texts("The Melfort mayor said the arena would reopen.") == ["Melfort"]  # not "The Melfort"
    assert _texts("THE PESHAWAR COURT\nruled on Monday.")[:1] == ["PESHAWAR"]
    assert _texts("Melfort's mayor said no.") == ["Melfort"]
    assert _texts("Floods hit Şanlıurfa and Łódź.") == ["Şanlıurfa", "Łódź"]  # capitals of any script
    assert "S.C." in _texts("He lives in Tega Cay, S.C. now.")  # the dot of an abbreviation stays
    text = "Kent\nSandwich is a town."
    pool = learned.candidates(text, load_gazetteer(), [])
    assert all("\n" not in text[c.run_start : c.run_end] for c in pool)  # a run never crosses a line


def test_every_candidate_has_one_value_per_feature(run) -> None:
    doc = run("Lawyers said a PESHAWAR court would hear the bail plea, Megan Ashford said.")
    gaz = load_gazetteer()
    ctx = learned.article_context(doc, gaz, [], set())
    pool = learned.candidates(doc.article.text, gaz, [])
    assert pool
    for cand in pool:
        row = learned.features(doc, gaz, cand, ctx, learned.token_index(doc))
        assert len(row) == len(learned.FEATURE_NAMES)
        assert all(isinstance(v, float) for v in row)
    rows = {c.text: learned.features(doc, gaz, c, ctx, learned.token_index(doc)) for c in pool}
    caps = learned.FEATURE_NAMES.index("all_caps")
    person = learned.FEATURE_NAMES.index("in_person_name")
    assert rows["PESHAWAR"][caps] == 1.0
    assert rows["Ashford"][person] == 1.0


def test_a_model_file_that_cannot_be_read_is_a_resource_error() -> None:
    from flashpoint.errors import ResourceError

    with pytest.raises(ResourceError):
        learned.read_model("{not json", "broken.json")
    with pytest.raises(ResourceError):
        learned.read_model('{"names": ["x"], "_meta": {"threshold": 0.5}, "bias": 0, "features": [], '
                           '"thresholds": [], "leaves": []}', "stale.json")


def test_the_shipped_model_loads_with_its_threshold() -> None:
    model = learned.load_model()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert model.forest.names == learned.FEATURE_NAMES


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Lawyers for the two journalists said a PESHAWAR court would hear the bail plea on Monday.", "PESHAWAR", "PAK"),
        ("Shoppers packed stores in downtown Moose Jaw on Saturday.", "Moose Jaw", "CAN"),
    ],
)
def test_the_model_finds_a_town_the_rules_leave(run, text, name, country) -> None:
    doc = run(text)
    place = next((p for p in doc.places if p.text == name), None)
    assert place is not None, [(p.text, p.reason) for p in doc.places]
    assert place.country == country
    assert "toponym model p=" in place.reason


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Megan Ashford told reporters the plan was fair.", "Ashford"),
        ("Elizabeth Moore, a spokeswoman for the charity, said donations had doubled.", "Elizabeth"),
        ("Jordan Henderson scored twice as the visitors won.", "Jordan"),
    ],
)
def test_a_person_s_name_is_not_taken_for_a_town(run, text, name) -> None:
    assert all(p.text != name for p in run(text).places)


def test_a_small_training_run_writes_a_model_that_loads(tmp_path: Path, shared_dir: Path, monkeypatch) -> None:
    """The recipe end to end on a few articles (the shipped model is trained by ``make train-places``)."""
    from flashpoint.training.toponyms import CARD_FILE, train

    monkeypatch.setenv("FLASHPOINT_SHARED", str(shared_dir))
    config = tomllib.loads((REPO / "train" / "places" / "config.toml").read_text(encoding="utf-8"))
    config["data"]["limit"] = 12
    config["model"].update(trees=8, depth=3)
    config["cv"]["folds"] = 2
    recipe = tmp_path / "config.toml"
    recipe.write_text("# smoke test\n", encoding="utf-8")
    config["_path"], config["_repo"] = str(recipe), str(REPO)
    meta = train(config, tmp_path / "out", with_cv=True)
    assert meta["data"]["lgl"]["candidates"] > 0 and meta["data"]["own"]["articles"] == 12 and meta["trees"] == 8
    assert set(meta["cross_validation"]) == {f"{t:.2f}" for t in config["cv"]["sweep"]}
    model = learned.read_model((tmp_path / "out" / learned.MODEL_FILE).read_text(encoding="utf-8"), "smoke")
    # the threshold is the sweep's best cross-validated F0.5
    assert model.threshold == meta["threshold"] and model.threshold in config["cv"]["sweep"]
    assert "LGL" in (tmp_path / "out" / CARD_FILE).read_text(encoding="utf-8")


def test_training_refuses_to_run_without_the_development_index(tmp_path: Path, monkeypatch) -> None:
    """The development articles are left out of the training data; without their index that cannot be done."""
    from flashpoint.errors import ResourceError
    from flashpoint.eval.geoparsing import development_ids

    monkeypatch.setenv("FLASHPOINT_SHARED", str(tmp_path))
    assert development_ids() == set()  # the benchmark goes on without development articles to set apart
    with pytest.raises(ResourceError):
        development_ids(required=True)


def test_the_cross_validation_pools_several_shuffles_of_the_articles() -> None:
    """With ``repeats``, each shuffle deals the articles into other folds; the sweep pools them all and the
    candidates kept are counted per shuffle (one shuffle moved the best threshold by a step)."""
    import numpy as np

    from flashpoint.training.toponyms import Sample, cross_validate

    rng = np.random.default_rng(7)
    width = len(learned.FEATURE_NAMES)
    data = []
    for k in range(12):
        x = rng.normal(size=(20, width))
        y = (x[:, 0] + 0.3 * rng.normal(size=20) > 0).astype(float)
        data.append(Sample(article=f"a{k}", corpus="lgl", x=x, y=y, names=["n"] * 20))
    config = {
        "data": {"own_weight": 1.0},
        "model": {"trees": 6, "depth": 2, "learning_rate": 0.3, "l2": 1.0, "bins": 8, "subsample": 1.0, "seed": 0},
        "cv": {"folds": 3, "seed": 0, "sweep": [0.5], "repeats": 1},
    }
    singles = []
    for seed in (0, 1, 2):
        config["cv"].update(seed=seed, repeats=1)
        singles.append(cross_validate(config, data)["0.50"])
    config["cv"].update(seed=0, repeats=3)
    pooled = cross_validate(config, data)["0.50"]
    # the pool of shuffles 0, 1, 2: true positives and kept candidates summed, kept reported per shuffle
    kept = [s["kept"] for s in singles]
    hits = [round(s["precision"] * s["kept"]) for s in singles]
    assert pooled["kept"] == round(sum(kept) / 3)
    assert pooled["precision"] == pytest.approx(sum(hits) / sum(kept), abs=1e-3)
    assert len({s["precision"] for s in singles}) > 1  # the shuffles do differ


@pytest.mark.parametrize(("text", "name", "cut"), [
    # a short name's dot before a new sentence is a full stop; an abbreviation's or initials' dot is kept
    ("They race at Knockhill, Fife. Then they rest.", "Fife.", "Fife"),
    ("The convoy reached Gaza. It stopped.", "Gaza.", "Gaza"),
    ("He was born in Mansfield, La. and moved away.", "La.", "La."),
    ("She lives in Mansfield, La. The town is small.", "La.", "La."),
    ("Officials in the U.S. said nothing.", "U.S.", "U.S."),
])
def test_a_name_s_trailing_dot_is_cut_unless_it_belongs_to_the_name(text, name, cut) -> None:
    from flashpoint.stages.places.spans import trim

    start = text.index(name)
    s, e = trim(text, start, start + len(name))
    assert text[s:e] == cut


def test_the_threshold_is_the_top_of_the_smoothed_f_half_curve() -> None:
    from flashpoint.training.toponyms import chosen_threshold

    def cv(scores: dict[float, float]) -> dict[str, dict[str, float]]:
        return {f"{t:.2f}": {"f0.5": f} for t, f in scores.items()}

    # a lone spike at the edge of a flat top loses to the middle of the top
    flat = cv({0.4: 0.690, 0.45: 0.700, 0.5: 0.707, 0.55: 0.709, 0.6: 0.710, 0.65: 0.704, 0.7: 0.694})
    assert chosen_threshold({}, flat) == 0.55
    spike = cv({0.3: 0.60, 0.4: 0.72, 0.5: 0.61, 0.6: 0.70, 0.7: 0.70, 0.8: 0.69})
    assert chosen_threshold({}, spike) == 0.7
    assert chosen_threshold({"decision": {"threshold": 0.45}}, None) == 0.45

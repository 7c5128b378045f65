"""Quality gate: the seed and development articles through the pipeline, scored by ../shared/gold/score.py.

Fails when F1 drops below the floors pinned in tests/quality_floor.json (floors are
only raised). Needs the shared evaluation data (``$FLASHPOINT_SHARED`` or
``<repo>/../shared``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.eval import score_dev, score_seeds

FLOORS = json.loads((Path(__file__).parent / "quality_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def isolated():
    return score_seeds(isolated=True)


def test_seed_f1_of_the_full_pipeline_meets_the_floor():
    score = score_seeds(isolated=False)
    assert score.f1 >= FLOORS["seed_f1_pipeline"], score.scorer_output


def test_seed_f1_of_the_event_rules_meets_the_floor(isolated):
    assert isolated.f1 >= FLOORS["seed_f1_isolated"], isolated.scorer_output
    assert isolated.precision >= FLOORS["seed_precision_isolated"], isolated.scorer_output


def test_exported_events_meet_the_contract(isolated):
    assert isolated.predictions
    for record in isolated.predictions:
        assert record["doc"] and record["evidence"]
        assert record["source"]["country"] and record["target"]["country"]
        assert record["plover"] and record["cameo"] and record["modality"]
        assert isinstance(record["quad_class"], int) and isinstance(record["goldstein"], float)
        assert record["reason"]


def test_hypothetical_war_is_never_asserted(isolated):
    for record in isolated.predictions:
        if record["plover"] == "ASSAULT" and "big war" in record["evidence"]:
            assert record["modality"] == "hypothetical"


def test_dev_articles_through_the_pipeline_meet_the_floors():
    score = score_dev(isolated=False)
    assert score.f1 >= FLOORS["dev_f1_pipeline"], score.scorer_output
    assert score.precision >= FLOORS["dev_precision_pipeline"], score.scorer_output
    assert score.recall >= FLOORS["dev_recall_pipeline"], score.scorer_output

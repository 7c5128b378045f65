"""Incident merge quality: pairwise precision, recall and F1 on the labelled test set.

    python bench/incident_merge.py [--set tests/data/incidents] [-v] [--quick]

Every pair of event mentions (scenarios excluded) is a merge decision: a true
positive when the system puts both in one incident and the gold labels agree.
``-v`` lists the wrong pairs. ``--pipeline`` also runs the articles end to end
(ingest into a temporary store, export incidents) and reports how many events
and incidents the extraction stages produced.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from flashpoint.analysis.facts import from_record  # noqa: E402
from flashpoint.analysis.incidents import cluster  # noqa: E402


def load_set(folder: Path) -> list[dict]:
    return [
        json.loads(line) for line in (folder / "events.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def evaluate(records: list[dict]) -> dict:
    """Pairwise P/R/F1 of the merge of ``records`` against their ``incident`` labels."""
    facts = [from_record(r) for r in records]
    gold = {r["id"]: r["incident"] for r in records if r.get("incident")}
    incidents = cluster(facts)
    predicted = {m.event.id: inc.id for inc in incidents for m in inc.members}
    ids = sorted(set(gold) & set(predicted))
    tp = fp = fn = 0
    wrong: list[tuple[str, str, str]] = []
    for a, b in itertools.combinations(ids, 2):
        same_gold = gold[a] == gold[b]
        same_pred = predicted[a] == predicted[b]
        if same_gold and same_pred:
            tp += 1
        elif same_pred:
            fp += 1
            wrong.append(("false merge", a, b))
        elif same_gold:
            fn += 1
            wrong.append(("missed merge", a, b))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    leaked = sorted(set(predicted) - set(gold))
    contested = sorted(inc.id for inc in incidents if inc.contested)
    return {
        "events": len(ids),
        "gold_incidents": len(set(gold.values())),
        "predicted_incidents": len({predicted[i] for i in ids}),
        "pairs_tp": tp,
        "pairs_fp": fp,
        "pairs_fn": fn,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "scenarios_in_incidents": leaked,
        "contested_incidents": len(contested),
        "wrong": wrong,
    }


def pipeline_run(folder: Path) -> dict:
    """Ingest the articles through the real stages and count what comes out."""
    from flashpoint.config import Settings
    from flashpoint.ingest.run import ingest
    from flashpoint.store import db

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=str(Path(tmp) / "merge.duckdb"))
        jsonl = Path(tmp) / "articles.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for path in sorted((folder / "articles").glob("*.json")):
                fh.write(json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False) + "\n")
        report = ingest([str(jsonl)], settings)
        with db.connect(settings.db, read_only=True) as conn:
            counts = db.table_counts(conn)
    return {"stored": report.stored, "events": counts["events"], "incidents": counts["incidents"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=str(REPO / "tests" / "data" / "incidents"))
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--quick", action="store_true", help="(make bench) same as the default run")
    parser.add_argument("--pipeline", action="store_true", help="also ingest the articles through the pipeline")
    args = parser.parse_args(argv)
    result = evaluate(load_set(Path(args.set)))
    wrong = result.pop("wrong")
    print(
        f"incident merge: events {result['events']}, gold incidents {result['gold_incidents']}, "
        f"predicted {result['predicted_incidents']}, contested {result['contested_incidents']}"
    )
    print(
        f"pairwise precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}  "
        f"(tp {result['pairs_tp']}, fp {result['pairs_fp']}, fn {result['pairs_fn']})"
    )
    if result["scenarios_in_incidents"]:
        print(f"scenarios wrongly in incidents: {', '.join(result['scenarios_in_incidents'])}")
    if args.verbose:
        for kind, a, b in wrong:
            print(f"  {kind}: {a} ~ {b}")
    if args.pipeline:
        print(f"pipeline: {json.dumps(pipeline_run(Path(args.set)))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

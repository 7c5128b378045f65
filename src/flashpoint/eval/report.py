"""The text of the quality report."""

from __future__ import annotations

from .seeds import SeedScore
from .validation import RootScore


def _pct(n: int, d: int) -> str:
    return f"{n / d:.3f}" if d else "  -  "


def render(
    seeds: SeedScore, roots: list[RootScore], isolated: bool, seconds: float,
    sets: list[tuple[str, SeedScore]] | None = None,
) -> str:
    lines = [
        "flashpoint events quality report" + (" (isolated: evaluation actor tagger)" if isolated else ""),
        "",
        "== seeds (../shared/gold/score.py) ==",
        seeds.scorer_output.rstrip(),
        "",
        "== per PLOVER type on the seeds ==",
        f"{'type':<10} {'precision':>9} {'(tp/pred)':>10} {'recall':>7} {'(found/core)':>13}",
    ]
    for kind, (tp, pred, found, gold) in seeds.per_type.items():
        lines.append(f"{kind:<10} {_pct(tp, pred):>9} {f'{tp}/{pred}':>10} {_pct(found, gold):>7} {f'{found}/{gold}':>13}")
    for label, score in sets or []:
        lines += ["", f"== {label} ==", score.scorer_output.rstrip()]
    for score in roots:
        lines += [
            "",
            f"== CAMEO roots: {score.name} ==",
            f"sentences with gold root={score.sentences} covered={score.covered} correct={score.correct}",
            f"root accuracy={score.accuracy:.3f} coverage={score.coverage:.3f} precision={score.precision:.3f}",
        ]
        if score.empty:
            lines.append(f"no-event sentences={score.empty} false alarms={score.false_alarms}")
        if score.plover_sentences:
            lines.append(f"PLOVER type accuracy={_pct(score.plover_correct, score.plover_sentences)} "
                         f"({score.plover_correct}/{score.plover_sentences} sentences)")
    lines += ["", f"({seconds:.1f} s)", ""]
    return "\n".join(lines)

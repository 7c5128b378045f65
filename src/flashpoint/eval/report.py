"""The text of the quality report."""

from __future__ import annotations

from .case import CaseScore
from .conflibert import ConfliScore
from .seeds import SeedScore
from .validation import RootScore


def _pct(n: int, d: int) -> str:
    return f"{n / d:.3f}" if d else "  -  "


def render(
    seeds: SeedScore, roots: list[RootScore], isolated: bool, seconds: float,
    sets: list[tuple[str, SeedScore]] | None = None, extra: str = "",
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
    if extra:
        lines += ["", extra.rstrip()]
    lines += ["", f"({seconds:.1f} s)", ""]
    return "\n".join(lines)


def render_case(score: CaseScore, verbose: bool = False) -> str:
    found, total = sum(score.found.values()), sum(score.total.values())
    alarms, empty = sum(score.alarms.values()), sum(score.empty.values())
    lines = [
        "== CASE 2021 task 2 (real news snippets, evaluation only) ==",
        f"right PLOVER family found: {found}/{total} political snippets = {score.recall:.3f}",
        f"false alarms: {alarms}/{empty} disaster/crime/other snippets with an event = {score.false_alarm_rate:.3f}",
        f"{'family':<28} {'recall':>7} {'(found/snippets)':>17}",
    ]
    for family, (f, n) in score.by_family().items():
        lines.append(f"{family:<28} {_pct(f, n):>7} {f'{f}/{n}':>17}")
    lines.append(f"{'CASE type':<28} {'recall':>7} {'(found/snippets)':>17}")
    for kind in sorted(score.total):
        lines.append(f"{kind:<28} {_pct(score.found[kind], score.total[kind]):>7} {f'{score.found[kind]}/{score.total[kind]}':>17}")
    for kind in sorted(score.empty):
        lines.append(f"{kind + ' (no event)':<28} {'alarms':>7} {f'{score.alarms[kind]}/{score.empty[kind]}':>17}")
    if verbose:
        lines += ["", *score.misses]
    return "\n".join(lines) + "\n"


def render_conflibert(score: ConfliScore) -> str:
    s_found, s_gold = score.role_found["S"]
    t_found, t_gold = score.role_found["T"]
    s_ok, s_pred = score.role_precise["S"]
    t_ok, t_pred = score.role_precise["T"]
    return "\n".join([
        "",
        "== ConfliBERT CAMEO test split (451 real news sentences, never trained on) ==",
        f"sentences with an event detected: {score.detected}/{score.with_events} = {_pct(score.detected, score.with_events)}; "
        f"right type: {score.typed}/{score.with_events} = {_pct(score.typed, score.with_events)}; "
        f"false alarms on sentences without one: {score.false_alarms}/{score.no_event}",
        f"events (source country, target country, type): F1={score.f1:.3f} P={score.precision:.3f} R={score.recall:.3f}",
        f"role spans: source R={_pct(s_found, s_gold)} ({s_found}/{s_gold}) P={_pct(s_ok, s_pred)} ({s_ok}/{s_pred}); "
        f"target R={_pct(t_found, t_gold)} ({t_found}/{t_gold}) P={_pct(t_ok, t_pred)} ({t_ok}/{t_pred})",
        "",
    ])

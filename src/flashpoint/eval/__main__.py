"""``python -m flashpoint.eval [--isolated] [-q] [--seeds-only]``: print the events quality report.

In one run: the seed articles, the shared development set (56 real articles), the team's own
development sets (tests/data), CASE 2021 (right PLOVER family per type and family, false alarms on
its disaster/crime/other snippets), CAMEO roots on PETR-2 and on the PLOVER gold records, and the
ConfliBERT test split (event / no event, events, role spans).
"""

from __future__ import annotations

import argparse
import sys
import time

from . import petr2_sentences, plover_gsr_sentences, score_dev, score_roots, score_seeds
from .case import score_case
from .conflibert import score_conflibert
from .dev import DEV_LABELS, DEV_SETS
from .report import render, render_case, render_conflibert
from .shared_dev import score_shared_dev

SHARED_DEV_LABEL = "shared development set (../shared/gold/dev: 56 real articles, gold written blind; read by class)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flashpoint.eval", description=__doc__.splitlines()[0])
    parser.add_argument("--isolated", action="store_true",
                        help="use the small evaluation actor tagger instead of the actors stage")
    parser.add_argument("--seeds-only", action="store_true", help="skip the development and validation sets")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not list misses and false positives")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    seeds = score_seeds(isolated=args.isolated, verbose=not args.quiet)
    roots = []
    sets = []
    extra = ""
    if not args.seeds_only:
        sets.append((SHARED_DEV_LABEL, score_shared_dev(verbose=not args.quiet)))
        for name in DEV_SETS:
            sets.append((DEV_LABELS[name], score_dev(isolated=args.isolated, verbose=not args.quiet, name=name)))
        roots.append(score_roots("PETR-2 GSR (real news)", petr2_sentences(), isolated=args.isolated))
        roots.append(score_roots("PLOVER gold records", plover_gsr_sentences(), isolated=args.isolated))
        extra = render_case(score_case(), verbose=not args.quiet) + render_conflibert(score_conflibert())
    sys.stdout.write(render(seeds, roots, sets=sets, isolated=args.isolated,
                            seconds=time.perf_counter() - t0, extra=extra))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m flashpoint.eval [--isolated] [-q]``: print the events quality report."""

from __future__ import annotations

import argparse
import sys
import time

from . import petr2_sentences, plover_gsr_sentences, score_dev, score_roots, score_seeds
from .dev import DEV_LABELS, DEV_SETS
from .report import render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flashpoint.eval", description=__doc__)
    parser.add_argument("--isolated", action="store_true",
                        help="use the small evaluation actor tagger instead of the actors stage")
    parser.add_argument("--seeds-only", action="store_true", help="skip the development and validation sets")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not list misses and false positives")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    seeds = score_seeds(isolated=args.isolated, verbose=not args.quiet)
    roots = []
    sets = []
    if not args.seeds_only:
        for name in DEV_SETS:
            sets.append((DEV_LABELS[name], score_dev(isolated=args.isolated, verbose=not args.quiet, name=name)))
        roots.append(score_roots("PETR-2 GSR (real news)", petr2_sentences(), isolated=args.isolated))
        roots.append(score_roots("PLOVER gold records", plover_gsr_sentences(), isolated=args.isolated))
    sys.stdout.write(render(seeds, roots, sets=sets, isolated=args.isolated,
                            seconds=time.perf_counter() - t0))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

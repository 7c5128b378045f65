"""Probe the events stage on sentences given on the command line: mentions and events for each.

Usage: .venv/bin/python tools/probe_events.py "Russia attacked Ukraine." "..."
"""

from __future__ import annotations

import sys

from flashpoint.pipeline import build_pipeline
from flashpoint.records import Item
from flashpoint.stages.clean import clean_item


def main(sentences: list[str]) -> int:
    pipeline = build_pipeline()
    for text in sentences:
        doc = pipeline(clean_item(Item(origin="x", text=text)))
        print(">>", text)
        print("   M", [(m.text, m.country, m.sector) for m in doc.mentions])
        print("   P", [(p.text, p.country) for p in doc.places])
        for e in doc.events:
            target = e.target.country if e.target else None
            print(f"   E {e.source.country}->{target} {e.plover} {e.cameo} {e.modality} "
                  f"attr={e.attribution} | {e.reason[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

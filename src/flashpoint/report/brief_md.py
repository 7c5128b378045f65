"""The brief in Markdown. Article text is quoted, never interpreted: Markdown control
characters in evidence are escaped so a hostile article cannot inject links or HTML."""

from __future__ import annotations

import re
from typing import Any

from .brief import as_of_phrase

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|])")


def esc(text: Any) -> str:
    """Plain text safe inside Markdown: special characters escaped, newlines flattened."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(str(text if text is not None else "").split()))


def cite(cites: list[dict[str, Any]], limit: int = 3) -> str:
    parts = [f'[{esc(c.get("doc"))}] "{esc(c.get("evidence"))}"' for c in cites[:limit]]
    return " — " + "; ".join(parts) if parts else ""


def render_markdown(brief: dict[str, Any]) -> str:
    out: list[str] = [f"# {esc(brief['title'])}", ""]
    store = brief["store"]
    out.append(
        f"Store {esc(store['path'])}: {store['documents']} documents, {store['events']} events; "
        f"{len(brief['incidents'])} incidents; {as_of_phrase(brief)}. "
        "Every statement cites `[doc] \"evidence\"`."
    )
    out += ["", "## Actors and their stated aims", ""]
    if not brief["actors"]:
        out.append("No actor takes part in a factual incident yet.")
    for actor in brief["actors"]:
        partners = ", ".join(f"{p['actor']} ({p['incidents']})" for p in actor["counterparts"])
        out.append(f"- **{esc(actor['actor'])}** ({esc(actor['name'])}): {actor['incidents']} incidents; counterparts {partners or 'none'}")
        for aim in actor["aims_and_demands"]:
            out.append(f"  - {aim['plover']} → {esc(aim['target'] or '-')}{cite(aim['cites'], 1)}")
    out += ["", "## Timeline of incidents", ""]
    if not brief["timeline"]:
        out.append("No dated incident.")
    for t in brief["timeline"]:
        flag = " **contested**" if t["contested"] else ""
        when = f"{t['date'] or t['day']} ({esc(t['date_basis'])})" if t["day"] else "undated"
        out.append(f"- {when}: {esc(t['summary'])}{flag}{cite(t['cites'], 2)}")
        for side in t["sides"]:
            out.append(f"  - {side['claim']} per {esc(', '.join(side['by']))} in {esc(', '.join(side['docs']))}")
    out += ["", "## Relations", ""]
    if brief["dyads"]:
        out.append("| dyad | incidents | mentions | balance | tension | trend | directed |")
        out.append("| --- | ---: | ---: | ---: | ---: | --- | --- |")
        for d in brief["dyads"]:
            directed = ", ".join(f"{k} {v}" for k, v in d["directed"].items())
            out.append(
                f"| {d['dyad']} | {d['incidents']} | {d['mentions']} | {d['balance']:+.2f} | "
                f"{d['tension'] if d['tension'] is not None else '-'} | {d['trend']['direction']} | {directed} |"
            )
        out.append("")
        for d in brief["dyads"]:
            out.append(f"- {d['dyad']}{cite(d['cites'], 2)}")
    else:
        out.append("No dyad with factual incidents.")
    regions = brief["tension"]["regions"]
    if regions:
        out += ["", "Regional tension (0-100): " + "; ".join(f"{esc(r['region'])} {r['tension']}" for r in regions[:6])]
    out += ["", "## Triads (structural balance)", ""]
    if not brief["triads"] and not brief["open_triads"]:
        out.append("No triangle of actors with three signed relations yet.")
    for t in brief["triads"]:
        signs = ", ".join(f"{k} {'+' if v > 0 else '-'}" for k, v in t["signs"].items())
        out.append(f"- {'–'.join(t['actors'])} ({signs}): {esc(t['meaning'])}{cite(t['cites'], 3)}")
    for t in brief["open_triads"]:
        out.append(f"- open {'–'.join(t['actors'])}: {esc(t['meaning'])}{cite(t['cites'], 2)}")
    out += ["", "## Force balance", ""]
    forces = brief["forces"]["actors"]
    if not forces:
        out.append("No troop numbers, money or equipment stated.")
    for f in forces:
        out.append(f"- **{esc(f['actor'])}**")
        for kind in ("personnel", "money"):
            for q in f[kind]:
                usd = f" (≈ USD {q['usd']:,.0f})" if q.get("usd") else ""
                out.append(f"  - {kind}: {esc(q['text'])}{usd}, {esc(q.get('of') or '')}{cite([q], 1)}")
        for origin, names in f["equipment_by_origin"].items():
            out.append(f"  - equipment from {esc(origin)}: {esc(', '.join(names))}")
        for e in f["equipment"][:8]:
            out.append(f"    - {esc(e['name'])} ({esc(e['type'])}){cite([e], 1)}")
    out += ["", "## Scenarios (intended or hypothetical: not facts)", ""]
    if not brief["scenarios"]:
        out.append("None stated.")
    for s in brief["scenarios"]:
        out.append(f"- {s['modality']}: {esc(s['source'] or '?')} {s['plover']} {esc(s['target'] or '-')}{cite(s['cites'], 1)}")
    if brief["denied"]:
        out += ["", "## Denied, not otherwise reported", ""]
        for t in brief["denied"]:
            out.append(f"- {esc(t['summary'])}{cite(t['cites'], 2)}")
    out += ["", "## Alerts", ""]
    if not brief["alerts"]:
        out.append("No alert.")
    for a in brief["alerts"]:
        out.append(f"- [{a['kind']}] {esc(a['message'])} (score {a['score']}, threshold {a['threshold']}){cite(a['cites'], 2)}")
    out += ["", "## Sources", ""]
    for doc, meta in sorted(brief["documents"].items()):
        bits = [esc(x) for x in (meta.get("outlet"), meta.get("published"), meta.get("title")) if x]
        out.append(f"- [{esc(doc)}] {' · '.join(bits)}")
    return "\n".join(out) + "\n"

"""The brief as one self-contained HTML page: inline CSS and SVG, no script, no network.

Article text is hostile: every string from the store goes through ``html.escape``.
"""

from __future__ import annotations

from html import escape
from typing import Any

from . import svg
from .brief import as_of_phrase

CSS = """
body{font:15px/1.45 Georgia,serif;margin:2em auto;max-width:60em;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}
table{border-collapse:collapse;font-size:.92em}td,th{border-bottom:1px solid #eee;padding:.2em .6em;text-align:left}
.cite{color:#555;font-size:.88em}.cite q{font-style:italic}.doc{font-family:monospace;color:#345}
.contested{color:#b00;font-weight:bold}.scenario{color:#666}.figs{display:flex;flex-wrap:wrap;gap:1.5em}
.pos{color:#2a7a2a}.neg{color:#b3261e}.empty{color:#888}
"""


def e(value: Any) -> str:
    return escape(str(value if value is not None else ""), quote=True)


def cites(items: list[dict[str, Any]], limit: int = 3) -> str:
    if not items:
        return ""
    parts = [f'<span class="doc">[{e(c.get("doc"))}]</span> <q>{e(c.get("evidence"))}</q>' for c in items[:limit]]
    return '<div class="cite">' + "; ".join(parts) + "</div>"


def render_html(brief: dict[str, Any]) -> str:
    store = brief["store"]
    out = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{e(brief['title'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(brief['title'])}</h1>",
        f"<p>{e(store['documents'])} documents, {e(store['events'])} events, {len(brief['incidents'])} incidents; "
        f"{e(as_of_phrase(brief))}. Every statement cites [doc] and its evidence.</p>",
        '<div class="figs"><figure>',
        svg.network(brief["dyads"]),
        "<figcaption>Signed relations: green cooperation, red conflict; width by incidents.</figcaption></figure><figure>",
        svg.timeline(brief["tension"]["dyads"] + brief["tension"]["regions"][:2]),
        "<figcaption>Tension index (0-100) per dyad and region at the end of each week.</figcaption></figure></div>",
    ]
    out.append("<h2>Actors and their stated aims</h2>")
    for actor in brief["actors"]:
        partners = ", ".join(f"{p['actor']} ({p['incidents']})" for p in actor["counterparts"])
        out.append(f"<h3>{e(actor['actor'])} · {e(actor['name'])}</h3><p>{actor['incidents']} incidents; counterparts {e(partners)}</p><ul>")
        for aim in actor["aims_and_demands"]:
            out.append(f"<li>{e(aim['plover'])} → {e(aim['target'] or '-')}{cites(aim['cites'], 1)}</li>")
        out.append("</ul>")
    out.append("<h2>Timeline of incidents</h2><ul>")
    for t in brief["timeline"]:
        flag = ' <span class="contested">contested</span>' if t["contested"] else ""
        sides = "".join(f"<div>{e(s['claim'])} per {e(', '.join(s['by']))}</div>" for s in t["sides"])
        out.append(f"<li><b>{e(t['date'] or t['day'] or 'undated')}</b> {e(t['summary'])}{flag}{sides}{cites(t['cites'], 3)}</li>")
    out.append("</ul><h2>Relations</h2><table><tr><th>dyad</th><th>incidents</th><th>balance</th><th>tension</th><th>trend</th><th>evidence</th></tr>")
    for d in brief["dyads"]:
        cls = "pos" if d["balance"] > 0 else "neg" if d["balance"] < 0 else ""
        out.append(
            f"<tr><td>{e(d['dyad'])}</td><td>{d['incidents']}</td><td class=\"{cls}\">{d['balance']:+.2f}</td>"
            f"<td>{e(d['tension'])}</td><td>{e(d['trend']['direction'])}</td><td>{cites(d['cites'], 1)}</td></tr>"
        )
    out.append("</table>")
    if brief["tension"]["regions"]:
        out.append("<p>Regional tension: " + "; ".join(f"{e(r['region'])} {e(r['tension'])}" for r in brief["tension"]["regions"][:6]) + "</p>")
    out.append("<h2>Triads</h2><ul>")
    for t in brief["triads"]:
        out.append(f"<li><b>{e('–'.join(t['actors']))}</b> {e(t['pattern'])}: {e(t['meaning'])}{cites(t['cites'], 3)}</li>")
    for t in brief["open_triads"]:
        out.append(f"<li>open {e('–'.join(t['actors']))}: {e(t['meaning'])}{cites(t['cites'], 2)}</li>")
    out.append("</ul><h2>Force balance</h2>")
    for f in brief["forces"]["actors"]:
        out.append(f"<h3>{e(f['actor'])}</h3><ul>")
        for kind in ("personnel", "money"):
            for q in f[kind]:
                out.append(f"<li>{e(kind)}: {e(q['text'])} {e(q.get('of') or '')}{cites([q], 1)}</li>")
        for item in f["equipment"]:
            out.append(f"<li>equipment: {e(item['name'])} ({e(item['type'])}, origin {e(item['origin'] or '?')}){cites([item], 1)}</li>")
        out.append("</ul>")
    out.append('<h2>Scenarios (not facts)</h2><ul class="scenario">')
    for s in brief["scenarios"]:
        out.append(f"<li>{e(s['modality'])}: {e(s['source'])} {e(s['plover'])} {e(s['target'] or '-')}{cites(s['cites'], 1)}</li>")
    out.append("</ul><h2>Alerts</h2><ul>")
    for a in brief["alerts"]:
        out.append(f"<li>[{e(a['kind'])}] {e(a['message'])}{cites(a['cites'], 2)}</li>")
    out.append("</ul><h2>Sources</h2><ul>")
    for doc, meta in sorted(brief["documents"].items()):
        bits = " · ".join(e(x) for x in (meta.get("outlet"), meta.get("published"), meta.get("title")) if x)
        out.append(f'<li><span class="doc">[{e(doc)}]</span> {bits}</li>')
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"

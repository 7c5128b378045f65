// The article view: the clean text with actors, places, dates, quantities and equipment
// marked, and the selected event's evidence inside a <mark>. Built from offsets with DOM
// nodes only, so whatever the article contains is shown as text and never runs.
import { actorLabel, clear, el, safeLink } from "./dom.js";
import { HAPPENED, readableDate } from "./format.js";
import { citeButton } from "./table.js";

const KINDS = [
  ["actors", "m-actor", (a) => `actor: ${a.name || a.text}${a.country ? ` (${a.country})` : ""}${a.reason ? ` — ${a.reason}` : ""}`],
  ["places", "m-place", (p) => `place: ${p.name || p.text}${p.country ? ` (${p.country})` : ""}${p.reason ? ` — ${p.reason}` : ""}`],
  ["dates", "m-date", (d) => `date: ${d.value ? readableDate(d.value) : "?"}${d.reason ? ` — ${d.reason}` : ""}`],
  ["quantities", "m-quantity", (q) => `quantity: ${q.value} ${q.unit}${q.of ? ` of ${q.of}` : ""}`],
  ["equipment", "m-equipment", (e) => `equipment: ${e.name} (${e.type})`],
];

function spansOf(doc) {
  const n = doc.text.length;
  const spans = [];
  for (const [key, cls, describe] of KINDS) {
    for (const item of doc[key] || []) {
      const start = Math.max(0, Math.min(n, item.start | 0));
      const end = Math.max(start, Math.min(n, item.end | 0));
      if (end > start) spans.push({ start, end, cls, title: describe(item) });
    }
  }
  return spans;
}

/** Fill `root` with the text, marked; returns the evidence <mark> (or null). */
export function markText(root, doc, evidence) {
  clear(root);
  const text = doc.text || "";
  const spans = spansOf(doc);
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  let ev = null;
  if (evidence && evidence.end > evidence.start) {
    ev = { start: Math.max(0, evidence.start), end: Math.min(text.length, evidence.end) };
    cuts.add(ev.start); cuts.add(ev.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let mark = null;
  let first = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (b <= a) continue;
    const covering = spans.filter((s) => s.start <= a && s.end >= b).sort((x, y) => (x.end - x.start) - (y.end - y.start));
    let node = document.createTextNode(text.slice(a, b));
    if (covering.length) {
      node = el("span", { class: covering[0].cls, title: covering.map((s) => s.title).join("\n") }, node);
    }
    const inEvidence = ev && a >= ev.start && b <= ev.end;
    if (inEvidence) {
      if (!mark) {
        mark = el("mark", { class: "evidence" });
        root.append(mark);
        first = first || mark;
      }
      mark.append(node);
    } else {
      mark = null;
      root.append(node);
    }
  }
  return first;
}

export class ArticleView {
  constructor(root, { onClose, onCite }) {
    this.root = root;
    this.onCite = onCite;
    this.doc = null;
    this.selected = null;
    root.querySelector("#close-article").addEventListener("click", onClose);
    document.addEventListener("keydown", (e) => { if (e.key === "Escape" && !root.hidden) onClose(); });
  }

  show(doc, eventId) {
    this.doc = doc;
    this.root.hidden = false;
    this.root.querySelector("#article-title").textContent = doc.title || doc.doc;
    const meta = clear(this.root.querySelector("#article-meta"));
    meta.append(
      el("span", {}, doc.outlet || "unknown outlet"),
      el("span", {}, doc.published ? `published ${readableDate(doc.published)}` : "no publication date"),
      el("span", { class: "code" }, doc.doc),
    );
    if (doc.dateline) meta.append(el("span", {}, `dateline ${doc.dateline}`));
    if (doc.url) meta.append(safeLink(doc.url, "source"));
    this.facts(doc);
    this.select(eventId || null);
  }

  select(eventId) {
    const doc = this.doc;
    const event = (doc.events || []).find((e) => e.id === eventId) || null;
    this.selected = event ? event.id : null;
    const mark = markText(this.root.querySelector("#article-text"), doc, event);
    for (const li of this.root.querySelectorAll("#article-events li")) {
      li.classList.toggle("selected", li.dataset.id === this.selected);
    }
    if (mark) mark.scrollIntoView({ block: "center" });
    return this.selected;
  }

  facts(doc) {
    const events = clear(this.root.querySelector("#article-events"));
    for (const ev of doc.events || []) {
      const li = el("li", { class: `event${HAPPENED.has(ev.modality || "asserted") ? "" : " unreal"}`, tabindex: 0, "data-id": ev.id },
        el("b", {}, ev.plover), ` ${actorLabel(ev.source)} → ${actorLabel(ev.target)}`,
        el("span", { class: `mod ${ev.modality}` }, ` ${ev.modality}`),
        ev.date ? el("span", { class: "muted" }, ` ${readableDate(ev.date)}`) : null,
        this.onCite ? citeButton({ ...ev, outlet: doc.outlet, published: doc.published, url: doc.url }, this.onCite) : null);
      li.addEventListener("click", (e) => { if (!e.target.closest("button")) this.onPick(ev.id); });
      li.addEventListener("keydown", (e) => { if (e.key === "Enter") this.onPick(ev.id); });
      events.append(li);
    }
    if (!(doc.events || []).length) events.append(el("li", { class: "muted" }, "no events"));
    const unique = (items, key) => [...new Map(items.map((x) => [key(x), x])).values()];
    const list = (id, items, label) => {
      const ul = clear(this.root.querySelector(id));
      for (const item of items) ul.append(el("li", {}, label(item)));
      if (!items.length) ul.append(el("li", { class: "muted" }, "none found"));
    };
    list("#article-actors", unique(doc.actors || [], (a) => `${a.name}|${a.country}`),
      (a) => `${a.name || a.text}${a.country ? ` · ${a.country}` : ""}${a.sector ? ` · ${a.sector}` : ""}`);
    list("#article-places", unique(doc.places || [], (p) => `${p.name}|${p.country}`),
      (p) => `${p.name || p.text}${p.country ? ` · ${p.country}` : ""}${p.lat != null ? ` · ${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}` : ""}`);
    list("#article-dates", unique(doc.dates || [], (d) => `${d.text}|${d.value}`), (d) => `${d.text} → ${d.value ? readableDate(d.value) : "?"}`);
  }

  onPick(id) {
    this.select(id);
    if (this.onSelect) this.onSelect(id);
  }

  hide() {
    this.root.hidden = true;
    this.doc = null;
  }
}

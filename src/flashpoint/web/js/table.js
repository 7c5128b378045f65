// The events / incidents / articles table. An event row opens the article with the evidence
// highlighted; its place opens the place's marker on the map; "cite" copies a citation. An
// incident row unfolds into all its reports; an article row opens the article.
import { clear, el, actorLabel } from "./dom.js";
import { eventDate, HAPPENED, plural, readableDate } from "./format.js";

const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

function row(cells, onOpen, attrs = {}) {
  const tr = el("tr", { tabindex: 0, ...attrs }, ...cells);
  tr.addEventListener("click", (e) => { if (!e.target.closest("button, a")) onOpen(); });
  tr.addEventListener("keydown", (e) => { if (e.key === "Enter" && e.target === tr) onOpen(); });
  return tr;
}

function head(thead, names) {
  clear(thead).append(el("tr", {}, ...names.map((n) => el("th", {}, n))));
}

function empty(body, span, text) {
  body.append(el("tr", {}, el("td", { colspan: span, class: "muted" }, text)));
}

/** A citation of one event: the evidence, the article, its date and where to find it. */
export function citation(ev) {
  const who = `${actorLabel(ev.source)} ${ev.plover} ${actorLabel(ev.target)}`;
  const when = ev.published ? readableDate(ev.published) : "date of publication unknown";
  const where = ev.url || ev.doc || ev.doc_key;
  return `"${(ev.evidence || "").trim()}" — ${ev.outlet || "unknown outlet"}, "${ev.title || ev.doc || "untitled"}", ${when}. `
    + `${where}. Event ${ev.id} (${who}${ev.date ? `, ${readableDate(ev.date)}` : ""}; ${ev.modality || "asserted"}), via flashpoint.`;
}

export function citeButton(ev, onCite) {
  return el("button", { type: "button", class: "cite", title: "copy a citation of this event",
    onclick: (e) => { e.stopPropagation(); onCite(citation(ev)); } }, "cite");
}

export function renderEvents(table, items, { onOpen, onPlace, onCite }) {
  head(table.tHead, ["Date", "Source", "Event", "Target", "Modality", "Place", "Evidence", "Article", ""]);
  const body = clear(table.tBodies[0]);
  for (const ev of items) {
    const loc = ev.location || null;
    const placeName = loc ? loc.name || loc.text : "";
    const place = loc && loc.lat != null && loc.lon != null
      ? el("button", { type: "button", class: "place-link", title: "show on the map",
        onclick: (e) => { e.stopPropagation(); onPlace(loc.lat, loc.lon); } }, `◎ ${placeName}`)
      : placeName || el("span", { class: "muted" }, "no place");
    const unreal = !HAPPENED.has(ev.modality || "asserted");
    body.append(row([
      el("td", { class: "code", title: ev.date || ev.published || "" }, eventDate(ev)),
      el("td", { title: ev.source?.text || "" }, actorLabel(ev.source)),
      el("td", {}, el("span", { class: `badge q${ev.quad_class || 0}`, title: QUAD[ev.quad_class] || "" }, ev.plover),
        ev.cameo ? el("span", { class: "muted code" }, ` ${ev.cameo}`) : null),
      el("td", { title: ev.target?.text || "" }, actorLabel(ev.target)),
      el("td", {}, el("span", { class: `mod ${ev.modality}` }, ev.modality || "asserted")),
      el("td", {}, place),
      el("td", { class: "evidence" }, ev.evidence || ""),
      el("td", { class: "muted" }, ev.title || ev.doc || ""),
      el("td", {}, citeButton(ev, onCite)),
    ], () => onOpen(ev), { class: unreal ? "unreal" : "", "data-id": ev.id }));
  }
  if (!items.length) empty(body, 9, "no events match these filters");
}

function sidesLine(inc) {
  if (!inc.sides || !inc.sides.length) return null;
  return el("div", { class: "sides" }, ...inc.sides.map((s) =>
    el("span", { class: `side ${s.claim}` }, `${s.claim === "denied" ? "denied by" : "reported by"} ${s.by.join(", ")}`)));
}

function reportsList(inc, onOpenReport) {
  const list = el("ol", { class: "reports" });
  for (const r of inc.reports || []) {
    list.append(el("li", { class: r.role === "denial" || r.modality === "negated" ? "denial" : "" },
      el("button", { type: "button", class: "link", onclick: () => onOpenReport(r) }, r.title || r.doc),
      el("span", { class: "muted" }, ` · ${r.outlet || "unknown outlet"} · ${r.published ? readableDate(r.published) : "no date"}`),
      el("span", { class: `mod ${r.modality}` }, ` · ${r.role === "denial" ? "denial" : r.modality}`),
      el("div", { class: "evidence" }, r.evidence || "")));
  }
  if (!(inc.reports || []).length) list.append(el("li", { class: "muted" }, "no reports stored"));
  return list;
}

export function renderIncidents(table, items, { onOpenReport }) {
  head(table.tHead, ["Date", "Source", "Event", "Target", "Place", "Reports", "Outlets", "Status", "Summary"]);
  const body = clear(table.tBodies[0]);
  for (const inc of items) {
    const src = typeof inc.source === "object" ? actorLabel(inc.source) : inc.source;
    const tgt = typeof inc.target === "object" ? actorLabel(inc.target) : inc.target;
    const detail = el("tr", { class: "detail", hidden: true },
      el("td", { colspan: 9 }, sidesLine(inc), reportsList(inc, onOpenReport)));
    const status = inc.status || (inc.contested ? "contested" : "reported");
    const nReports = (inc.reports || inc.events || []).length;
    const tr = row([
      el("td", { class: "code", title: inc.date_basis || "" }, inc.date ? readableDate(inc.date) : "undated"),
      el("td", {}, src || "—"),
      el("td", {}, el("span", { class: "badge" }, inc.plover || "")),
      el("td", {}, tgt || "—"),
      el("td", {}, inc.location ? inc.location.name || "" : el("span", { class: "muted" }, "no place")),
      el("td", {}, `${plural(nReports, "report")} in ${plural((inc.docs || []).length, "article")}`),
      el("td", {}, (inc.outlets || []).join(", ") || el("span", { class: "muted" }, "unknown")),
      el("td", {}, el("span", { class: `inc-status ${status}` }, status)),
      el("td", { class: "evidence" }, inc.summary || ""),
    ], () => {
      detail.hidden = !detail.hidden;
      tr.classList.toggle("open", !detail.hidden);
    }, { class: "incident", "data-id": inc.id || "" });
    body.append(tr, detail);
  }
  if (!items.length) empty(body, 9, "no incidents match these filters");
}

export function renderArticles(table, items, { onOpen }) {
  head(table.tHead, ["Published", "Title", "Outlet", "Events", "Size", "File"]);
  const body = clear(table.tBodies[0]);
  for (const d of items) {
    const events = d.events === d.matching ? plural(d.events, "event") : `${d.matching} of ${plural(d.events, "event")}`;
    body.append(row([
      el("td", { class: "code" }, d.published ? readableDate(d.published) : el("span", { class: "muted" }, "no date")),
      el("td", {}, d.title || el("span", { class: "muted" }, "untitled")),
      el("td", {}, d.outlet || el("span", { class: "muted" }, "unknown")),
      el("td", { class: d.events ? "" : "muted" }, events),
      el("td", { class: "muted" }, `${Math.round((d.n_chars || 0) / 100) / 10}k chars`),
      el("td", { class: "muted code file" }, d.doc),
    ], () => onOpen(d), { "data-doc": d.doc_key }));
  }
  if (!items.length) empty(body, 6, "no articles match these filters");
}

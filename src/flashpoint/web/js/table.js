// The events / incidents table. Rows open the article with the evidence highlighted.
import { actorLabel, clear, el } from "./dom.js";

const QUAD = { 1: "verbal coop", 2: "material coop", 3: "verbal conflict", 4: "material conflict" };

function row(cells, onOpen) {
  const tr = el("tr", { tabindex: 0 }, ...cells);
  tr.addEventListener("click", onOpen);
  tr.addEventListener("keydown", (e) => { if (e.key === "Enter") onOpen(); });
  return tr;
}

function head(thead, names) {
  clear(thead).append(el("tr", {}, ...names.map((n) => el("th", {}, n))));
}

export function renderEvents(table, items, onOpen) {
  head(table.tHead, ["Date", "Source", "Event", "Target", "Modality", "Place", "Evidence", "Article"]);
  const body = clear(table.tBodies[0]);
  for (const ev of items) {
    const place = ev.location ? ev.location.name || ev.location.text : "";
    body.append(row([
      el("td", { class: "code" }, ev.date || ev.published || "—"),
      el("td", { title: ev.source?.text || "" }, actorLabel(ev.source)),
      el("td", {}, el("span", { class: `badge q${ev.quad_class || 0}`, title: QUAD[ev.quad_class] || "" }, ev.plover),
        ev.cameo ? el("span", { class: "muted code" }, ` ${ev.cameo}`) : null),
      el("td", { title: ev.target?.text || "" }, actorLabel(ev.target)),
      el("td", {}, el("span", { class: `mod ${ev.modality}` }, ev.modality)),
      el("td", {}, place || "—"),
      el("td", { class: "evidence" }, ev.evidence || ""),
      el("td", { class: "muted" }, ev.title || ev.doc || ""),
    ], () => onOpen(ev)));
  }
  if (!items.length) body.append(el("tr", {}, el("td", { colspan: 8, class: "muted" }, "no events match these filters")));
}

export function renderIncidents(table, items, onOpen) {
  head(table.tHead, ["Date", "Source", "Event", "Target", "Reports", "Contested", "Summary"]);
  const body = clear(table.tBodies[0]);
  for (const inc of items) {
    const src = typeof inc.source === "object" ? actorLabel(inc.source) : inc.source;
    const tgt = typeof inc.target === "object" ? actorLabel(inc.target) : inc.target;
    body.append(row([
      el("td", { class: "code" }, inc.date || "—"),
      el("td", {}, src || "—"),
      el("td", {}, el("span", { class: "badge" }, inc.plover || "")),
      el("td", {}, tgt || "—"),
      el("td", {}, String(inc.n_mentions ?? (inc.events || []).length)),
      el("td", {}, inc.contested ? "yes" : "no"),
      el("td", { class: "evidence" }, inc.summary || ""),
    ], () => onOpen(inc)));
  }
  if (!items.length) body.append(el("tr", {}, el("td", { colspan: 7, class: "muted" }, "no incidents match these filters")));
}

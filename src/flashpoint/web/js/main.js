// The dashboard: filters in the URL; map, network, tension timeline and table follow them;
// a row (or a map popup entry) opens the article with the event's evidence highlighted.
import { ApiError, getJSON } from "./api.js";
import { ArticleView } from "./article.js";
import { clear, el, fmt } from "./dom.js";
import { EventMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { filterParams, FILTER_KEYS, readState, writeState } from "./state.js";
import { renderEvents, renderIncidents } from "./table.js";
import { tensionSeries } from "./tension.js";
import { renderTimeline } from "./timeline.js";

const PAGE = 100;
const state = readState();
const hiddenDyads = new Set();
const $ = (id) => document.getElementById(id);
const form = $("filters");
const table = $("table");

function showStatus(message) {
  const box = $("status");
  box.textContent = message;
  box.hidden = !message;
}

function report(err) {
  showStatus(err instanceof ApiError ? `${err.message} [${err.code}]` : String(err && err.message ? err.message : err));
}

// ------------------------------------------------------------------ filters

function restoreForm() {
  for (const key of FILTER_KEYS) {
    if (form.elements[key]) form.elements[key].value = state[key] || "";
  }
}

function readForm() {
  for (const key of FILTER_KEYS) {
    const value = (form.elements[key].value || "").trim();
    if (value) state[key] = value; else delete state[key];
  }
}

async function loadFacets() {
  const facets = await getJSON("/api/facets");
  const addOptions = (select, values) => {
    for (const v of values) select.append(el("option", { value: v.value }, `${v.value} (${fmt(v.events)})`));
  };
  addOptions(form.elements.type, facets.types);
  addOptions(form.elements.modality, facets.modalities);
  const list = $("actor-list");
  for (const c of facets.countries) list.append(el("option", { value: c.value }, `${fmt(c.events)} events`));
  restoreForm();
}

async function loadStats() {
  const s = await getJSON("/api/stats");
  const box = clear($("stats"));
  const item = (n, label) => el("span", {}, el("b", {}, fmt(n)), label);
  box.append(item(s.counts.documents, "articles"), item(s.counts.events, "events"),
    item(s.located_events, "located"), item(s.counts.incidents, "incidents"), item(s.counts.actors, "actor mentions"));
}

// ------------------------------------------------------------------ panels

const articleView = new ArticleView($("article"), { onClose: closeArticle });
articleView.onSelect = (id) => { state.event = id; writeState(state); };
const eventMap = new EventMap($("map"), { onOpenEvent: openEvent, onStatus: showStatus });

async function loadMap() {
  const n = await eventMap.load(filterParams(state));
  $("map-hint").textContent = `${fmt(n)} places with located events`;
}

async function loadNetwork() {
  const data = await getJSON("/api/network", { ...filterParams(state), limit: 300 });
  const selected = new Set((state.actor || "").split(",").map((s) => s.trim().toUpperCase()).filter(Boolean));
  renderNetwork($("network"), data, { selected, onSelect: toggleActor });
}

async function loadTimeline() {
  const data = await tensionSeries(filterParams(state));
  $("tension-hint").textContent = data.hint;
  const draw = () => renderTimeline($("timeline"), $("dyads"), data, hiddenDyads, (name) => {
    if (hiddenDyads.has(name)) hiddenDyads.delete(name); else hiddenDyads.add(name);
    draw();
  });
  draw();
}

async function loadTable() {
  const params = { ...filterParams(state), limit: PAGE, offset: state.offset };
  let page;
  if (state.tab === "incidents") {
    page = await getJSON("/api/incidents", { actor: state.actor && /^[A-Za-z]{3}(,[A-Za-z]{3})*$/.test(state.actor) ? state.actor.toUpperCase() : undefined,
      type: state.type, since: state.since, until: state.until, limit: PAGE, offset: state.offset });
    renderIncidents(table, page.items, openIncident);
  } else {
    page = await getJSON("/api/events", params);
    renderEvents(table, page.items, openEvent);
  }
  const last = Math.min(page.offset + page.items.length, page.total);
  $("count").textContent = page.total ? `${fmt(page.offset + 1)}–${fmt(last)} of ${fmt(page.total)}` : "0 results";
  $("prev").disabled = page.offset <= 0;
  $("next").disabled = last >= page.total;
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.tab === state.tab);
}

async function refresh() {
  showStatus("");
  document.body.dataset.ready = "0";
  const results = await Promise.allSettled([loadMap(), loadNetwork(), loadTimeline(), loadTable()]);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) report(failed.reason);
  document.body.dataset.ready = "1";
}

function apply() {
  readForm();
  state.offset = 0;
  writeState(state);
  refresh();
}

function toggleActor(code) {
  state.actor = state.actor === code ? "" : code;
  if (!state.actor) delete state.actor;
  restoreForm();
  state.offset = 0;
  writeState(state);
  refresh();
}

// ------------------------------------------------------------------ article

async function openDocument(docKey, eventId) {
  try {
    const doc = await getJSON(`/api/documents/${encodeURIComponent(docKey)}`);
    state.doc = doc.doc_key;
    state.event = eventId || undefined;
    articleView.show(doc, eventId);
    writeState(state);
  } catch (err) {
    report(err);
  }
}

function openEvent(ev) {
  return openDocument(ev.doc_key, ev.id);
}

async function openIncident(inc) {
  const first = (inc.events || [])[0];
  if (!first) return;
  try {
    openEvent(await getJSON(`/api/events/${encodeURIComponent(first)}`));
  } catch (err) {
    report(err);
  }
}

function closeArticle() {
  articleView.hide();
  delete state.doc;
  delete state.event;
  writeState(state);
}

// ------------------------------------------------------------------ wiring

form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
form.elements.type.addEventListener("change", apply);
form.elements.modality.addEventListener("change", apply);
$("reset").addEventListener("click", () => {
  for (const key of FILTER_KEYS) delete state[key];
  restoreForm();
  apply();
});
for (const tab of document.querySelectorAll(".tab")) {
  tab.addEventListener("click", () => { state.tab = tab.dataset.tab; state.offset = 0; writeState(state); loadTable().catch(report); });
}
$("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); writeState(state); loadTable().catch(report); });
$("next").addEventListener("click", () => { state.offset += PAGE; writeState(state); loadTable().catch(report); });

async function start() {
  restoreForm();
  try {
    await Promise.all([loadStats(), loadFacets()]);
  } catch (err) {
    report(err);
  }
  await refresh();
  if (state.doc) await openDocument(state.doc, state.event);
}

start();

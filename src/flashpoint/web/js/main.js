// The dashboard: one filter (in the URL) for every panel. It is checked once by the server
// (/api/filters); a bad value is shown once, in plain words, and no panel loads. Otherwise the
// "filters applied" line, the download links, the alerts, map, network, timeline and table all
// follow it; each panel shows its own loading state. A row, a map popup entry or an alert's event
// opens the article with the event's evidence highlighted.
import { renderAlerts } from "./alerts.js";
import { apiURL, ApiError, getJSON } from "./api.js";
import { ArticleView } from "./article.js";
import { clear, el, fmt } from "./dom.js";
import { plural, readableDate } from "./format.js";
import { EventMap } from "./map.js";
import { renderNetwork } from "./network.js";
import { filterParams, FILTER_KEYS, readState, writeState } from "./state.js";
import { renderArticles, renderEvents, renderIncidents } from "./table.js";
import { renderTension, renderWeeks } from "./timeline.js";

const PAGE = 100;
const state = readState();
const hiddenDyads = new Set();
const $ = (id) => document.getElementById(id);
const form = $("filters");
const table = $("table");
const PANELS = ["alerts", "map-panel", "network-panel", "timeline-panel", "table-panel"];
let generation = 0; // a newer refresh makes the answers of an older one stale

function showStatus(message) {
  const box = $("status");
  box.textContent = message;
  box.hidden = !message;
}

function plain(err) {
  return err instanceof ApiError || (err && err.message) ? err.message : String(err);
}

let toastTimer = null;
function toast(message) {
  const box = $("toast");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 6000);
}

/** Run a panel's load with its loading state shown; a failure is written in the panel itself. */
async function loading(id, work) {
  const panel = $(id);
  panel.classList.add("loading");
  panel.classList.remove("blocked");
  panel.setAttribute("aria-busy", "true");
  for (const old of panel.querySelectorAll(":scope > .panel-error")) old.remove();
  try {
    return await work();
  } catch (err) {
    panel.append(el("div", { class: "panel-error", role: "alert" }, `Could not load this panel: ${plain(err)}`));
    throw err;
  } finally {
    panel.classList.remove("loading");
    panel.removeAttribute("aria-busy");
  }
}

// ------------------------------------------------------------------ filters

function restoreForm() {
  for (const key of FILTER_KEYS) {
    const input = form.elements[key];
    if (!input) continue;
    if (input.type === "checkbox") input.checked = state[key] === input.value;
    else input.value = state[key] || "";
  }
}

function readForm() {
  for (const key of FILTER_KEYS) {
    const input = form.elements[key];
    if (!input) continue;
    const value = input.type === "checkbox" ? (input.checked ? input.value : "") : (input.value || "").trim();
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
  for (const c of facets.countries) list.append(el("option", { value: c.value }, plural(c.events, "event")));
  restoreForm();
}

async function loadStats() {
  const s = await getJSON("/api/stats");
  const box = clear($("stats"));
  const item = (n, label, title) => el("span", { title: title || "" }, el("b", {}, fmt(n)), label);
  box.append(item(s.counts.documents, "articles"),
    item(s.counts.events, "events", `${fmt(s.happened_events)} said to have happened`),
    item(s.located_events, "located"), item(s.counts.incidents, "incidents"), item(s.counts.actors, "actor mentions"));
}

function showApplied(summary) {
  $("applied-text").textContent = summary.applied.join(" · ");
  $("applied-count").textContent = `${plural(summary.events, "event")} ${summary.events === 1 ? "matches" : "match"}`;
  const params = filterParams(state);
  for (const format of ["csv", "geojson", "jsonl"]) $(`dl-${format}`).href = apiURL("/api/events", { ...params, format }).href;
  $("dl-brief").href = apiURL("/api/brief", { ...params, format: "html" }).href;
  $("applied").classList.remove("invalid");
}

// ------------------------------------------------------------------ panels

const articleView = new ArticleView($("article"), { onClose: closeArticle, onCite: copyCitation });
articleView.onSelect = (id) => { state.event = id; writeState(state); };
const eventMap = new EventMap($("map"), { onOpenEvent: openEvent, onStatus: showStatus, legend: $("map-legend") });

async function loadMap() {
  const data = await eventMap.load(filterParams(state));
  $("map-hint").textContent = `${plural(data.places, "place")} · ${fmt(data.located)} of ${plural(data.events, "event")} located · `
    + `${plural(data.unlocated, "event")} without a place${data.truncated ? " · busiest places only" : ""}`;
}

async function loadNetwork(summary) {
  const data = await getJSON("/api/network", { ...filterParams(state), limit: 300 });
  const selected = new Set((summary.actors || []).flatMap((a) => [a.country, a.label, a.given].filter(Boolean)));
  renderNetwork($("network"), data, { selected, onSelect: toggleActor });
}

async function loadTimeline() {
  const [tension, weeks] = await Promise.all([
    getJSON("/api/tension", { ...filterParams(state), limit: 6 }),
    getJSON("/api/weeks", filterParams(state, { dates: false })),
  ]);
  const range = tension.range || {};
  const draw = () => renderTension($("timeline"), $("dyads"), tension, {
    hidden: hiddenDyads, range,
    onToggle: (name) => {
      if (hiddenDyads.has(name)) hiddenDyads.delete(name); else hiddenDyads.add(name);
      draw();
    },
  });
  draw();
  $("tension-hint").textContent = tension.total
    ? `${plural(tension.total, "dyad")}, tensest ${Math.min(6, tension.total)} shown${tension.latest_day ? `; last incident in a week ${readableDate(tension.latest_day)}` : ""}`
    : "";
  renderWeeks($("weeks"), weeks, { range, onBrush: setRange });
  $("weeks-hint").textContent = `events per week (${plural(weeks.dated, "event")} dated to the day); drag across the bars to choose dates`;
  $("clear-range").hidden = !(state.since || state.until);
  const apart = [];
  if (tension.coarse_incidents) apart.push(`${plural(tension.coarse_incidents, "incident")} dated only by month or year`);
  if (tension.undated_incidents) apart.push(`${plural(tension.undated_incidents, "incident")} without any date`);
  if (weeks.coarse) apart.push(`${plural(weeks.coarse, "event")} dated only by month or year`);
  if (weeks.undated) apart.push(`${plural(weeks.undated, "event")} undated`);
  $("undated-note").textContent = apart.length ? `Not placed in any week: ${apart.join("; ")}.` : "";
}

async function loadAlerts() {
  const data = await getJSON("/api/alerts", { ...filterParams(state), limit: 50 });
  renderAlerts($("alerts-list"), $("alert-detail"), $("alerts-hint"), data, { onOpenEvent: openEvent });
}

async function loadTable() {
  const params = { ...filterParams(state), limit: PAGE, offset: state.offset };
  let page;
  if (state.tab === "incidents") {
    page = await getJSON("/api/incidents", params);
    renderIncidents(table, page.items, { onOpenReport: openEvent });
  } else if (state.tab === "articles") {
    page = await getJSON("/api/documents", params);
    renderArticles(table, page.items, { onOpen: (d) => openDocument(d.doc_key) });
  } else {
    page = await getJSON("/api/events", params);
    renderEvents(table, page.items, { onOpen: openEvent, onPlace: focusPlace, onCite: copyCitation });
  }
  const last = Math.min(page.offset + page.items.length, page.total);
  const noun = { events: "event", incidents: "incident", articles: "article" }[state.tab];
  $("count").textContent = page.total ? `${fmt(page.offset + 1)}–${fmt(last)} of ${plural(page.total, noun)}` : `0 ${noun}s`;
  $("prev").disabled = page.offset <= 0;
  $("next").disabled = last >= page.total;
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.tab === state.tab);
}

async function refresh() {
  const mine = ++generation;
  showStatus("");
  document.body.dataset.ready = "0";
  let summary;
  try {
    summary = await getJSON("/api/filters", filterParams(state));
  } catch (err) {
    if (mine !== generation) return;
    showStatus(err.status === 422 ? `These filters cannot be applied: ${plain(err)}` : `The server did not answer: ${plain(err)}`);
    $("applied-text").textContent = "none (the filters above are not valid)";
    $("applied-count").textContent = "";
    $("applied").classList.add("invalid");
    for (const id of PANELS) $(id).classList.add("blocked");
    document.body.dataset.ready = "1";
    return;
  }
  if (mine !== generation) return;
  showApplied(summary);
  await Promise.allSettled([
    loading("alerts", loadAlerts), loading("map-panel", loadMap), loading("network-panel", () => loadNetwork(summary)),
    loading("timeline-panel", loadTimeline), loading("table-panel", loadTable),
  ]);
  if (mine === generation) document.body.dataset.ready = "1";
}

function apply() {
  readForm();
  state.offset = 0;
  writeState(state);
  refresh();
}

function setRange(since, until) {
  if (since) state.since = since; else delete state.since;
  if (until) state.until = until; else delete state.until;
  restoreForm();
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

function focusPlace(lat, lon) {
  $("map-panel").scrollIntoView({ block: "nearest" });
  if (!eventMap.focusPlace(lat, lon)) toast("That place is not among the places on the map for these filters.");
}

async function copyCitation(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (err) {
    const area = el("textarea", { class: "offscreen", readonly: "" }, text);
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  toast(`Citation copied: ${text}`);
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
    showStatus(`The article could not be opened: ${plain(err)}`);
  }
}

function openEvent(ev) {
  return openDocument(ev.doc_key, ev.id);
}

function closeArticle() {
  articleView.hide();
  delete state.doc;
  delete state.event;
  writeState(state);
}

// ------------------------------------------------------------------ wiring

form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });
for (const name of ["type", "modality", "happened"]) form.elements[name].addEventListener("change", apply);
$("reset").addEventListener("click", () => {
  for (const key of FILTER_KEYS) delete state[key];
  restoreForm();
  apply();
});
$("clear-range").addEventListener("click", () => setRange(null, null));
for (const tab of document.querySelectorAll(".tab")) {
  tab.addEventListener("click", () => {
    state.tab = tab.dataset.tab;
    state.offset = 0;
    writeState(state);
    loading("table-panel", loadTable).catch(() => {});
  });
}
$("prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); writeState(state); loading("table-panel", loadTable).catch(() => {}); });
$("next").addEventListener("click", () => { state.offset += PAGE; writeState(state); loading("table-panel", loadTable).catch(() => {}); });

async function start() {
  restoreForm();
  try {
    await Promise.all([loadStats(), loadFacets()]);
  } catch (err) {
    showStatus(`The server did not answer: ${plain(err)}`);
  }
  await refresh();
  if (state.doc) await openDocument(state.doc, state.event);
}

start();

// The event map: Leaflet with country shapes from world-atlas (no tile server). One marker per
// located place, coloured by its most frequent PLOVER type, sized by its events; markers closer
// than a few pixels are grouped into a cluster that opens on click. The view is fitted to the
// markers after every filter change; the busiest places are labelled; places whose events did
// not happen (intended, hypothetical, negated) are drawn hollow.
import { getJSON } from "./api.js";
import { typeColor } from "./colors.js";
import { clear, el } from "./dom.js";
import { plural, readableDate } from "./format.js";

const CLUSTER_PX = 30;
const LABELS = 8;

// ---------------------------------------------------------------- the date line
// world-atlas stitches shapes that cross the antimeridian (Russia, Fiji, Antarctica) into rings
// that jump from +180 to -180, which a flat map draws as bands across the world. Each ring is
// unwrapped into continuous longitudes (Chukotka at 190 degrees), a ring that goes round a pole
// is closed along it, and a shape that now reaches past +-180 is drawn a second time shifted by
// 360 degrees so both edges of the map show it.

function unwrap(ring) {
  const out = [];
  let shift = 0;
  let prev = null;
  for (const [lon, lat] of ring) {
    if (prev !== null) {
      const d = lon + shift - prev;
      if (d > 180) shift -= 360;
      else if (d < -180) shift += 360;
    }
    prev = lon + shift;
    out.push([prev, lat]);
  }
  return out;
}

function closeRound(ring) {
  const span = ring[ring.length - 1][0] - ring[0][0];
  if (Math.abs(span) < 180) return ring;
  const pole = ring.reduce((s, p) => s + p[1], 0) / ring.length < 0 ? -90 : 90;
  return [...ring, [ring[ring.length - 1][0], pole], [ring[0][0], pole]];
}

function meanLon(ring) {
  return ring.reduce((s, p) => s + p[0], 0) / ring.length;
}

function fixPolygon(rings) {
  const outer = closeRound(unwrap(rings[0]));
  const centre = meanLon(outer);
  const holes = rings.slice(1).map((r) => {
    const u = unwrap(r);
    const shift = Math.round((centre - meanLon(u)) / 360) * 360;
    return u.map(([x, y]) => [x + shift, y]);
  });
  const polygon = [outer, ...holes];
  const xs = outer.map((p) => p[0]);
  const out = [polygon];
  const shifted = (d) => polygon.map((ring) => ring.map(([x, y]) => [x + d, y]));
  if (Math.max(...xs) > 180) out.push(shifted(-360));
  if (Math.min(...xs) < -180) out.push(shifted(360));
  return out;
}

export function splitAtDateLine(collection) {
  const features = collection.features.map((f) => {
    const g = f.geometry;
    if (!g) return f;
    const polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : null;
    if (!polygons) return f;
    return { ...f, geometry: { type: "MultiPolygon", coordinates: polygons.flatMap(fixPolygon) } };
  });
  return { ...collection, features };
}

// ---------------------------------------------------------------- the map

function kindOf(points) {
  const types = {};
  let events = 0;
  let happened = 0;
  for (const p of points) {
    events += p.events;
    happened += p.happened;
    for (const [t, n] of Object.entries(p.types || {})) types[t] = (types[t] || 0) + n;
  }
  const top = Object.entries(types).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return { events, happened, types, type: top ? top[0] : null };
}

function typeLine(types) {
  return Object.entries(types).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([t, n]) => `${n} ${t}`).join(", ");
}

export class EventMap {
  constructor(container, { onOpenEvent, onStatus, legend }) {
    this.onOpenEvent = onOpenEvent;
    this.onStatus = onStatus;
    this.legend = legend;
    this.points = [];
    this.clusters = [];
    if (!window.L || !window.topojson) {
      container.append(el("p", { class: "hint" }, "Map assets are missing: run `make web-assets` (installs Leaflet and world-atlas)."));
      this.map = null;
      return;
    }
    this.map = window.L.map(container, {
      attributionControl: false, minZoom: 1, maxZoom: 10, zoomSnap: 0.25, worldCopyJump: false,
      maxBounds: [[-85, -220], [85, 220]],
    }).setView([30, 20], 1.5);
    this.shapes = this.loadShapes();
    this.markers = window.L.featureGroup().addTo(this.map);
    this.map.on("zoomend", () => this.draw());
    this.empty = el("div", { class: "map-empty", hidden: true }, "No located events for these filters");
    container.append(this.empty);
  }

  async loadShapes() {
    try {
      const topo = await getJSON("/static/vendor/world-atlas/countries-110m.json");
      const countries = splitAtDateLine(window.topojson.feature(topo, topo.objects.countries));
      window.L.geoJSON(countries, {
        style: () => ({ className: "country", color: "#4b5d70", weight: 0.7, fillColor: "#223042", fillOpacity: 1 }),
        interactive: false,
      }).addTo(this.map);
      this.markers.bringToFront();
    } catch (err) {
      this.onStatus(`country shapes could not be loaded: ${err.message}`);
    }
  }

  /** Load the places for `filters`, draw them and fit the view to them; returns the /api/map answer. */
  async load(filters) {
    if (!this.map) return { points: [], places: 0, located: 0, unlocated: 0, events: 0 };
    const data = await getJSON("/api/map", { ...filters, limit: 2000 });
    this.points = [...data.points].sort((a, b) => b.events - a.events);
    this.map.invalidateSize({ animate: false }); // the panel may have changed size since the map was made
    this.empty.hidden = this.points.length > 0;
    if (this.points.length) {
      const bounds = window.L.latLngBounds(this.points.map((p) => [p.lat, p.lon]));
      this.map.fitBounds(bounds.pad(0.3), { maxZoom: 6, animate: false });
    } else {
      this.map.setView([30, 20], 1.5, { animate: false });
    }
    this.draw();
    this.drawLegend();
    return data;
  }

  /** Group the places closer than CLUSTER_PX at this zoom, and draw one marker per group. Places where
   * something happened and places where nothing did are never grouped, so hollow markers stay visible. */
  draw() {
    if (!this.map) return;
    const zoom = this.map.getZoom();
    const clusters = [];
    for (const p of this.points) {
      const at = this.map.project([p.lat, p.lon], zoom);
      const real = p.happened > 0;
      let best = null;
      for (const c of clusters) {
        if (c.real !== real) continue;
        const d = c.at.distanceTo(at);
        if (d < CLUSTER_PX && (!best || d < best.d)) best = { c, d };
      }
      if (best) best.c.points.push(p);
      else clusters.push({ at, real, points: [p] });
    }
    this.markers.clearLayers();
    this.clusters = clusters;
    this.maxEvents = Math.max(1, ...clusters.map((c) => c.points.reduce((n, p) => n + p.events, 0)));
    const labelled = new Set(clusters.filter((c) => c.points.length === 1).slice(0, LABELS));
    for (const c of clusters) c.marker = this.marker(c, labelled.has(c));
  }

  marker(cluster, labelled) {
    const L = window.L;
    const { events, happened, types, type } = kindOf(cluster.points);
    const single = cluster.points.length === 1;
    const lat = cluster.points.reduce((s, p) => s + p.lat * p.events, 0) / events;
    const lon = cluster.points.reduce((s, p) => s + p.lon * p.events, 0) / events;
    const colour = typeColor(type);
    const hollow = happened === 0;
    const marker = L.circleMarker(single ? [cluster.points[0].lat, cluster.points[0].lon] : [lat, lon], {
      radius: (single ? 5 : 10) + 15 * Math.sqrt(events / this.maxEvents), // area by events, relative to the busiest
      className: `event-marker${single ? "" : " cluster"}${hollow ? " hollow" : ""}`,
      color: hollow ? colour : "#0b0f14", weight: hollow ? 2 : 1, dashArray: hollow ? "3 3" : null,
      fillColor: colour, fillOpacity: hollow ? 0.08 : 0.85,
    });
    marker.options.plover = type;
    const p0 = cluster.points[0];
    const title = single ? `${p0.name || "unnamed place"}${p0.country ? ` (${p0.country})` : ""}` : plural(cluster.points.length, "place");
    marker.bindTooltip(el("div", {}, el("div", { class: "popup-title" }, title),
      `${plural(events, "event")}: ${typeLine(types)}`), { direction: "top" });
    if (!single) {
      this.markers.addLayer(L.tooltip({ permanent: true, direction: "center", className: "cluster-count", interactive: false })
        .setContent(String(events)).setLatLng([lat, lon]));
      marker.on("click", () => this.openCluster(cluster));
    } else {
      if (labelled) {
        const label = L.tooltip({ permanent: true, direction: "right", offset: [8, 0], className: "place-label", interactive: false })
          .setContent(p0.name || "")
          .setLatLng([p0.lat, p0.lon]);
        this.markers.addLayer(label);
      }
      const popup = el("div", { class: "place-popup" });
      marker.bindPopup(popup, { maxWidth: 380 });
      marker.on("popupopen", () => this.fillPopup(popup, p0, marker));
    }
    marker.addTo(this.markers);
    return marker;
  }

  openCluster(cluster) {
    const bounds = window.L.latLngBounds(cluster.points.map((p) => [p.lat, p.lon]));
    if (this.map.getZoom() < this.map.getMaxZoom() && bounds.getNorthEast().distanceTo(bounds.getSouthWest()) > 1) {
      this.map.fitBounds(bounds.pad(0.5), { maxZoom: this.map.getMaxZoom() });
      return;
    }
    const list = el("ol", { class: "popup-list" });
    for (const p of cluster.points) {
      list.append(el("li", {}, el("button", { type: "button", onclick: () => this.focusPlace(p.lat, p.lon) },
        `${p.name || "unnamed place"} · ${plural(p.events, "event")}`)));
    }
    window.L.popup({ maxWidth: 360 }).setLatLng(cluster.marker.getLatLng())
      .setContent(el("div", {}, el("div", { class: "popup-title" }, plural(cluster.points.length, "place")), list))
      .openOn(this.map);
  }

  async fillPopup(popup, point, marker) {
    clear(popup).append(
      el("div", { class: "popup-title" }, point.name || "unnamed place", point.country ? ` (${point.country})` : ""),
      el("div", {}, `${plural(point.events, "event")}: ${typeLine(point.types || {})}`),
      point.latest ? el("div", { class: "hint" }, `latest ${readableDate(point.latest)}`) : null,
    );
    const list = el("ol", { class: "popup-list" });
    popup.append(list);
    marker.getPopup().update();
    try {
      const events = await Promise.all(point.sample.map((id) => getJSON(`/api/events/${encodeURIComponent(id)}`)));
      for (const ev of events) {
        const who = `${ev.source?.country || ev.source?.name || "?"} ${ev.plover} ${ev.target?.country || ev.target?.name || ""}`.trim();
        const when = ev.date ? readableDate(ev.date) : "undated";
        list.append(el("li", {}, el("button", { type: "button", onclick: () => this.onOpenEvent(ev) }, `${when} · ${who}`)));
      }
      if (point.events > point.sample.length) list.append(el("li", { class: "hint" }, `and ${plural(point.events - point.sample.length, "more event")}`));
    } catch (err) {
      list.append(el("li", {}, `could not load events: ${err.message}`));
    }
    const open = marker.getPopup();
    if (open && open.isOpen()) open.update(); // size and pan to the filled content
  }

  /** Centre the map on a place and open its marker (a table row's place button uses it). */
  focusPlace(lat, lon) {
    if (!this.map) return false;
    const point = this.points.find((p) => Math.abs(p.lat - lat) < 1e-3 && Math.abs(p.lon - lon) < 1e-3);
    if (!point) return false;
    this.map.closePopup();
    this.map.setView([point.lat, point.lon], Math.max(this.map.getZoom(), 7), { animate: false });
    this.draw();
    const cluster = this.clusters.find((c) => c.points.includes(point));
    if (cluster && cluster.points.length === 1) cluster.marker.openPopup();
    else if (cluster) this.openCluster(cluster);
    return true;
  }

  drawLegend() {
    const box = clear(this.legend);
    const totals = kindOf(this.points);
    const types = Object.entries(totals.types).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    for (const [t, n] of types) {
      const swatch = el("i", { class: "dot" });
      swatch.style.background = typeColor(t); // CSSOM, allowed by the strict CSP
      box.append(el("span", { class: "legend-item", "data-type": t }, swatch, `${t} ${n}`));
    }
    if (this.points.some((p) => p.happened === 0)) {
      box.append(el("span", { class: "legend-item" }, el("i", { class: "dot hollow" }), "did not happen"));
    }
    box.append(el("span", { class: "muted" }, "colour: most frequent type · size: events · numbers: grouped places"));
  }
}

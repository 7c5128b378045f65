// The event map: Leaflet with country shapes from world-atlas (no tile server) and one
// circle marker per located place, sized by its events and coloured by their balance.
import { getJSON } from "./api.js";
import { el, fmt } from "./dom.js";

const COLORS = { conflict: "#e5534b", coop: "#3fb950", mixed: "#d29922" };

export class EventMap {
  constructor(container, { onOpenEvent, onStatus }) {
    this.onOpenEvent = onOpenEvent;
    this.onStatus = onStatus;
    this.filters = {};
    this.fitted = false;
    if (!window.L || !window.topojson) {
      container.append(el("p", { class: "hint" }, "Map assets are missing: run `make web-assets` (installs Leaflet and world-atlas)."));
      this.map = null;
      return;
    }
    this.map = window.L.map(container, {
      attributionControl: false, minZoom: 1, maxZoom: 10, zoomSnap: 0.25, worldCopyJump: false,
      maxBounds: [[-85, -200], [85, 200]],
    }).setView([35, 45], 3);
    this.markers = window.L.featureGroup().addTo(this.map);
    this.shapes = this.loadShapes();
  }

  async loadShapes() {
    try {
      const topo = await getJSON("/static/vendor/world-atlas/countries-110m.json");
      const countries = window.topojson.feature(topo, topo.objects.countries);
      window.L.geoJSON(countries, {
        style: () => ({ className: "country", color: "#4b5d70", weight: 0.7, fillColor: "#223042", fillOpacity: 1 }),
        interactive: false,
      }).addTo(this.map);
      this.markers.bringToFront();
    } catch (err) {
      this.onStatus(`country shapes could not be loaded: ${err.message}`);
    }
  }

  async load(filters) {
    if (!this.map) return 0;
    this.filters = filters;
    const data = await getJSON("/api/map", { ...filters, limit: 2000 });
    this.markers.clearLayers();
    for (const point of data.points) this.addPoint(point);
    if (data.points.length && !this.fitted) {
      this.map.fitBounds(this.markers.getBounds().pad(0.35), { maxZoom: 6 });
      this.fitted = true;
    }
    return data.points.length;
  }

  addPoint(point) {
    const kind = point.conflict > point.cooperation ? "conflict" : point.cooperation > point.conflict ? "coop" : "mixed";
    const marker = window.L.circleMarker([point.lat, point.lon], {
      radius: 5 + 3 * Math.sqrt(point.events), className: `event-marker ${kind}`, color: "#0b0f14", weight: 1,
      fillColor: COLORS[kind], fillOpacity: 0.8,
    });
    const label = el("div", {},
      el("div", { class: "popup-title" }, point.name || "unnamed place", point.country ? ` (${point.country})` : ""),
      `${fmt(point.events)} events · ${fmt(point.conflict)} conflict · ${fmt(point.cooperation)} cooperation`);
    marker.bindTooltip(label, { direction: "top" });
    const popup = el("div", {}, el("div", { class: "popup-title" }, point.name || "unnamed place"), el("div", { class: "hint" }, "loading…"));
    marker.bindPopup(popup, { maxWidth: 360 });
    marker.on("popupopen", () => this.fillPopup(popup, point));
    marker.addTo(this.markers);
  }

  async fillPopup(popup, point) {
    popup.lastChild.remove();
    const list = el("ol", { class: "popup-list" });
    popup.append(list);
    try {
      const events = await Promise.all(point.sample.map((id) => getJSON(`/api/events/${encodeURIComponent(id)}`)));
      for (const ev of events) {
        const who = `${ev.source?.country || "?"} ${ev.plover} ${ev.target?.country || ""}`.trim();
        list.append(el("li", {}, el("button", { type: "button", onclick: () => this.onOpenEvent(ev) }, `${ev.date || ""} ${who}`)));
      }
    } catch (err) {
      list.append(el("li", {}, `could not load events: ${err.message}`));
    }
  }
}

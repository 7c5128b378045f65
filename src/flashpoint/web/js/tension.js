// Tension per dyad for the timeline. The analysis layer's tension index (/api/tension:
// 0-100, from decayed incident pressure) when the server has it; otherwise a plain
// measure from the events themselves (/api/timeline): minus the sum of Goldstein
// scores per day, so conflict plots upwards.
import { getJSON } from "./api.js";

const MAX_DYADS = 6;

function fromEvents(data) {
  return {
    yLabel: "−Σ Goldstein per day",
    hint: "from event Goldstein scores (analysis index unavailable)",
    series: data.series.map((s) => ({
      name: s.dyad.join("–"),
      points: s.points.map((p) => ({
        x: p.period, y: -p.goldstein,
        note: `${p.events} events, ${p.conflict} conflict, ${p.cooperation} cooperation, Goldstein ${p.goldstein}`,
      })),
    })),
  };
}

function fromIndex(data) {
  const dyads = (data.tension.dyads || []).filter((d) => (d.series || []).length)
    .sort((a, b) => b.tension - a.tension || a.dyad.localeCompare(b.dyad)).slice(0, MAX_DYADS);
  return {
    yLabel: "tension index (0–100)",
    hint: `tension index per dyad, weekly${data.as_of ? `, as of ${data.as_of}` : ""}`,
    series: dyads.map((d) => ({
      name: d.dyad,
      points: d.series.map((p) => ({ x: p.day, y: p.tension, note: `tension ${p.tension} (week ending ${p.day})` })),
    })),
  };
}

export async function tensionSeries(filters) {
  const codes = (filters.actor || "").split(",").map((s) => s.trim().toUpperCase()).filter(Boolean);
  const allCodes = codes.every((c) => /^[A-Z]{3}$/.test(c));
  if (allCodes) {
    try {
      const data = await getJSON("/api/tension", { actors: codes.join(","), since: filters.since });
      const view = fromIndex(data);
      if (view.series.length) return view;
    } catch (err) {
      if (err.status !== 503) throw err; // 503: no analysis layer in this installation
    }
  }
  return fromEvents(await getJSON("/api/timeline", { ...filters, bucket: "day", top: 5 }));
}

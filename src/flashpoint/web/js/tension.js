// Tension per dyad for the timeline: the analysis layer's tension index when the server
// has it (/api/tension), otherwise a plain measure from the events themselves
// (/api/timeline): minus the sum of Goldstein scores per day, so conflict plots upwards.
import { getJSON } from "./api.js";

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

export async function tensionSeries(filters) {
  const data = await getJSON("/api/timeline", { ...filters, bucket: "day", top: 5 });
  return fromEvents(data);
}

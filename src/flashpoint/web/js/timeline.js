// Tension per dyad over time: one SVG line per dyad. Input is normalised by main.js:
// {yLabel, series: [{name, points: [{x: "YYYY-MM[-DD]", y: number, note: string}]}]}.
import { clear, el, svg } from "./dom.js";

const W = 520;
const H = 240;
const M = { left: 40, right: 14, top: 22, bottom: 26 };
export const PALETTE = ["#4aa3ff", "#e5534b", "#3fb950", "#d29922", "#b083f0", "#f0883e", "#39c5cf", "#ff7eb6"];

function toTime(x) {
  const [y, m, d] = x.split("-").map((v) => parseInt(v, 10));
  return Date.UTC(y, (m || 1) - 1, d || 1);
}

function ticks(min, max, count) {
  if (min === max) return [min];
  const step = (max - min) / (count - 1);
  return Array.from({ length: count }, (_, i) => min + step * i);
}

export function renderTimeline(root, chips, data, hidden, onToggle) {
  clear(root);
  clear(chips);
  const series = data.series.filter((s) => s.points.length);
  if (!series.length) {
    root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "no dated events between two countries"));
    return;
  }
  series.forEach((s, i) => {
    s.color = PALETTE[i % PALETTE.length];
    const chip = el("button", { type: "button", class: `chip${hidden.has(s.name) ? " off" : ""}`, "data-dyad": s.name },
      el("span", { class: "swatch" }), s.name);
    chip.firstChild.style.background = s.color; // CSSOM, allowed by the strict CSP
    chip.addEventListener("click", () => onToggle(s.name));
    chips.append(chip);
  });
  const shown = series.filter((s) => !hidden.has(s.name));
  const all = shown.flatMap((s) => s.points);
  if (!all.length) return;
  const xs = all.map((p) => toTime(p.x));
  const ys = all.map((p) => p.y);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  if (x0 === x1) { x0 -= 86400000 * 3; x1 += 86400000 * 3; }
  let [y0, y1] = [Math.min(0, ...ys), Math.max(0, ...ys)];
  if (y0 === y1) y1 = y0 + 1;
  const sx = (t) => M.left + ((t - x0) / (x1 - x0)) * (W - M.left - M.right);
  const sy = (v) => H - M.bottom - ((v - y0) / (y1 - y0)) * (H - M.top - M.bottom);

  const axes = svg("g", {});
  for (const v of ticks(y0, y1, 5)) {
    axes.append(svg("line", { x1: M.left, x2: W - M.right, y1: sy(v), y2: sy(v), class: "grid-line" }));
    axes.append(svg("text", { x: M.left - 4, y: sy(v), dy: "0.32em", "text-anchor": "end" }, Math.round(v * 10) / 10));
  }
  axes.append(svg("line", { x1: M.left, x2: W - M.right, y1: sy(0), y2: sy(0), class: "axis" }));
  for (const t of ticks(x0, x1, 4)) {
    const label = new Date(t).toISOString().slice(0, 10);
    axes.append(svg("text", { x: sx(t), y: H - 8, "text-anchor": "middle" }, label));
  }
  axes.append(svg("text", { x: M.left, y: 10, "text-anchor": "start" }, data.yLabel));
  root.append(axes);

  for (const s of shown) {
    const pts = [...s.points].sort((a, b) => toTime(a.x) - toTime(b.x));
    const d = pts.map((p, i) => `${i ? "L" : "M"}${sx(toTime(p.x)).toFixed(1)},${sy(p.y).toFixed(1)}`).join(" ");
    const g = svg("g", { class: "dyad", "data-dyad": s.name });
    g.append(svg("path", { d, class: "series", stroke: s.color }));
    for (const p of pts) {
      g.append(svg("circle", { cx: sx(toTime(p.x)), cy: sy(p.y), r: 3.5, fill: s.color },
        svg("title", {}, `${s.name} ${p.x}: ${p.note}`)));
    }
    root.append(g);
  }
}

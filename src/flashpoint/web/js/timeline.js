// The tension timeline: one line per dyad (a value per week, from /api/tension), and under it
// the events per week (/api/weeks) as bars with a brush: dragging across the bars chooses the
// date range, which becomes the filter's since/until. The lines show the filter's date range
// (or all weeks); the bars always show every week, so the range can be moved.
import { dyadColor } from "./colors.js";
import { clear, el, svg } from "./dom.js";
import { isoDay, niceMax, niceTicks, plural, readableDate, timeTicks, toTime } from "./format.js";

const DAY = 86400000;
const W = 540;
const TH = 210;
const BH = 86;
const M = { left: 36, right: 14, top: 14, bottom: 22 };

function xAxis(root, x0, x1, sx, y, count) {
  const ticks = timeTicks(x0, x1, count);
  ticks.forEach((tick, i) => {
    const px = sx(tick.t);
    let anchor = "middle";
    if (px - M.left < 26) anchor = "start";
    else if (W - M.right - px < 26 || i === ticks.length - 1 && W - M.right - px < 40) anchor = "end";
    root.append(svg("line", { x1: px, x2: px, y1: y - 3, y2: y + 1, class: "axis" }));
    root.append(svg("text", { x: px, y: y + 12, "text-anchor": anchor, class: "tick" }, tick.label));
  });
}

/** The tension lines; returns the names of the dyads drawn. */
export function renderTension(root, chips, data, { hidden, onToggle, range }) {
  clear(root);
  clear(chips);
  const series = (data.items || []).filter((s) => s.weeks.length);
  if (!series.length) {
    root.append(svg("text", { x: W / 2, y: TH / 2, "text-anchor": "middle", class: "empty" },
      "no dated incidents between two actors for these filters"));
    return [];
  }
  for (const s of series) {
    s.color = dyadColor(s.dyad, s.rank);
    const chip = el("button", { type: "button", class: `chip${hidden.has(s.dyad) ? " off" : ""}`, "data-dyad": s.dyad,
      title: `${s.dyad}: peak ${s.peak} in the range, ${plural(s.incidents, "incident")} in weeks`
        + `${s.coarse ? `, ${s.coarse} dated only by month or year` : ""}${s.undated ? `, ${s.undated} undated` : ""} (not in any week)` },
    el("span", { class: "swatch" }), s.dyad.replace("-", "–"),
    s.coarse + s.undated ? el("span", { class: "muted" }, ` +${s.coarse + s.undated} not in weeks`) : null);
    chip.firstChild.style.background = s.color; // CSSOM, allowed by the strict CSP
    chip.addEventListener("click", () => onToggle(s.dyad));
    chips.append(chip);
  }
  const shown = series.filter((s) => !hidden.has(s.dyad));
  const all = shown.flatMap((s) => s.weeks);
  let x0 = range.since ? toTime(range.since) : Math.min(...series.flatMap((s) => s.weeks.map((w) => toTime(w.start))));
  let x1 = range.until ? toTime(range.until) : Math.max(...series.flatMap((s) => s.weeks.map((w) => toTime(w.end))));
  if (x1 - x0 < 14 * DAY) { x0 -= 7 * DAY; x1 += 7 * DAY; }
  const top = niceMax(Math.max(10, ...all.map((w) => w.tension)));
  const sx = (t) => M.left + ((t - x0) / (x1 - x0)) * (W - M.left - M.right);
  const sy = (v) => TH - M.bottom - (v / top) * (TH - M.top - M.bottom);

  const axes = svg("g", { class: "axes" });
  for (const v of niceTicks(0, top, 6)) {
    axes.append(svg("line", { x1: M.left, x2: W - M.right, y1: sy(v), y2: sy(v), class: v ? "grid-line" : "axis" }));
    axes.append(svg("text", { x: M.left - 5, y: sy(v), dy: "0.32em", "text-anchor": "end", class: "tick" }, String(v)));
  }
  xAxis(axes, x0, x1, sx, TH - M.bottom, 5);
  axes.append(svg("text", { x: M.left, y: 9, "text-anchor": "start", class: "tick" }, "tension index, weekly (0–100)"));
  root.append(axes);

  const clip = `clip-${Math.random().toString(36).slice(2)}`;
  root.append(svg("clipPath", { id: clip }, svg("rect", { x: M.left, y: 0, width: W - M.left - M.right, height: TH - M.bottom + 1 })));
  const lines = svg("g", { "clip-path": `url(#${clip})` });
  for (const s of shown) {
    // each value holds for its week: the line starts at the first week's Monday, so one week is a segment too
    const pts = [[sx(toTime(s.weeks[0].start)), sy(s.weeks[0].tension)], ...s.weeks.map((w) => [sx(toTime(w.end)), sy(w.tension)])];
    const d = pts.map(([px, py], i) => `${i ? "L" : "M"}${px.toFixed(1)},${py.toFixed(1)}`).join("");
    lines.append(svg("path", { d, class: "series", stroke: s.color, "data-dyad": s.dyad },
      svg("title", {}, `${s.dyad}: peak ${s.peak}`)));
  }
  root.append(lines);

  // hover: the week under the pointer and each dyad's value in it
  const rule = svg("line", { y1: M.top, y2: TH - M.bottom, class: "hover-rule", visibility: "hidden" });
  const readout = svg("text", { x: W - M.right, y: 9, "text-anchor": "end", class: "readout" });
  const overlay = svg("rect", { x: M.left, y: M.top, width: W - M.left - M.right, height: TH - M.top - M.bottom, class: "overlay" });
  overlay.addEventListener("mousemove", (e) => {
    const box = root.getBoundingClientRect();
    const px = ((e.clientX - box.left) / box.width) * W;
    const t = x0 + ((px - M.left) / (W - M.left - M.right)) * (x1 - x0);
    const parts = [];
    for (const s of shown) {
      const w = s.weeks.find((wk) => toTime(wk.start) <= t && t < toTime(wk.end) + DAY);
      if (w) parts.push(`${s.dyad} ${w.tension}`);
    }
    rule.setAttribute("x1", px);
    rule.setAttribute("x2", px);
    rule.setAttribute("visibility", "visible");
    readout.textContent = parts.length ? `week of ${readableDate(isoDay(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY))}: ${parts.join(" · ")}` : "";
  });
  overlay.addEventListener("mouseleave", () => { rule.setAttribute("visibility", "hidden"); readout.textContent = ""; });
  root.append(rule, readout, overlay);
  return shown.map((s) => s.dyad);
}

/** Events per week as bars, the current range shaded, and a brush that calls onBrush(since, until). */
export function renderWeeks(root, data, { range, onBrush }) {
  clear(root);
  const weeks = data.weeks || [];
  const H = BH;
  const times = weeks.map((w) => toTime(w.start));
  if (range.since) times.push(toTime(range.since));
  if (range.until) times.push(toTime(range.until));
  if (!times.length) {
    root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "no events dated to the day"));
    return;
  }
  let x0 = Math.min(...times);
  let x1 = Math.max(...times) + 7 * DAY;
  if (x1 - x0 < 8 * 7 * DAY) { const pad = (8 * 7 * DAY - (x1 - x0)) / 2; x0 -= pad; x1 += pad; }
  const top = niceMax(Math.max(1, ...weeks.map((w) => w.events)));
  const base = H - M.bottom;
  const sx = (t) => M.left + ((t - x0) / (x1 - x0)) * (W - M.left - M.right);
  const sy = (v) => base - (v / top) * (base - 6);
  const g = svg("g", {});
  g.append(svg("line", { x1: M.left, x2: W - M.right, y1: base, y2: base, class: "axis" }));
  g.append(svg("text", { x: M.left - 5, y: sy(top), dy: "0.32em", "text-anchor": "end", class: "tick" }, String(top)));
  g.append(svg("text", { x: M.left - 5, y: base, dy: "0.32em", "text-anchor": "end", class: "tick" }, "0"));
  xAxis(g, x0, x1, sx, base, 5);
  if (range.since || range.until) {
    const a = sx(range.since ? toTime(range.since) : x0);
    const b = sx(range.until ? toTime(range.until) + DAY : x1);
    g.append(svg("rect", { x: a, y: 2, width: Math.max(1, b - a), height: base - 2, class: "range" }));
  }
  for (const w of weeks) {
    const t = toTime(w.start);
    const a = sx(t);
    const width = Math.max(1.5, sx(t + 7 * DAY) - a - 0.5);
    const title = `week of ${readableDate(w.start)}: ${plural(w.events, "event")}${w.events > w.happened ? `, ${w.events - w.happened} did not happen` : ""}`;
    g.append(svg("rect", { x: a, y: sy(w.happened), width, height: base - sy(w.happened), class: "bar", "data-week": w.start },
      svg("title", {}, title)));
    if (w.events > w.happened) {
      g.append(svg("rect", { x: a + 0.5, y: sy(w.events), width: Math.max(1, width - 1), height: sy(w.happened) - sy(w.events),
        class: "bar unreal" }, svg("title", {}, title)));
    }
  }
  const sel = svg("rect", { y: 2, height: base - 2, class: "selection", visibility: "hidden" });
  const overlay = svg("rect", { x: M.left, y: 0, width: W - M.left - M.right, height: base, class: "overlay brush-area" });
  let start = null;
  const toX = (e) => {
    const box = root.getBoundingClientRect();
    return Math.min(W - M.right, Math.max(M.left, ((e.clientX - box.left) / box.width) * W));
  };
  const toT = (px) => x0 + ((px - M.left) / (W - M.left - M.right)) * (x1 - x0);
  overlay.addEventListener("pointerdown", (e) => {
    start = toX(e);
    overlay.setPointerCapture(e.pointerId);
    sel.setAttribute("x", start);
    sel.setAttribute("width", 0);
    sel.setAttribute("visibility", "visible");
  });
  overlay.addEventListener("pointermove", (e) => {
    if (start === null) return;
    const now = toX(e);
    sel.setAttribute("x", Math.min(start, now));
    sel.setAttribute("width", Math.abs(now - start));
  });
  overlay.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const end = toX(e);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    if (b - a < 4) { sel.setAttribute("visibility", "hidden"); return; }
    const monday = (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)); };
    const since = isoDay(monday(toT(a)));
    const until = isoDay(monday(toT(b)) + 6 * DAY);
    onBrush(since, until);
  });
  g.append(sel, overlay);
  root.append(g);
}

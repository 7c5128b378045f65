// How values read on the page: partial dates, counts with their noun, nice axis ticks.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const HAPPENED = new Set(["asserted", "reported", "claimed"]);

/** "2021-10-21" -> "21 Oct 2021"; "2021-10" -> "Oct 2021"; "--10-21" -> "21 Oct, year unknown". */
export function readableDate(value) {
  if (!value) return "";
  const v = String(value);
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (m) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] || m[2]} ${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) return `${MONTHS[Number(m[2]) - 1] || m[2]} ${m[1]}`;
  m = /^(\d{4})$/.exec(v);
  if (m) return m[1];
  m = /^--(\d{2})-(\d{2})$/.exec(v);
  if (m) return `${Number(m[2])} ${MONTHS[Number(m[1]) - 1] || m[1]}, year unknown`;
  m = /^--(\d{2})$/.exec(v);
  if (m) return `${MONTHS[Number(m[1]) - 1] || m[1]}, year unknown`;
  return v;
}

/** The date an event is shown with: its own, else its article's publication date (said so), else "undated". */
export function eventDate(ev) {
  if (ev.date) return readableDate(ev.date);
  if (ev.published) return `${readableDate(ev.published)} (published)`;
  return "undated";
}

export function plural(n, noun, many) {
  const count = Number(n || 0);
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : many || `${noun}s`}`;
}

/** Round tick values covering [min, max]: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(min, max, count = 5) {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw) || 10 * mag;
  const out = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/** A round upper bound for an axis: the smallest 1, 2 or 5 times a power of ten at or above `v`. */
export function niceMax(v) {
  if (!(v > 0)) return 1;
  const mag = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= v);
}

const DAY = 86400000;
const INTERVALS = [
  ["day", 7], ["day", 14], ["month", 1], ["month", 2], ["month", 3], ["month", 6], ["year", 1], ["year", 2],
  ["year", 5], ["year", 10], ["year", 20], ["year", 50], ["year", 100],
];

function ticksEvery(unit, n, t0, t1) {
  const out = [];
  const d0 = new Date(t0);
  if (unit === "day") {
    const back = (d0.getUTCDay() + 6) % 7; // Mondays
    let t = Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth(), d0.getUTCDate() - back);
    if (t < t0) t += 7 * DAY;
    for (; t <= t1; t += n * DAY) out.push({ t, label: shortDay(t) });
  } else if (unit === "month") {
    const y = d0.getUTCFullYear();
    let m = d0.getUTCMonth() + (Date.UTC(y, d0.getUTCMonth(), 1) < t0 ? 1 : 0);
    while (m % n) m += 1;
    for (let t = Date.UTC(y, m, 1); t <= t1; m += n, t = Date.UTC(y, m, 1)) {
      const d = new Date(t);
      out.push({ t, label: `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` });
    }
  } else {
    let y = d0.getUTCFullYear() + (Date.UTC(d0.getUTCFullYear(), 0, 1) < t0 ? 1 : 0);
    y = Math.ceil(y / n) * n;
    for (; Date.UTC(y, 0, 1) <= t1; y += n) out.push({ t: Date.UTC(y, 0, 1), label: String(y) });
  }
  return out;
}

/** Time ticks on calendar boundaries (Mondays, month or year starts) between t0 and t1 (ms), at most `count`. */
export function timeTicks(t0, t1, count = 5) {
  for (const [unit, n] of INTERVALS) {
    const ticks = ticksEvery(unit, n, t0, t1);
    if (ticks.length <= count) return ticks.length >= 2 || unit !== "day" ? ticks : [{ t: t0, label: shortDay(t0) }, { t: t1, label: shortDay(t1) }];
  }
  return ticksEvery("year", 200, t0, t1);
}

function shortDay(t) {
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

export function toTime(iso) {
  const [y, m, d] = String(iso).split("-").map((v) => parseInt(v, 10));
  return Date.UTC(y, (m || 1) - 1, d || 1);
}

export function isoDay(t) {
  return new Date(t).toISOString().slice(0, 10);
}

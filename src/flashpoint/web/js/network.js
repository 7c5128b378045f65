// The signed actor network: actors as nodes (countries by code, others by name), one edge per
// pair, coloured by the balance of cooperation (green) against conflict (red), width by event
// count, dashed when none of the pair's events is said to have happened.
import { clear, fmt, svg } from "./dom.js";
import { plural } from "./format.js";

const W = 520;
const H = 360;
const MAX_NODES = 30;

export function balanceColor(coop, conflict) {
  const total = coop + conflict;
  if (!total) return "#6b7785";
  const b = (coop - conflict) / total; // -1 conflict .. +1 cooperation
  const lerp = (x, y, t) => Math.round(x + (y - x) * t);
  const [from, to, t] = b < 0 ? [[229, 83, 75], [210, 153, 34], b + 1] : [[210, 153, 34], [63, 185, 80], b];
  return `rgb(${lerp(from[0], to[0], t)},${lerp(from[1], to[1], t)},${lerp(from[2], to[2], t)})`;
}

function pairs(edges, keep) {
  const merged = new Map();
  for (const e of edges) {
    if (!keep.has(e.source) || !keep.has(e.target)) continue;
    const [a, b] = [e.source, e.target].sort();
    const key = `${a}|${b}`;
    const m = merged.get(key) || { a, b, events: 0, cooperation: 0, conflict: 0, goldstein: 0, happened: 0 };
    m.events += e.events; m.cooperation += e.cooperation; m.conflict += e.conflict; m.goldstein += e.goldstein;
    m.happened += e.happened ?? e.events;
    merged.set(key, m);
  }
  return [...merged.values()];
}

function layout(nodes, links) {
  const pos = new Map();
  nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / nodes.length;
    pos.set(n.id, { x: W / 2 + 130 * Math.cos(angle), y: H / 2 + 120 * Math.sin(angle) });
  });
  for (let step = 0; step < 300; step++) {
    const force = new Map(nodes.map((n) => [n.id, { x: 0, y: 0 }]));
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const p = pos.get(nodes[i].id); const q = pos.get(nodes[j].id);
        const dx = p.x - q.x; const dy = p.y - q.y; const d2 = Math.max(dx * dx + dy * dy, 25);
        const f = 2200 / d2;
        const d = Math.sqrt(d2);
        force.get(nodes[i].id).x += (f * dx) / d; force.get(nodes[i].id).y += (f * dy) / d;
        force.get(nodes[j].id).x -= (f * dx) / d; force.get(nodes[j].id).y -= (f * dy) / d;
      }
    }
    for (const l of links) {
      const p = pos.get(l.a); const q = pos.get(l.b);
      const dx = q.x - p.x; const dy = q.y - p.y; const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
      const f = (d - 110) * 0.02;
      force.get(l.a).x += (f * dx) / d; force.get(l.a).y += (f * dy) / d;
      force.get(l.b).x -= (f * dx) / d; force.get(l.b).y -= (f * dy) / d;
    }
    const cool = 1 - step / 300;
    for (const n of nodes) {
      const p = pos.get(n.id); const f = force.get(n.id);
      f.x += (W / 2 - p.x) * 0.01; f.y += (H / 2 - p.y) * 0.01;
      p.x = Math.min(W - 30, Math.max(30, p.x + Math.max(-8, Math.min(8, f.x)) * cool));
      p.y = Math.min(H - 24, Math.max(24, p.y + Math.max(-8, Math.min(8, f.y)) * cool));
    }
  }
  return pos;
}

export function renderNetwork(root, data, { selected, onSelect }) {
  clear(root);
  const nodes = data.nodes.slice(0, MAX_NODES);
  if (!nodes.length) {
    root.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "no events between two actors for these filters"));
    return;
  }
  const keep = new Set(nodes.map((n) => n.id));
  const links = pairs(data.edges, keep);
  const pos = layout(nodes, links);
  const maxEvents = Math.max(...nodes.map((n) => n.events));
  const edgeLayer = svg("g", { class: "edges" });
  for (const l of links) {
    const p = pos.get(l.a); const q = pos.get(l.b);
    const unreal = l.happened === 0; // every event of the pair was intended, hypothetical or negated
    const notes = l.happened < l.events ? `, ${fmt(l.events - l.happened)} did not happen` : "";
    edgeLayer.append(svg("line", {
      x1: p.x, y1: p.y, x2: q.x, y2: q.y, stroke: balanceColor(l.cooperation, l.conflict),
      "stroke-width": 1 + Math.log2(l.events + 1) * 1.4, "stroke-opacity": 0.85, class: `edge${unreal ? " unreal" : ""}`,
      "stroke-dasharray": unreal ? "5 4" : null,
    }, svg("title", {}, `${l.a} – ${l.b}: ${plural(l.events, "event")}, ${fmt(l.cooperation)} cooperation, ${fmt(l.conflict)} conflict, Goldstein ${l.goldstein.toFixed(1)}${notes}`)));
  }
  const nodeLayer = svg("g", { class: "nodes" });
  for (const n of nodes) {
    const p = pos.get(n.id);
    const label = n.id.length > 9 ? `${n.id.slice(0, 8)}…` : n.id;
    const r = Math.max(9 + 12 * Math.sqrt(n.events / maxEvents), label.length * 3.4); // the label fits inside
    const g = svg("g", { class: `node${selected.has(n.id) ? " selected" : ""}`, transform: `translate(${p.x},${p.y})`, tabindex: 0, "data-id": n.id },
      svg("circle", { r, fill: "#2f5f8f" }),
      svg("text", { "text-anchor": "middle", dy: "0.35em" }, label),
      svg("title", {}, `${n.id}: ${plural(n.events, "event")} with other actors`));
    g.addEventListener("click", () => onSelect(n.id));
    g.addEventListener("keydown", (e) => { if (e.key === "Enter") onSelect(n.id); });
    nodeLayer.append(g);
  }
  root.append(edgeLayer, nodeLayer);
}

// Colours that mean the same thing in every view: one per PLOVER type (cooperation in greens
// and blues, conflict in oranges, reds and purples) and one per dyad, chosen by the dyad's rank
// in the whole store (the server's `rank`), so a pair keeps its colour whatever the filter.
export const TYPE_COLORS = {
  AGREE: "#3fb950", CONSULT: "#39c5cf", SUPPORT: "#4aa3ff", CONCEDE: "#9be9a8", COOPERATE: "#1f9e89",
  AID: "#7ee787", RETREAT: "#8b949e", REQUEST: "#e3b341", ACCUSE: "#f0883e", REJECT: "#c9752a",
  THREATEN: "#d2a8ff", PROTEST: "#ffa198", SANCTION: "#a371f7", MOBILIZE: "#ff7b72", COERCE: "#b62324",
  ASSAULT: "#ff2d55",
};
export const TYPE_ORDER = Object.keys(TYPE_COLORS);

export function typeColor(type) {
  return TYPE_COLORS[type] || "#8b949e";
}

const DYAD_PALETTE = ["#4aa3ff", "#ff7b72", "#3fb950", "#e3b341", "#d2a8ff", "#39c5cf", "#f0883e", "#ff9bce", "#a5d6ff", "#c9d1d9"];

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** The colour of a dyad: by its store-wide rank for the busiest pairs, else from its name. */
export function dyadColor(name, rank) {
  if (Number.isInteger(rank) && rank >= 0 && rank < DYAD_PALETTE.length) return DYAD_PALETTE[rank];
  const h = hash(name);
  return `hsl(${h % 360}, ${55 + (h >> 9) % 30}%, ${58 + (h >> 17) % 14}%)`;
}

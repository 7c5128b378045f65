// The filters, the open tab and the open article live in the URL query string,
// so a view can be bookmarked or shared and is restored on load.
export const FILTER_KEYS = ["actor", "type", "modality", "since", "until", "place", "q", "happened"];
const VIEW_KEYS = ["tab", "offset", "doc", "event"];
export const TABS = ["events", "incidents", "articles"];

export function readState() {
  const params = new URLSearchParams(window.location.search);
  const state = {};
  for (const key of [...FILTER_KEYS, ...VIEW_KEYS]) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  state.tab = TABS.includes(state.tab) ? state.tab : "events";
  state.offset = Math.max(0, parseInt(state.offset || "0", 10) || 0);
  return state;
}

export function writeState(state) {
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, ...VIEW_KEYS]) {
    const value = state[key];
    if (value === undefined || value === null || value === "") continue;
    if (key === "tab" && value === "events") continue;
    if (key === "offset" && !value) continue;
    params.set(key, value);
  }
  const query = params.toString();
  window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

/** The filter as API query parameters (every endpoint takes the same ones). */
export function filterParams(state, { dates = true } = {}) {
  const out = {};
  for (const key of FILTER_KEYS) {
    if (!state[key]) continue;
    if (!dates && (key === "since" || key === "until")) continue;
    out[key] = state[key];
  }
  return out;
}

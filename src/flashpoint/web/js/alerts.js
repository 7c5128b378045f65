// The alerts strip: what the analysis flagged for the current filters (/api/alerts), newest first.
// A chip opens the alert: its message and the events behind it, each opening its article.
import { clear, el } from "./dom.js";
import { eventDate, plural } from "./format.js";

const KIND_LABEL = {
  spike: "spike", first_conflict: "first conflict", escalation: "escalation", relation_flip: "relation flip",
  region_spike: "regional spike", contested: "contested",
};
const SHOWN = 12;

function period(p) {
  const [a, b] = String(p || "").split("/");
  return b ? `week of ${eventDate({ date: a })}` : eventDate({ date: a });
}

function subject(alert) {
  return alert.kind === "contested" && alert.dyad ? alert.dyad.join("–") : String(alert.subject).replace("-", "–");
}

export function renderAlerts(list, detail, hint, data, { onOpenEvent }) {
  clear(list);
  detail.hidden = true;
  const items = data.items || [];
  hint.textContent = data.total ? `${plural(data.total, "alert")} for these filters${data.total > SHOWN ? `, newest ${SHOWN} shown` : ""}` : "none for these filters";
  for (const alert of items.slice(0, SHOWN)) {
    const chip = el("button", { type: "button", class: `alert-chip ${alert.kind}`, "data-id": alert.id, title: alert.message },
      el("b", {}, KIND_LABEL[alert.kind] || alert.kind), ` ${subject(alert)} · ${period(alert.period)} · ${plural(alert.events.length, "event")}`);
    chip.addEventListener("click", () => {
      const open = !detail.hidden && detail.dataset.id === alert.id;
      for (const c of list.children) c.classList.toggle("selected", !open && c === chip);
      if (open) { detail.hidden = true; return; }
      showAlert(detail, alert, onOpenEvent);
    });
    list.append(chip);
  }
}

function showAlert(detail, alert, onOpenEvent) {
  clear(detail);
  detail.dataset.id = alert.id;
  detail.hidden = false;
  const events = el("ol", { class: "alert-events" });
  for (const ev of alert.items || []) {
    events.append(el("li", {}, el("button", { type: "button", class: "link", "data-event": ev.id, onclick: () => onOpenEvent(ev) },
      `${eventDate(ev)} · ${ev.source || "?"} ${ev.plover} ${ev.target || "-"}`),
    el("span", { class: "muted" }, ` — ${ev.title || ev.doc}`),
    el("div", { class: "evidence" }, ev.evidence || "")));
  }
  const more = alert.events.length - (alert.items || []).length;
  if (more > 0) events.append(el("li", { class: "muted" }, `and ${plural(more, "more event")}`));
  detail.append(el("div", { class: "alert-message" }, alert.message), events);
}

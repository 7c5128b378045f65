// A self-contained API reference rendered from /openapi.json (no CDN, no innerHTML).
import { getJSON } from "./api.js";
import { el } from "./dom.js";

function typeOf(schema) {
  if (!schema) return "";
  if (schema.anyOf) return schema.anyOf.map(typeOf).filter((t) => t !== "null").join(" | ");
  const limits = [];
  if (schema.minimum !== undefined) limits.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) limits.push(`≤ ${schema.maximum}`);
  if (schema.maxLength !== undefined) limits.push(`≤ ${schema.maxLength} chars`);
  if (schema.pattern) limits.push(`pattern ${schema.pattern}`);
  return `${schema.type || schema.$ref?.split("/").pop() || "any"}${limits.length ? ` (${limits.join(", ")})` : ""}`;
}

function endpoint(path, method, op) {
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-");
  const box = el("section", { class: "endpoint", id },
    el("h3", {}, el("span", { class: `method ${method}` }, method.toUpperCase()), path),
    el("div", {}, op.summary || ""));
  const params = op.parameters || [];
  if (params.length) {
    box.append(el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "parameter"), el("th", {}, "in"), el("th", {}, "type"), el("th", {}, "default"), el("th", {}, "description"))),
      el("tbody", {}, ...params.map((p) => el("tr", {},
        el("td", { class: "code" }, p.name + (p.required ? " *" : "")), el("td", {}, p.in), el("td", {}, typeOf(p.schema)),
        el("td", { class: "code" }, p.schema && p.schema.default !== undefined ? JSON.stringify(p.schema.default) : ""),
        el("td", {}, p.description || p.schema?.description || ""))))));
  }
  const body = op.requestBody?.content?.["application/json"]?.schema;
  if (body) {
    const props = body.properties || {};
    box.append(el("div", { class: "hint" }, "JSON body:"), el("table", {},
      el("tbody", {}, ...Object.entries(props).map(([name, s]) => el("tr", {},
        el("td", { class: "code" }, name), el("td", {}, typeOf(s)), el("td", {}, s.description || "")))))); 
  }
  const codes = Object.keys(op.responses || {});
  box.append(el("div", { class: "hint" }, `responses: ${codes.join(", ")}`));
  return box;
}

async function main() {
  const spec = await getJSON("/openapi.json");
  document.getElementById("intro").append(`${spec.info.title} ${spec.info.version}. ${spec.info.description || ""}`);
  const toc = document.getElementById("toc");
  const list = document.getElementById("endpoints");
  list.append(el("section", { class: "endpoint" }, el("h3", {}, "Errors"),
    el("div", {}, "Every error, whatever its status, has this shape:"),
    el("pre", {}, JSON.stringify({ error: { code: "not_found", message: "no document 'x'", status: 404 } }, null, 2))));
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const box = endpoint(path, method, op);
      list.append(box);
      toc.append(el("a", { href: `#${box.id}` }, `${method.toUpperCase()} ${path}`));
    }
  }
}

main().catch((err) => document.getElementById("intro").append(`could not load the spec: ${err.message}`));

// Fetching JSON from the server; errors arrive in one envelope: {"error": {code, message, status}}.
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** A same-origin URL for `path` with the non-empty `params` (also what download links use). */
export function apiURL(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  return url;
}

export async function getJSON(path, params) {
  const response = await fetch(apiURL(path, params), { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    throw new ApiError(response.status, "bad_response", `${path}: the server did not send JSON`);
  }
  if (!response.ok) {
    const e = (body && body.error) || {};
    throw new ApiError(response.status, e.code || "error", e.message || `${path}: HTTP ${response.status}`);
  }
  return body;
}

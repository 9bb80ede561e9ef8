// The public JSON API, same origin. Every read is a GET; errors carry the API's {"error","message","field"} body.
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.field = body?.field;
  }
}

export async function get(path) {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

/** Reads several endpoints at once; a failed one yields {error} instead of failing the page. */
export async function getAll(paths) {
  const entries = await Promise.all(Object.entries(paths).map(async ([name, path]) => {
    try {
      return [name, await get(path)];
    } catch (error) {
      return [name, { error }];
    }
  }));
  return Object.fromEntries(entries);
}

// The HTTP half of the protocol: sign-in, sign-out, who am I.

export interface User {
  id: number;
  login: string;
  name: string;
  unit: number;
  admin: boolean;
}

/** A failed HTTP call; message is the server's words when it gave some. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

type Fetch = typeof fetch;

async function call(fetchImpl: Fetch, method: string, path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, "Content-Type": "application/json" };
  }
  const response = await fetchImpl(path, init);
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload;
  const error = (payload as { error?: { code?: string; message?: string } } | null)?.error;
  // An empty message tells the caller to say in its own words what failed.
  throw new HttpError(response.status, error?.code ?? "http_" + response.status, error?.message ?? "");
}

export async function login(credentials: { login: string; password: string }, fetchImpl: Fetch = fetch): Promise<User> {
  const result = (await call(fetchImpl, "POST", "/login", credentials)) as { user: User };
  return result.user;
}

export async function logout(fetchImpl: Fetch = fetch): Promise<void> {
  await call(fetchImpl, "POST", "/logout", {});
}

/** The signed-in user, or null when the session cookie is missing or dead. */
export async function me(fetchImpl: Fetch = fetch): Promise<User | null> {
  try {
    return ((await call(fetchImpl, "GET", "/me")) as { user: User }).user;
  } catch (error) {
    if (error instanceof HttpError && error.status === 401) return null;
    throw error;
  }
}

/**
 * Whether the session is over. A reconnect the server refuses because the
 * session expired looks to a browser like any dropped connection (1006);
 * asking who we are tells the two apart. A server that cannot be reached
 * says nothing about the session, so that is not "over".
 */
export async function sessionEnded(fetchImpl: Fetch = fetch): Promise<boolean> {
  try {
    return (await me(fetchImpl)) === null;
  } catch {
    return false;
  }
}

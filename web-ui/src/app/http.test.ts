import { describe, expect, it } from "vitest";
import { HttpError, login, me, sessionEnded } from "./http";

function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}) {
  return (async (url: string, init?: RequestInit) => {
    seen.url = url;
    if (init) seen.init = init;
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
}

describe("http", () => {
  it("posts the credentials as JSON and returns the user", async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const user = { id: 1, login: "lan", name: "Nguyễn Thị Lan", unit: 1, admin: false };
    await expect(login({ login: "lan", password: "p" }, fakeFetch(200, { user }, seen))).resolves.toEqual(user);
    expect(seen.url).toBe("/login");
    expect(seen.init?.method).toBe("POST");
    expect(JSON.parse(seen.init?.body as string)).toEqual({ login: "lan", password: "p" });
  });

  it("rejects with the server's message", async () => {
    const body = { error: { code: "unauthorized", message: "Sai tên đăng nhập hoặc mật khẩu" } };
    const error = await login({ login: "x", password: "y" }, fakeFetch(401, body)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 401, code: "unauthorized", message: "Sai tên đăng nhập hoặc mật khẩu" });
  });

  it("leaves the message empty when the server sent none", async () => {
    const error = await login({ login: "x", password: "y" }, fakeFetch(502, "Bad Gateway")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, message: "" });
  });

  it("reads a 401 from /me as signed out", async () => {
    await expect(me(fakeFetch(401, { error: { code: "unauthorized", message: "…" } }))).resolves.toBeNull();
  });

  it("tells an ended session from a server that cannot be reached", async () => {
    await expect(sessionEnded(fakeFetch(401, { error: { code: "unauthorized" } }))).resolves.toBe(true);
    const user = { id: 1, login: "lan", name: "Nguyễn Thị Lan", unit: 1, admin: false };
    await expect(sessionEnded(fakeFetch(200, { user }))).resolves.toBe(false);
    const unreachable = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    await expect(sessionEnded(unreachable)).resolves.toBe(false);
    await expect(sessionEnded(fakeFetch(503, "down"))).resolves.toBe(false);
  });
});

import { describe, expect, it, vi } from "vitest";
import { AccessTokenManager, SignedOutError } from "./access-token";
import { ApiError, createApiClient, NetworkError } from "./api-client";

const page = { items: [], nextCursor: null };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const problem = (status: number, code: string) => ({
  type: "about:blank",
  title: "x",
  status,
  code,
  detail: code,
});

function setup(responses: Array<Response | Error>) {
  let n = 0;
  const tokens = new AccessTokenManager({
    fetchToken: async () => ({
      token: `token-${++n}`,
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
    }),
  });
  const seen: string[] = [];
  const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    seen.push(String(new Headers(init?.headers).get("authorization")));
    const next = responses.shift();
    if (!next) throw new Error("no more responses");
    if (next instanceof Error) throw next;
    return next;
  });
  const onSignedOut = vi.fn();
  const api = createApiClient({
    baseUrl: "http://api",
    tokens,
    onSignedOut,
    fetch: fetch as typeof globalThis.fetch,
  });
  return { api, seen, onSignedOut, tokens };
}

describe("the API client", () => {
  it("sends the bearer token", async () => {
    const { api, seen } = setup([json(200, page)]);
    await expect(api.listTasks({ status: "pending" })).resolves.toEqual(page);
    expect(seen).toEqual(["Bearer token-1"]);
  });

  it("after a 401 refreshes once and retries once", async () => {
    const { api, seen, onSignedOut } = setup([
      json(401, problem(401, "INVALID_TOKEN")),
      json(200, page),
    ]);
    await expect(api.listTasks({})).resolves.toEqual(page);
    expect(seen).toEqual(["Bearer token-1", "Bearer token-2"]);
    expect(onSignedOut).not.toHaveBeenCalled();
  });

  it("after a second 401 drops the token and signs out", async () => {
    const { api, onSignedOut, tokens } = setup([
      json(401, problem(401, "INVALID_TOKEN")),
      json(401, problem(401, "INVALID_TOKEN")),
    ]);
    await expect(api.listTasks({})).rejects.toBeInstanceOf(SignedOutError);
    expect(onSignedOut).toHaveBeenCalledTimes(1);
    expect(tokens.hasToken).toBe(false);
  });

  it("turns a problem into an ApiError and a failed fetch into a NetworkError", async () => {
    const { api } = setup([
      json(404, problem(404, "TASK_NOT_FOUND")),
      new TypeError("fetch failed"),
    ]);
    const notFound = await api.updateTask("x", { title: "y" }).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ApiError);
    expect((notFound as ApiError).problem.code).toBe("TASK_NOT_FOUND");
    await expect(api.listTasks({})).rejects.toBeInstanceOf(NetworkError);
  });
});

/**
 * The browser's access token lives here, in memory only: never in localStorage, sessionStorage,
 * a readable cookie or a URL (docs/decisions/0005). This module is the only owner.
 */

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: string;
}

/** The session is gone (signed out elsewhere, expired, account deleted). */
export class SignedOutError extends Error {
  override readonly name = "SignedOutError";
  constructor() {
    super("You have been signed out.");
  }
}

export interface AccessTokenManagerOptions {
  /** Fetches a new token with the session cookie; throws SignedOutError on 401. */
  readonly fetchToken: () => Promise<IssuedToken>;
  /**
   * Refresh this long before expiry, so no request carries an expiring token: a fifth of the
   * token's lifetime, at most a minute (12 s before a 60 s token, 60 s before a 15 min one).
   */
  readonly maxRefreshMarginMs?: number;
  readonly now?: () => number;
}

export class AccessTokenManager {
  #current: { value: string; expiresAt: number; refreshAt: number } | null = null;
  #inflight: Promise<string> | null = null;
  #generation = 0;
  #ended = false;
  readonly #fetchToken: () => Promise<IssuedToken>;
  readonly #margin: number;
  readonly #now: () => number;

  constructor(options: AccessTokenManagerOptions) {
    this.#fetchToken = options.fetchToken;
    this.#margin = options.maxRefreshMarginMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** A token valid for at least the margin: the cached one, or one fresh refresh shared by all. */
  async get(): Promise<string> {
    if (this.#ended) throw new SignedOutError();
    const current = this.#current;
    if (current && current.refreshAt > this.#now()) return current.value;
    return this.refresh();
  }

  /** Fetches a new token; concurrent callers share the same request. */
  refresh(): Promise<string> {
    if (this.#ended) return Promise.reject(new SignedOutError());
    if (this.#inflight !== null) return this.#inflight;
    const generation = this.#generation;
    const request = this.#fetchToken()
      .then(({ token, expiresAt }) => {
        // A sign-out while this was in flight wins: its token is not kept.
        if (generation !== this.#generation) throw new SignedOutError();
        const expires = Date.parse(expiresAt);
        const margin = Math.min(this.#margin, (expires - this.#now()) / 5);
        this.#current = { value: token, expiresAt: expires, refreshAt: expires - margin };
        return token;
      })
      .finally(() => {
        if (this.#inflight === request) this.#inflight = null;
      });
    this.#inflight = request;
    return request;
  }

  /**
   * Sends a request with the token, the one rule for a refused token (docs/decisions/0005): a
   * 401 answer gets one refreshed token and one retry; a second 401 (or a refresh the session
   * refuses) drops the token and throws SignedOutError. Any other answer is the caller's. Used
   * by the API client and the event stream alike.
   */
  async authorize(send: (token: string) => Promise<Response>): Promise<Response> {
    const first = await send(await this.get());
    if (first.status !== 401) return first;
    await first.body?.cancel().catch(() => {});
    let second: Response;
    try {
      second = await send(await this.refresh());
    } catch (error) {
      if (error instanceof SignedOutError) this.clear();
      throw error;
    }
    if (second.status !== 401) return second;
    await second.body?.cancel().catch(() => {});
    this.clear();
    throw new SignedOutError();
  }

  /** Drops the token at once (a second 401); the next request fetches a new one. */
  clear(): void {
    this.#generation++;
    this.#current = null;
    this.#inflight = null;
  }

  /**
   * This tab is ending the session (sign-out, account deletion, a session ended elsewhere): the
   * token goes, and none is fetched any more, so no request races the sign-out. A request that
   * finds the manager ended fails with SignedOutError, and its caller leaves the navigation to
   * whoever ended it (`ended`). `start()` at the next sign-in takes it back.
   */
  end(): void {
    this.clear();
    this.#ended = true;
  }

  /** A new session (sign-in, sign-up): no token yet, fetched on first use. */
  start(): void {
    this.clear();
    this.#ended = false;
  }

  /** Whether this tab has ended the session: a SignedOutError then needs no handling of its own. */
  get ended(): boolean {
    return this.#ended;
  }

  /** When the token held now is due for refresh (ms since the epoch), or null without one. */
  get refreshAt(): number | null {
    return this.#current?.refreshAt ?? null;
  }

  get hasToken(): boolean {
    return this.#current !== null;
  }
}

/** GET /api/auth/token with the session cookie (same origin, never cached). */
async function fetchTokenWithSession(): Promise<IssuedToken> {
  const response = await fetch("/api/auth/token", {
    credentials: "same-origin",
    cache: "no-store",
    headers: { accept: "application/json" },
  });
  if (response.status === 401) throw new SignedOutError();
  if (!response.ok) throw new Error(`Could not get an access token (HTTP ${response.status})`);
  return (await response.json()) as IssuedToken;
}

export const accessTokens = new AccessTokenManager({ fetchToken: fetchTokenWithSession });

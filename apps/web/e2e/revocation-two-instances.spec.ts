import { type APIRequest, type APIRequestContext, expect, test } from "@playwright/test";
import { type Account, newAccount } from "./support/fixtures";
import { API_PORT, API_URL, startSecond, WEB_PORT, WEB_URL } from "./support/services";

// Two web app instances behind one name and two API instances, on PostgreSQL and Redis as in
// production. Every way a session ends — sign-out, "sign out other devices", "sign out
// everywhere", a password change and account deletion — is asked of one web instance, with
// devices signed in through both: the ended sessions' unexpired tokens are refused by both API
// instances within a second, neither web instance mints a token for them afterwards (the records
// and the per-user cut-off live in the shared database), and the sessions the action keeps go on
// working (docs/architecture.md, "When a session ends").
const SECOND_PORT = WEB_PORT + 17;
const SECOND_URL = `http://localhost:${SECOND_PORT}`;
const SECOND_API_PORT = API_PORT + 17;
const APIS = [API_URL, `http://localhost:${SECOND_API_PORT}`];
const INSTANCES = [
  { name: "first", here: WEB_URL, there: SECOND_URL },
  { name: "second", here: SECOND_URL, there: WEB_URL },
];
// Both instances serve one origin (BETTER_AUTH_URL): the browser's Origin is that one.
const ORIGIN = { origin: WEB_URL };

type Cookies = Awaited<ReturnType<APIRequestContext["storageState"]>>;

/** A device signed in through one instance, with the token and the cookie it held before. */
interface Device {
  readonly context: APIRequestContext;
  readonly headers: { authorization: string };
  /** The session cookie as it was: replayed after the action, whatever the answer cleared. */
  readonly cookies: Cookies;
}

/** What each API instance answers to the token in `headers`. */
const apiStatuses = (request: APIRequestContext, headers: { authorization: string }) =>
  Promise.all(APIS.map(async (api) => (await request.get(`${api}/api/me`, { headers })).status()));

/** The token endpoint of the instance at `base`, asked with the session cookie `request` holds. */
const askToken = (request: APIRequestContext, base: string) =>
  request.get(`${base}/api/auth/token`);

/** A token that the instance at `base` mints for the session `request` holds. */
async function mint(request: APIRequestContext, base: string) {
  const response = await askToken(request, base);
  expect(response.status()).toBe(200);
  const { token } = (await response.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

/** Signs `account` in (or up) through `base` in a context of its own, and mints a token there. */
async function device(
  requests: APIRequest,
  base: string,
  account: Account,
  how: "sign-in" | "sign-up" = "sign-in",
): Promise<Device> {
  const context = await requests.newContext();
  const response = await context.post(`${base}/api/auth/${how}/email`, {
    headers: ORIGIN,
    data: how === "sign-in" ? { email: account.email, password: account.password } : account,
  });
  expect(response.status()).toBe(200);
  const headers = await mint(context, base);
  expect(await apiStatuses(context, headers)).toEqual([200, 200]);
  return { context, headers, cookies: await context.storageState() };
}

/** Every token of `ended` refused by both API instances within a second of `since`. */
async function refusedWithinASecond(since: number, ended: readonly Device[]) {
  for (const { context, headers } of ended) {
    await expect
      .poll(() => apiStatuses(context, headers), { timeout: 5000, intervals: [50] })
      .toEqual([401, 401]);
  }
  expect(Date.now() - since).toBeLessThan(1000);
}

/** Neither instance mints for an ended session, its cookie replayed as it was before the action. */
async function noTokenAnywhere(requests: APIRequest, ended: readonly Device[]) {
  for (const { cookies } of ended) {
    const replay = await requests.newContext({ storageState: cookies });
    for (const base of [WEB_URL, SECOND_URL]) {
      expect((await askToken(replay, base)).status()).toBe(401);
    }
    await replay.dispose();
  }
}

/** A session that goes on: its old token still accepted, and both instances mint new ones. */
async function stillWorks(device: Pick<Device, "context" | "headers">) {
  expect(await apiStatuses(device.context, device.headers)).toEqual([200, 200]);
  for (const base of [WEB_URL, SECOND_URL]) {
    expect(await apiStatuses(device.context, await mint(device.context, base))).toEqual([200, 200]);
  }
}

/** One way sessions end, asked with the caller's cookie of the instance at `base`. */
interface Ending {
  readonly name: string;
  readonly path: string;
  readonly body: (account: Account) => Record<string, string>;
  /** Which sessions the action ends: the caller's, the user's other devices', or both. */
  readonly ends: { caller: boolean; others: boolean };
}

const NEW_PASSWORD = "another long passphrase";
const ENDINGS: readonly Ending[] = [
  { name: "sign-out", path: "sign-out", body: () => ({}), ends: { caller: true, others: false } },
  {
    name: "'sign out other devices'",
    path: "revoke-other-sessions",
    body: () => ({}),
    ends: { caller: false, others: true },
  },
  {
    name: "'sign out everywhere'",
    path: "revoke-sessions",
    body: () => ({}),
    ends: { caller: true, others: true },
  },
  {
    // The caller's session is replaced by a new one (below).
    name: "a password change",
    path: "change-password",
    body: (account) => ({ currentPassword: account.password, newPassword: NEW_PASSWORD }),
    ends: { caller: true, others: true },
  },
  {
    name: "account deletion",
    path: "delete-user",
    body: (account) => ({ password: account.password }),
    ends: { caller: true, others: true },
  },
];

test.describe("two web app and two API instances on PostgreSQL and Redis", () => {
  test.skip(
    process.env.E2E_DATABASE !== "postgres",
    "runs with E2E_DATABASE=postgres (PostgreSQL and Redis), as npm run test:e2e:postgres does",
  );
  let stopSeconds: Array<() => Promise<void>> = [];
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    stopSeconds = await Promise.all([
      startSecond("web", SECOND_PORT),
      startSecond("api", SECOND_API_PORT),
    ]);
  });
  test.afterAll(async () => {
    await Promise.all(stopSeconds.map((stop) => stop()));
  });

  for (const ending of ENDINGS) {
    for (const { name, here, there } of INSTANCES) {
      test(`${ending.name} through the ${name} instance, with devices signed in through both`, async ({
        playwright,
      }) => {
        const account = newAccount("Two Instances");
        const caller = await device(playwright.request, here, account, "sign-up");
        const others = [
          await device(playwright.request, here, account),
          await device(playwright.request, there, account),
        ];
        // Another user, signed in through the other instance: no action of this one reaches it.
        const bystander = await device(
          playwright.request,
          there,
          newAccount("Bystander"),
          "sign-up",
        );

        const response = await caller.context.post(`${here}/api/auth/${ending.path}`, {
          headers: ORIGIN,
          data: ending.body(account),
        });
        // The second starts when the web app has answered: a password change's or a deletion's
        // own password checks are the request's work, not the revocation's way to the APIs.
        const since = Date.now();
        expect(response.status()).toBe(200);
        const ended = [
          ...(ending.ends.caller ? [caller] : []),
          ...(ending.ends.others ? others : []),
        ];
        const kept = [
          ...(ending.ends.caller ? [] : [caller]),
          ...(ending.ends.others ? [] : others),
          bystander,
        ];
        await refusedWithinASecond(since, ended);
        await noTokenAnywhere(playwright.request, ended);
        for (const session of kept) await stillWorks(session);

        if (ending.path === "change-password") {
          // The caller goes on with a new session (its new cookie), from either instance.
          await stillWorks({ context: caller.context, headers: await mint(caller.context, there) });
        }
        if (ending.path === "delete-user") {
          // The other instance no longer knows the account.
          const again = await playwright.request.newContext();
          const signIn = await again.post(`${there}/api/auth/sign-in/email`, {
            headers: ORIGIN,
            data: { email: account.email, password: account.password },
          });
          expect(signIn.status()).toBe(401);
          await again.dispose();
        }
        for (const { context } of [caller, ...others, bystander]) await context.dispose();
      });
    }
  }
});

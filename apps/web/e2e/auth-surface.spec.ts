import { request as http } from "node:http";
import { expect, test } from "@playwright/test";
import { newAccount, signUpWith } from "./support/fixtures";
import { WEB_URL } from "./support/services";

// The auth surface over HTTP against the running web app: disabled endpoints, re-authentication,
// bounded fields and bodies, and the token endpoint's refusal of anything but its own pages.

const json = { origin: WEB_URL };

test("account deletion needs the password: none or an empty one is refused and deletes nothing", async ({
  request,
}) => {
  const account = await signUpWith(request, newAccount("Keeper"));
  for (const data of [{}, { password: "" }]) {
    const response = await request.post(`${WEB_URL}/api/auth/delete-user`, {
      headers: json,
      data,
    });
    expect(response.status()).toBe(400);
    expect((await response.json()).code).toBe("PASSWORD_REQUIRED");
  }
  expect((await request.get(`${WEB_URL}/api/auth/token`)).status()).toBe(200);
  const signIn = await request.post(`${WEB_URL}/api/auth/sign-in/email`, {
    headers: json,
    data: { email: account.email, password: account.password },
  });
  expect(signIn.status()).toBe(200);
});

test("wrong passwords behind a session cookie lock the account, and /verify-password is gone", async ({
  request,
}) => {
  const account = await signUpWith(request, newAccount("Guessed"));
  const verify = await request.post(`${WEB_URL}/api/auth/verify-password`, {
    headers: json,
    data: { password: account.password },
  });
  expect(verify.status()).toBe(404);
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const path = i % 2 ? "/api/auth/change-password" : "/api/auth/delete-user";
    const data =
      i % 2
        ? { currentPassword: `wrong guess ${i}`, newPassword: "another long passphrase" }
        : { password: `wrong guess ${i}` };
    statuses.push((await request.post(`${WEB_URL}${path}`, { headers: json, data })).status());
  }
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
  expect(statuses[10]).toBe(429);
  const locked = await request.post(`${WEB_URL}/api/auth/delete-user`, {
    headers: json,
    data: { password: account.password },
  });
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);
  // The same budget as sign-in: the email is locked there too.
  const signIn = await request.post(`${WEB_URL}/api/auth/sign-in/email`, {
    headers: json,
    data: { email: account.email, password: account.password },
  });
  expect(signIn.status()).toBe(429);
});

test("over-long names and images are refused and the token stays small", async ({ request }) => {
  const huge = await request.post(`${WEB_URL}/api/auth/sign-up/email`, {
    headers: json,
    data: { ...newAccount("x".repeat(20_000)) },
  });
  expect(huge.status()).toBe(400);
  expect((await huge.json()).code).toBe("NAME_TOO_LONG");
  await signUpWith(request, newAccount("n".repeat(100)));
  for (const data of [
    { name: "n".repeat(20_000) },
    { image: `https://x.test/${"i".repeat(20_000)}` },
  ]) {
    const response = await request.post(`${WEB_URL}/api/auth/update-user`, { headers: json, data });
    expect(response.status()).toBe(400);
  }
  const { token } = (await (await request.get(`${WEB_URL}/api/auth/token`)).json()) as {
    token: string;
  };
  expect(token.length).toBeLessThan(1024);
});

test("bodies over 64 KiB are refused with 413 before they are parsed, declared or chunked", async ({
  request,
}) => {
  const declared = await request.post(`${WEB_URL}/api/auth/sign-in/email`, {
    headers: { ...json, "content-type": "application/json" },
    data: `{"email":"a@example.test","password":"${"p".repeat(30 * 1024 * 1024)}"}`,
  });
  expect(declared.status()).toBe(413);
  expect(declared.headers()["content-type"]).toContain("application/problem+json");

  const chunked = (size: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${WEB_URL}/api/auth/sign-in/email`);
      const outgoing = http(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "content-type": "application/json", origin: WEB_URL },
        },
        (response) => {
          let body = "";
          response.on("data", (chunk) => {
            body += chunk;
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      outgoing.on("error", reject);
      const payload = `{"email":"nobody@example.test","password":"${"p".repeat(size)}"}`;
      // No Content-Length: Node sends it chunked, in pieces.
      for (let at = 0; at < payload.length; at += 16 * 1024) {
        outgoing.write(payload.slice(at, at + 16 * 1024));
      }
      outgoing.end();
    });
  const big = await chunked(2 * 1024 * 1024);
  expect(big.status).toBe(413);
  expect(JSON.parse(big.body).status).toBe(413);
  // A small chunked body still reaches Better Auth and gets its ordinary answer.
  const small = await chunked(20);
  expect(small.status).toBe(401);
});

test("the token endpoint refuses cross-site and navigating requests without minting", async ({
  request,
}) => {
  await signUpWith(request, newAccount("Token"));
  const refusals: Array<Record<string, string>> = [
    { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" },
    { "sec-fetch-site": "same-site", "sec-fetch-mode": "cors" },
    { "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate" },
  ];
  for (const headers of refusals) {
    const refused = await request.get(`${WEB_URL}/api/auth/token`, { headers });
    expect(refused.status()).toBe(403);
    const body = await refused.json();
    expect(body.code).toBe("CROSS_SITE_TOKEN_REQUEST");
    expect(body.token).toBeUndefined();
  }
  const own = await request.get(`${WEB_URL}/api/auth/token`, {
    headers: { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" },
  });
  expect(own.status()).toBe(200);
});

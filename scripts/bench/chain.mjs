// The sign-in chain as a browser lives it: sign in (Better Auth, password hash included),
// fetch an access token with the session cookie, then the first task list from the API.
// Measured end to end per user, with a few users at once.

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function timed(fn) {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

async function chainOnce(webUrl, apiUrl, account) {
  const [signIn, signInMs] = await timed(() =>
    fetch(`${webUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: webUrl },
      body: JSON.stringify({ email: account.email, password: account.password }),
    }),
  );
  if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const [tokenResponse, tokenMs] = await timed(() =>
    fetch(`${webUrl}/api/auth/token`, { headers: { cookie } }),
  );
  const { token } = await tokenResponse.json();
  const [list, listMs] = await timed(() =>
    fetch(`${apiUrl}/api/tasks?limit=20`, { headers: { authorization: `Bearer ${token}` } }),
  );
  if (list.status !== 200) throw new Error(`list answered ${list.status}`);
  await list.arrayBuffer();
  return { signInMs, tokenMs, listMs, totalMs: signInMs + tokenMs + listMs };
}

/** Signs up `users` accounts, then runs `rounds` chains per user, `users` at a time. */
export async function measureChain({ webUrl, apiUrl, users = 10, rounds = 10 }) {
  const accounts = [];
  for (let i = 0; i < users; i++) {
    const account = {
      name: `Chain ${i}`,
      email: `chain-${Date.now()}-${i}@example.test`,
      password: "bench passphrase 123",
    };
    const response = await fetch(`${webUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: webUrl },
      body: JSON.stringify(account),
    });
    if (response.status !== 200) throw new Error(`sign-up answered ${response.status}`);
    accounts.push(account);
  }
  await Promise.all(accounts.map((account) => chainOnce(webUrl, apiUrl, account))); // warm-up
  const samples = [];
  await Promise.all(
    accounts.map(async (account) => {
      for (let r = 0; r < rounds; r++) samples.push(await chainOnce(webUrl, apiUrl, account));
    }),
  );
  const summary = (key) => ({
    p50: percentile(
      samples.map((s) => s[key]),
      50,
    ),
    p99: percentile(
      samples.map((s) => s[key]),
      99,
    ),
  });
  return {
    count: samples.length,
    concurrency: users,
    signIn: summary("signInMs"),
    token: summary("tokenMs"),
    list: summary("listMs"),
    total: summary("totalMs"),
  };
}

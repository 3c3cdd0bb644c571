"use client";

import type { SessionSummary } from "@todo/auth";
import { useCallback, useEffect, useState } from "react";
import { describeDevice } from "@/lib/device";

const when = (iso: string) =>
  new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short" });

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`/api/auth${path}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The user's signed-in devices; any other one can be signed out, or all of them at once. */
export function SessionsList() {
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    const response = await fetch("/api/auth/sessions", {
      credentials: "same-origin",
      cache: "no-store",
    });
    if (!response.ok) {
      setMessage("Your sessions could not be loaded. Reload the page to try again.");
      return;
    }
    setSessions((await response.json()) as SessionSummary[]);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function end(label: string, request: () => Promise<Response>) {
    setBusy(label);
    setMessage(null);
    const response = await request().catch(() => undefined);
    setBusy(null);
    if (!response?.ok) {
      setMessage("That did not go through. Try again in a moment.");
      return;
    }
    await load();
  }

  const others = sessions?.filter((session) => !session.current) ?? [];
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <div aria-live="polite">
        {message && (
          <p className="alert error" role="alert">
            {message}
          </p>
        )}
      </div>
      {sessions === null ? (
        <p>Loading your sessions…</p>
      ) : (
        <ul className="sessions" aria-label="Sessions">
          {sessions.map((session) => (
            <li key={session.id} className="session">
              <div>
                <strong>{describeDevice(session.userAgent)}</strong>
                {session.current && <span className="badge">This device</span>}
                <p className="meta">
                  {session.ipAddress ?? "Unknown address"} · signed in {when(session.createdAt)} ·
                  last active {when(session.lastActiveAt)}
                </p>
              </div>
              {!session.current && (
                <button
                  type="button"
                  className="secondary"
                  disabled={busy !== null}
                  onClick={() => end(session.id, () => post("/sessions/end", { id: session.id }))}
                  aria-label={`Sign out ${describeDevice(session.userAgent)}, last active ${when(session.lastActiveAt)}`}
                >
                  {busy === session.id ? "Signing out…" : "Sign out"}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <button
          type="button"
          className="secondary"
          disabled={busy !== null}
          onClick={() => end("others", () => post("/revoke-other-sessions", {}))}
        >
          {busy === "others" ? "Signing out…" : "Sign out all other devices"}
        </button>
      )}
    </section>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { type SubmitEvent, useState } from "react";
import { accessTokens } from "@/lib/access-token";
import { authClient } from "@/lib/auth-client";
import { wipeDeviceData } from "@/lib/offline/wipe";
import { announceSignedOut } from "@/lib/session-channel";
import { useHydrated } from "@/lib/use-hydrated";

export function DeleteAccount() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    setBusy(true);
    setError(null);
    const result = await authClient.deleteUser({ password });
    if (result.error) {
      setBusy(false);
      setError(
        result.error.code === "TOO_MANY_ATTEMPTS"
          ? "Too many wrong passwords for this account. Wait 15 minutes, then try again."
          : result.error.status === 429
            ? "Too many attempts. Wait a moment and try again."
            : result.error.code === "PASSWORD_REQUIRED"
              ? "Enter your password to confirm."
              : "That password is not right. Your account was not deleted.",
      );
      return;
    }
    accessTokens.end();
    await wipeDeviceData();
    announceSignedOut();
    router.replace("/sign-in?deleted=1");
    router.refresh();
  }

  return (
    <section className="card danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete account</h2>
      <p>
        This deletes your account, signs you out everywhere and removes every task. It cannot be
        undone.
      </p>
      {!open ? (
        <button type="button" className="danger" onClick={() => setOpen(true)}>
          Delete my account…
        </button>
      ) : (
        <form onSubmit={onSubmit}>
          <div aria-live="assertive">
            {error && (
              <p className="alert error" role="alert">
                {error}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor="delete-password">Confirm with your password</label>
            <input
              id="delete-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
            />
          </div>
          <div style={{ display: "flex", gap: ".5rem" }}>
            <button type="submit" className="danger" disabled={busy || !hydrated}>
              {busy ? "Deleting…" : "Delete account and all tasks"}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

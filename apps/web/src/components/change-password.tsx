"use client";

import { type SubmitEvent, useId, useState } from "react";
import { authClient } from "@/lib/auth-client";
import { useHydrated } from "@/lib/use-hydrated";

const MESSAGES: Record<string, string> = {
  INVALID_PASSWORD: "Your current password is not right. Your password was not changed.",
  PASSWORD_REQUIRED: "Enter your current password.",
  PASSWORD_TOO_SHORT: "Use at least 8 characters for your new password.",
  PASSWORD_TOO_LONG: "Use at most 128 characters for your new password.",
  PASSWORD_TOO_COMMON: "This password is too common or too easy to guess. Choose another one.",
  TOO_MANY_ATTEMPTS: "Too many wrong passwords for this account. Wait 15 minutes, then try again.",
};

function messageFor(error: { code?: string | undefined; status?: number }): string {
  if (error.code && MESSAGES[error.code]) return MESSAGES[error.code] as string;
  if (error.status === 429) return "Too many attempts. Wait a moment and try again.";
  return "Something went wrong. Your password was not changed.";
}

/** Changes the password; the server then ends every other session, this one stays signed in. */
export function ChangePassword() {
  const id = useId();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    // Passwords are taken exactly as typed.
    const currentPassword = String(fields.get("currentPassword") ?? "");
    const newPassword = String(fields.get("newPassword") ?? "");
    setBusy(true);
    setError(null);
    setDone(false);
    const result = await authClient.changePassword({
      currentPassword,
      newPassword,
      revokeOtherSessions: true,
    });
    setBusy(false);
    if (result.error) {
      setError(messageFor(result.error));
      return;
    }
    form.reset();
    setDone(true);
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Change password</h2>
      <div aria-live="polite">
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
        {done && (
          <p className="alert" role="status">
            Password changed. You were signed out everywhere else.
          </p>
        )}
      </div>
      <form method="post" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-current`}>Current password</label>
          <input
            id={`${id}-current`}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            maxLength={128}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>New password</label>
          <input
            id={`${id}-new`}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            aria-describedby={`${id}-hint`}
          />
          <p className="hint" id={`${id}-hint`}>
            8 to 128 characters, not a common password. Every other session is signed out.
          </p>
        </div>
        <button type="submit" disabled={busy || !hydrated}>
          {busy ? "Changing…" : "Change password"}
        </button>
      </form>
    </section>
  );
}

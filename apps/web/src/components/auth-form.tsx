"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type SubmitEvent, useId, useState } from "react";
import { accessTokens } from "@/lib/access-token";
import { authClient } from "@/lib/auth-client";
import { useHydrated } from "@/lib/use-hydrated";

type Mode = "sign-in" | "sign-up";

const MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "That email and password do not match an account.",
  USER_ALREADY_EXISTS: "An account with this email already exists. Sign in instead?",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL:
    "An account with this email already exists. Sign in instead?",
  PASSWORD_TOO_SHORT: "Use at least 8 characters for your password.",
  PASSWORD_TOO_LONG: "Use at most 128 characters for your password.",
  INVALID_EMAIL: "Enter a valid email address.",
  PASSWORD_TOO_COMMON: "This password is too common or too easy to guess. Choose another one.",
  TOO_MANY_ATTEMPTS: "Too many failed sign-ins for this account. Wait 15 minutes, then try again.",
};

function messageFor(error: {
  code?: string | undefined;
  status?: number;
  message?: string | undefined;
}) {
  if (error.code && MESSAGES[error.code]) return MESSAGES[error.code] as string;
  if (error.status === 429) return "Too many attempts. Wait a moment and try again.";
  if (error.status === 401) return MESSAGES.INVALID_EMAIL_OR_PASSWORD as string;
  return "Something went wrong. Please try again.";
}

export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    // Passwords are taken exactly as typed: no trimming, no normalisation.
    const password = String(form.get("password") ?? "");
    setBusy(true);
    setError(null);
    accessTokens.start();
    const result =
      mode === "sign-up"
        ? await authClient.signUp.email({
            name: String(form.get("name") ?? "").trim(),
            email,
            password,
          })
        : await authClient.signIn.email({ email, password });
    if (result.error) {
      setBusy(false);
      setError(messageFor(result.error));
      return;
    }
    router.replace(next);
    router.refresh();
  }

  const signUp = mode === "sign-up";
  return (
    <div className="card auth-card">
      <h1>{signUp ? "Create your account" : "Sign in"}</h1>
      <div aria-live="assertive">
        {error && (
          <p className="alert error" role="alert" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
      <form
        method="post"
        onSubmit={onSubmit}
        noValidate={false}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {signUp && (
          <div className="field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              name="name"
              type="text"
              autoComplete="name"
              required
              maxLength={100}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-email`}>Email</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete={signUp ? "new-password" : "current-password"}
            required
            minLength={8}
            maxLength={128}
            aria-describedby={signUp ? `${id}-password-hint` : undefined}
          />
          {signUp && (
            <p className="hint" id={`${id}-password-hint`}>
              8 to 128 characters, not a common password. A long passphrase is best.
            </p>
          )}
        </div>
        <button type="submit" className="full" disabled={busy || !hydrated}>
          {busy ? "Please wait…" : signUp ? "Create account" : "Sign in"}
        </button>
      </form>
      <p className="hint" style={{ textAlign: "center", marginTop: "1rem" }}>
        {signUp ? (
          <>
            Already have an account?{" "}
            <Link href={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
          </>
        ) : (
          <>
            New here?{" "}
            <Link href={`/sign-up?next=${encodeURIComponent(next)}`}>Create an account</Link>
          </>
        )}
      </p>
    </div>
  );
}

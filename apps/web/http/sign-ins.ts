/**
 * Where the application (a separate Next.js module graph in this process) finds the sign-in
 * counter that the HTTP front registers when metrics are on (metrics.ts). This file imports
 * nothing, so the application's bundle gains no metrics library.
 */
export const SIGN_INS = Symbol.for("todo.web.metrics.signIns");

export type SignInOutcome = "success" | "failure";

/**
 * Counts a sign-in with email and password by outcome when metrics are on; a no-op otherwise.
 * No user, email or address: the counter has the outcome as its only label.
 */
export function countSignIn(outcome: SignInOutcome): void {
  (globalThis as { [SIGN_INS]?: (outcome: SignInOutcome) => void })[SIGN_INS]?.(outcome);
}

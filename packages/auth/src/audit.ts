import { randomUUID } from "node:crypto";
import { createAuthMiddleware, getIP, isAPIError } from "better-auth/api";

/** A security event (ASVS 16.3): what happened, to whom or from where, never a secret. */
export interface AuditEvent {
  readonly event: string;
  readonly outcome: "success" | "failure";
  readonly requestId: string;
  readonly userId?: string;
  readonly ip?: string;
  /** Better Auth's error code on failure, e.g. INVALID_EMAIL_OR_PASSWORD. */
  readonly reason?: string;
  readonly status?: number;
  /** The endpoint, where the event alone does not say it (rate-limit hits). */
  readonly path?: string;
}

export type AuditSink = (event: AuditEvent) => void;

const EVENTS: Record<string, string> = {
  "/sign-up/email": "auth.sign_up",
  "/sign-in/email": "auth.sign_in",
  "/sign-out": "auth.sign_out",
  "/delete-user": "auth.account_deleted",
  "/change-password": "auth.password_changed",
};

/** JSON lines on stdout, the same shape as the API's log lines. */
export const consoleAuditSink: AuditSink = (event) => {
  console.info(JSON.stringify({ level: 30, time: Date.now(), ...event, msg: event.event }));
};

/** The id the web app's HTTP front gave the request, or a fresh one outside it (tests, tools). */
export function requestIdOf(headers: Headers | undefined): string {
  return headers?.get("x-request-id") ?? randomUUID();
}

export function auditHook(sink: AuditSink) {
  return createAuthMiddleware(async (ctx) => {
    const event = EVENTS[ctx.path];
    if (!event) return;
    const returned: unknown = ctx.context.returned;
    const session = ctx.context.newSession ?? ctx.context.session;
    const ip = ctx.request ? (getIP(ctx.request, ctx.context.options) ?? undefined) : undefined;
    const requestId = requestIdOf(ctx.headers);
    if (isAPIError(returned)) {
      sink({
        event,
        outcome: "failure",
        requestId,
        ...(ip && { ip }),
        reason: String((returned.body as { code?: string } | undefined)?.code ?? returned.status),
        status: returned.statusCode,
      });
      return;
    }
    sink({
      event,
      outcome: "success",
      requestId,
      ...(session?.user.id && { userId: session.user.id }),
      ...(ip && { ip }),
    });
  });
}

import { z } from "zod";
import { ListSchema } from "./lists.js";
import { TaskSchema } from "./task.js";

/**
 * The changes `GET /api/events` streams to every open stream of their user, as Server-Sent Events
 * (docs/decisions/0015-live-sync-events.md). `data` is the object the REST route returns, or `{ id }`
 * for a deletion. One source for both sides: the API types what it publishes with it, the browser
 * validates what it receives; a type this build does not know is ignored by the browser.
 */
const IdOnly = z.strictObject({ id: z.uuid() });

export const ChangeEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("task.created"), data: TaskSchema }),
  z.object({ type: z.literal("task.updated"), data: TaskSchema }),
  z.object({ type: z.literal("task.deleted"), data: IdOnly }),
  z.object({ type: z.literal("list.created"), data: ListSchema }),
  // A rename or a move; a move renumbers the user's other lists too, which the page reloads.
  z.object({ type: z.literal("list.updated"), data: ListSchema }),
  // Its tasks went with it: no task.deleted is sent for each of them.
  z.object({ type: z.literal("list.deleted"), data: IdOnly }),
]);
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;
export type ChangeEventType = ChangeEvent["type"];

/**
 * Events the server itself sends on a stream, never published: `ready` (the stream is live; its id
 * is where a reconnect resumes) and `reload` (what was missed cannot be replayed: load afresh).
 */
export const STREAM_CONTROL_EVENTS = ["ready", "reload"] as const;
export type StreamControlEvent = (typeof STREAM_CONTROL_EVENTS)[number];

/**
 * An event id, and so a valid `Last-Event-ID`: `<milliseconds>-<sequence>` (the shape of a Redis
 * stream id), each part at most 15 digits. Anything else is answered with `reload`.
 */
export const EVENT_ID_PATTERN = /^(0|[1-9][0-9]{0,14})-(0|[1-9][0-9]{0,14})$/;
export const EVENT_ID_MAX_LENGTH = 31;

function idParts(id: string): [number, number] {
  const at = id.indexOf("-");
  return [Number(id.slice(0, at)), Number(id.slice(at + 1))];
}

/** Orders two well-formed event ids (both parts stay below 2^53, so numbers compare exactly). */
export function compareEventIds(a: string, b: string): number {
  const [aMs, aSeq] = idParts(a);
  const [bMs, bSeq] = idParts(b);
  return aMs === bMs ? aSeq - bSeq : aMs - bMs;
}

import type { Priority } from "@todo/contract";
import { TAG_MAX_LENGTH, TAGS_PER_TASK_MAX, tagKey } from "@todo/contract";
import * as chrono from "chrono-node/en";
import { type Day, dayOf, wallClock } from "./calendar";
import { findRecurrence } from "./recurrence-phrase";

export type QuickKind = "due" | "repeat" | "priority" | "tag" | "list";

/** One thing quick add understood, and the words it came from (text[start, end)). */
export interface QuickToken {
  readonly kind: QuickKind;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** What `ignored` names it by: a removed chip stays words while the user goes on typing. */
  readonly key: string;
  readonly value: string;
}

export interface QuickAdd {
  readonly title: string;
  readonly tokens: readonly QuickToken[];
  readonly dueDate?: Day;
  readonly recurrence?: string;
  readonly priority?: Priority;
  readonly tags: readonly string[];
  readonly listId?: string;
}

export interface QuickAddContext {
  /** The instant it is; with `timeZone`, it says which day "today" is for the user. */
  readonly now: Date;
  /** An IANA zone, the browser's own (Intl.DateTimeFormat().resolvedOptions().timeZone). */
  readonly timeZone: string;
  /** The lists `#name` may name (those the user can add to). */
  readonly lists: readonly { readonly id: string; readonly name: string }[];
  /** Keys of tokens the user removed: their words stay in the title. */
  readonly ignored?: ReadonlySet<string>;
}

export const tokenKey = (kind: QuickKind, text: string) => `${kind}:${text.toLowerCase()}`;

const PRIORITY = /(^|\s)!(high|medium|low)(?=\s|$)/gi;
const TAG = /(^|\s)@([^\s@#!]+)(?=\s|$)/g;
const ARTICLE = /^(?:the|a|an)\s/i;

/**
 * Reads a new task's title the way "Water the ferns every monday !high @garden" is meant: dates
 * by chrono-node in the user's zone, rules by "every …" phrases, `!priority`, `@tag` and
 * `#List name` tokens (docs/decisions/0028-quick-add-phrases.md). Pure: the same text, instant,
 * zone and lists always give the same answer.
 */
export function parseQuickAdd(text: string, context: QuickAddContext): QuickAdd {
  const ignored = context.ignored ?? new Set<string>();
  const tokens: QuickToken[] = [];
  // Each span taken (or removed by the user) is blanked, so no later reading takes it again.
  let rest = text;
  const take = (kind: QuickKind, start: number, end: number, value: string): void => {
    const words = text.slice(start, end);
    const key = tokenKey(kind, words);
    rest = rest.slice(0, start) + " ".repeat(end - start) + rest.slice(end);
    if (!ignored.has(key)) tokens.push({ kind, start, end, text: words, key, value });
  };
  const has = (kind: QuickKind) => tokens.some((token) => token.kind === kind);

  const names = [...context.lists].sort((a, b) => b.name.length - a.name.length);
  for (const hash of text.matchAll(/(^|\s)#/g)) {
    const at = hash.index + hash[0].length;
    const list = names.find((l) => {
      const after = text.slice(at, at + l.name.length);
      const next = text.charAt(at + l.name.length);
      return after.toLowerCase() === l.name.toLowerCase() && (next === "" || /\s/.test(next));
    });
    if (list && !has("list") && rest.charAt(at - 1) === "#") {
      take("list", at - 1, at + list.name.length, list.id);
    }
  }
  for (const match of rest.matchAll(PRIORITY)) {
    const start = match.index + (match[1] ?? "").length;
    if (!has("priority"))
      take("priority", start, match.index + match[0].length, (match[2] ?? "").toLowerCase());
  }
  for (const match of rest.matchAll(TAG)) {
    const tag = match[2] ?? "";
    const start = match.index + (match[1] ?? "").length;
    // A tag given twice is one tag (any case); its second mention goes from the title too.
    const known = tokens.some((t) => t.kind === "tag" && tagKey(t.value) === tagKey(tag));
    const room = new Set(tokens.filter((t) => t.kind === "tag").map((t) => tagKey(t.value)));
    if (tag.length <= TAG_MAX_LENGTH && (known || room.size < TAGS_PER_TASK_MAX)) {
      take("tag", start, start + tag.length + 1, tag);
    }
  }
  const today = dayOf(wallClock(context.now, context.timeZone));
  const repeat = findRecurrence(rest, today);
  if (repeat) take("repeat", repeat.start, repeat.end, `${repeat.rule}|${repeat.first}`);

  const reference = wallClock(context.now, context.timeZone);
  for (const result of chrono.parse(rest, reference, { forwardDate: true })) {
    const { start } = result;
    const aDay = start.isCertain("day") || start.isCertain("weekday") || start.isCertain("month");
    // "Plan the week", "a second coat": chrono reads a bare article and unit as a date; a title
    // means the words.
    if (!aDay || ARTICLE.test(result.text) || has("due")) continue;
    const due = dayOf(
      new Date(start.get("year") ?? 0, (start.get("month") ?? 1) - 1, start.get("day") ?? 1),
    );
    take("due", result.index, result.index + result.text.length, due);
  }
  return read(text, tokens);
}

function read(text: string, found: QuickToken[]): QuickAdd {
  const tokens = found.sort((a, b) => a.start - b.start);
  let title = "";
  let at = 0;
  for (const token of tokens) {
    title += `${text.slice(at, token.start)} `;
    at = token.end;
  }
  title = `${title}${text.slice(at)}`.replace(/\s+/g, " ").trim();
  const one = (kind: QuickKind) => tokens.find((token) => token.kind === kind)?.value;
  const [rule, first] = one("repeat")?.split("|") ?? [];
  const dueDate = one("due") ?? first;
  const priority = one("priority") as Priority | undefined;
  const listId = one("list");
  const tags = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind === "tag" && !tags.has(tagKey(token.value)))
      tags.set(tagKey(token.value), token.value);
  }
  return {
    title,
    tokens,
    tags: [...tags.values()],
    ...(dueDate && { dueDate }),
    ...(rule && { recurrence: rule }),
    ...(priority && { priority }),
    ...(listId && { listId }),
  };
}

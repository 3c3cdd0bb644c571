import { z } from "zod";
import { SINGLE_LINE_TEXT } from "./text.js";

export const TAG_MAX_LENGTH = 32;
export const TAGS_PER_TASK_MAX = 10;

/** What two tags are compared by: lower-cased, so `Garden` and `garden` are one tag. */
export function tagKey(tag: string): string {
  return tag.toLowerCase();
}

export const TagSchema = z
  .string()
  .trim()
  .min(1, "A tag must not be empty")
  .max(TAG_MAX_LENGTH, `A tag must be at most ${TAG_MAX_LENGTH} characters`)
  .regex(SINGLE_LINE_TEXT, "A tag must be a single line without control characters");

/** Up to ten tags, each once whatever its case (the first spelling wins). */
export const TagsSchema = z
  .array(TagSchema)
  .max(TAGS_PER_TASK_MAX, `At most ${TAGS_PER_TASK_MAX} tags per task`)
  .transform((tags) => {
    const seen = new Set<string>();
    return tags.filter((tag) => {
      const key = tagKey(tag);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  })
  .meta({ description: `Up to ${TAGS_PER_TASK_MAX} tags, case-insensitively unique` });

/**
 * The API's `tag_keys` column: each key between newlines, so a tag filter is one LIKE on
 * `%\n<key>\n%` (a tag cannot hold a newline, so it cannot match across two tags).
 */
export function tagKeys(tags: readonly string[]): string {
  return tags.length === 0 ? "" : `\n${tags.map(tagKey).join("\n")}\n`;
}

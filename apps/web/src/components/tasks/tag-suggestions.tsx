"use client";

import { suggestTags } from "@/lib/tasks/known-tags";

/** The `@word` being typed at the end of the title, if any. */
function typedTag(text: string): string | undefined {
  const last = /(?:^|\s)@([^\s@#!]*)$/.exec(text);
  return last?.[1];
}

/** Known tags that complete the `@tag` at the end of the title, as buttons to pick one. */
export function TagSuggestions({
  known,
  text,
  onPick,
}: {
  known: readonly string[];
  text: string;
  onPick: (completed: string) => void;
}) {
  const typed = typedTag(text);
  const tags = typed === undefined ? [] : suggestTags(known, typed);
  if (typed === undefined || tags.length === 0) return null;
  return (
    <ul className="tag-suggestions" aria-label="Tag suggestions">
      {tags.map((tag) => (
        <li key={tag}>
          <button
            type="button"
            className="chip"
            onClick={() => onPick(`${text.slice(0, text.length - typed.length)}${tag} `)}
          >
            @{tag}
          </button>
        </li>
      ))}
    </ul>
  );
}

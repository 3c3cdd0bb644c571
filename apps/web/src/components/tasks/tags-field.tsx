"use client";

import { TAG_MAX_LENGTH, TAGS_PER_TASK_MAX, tagKey } from "@todo/contract";
import { type KeyboardEvent, useState } from "react";
import { useKnownTags } from "@/lib/tasks/known-tags";

/**
 * The task editor's tags: each one a button that removes it, a field that adds one (Enter or
 * "Add tag"), suggesting the tags the user already uses. The tags go into the form as `tags`.
 */
export function TagsField({ id, initial }: { id: string; initial: readonly string[] }) {
  const [tags, setTags] = useState<readonly string[]>(initial);
  const [typed, setTyped] = useState("");
  const known = useKnownTags().filter((tag) => !tags.some((t) => tagKey(t) === tagKey(tag)));
  const full = tags.length >= TAGS_PER_TASK_MAX;
  const add = () => {
    const tag = typed.trim();
    if (tag && !full && !tags.some((t) => tagKey(t) === tagKey(tag))) setTags([...tags, tag]);
    setTyped("");
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the tag here; it does not save the whole form.
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    }
  };
  return (
    <div className="wide tags-field">
      <label htmlFor={`${id}-tag`}>Tags</label>
      {tags.map((tag) => (
        <input key={tag} type="hidden" name="tags" value={tag} />
      ))}
      {tags.length > 0 && (
        <ul className="tags" aria-label="Tags of this task">
          {tags.map((tag) => (
            <li key={tag}>
              <button
                type="button"
                className="chip"
                aria-label={`Remove tag ${tag}`}
                onClick={() => setTags(tags.filter((t) => t !== tag))}
              >
                {tag} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <input
          id={`${id}-tag`}
          // A tag typed but not added yet is saved with the form (task-item.tsx reads it).
          name="tagDraft"
          type="text"
          list={`${id}-known-tags`}
          value={typed}
          maxLength={TAG_MAX_LENGTH}
          disabled={full}
          placeholder={full ? `At most ${TAGS_PER_TASK_MAX} tags` : "Add a tag"}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={onKey}
        />
        <datalist id={`${id}-known-tags`}>
          {known.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <button type="button" className="secondary" onClick={add} disabled={full}>
          Add tag
        </button>
      </div>
    </div>
  );
}

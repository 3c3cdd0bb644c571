"use client";

import {
  type CreateTaskInput,
  DESCRIPTION_MAX_LENGTH,
  type Priority,
  TITLE_MAX_LENGTH,
} from "@todo/contract";
import { type SubmitEvent, useRef, useState } from "react";
import { useQuickAdd } from "@/lib/quick-add/use-quick-add";
import { useKnownTags } from "@/lib/tasks/known-tags";
import { useHydrated } from "@/lib/use-hydrated";
import { PrioritySelect } from "./priority-select";
import { QuickChips } from "./quick-chips";
import { TagSuggestions } from "./tag-suggestions";

interface Draft {
  title: string;
  description: string;
  priority: Priority;
  dueDate: string;
}

const EMPTY: Draft = { title: "", description: "", priority: "medium", dueDate: "" };

/**
 * Adding clears the form at once; if the server refuses, what was typed comes back. The title is
 * read in plain words as it is typed (quick add: docs/web-app.md); what was understood shows as
 * chips, and wins over "More options". `defaultDue` is the date of a task given none.
 */
export function NewTaskForm({
  onCreate,
  lists,
  defaultDue,
}: {
  onCreate: (input: CreateTaskInput) => Promise<boolean>;
  /** The lists `#name` may put the task in (those the user can add to). */
  lists: readonly { id: string; name: string }[];
  defaultDue?: string;
}) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const quick = useQuickAdd(draft.title, lists);
  const knownTags = useKnownTags();
  const titleField = useRef<HTMLInputElement>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Typing before hydration would be lost (the field is controlled): wait until React runs.
  const hydrated = useHydrated();

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = await quick.read(draft.title);
    const title = parsed.title;
    if (!title) {
      setError("Give the task a title.");
      return;
    }
    setError(null);
    const submitted = draft;
    setDraft(EMPTY);
    quick.reset();
    const dueDate = parsed.dueDate ?? (submitted.dueDate || defaultDue);
    const ok = await onCreate({
      title,
      ...(submitted.description.trim() && { description: submitted.description }),
      priority: parsed.priority ?? submitted.priority,
      ...(dueDate && { dueDate }),
      ...(parsed.recurrence && { recurrence: parsed.recurrence }),
      ...(parsed.tags.length > 0 && { tags: [...parsed.tags] }),
      ...(parsed.listId && { listId: parsed.listId }),
    });
    if (!ok) setDraft(submitted);
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  return (
    <form className="card new-task" onSubmit={onSubmit} aria-label="Add a task">
      <label htmlFor="new-title" className="sr-only">
        New task title
      </label>
      <div className="row">
        <input
          id="new-title"
          ref={titleField}
          type="text"
          placeholder="What needs doing? Try “Pay rent every month on the 1st @home”"
          value={draft.title}
          data-shortcut="new"
          maxLength={TITLE_MAX_LENGTH}
          onChange={(e) => set("title", e.target.value)}
          disabled={!hydrated}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "new-title-error" : "new-title-hint"}
        />
        <button type="submit" disabled={!hydrated}>
          Add
        </button>
      </div>
      <p className="sr-only" id="new-title-hint">
        Dates, “every …”, !high, @tag and #List are understood and shown below the field.
      </p>
      <TagSuggestions
        known={knownTags}
        text={draft.title}
        onPick={(title) => {
          set("title", title);
          titleField.current?.focus();
        }}
      />
      <QuickChips tokens={quick.parsed.tokens} lists={lists} onRemove={quick.ignore} />
      {error && (
        <p className="hint" id="new-title-error" role="alert" style={{ color: "var(--danger)" }}>
          {error}
        </p>
      )}
      <button type="button" className="ghost" aria-expanded={more} onClick={() => setMore(!more)}>
        {more ? "Fewer options" : "More options"}
      </button>
      {more && (
        <div className="details">
          <div className="wide">
            <label htmlFor="new-description">Description</label>
            <textarea
              id="new-description"
              value={draft.description}
              maxLength={DESCRIPTION_MAX_LENGTH}
              onChange={(e) => set("description", e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="new-priority">Priority</label>
            <PrioritySelect
              id="new-priority"
              value={draft.priority}
              onChange={(e) => set("priority", e.target.value as Priority)}
            />
          </div>
          <div>
            <label htmlFor="new-due">Due date</label>
            <input
              id="new-due"
              type="date"
              value={draft.dueDate}
              onChange={(e) => set("dueDate", e.target.value)}
            />
          </div>
        </div>
      )}
    </form>
  );
}

"use client";

import {
  type CreateTaskInput,
  DESCRIPTION_MAX_LENGTH,
  type Priority,
  TITLE_MAX_LENGTH,
} from "@todo/contract";
import { type SubmitEvent, useState } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { PrioritySelect } from "./priority-select";

interface Draft {
  title: string;
  description: string;
  priority: Priority;
  dueDate: string;
}

const EMPTY: Draft = { title: "", description: "", priority: "medium", dueDate: "" };

/** Adding clears the form at once; if the server refuses, what was typed comes back. */
export function NewTaskForm({
  onCreate,
}: {
  onCreate: (input: CreateTaskInput) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Typing before hydration would be lost (the field is controlled): wait until React runs.
  const hydrated = useHydrated();

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const title = draft.title.trim();
    if (!title) {
      setError("Give the task a title.");
      return;
    }
    setError(null);
    const submitted = draft;
    setDraft(EMPTY);
    const ok = await onCreate({
      title,
      ...(submitted.description.trim() && { description: submitted.description }),
      priority: submitted.priority,
      ...(submitted.dueDate && { dueDate: submitted.dueDate }),
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
          type="text"
          placeholder="What needs doing?"
          value={draft.title}
          data-shortcut="new"
          maxLength={TITLE_MAX_LENGTH}
          onChange={(e) => set("title", e.target.value)}
          disabled={!hydrated}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "new-title-error" : undefined}
        />
        <button type="submit" disabled={!hydrated}>
          Add
        </button>
      </div>
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

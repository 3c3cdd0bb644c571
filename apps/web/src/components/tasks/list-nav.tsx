"use client";

import { LIST_NAME_MAX_LENGTH, type TaskList } from "@todo/contract";
import { type ReactNode, type SubmitEvent, useEffect, useRef, useState } from "react";
import type { Lists } from "@/lib/tasks/list-cache";
import { useHydrated } from "@/lib/use-hydrated";
import { SortableArea } from "../sortable/sortable-area";
import { SortableItem } from "../sortable/sortable-item";

interface Props {
  lists: Lists | undefined;
  selectedId: string | undefined;
  /** A list to move the keyboard focus to once it is shown (a list just created). */
  focusId: string | undefined;
  onSelect: (list: TaskList) => void;
  onCreate: (name: string) => Promise<boolean>;
  /** Today and Upcoming, above the lists (view-nav.tsx). */
  views?: ReactNode;
  /** An owned list moved to `position` among the owned ones (drag and drop, or the keyboard). */
  onMove: (list: TaskList, position: number) => void;
}

export const listHref = (list: TaskList) => `/tasks?list=${encodeURIComponent(list.id)}`;

/**
 * The user's lists with their open-task counts, the selected one marked, shared ones marked with
 * the user's role in them, and "new list".
 */
export function ListNav({ lists, selectedId, focusId, onSelect, onCreate, onMove, views }: Props) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const links = useRef(new Map<string, HTMLAnchorElement>());
  const hydrated = useHydrated();

  useEffect(() => {
    if (focusId) links.current.get(focusId)?.focus();
  }, [focusId]);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Give the list a name.");
      return;
    }
    setError(null);
    if (await onCreate(trimmed)) setName("");
  }

  const owned = lists?.filter((list) => list.role === "owner") ?? [];
  // One list of one's own has nowhere to move (nor a live region to announce it in).
  const movable = owned.length > 1;
  const link = (list: TaskList) => (
    <a
      href={listHref(list)}
      ref={(element) => {
        if (element) links.current.set(list.id, element);
        else links.current.delete(list.id);
      }}
      aria-current={list.id === selectedId ? "page" : undefined}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        onSelect(list);
      }}
    >
      <span className="list-name">
        {list.name}
        {(list.role !== "owner" || list.memberCount > 0) && (
          <>
            {" "}
            <span className="list-shared">
              {list.role === "owner" ? "Shared" : list.role === "editor" ? "Editor" : "Viewer"}
              <span className="sr-only">
                {list.role === "owner" ? " by you" : ", shared with you"}
              </span>
            </span>
          </>
        )}
      </span>
      <span className="list-count">
        {list.openTaskCount}
        <span className="sr-only"> open</span>
      </span>
    </a>
  );
  const items = (all: Lists) => (
    <ul aria-label="Your lists">
      {all.map((list) =>
        list.role === "owner" && movable ? (
          <SortableItem key={list.id} id={list.id} label={`Move list "${list.name}"`}>
            {(binding) => (
              <li
                ref={binding.ref}
                style={binding.style}
                className={`sortable${binding.dragging ? " dragging" : ""}`}
              >
                {binding.handle}
                {link(list)}
              </li>
            )}
          </SortableItem>
        ) : (
          <li key={list.id}>{link(list)}</li>
        ),
      )}
    </ul>
  );

  return (
    <nav className="list-nav" aria-label="Lists">
      {views}
      {lists === undefined ? (
        <div aria-busy="true">
          <p className="sr-only">Loading lists…</p>
          <div className="skeleton" />
        </div>
      ) : movable ? (
        <SortableArea
          id="list-order"
          ids={owned.map((list) => list.id)}
          nameOf={(id) => owned.find((list) => list.id === id)?.name ?? "the list"}
          onMove={(id, overId) => {
            const list = owned.find((l) => l.id === id);
            const over = owned.find((l) => l.id === overId);
            if (list && over) onMove(list, over.position);
          }}
        >
          {items(lists)}
        </SortableArea>
      ) : (
        items(lists)
      )}
      <form className="new-list" onSubmit={submit} aria-label="Add a list">
        <label htmlFor="new-list-name" className="sr-only">
          New list name
        </label>
        <input
          id="new-list-name"
          type="text"
          placeholder="New list"
          value={name}
          maxLength={LIST_NAME_MAX_LENGTH}
          disabled={!hydrated}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "new-list-error" : undefined}
        />
        <button type="submit" className="secondary" disabled={!hydrated}>
          Create list
        </button>
        {error && (
          <p className="hint" id="new-list-error" role="alert" style={{ color: "var(--danger)" }}>
            {error}
          </p>
        )}
      </form>
    </nav>
  );
}

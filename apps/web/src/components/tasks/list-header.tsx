"use client";

import { LIST_NAME_MAX_LENGTH, type TaskList } from "@todo/contract";
import { type ReactNode, type SubmitEvent, useRef, useState } from "react";
import { ConfirmDialog } from "../confirm-dialog";
import { LeaveList } from "../sharing/leave-list";

interface Props {
  list: TaskList;
  /** How many lists there are, to know whether it can move down. */
  total: number;
  shown: string;
  onRename: (list: TaskList, name: string) => void;
  onMove: (list: TaskList, position: number) => void;
  onDelete: (list: TaskList) => void;
  /** The owner opens the share dialog. */
  onShare: (list: TaskList) => void;
  /** A member leaves the list. */
  onLeave: (list: TaskList) => void;
  /** Page-wide actions shown beside the name (the keyboard help). */
  children?: ReactNode;
}

const tasksWord = (n: number) => `${n} ${n === 1 ? "task" : "tasks"}`;

/**
 * The selected list's name and what can be done to it: its owner renames, moves, shares or
 * deletes it; a member sees its role and may leave (no control the API would refuse).
 */
export function ListHeader({ list, total, shown, children, ...on }: Props) {
  const { onRename, onMove, onDelete } = on;
  const [renaming, setRenaming] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const renameButton = useRef<HTMLButtonElement>(null);

  function rename(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    setRenaming(false);
    if (name && name !== list.name) onRename(list, name);
    queueMicrotask(() => renameButton.current?.focus());
  }

  return (
    <>
      <div className="tasks-header">
        {renaming ? (
          <form className="rename-list" onSubmit={rename} aria-label={`Rename "${list.name}"`}>
            <label htmlFor="rename-list-name" className="sr-only">
              List name
            </label>
            <input
              id="rename-list-name"
              name="name"
              type="text"
              defaultValue={list.name}
              maxLength={LIST_NAME_MAX_LENGTH}
              // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this list
              autoFocus
              onKeyDown={(event) => event.key === "Escape" && setRenaming(false)}
            />
            <button type="submit">Save</button>
            <button type="button" className="secondary" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <h1>{list.name}</h1>
        )}
        <span className="counts" aria-live="polite">
          {shown}
        </span>
        {children}
      </div>
      {list.role !== "owner" ? (
        <fieldset className="list-actions">
          <legend className="sr-only">Your access to “{list.name}”</legend>
          <span className="badge shared">
            Shared with you · {list.role === "editor" ? "you can edit" : "view only"}
          </span>
          <LeaveList list={list} onLeave={on.onLeave} />
        </fieldset>
      ) : (
        <fieldset className="list-actions">
          <legend className="sr-only">Manage the list “{list.name}”</legend>
          <button
            ref={renameButton}
            type="button"
            className="ghost"
            aria-expanded={renaming}
            onClick={() => setRenaming(!renaming)}
          >
            Rename
          </button>
          <button
            type="button"
            className="ghost"
            disabled={list.position === 0}
            onClick={() => onMove(list, list.position - 1)}
          >
            Move up
          </button>
          <button
            type="button"
            className="ghost"
            disabled={list.position >= total - 1}
            onClick={() => onMove(list, list.position + 1)}
          >
            Move down
          </button>
          {!list.isInbox && (
            <button type="button" className="ghost" onClick={() => on.onShare(list)}>
              Share
            </button>
          )}
          {!list.isInbox && (
            <button type="button" className="ghost" onClick={() => dialog.current?.showModal()}>
              Delete list
            </button>
          )}
        </fieldset>
      )}
      <ConfirmDialog
        dialog={dialog}
        titleId="delete-list-title"
        title={<>Delete “{list.name}”?</>}
        confirm={`Delete list and ${tasksWord(list.taskCount)}`}
        onConfirm={() => onDelete(list)}
      >
        {list.taskCount === 0
          ? "The list is empty."
          : `Its ${tasksWord(list.taskCount)} will be deleted too.`}{" "}
        This cannot be undone.
      </ConfirmDialog>
    </>
  );
}

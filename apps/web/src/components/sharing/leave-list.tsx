"use client";

import type { TaskList } from "@todo/contract";
import { useRef } from "react";

/** A member's way out of a shared list, confirmed first: coming back takes a new invite. */
export function LeaveList({
  list,
  onLeave,
}: {
  list: TaskList;
  onLeave: (list: TaskList) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className="ghost" onClick={() => dialog.current?.showModal()}>
        Leave list
      </button>
      <dialog ref={dialog} className="card confirm" aria-labelledby="leave-list-title">
        <form method="dialog">
          <h2 id="leave-list-title">Leave “{list.name}”?</h2>
          <p>You will no longer see this list or its tasks. Only a new invite brings you back.</p>
          <div className="buttons">
            <button
              type="button"
              className="danger"
              onClick={() => {
                dialog.current?.close();
                onLeave(list);
              }}
            >
              Leave list
            </button>
            <button type="submit" className="secondary">
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

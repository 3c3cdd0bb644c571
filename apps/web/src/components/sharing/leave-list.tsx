"use client";

import type { TaskList } from "@todo/contract";
import { useRef } from "react";
import { ConfirmDialog } from "../confirm-dialog";

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
      <ConfirmDialog
        dialog={dialog}
        titleId="leave-list-title"
        title={<>Leave “{list.name}”?</>}
        confirm="Leave list"
        onConfirm={() => onLeave(list)}
      >
        You will no longer see this list or its tasks. Only a new invite brings you back.
      </ConfirmDialog>
    </>
  );
}

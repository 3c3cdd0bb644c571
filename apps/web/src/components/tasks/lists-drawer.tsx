"use client";

import type { TaskList } from "@todo/contract";
import { type ComponentProps, useState } from "react";
import { ModalSheet } from "../modal-sheet";
import { ListNav } from "./list-nav";

type Props = ComponentProps<typeof ListNav> & { selectedName: string | undefined };

/**
 * The lists: a sidebar on a wide screen; on a phone (phone.css hides the sidebar there) a
 * "Lists" button that opens them in a drawer, which closes once a list is chosen.
 */
export function ListsDrawer({ selectedName, onSelect, ...props }: Props) {
  const [open, setOpen] = useState(false);
  const choose = (list: TaskList) => {
    setOpen(false);
    onSelect(list);
  };
  return (
    <>
      <button
        type="button"
        className="secondary lists-button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true" className="menu-icon" />
        {selectedName ? (
          <>
            Lists: <span className="lists-button-current">{selectedName}</span>
          </>
        ) : (
          "Lists"
        )}
      </button>
      {open ? (
        <ModalSheet label="Lists" className="drawer" onClose={() => setOpen(false)}>
          <div className="drawer-head">
            <h2>Lists</h2>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
          <ListNav {...props} onSelect={choose} />
        </ModalSheet>
      ) : (
        <ListNav {...props} onSelect={onSelect} />
      )}
    </>
  );
}

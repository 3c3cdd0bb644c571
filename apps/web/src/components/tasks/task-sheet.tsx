"use client";

import type { ReactNode } from "react";
import { PHONE_QUERY, useMediaQuery } from "@/lib/use-media-query";
import { ModalSheet } from "../modal-sheet";

/**
 * A task's details: in place under the task on a wide screen, in a sheet from the bottom of the
 * screen on a phone, where the form would otherwise be squeezed into the task's row.
 */
export function TaskSheet({
  label,
  onClose,
  children,
}: {
  label: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const phone = useMediaQuery(PHONE_QUERY);
  if (!phone) return children;
  return (
    <ModalSheet label={label} className="sheet" onClose={onClose}>
      <h2 className="sheet-title">{label}</h2>
      {children}
    </ModalSheet>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TaskList } from "@todo/contract";
import { useEffect, useRef, useState } from "react";
import { SignedOutError } from "@/lib/access-token";
import type { ApiClient } from "@/lib/api-client";
import { dropList, type Lists } from "@/lib/tasks/list-cache";
import { listKeys } from "@/lib/tasks/task-keys";
import type { ReportError } from "@/lib/tasks/use-task-changes";

/**
 * The tasks page's sharing state: which list's share dialog is open, and leaving a list (the
 * list and its tasks leave the caches at once; the live `list.deleted` that follows is a no-op).
 */
export function useSharing(
  api: ApiClient,
  userId: string,
  lists: Lists | undefined,
  report: ReportError,
  onLeft: (inbox: TaskList) => void,
) {
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [listId, setListId] = useState<string>();
  const [isOpen, setOpen] = useState(false);
  // Each "Share" press asks for the dialog once it is rendered (the first press mounts it).
  const [asked, setAsked] = useState(0);
  const list = lists?.find((l) => l.id === listId && l.role === "owner");
  const shown = list !== undefined;

  useEffect(() => {
    if (asked > 0 && shown && !dialog.current?.open) dialog.current?.showModal();
  }, [asked, shown]);

  const leave = useMutation({
    // A member removing itself is leaving (DELETE /api/lists/:id/members/:userId).
    mutationFn: (left: TaskList) => api.removeMember(left.id, userId),
    onSuccess: (_answer, left) => {
      const inbox = lists?.find((l) => l.isInbox);
      dropList(queryClient, left.id);
      if (inbox) onLeft(inbox);
    },
    onError: (error) => {
      if (!(error instanceof SignedOutError)) report("You did not leave the list", error);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKeys.all }),
  });

  return {
    dialog,
    list,
    isOpen,
    open: (shared: TaskList) => {
      setListId(shared.id);
      setOpen(true);
      setAsked((n) => n + 1);
      // Members and invites as they are now (people join and leave while it is closed).
      void queryClient.invalidateQueries({ queryKey: ["sharing", shared.id] });
    },
    close: () => setOpen(false),
    leave: (left: TaskList) => leave.mutate(left),
  };
}

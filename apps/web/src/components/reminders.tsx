"use client";

import { useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { useReminders } from "@/lib/reminders/use-reminders";
import { useApiClient } from "@/lib/use-api-client";

/** How long to look for the task a reminder named while the list loads (frames, ~10 s). */
const LOOK_FRAMES = 600;

/**
 * Mounted on the tasks page: plans and shows the user's reminders while the page is open, and
 * brings the task a clicked reminder names (`/tasks?task=<id>`) into view and focus.
 */
export function Reminders({ apiUrl }: { apiUrl: string }) {
  useReminders(useApiClient(apiUrl, "/tasks"));
  const target = useSearchParams().get("task");
  useEffect(() => {
    if (!target) return;
    let frames = 0;
    let frame = 0;
    const look = () => {
      const item = document.querySelector(`[data-task-id="${CSS.escape(target)}"]`);
      if (item instanceof HTMLElement) {
        item.scrollIntoView({ block: "center" });
        item.focus();
      } else if (++frames < LOOK_FRAMES) {
        frame = requestAnimationFrame(look);
      }
    };
    frame = requestAnimationFrame(look);
    return () => cancelAnimationFrame(frame);
  }, [target]);
  return null;
}

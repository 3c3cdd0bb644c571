"use client";

import { type ReactNode, useEffect, useState } from "react";
import { hasDeviceCopy } from "@/lib/offline/device-store";
import { deviceCopyOpen, deviceUser } from "@/lib/offline/device-user";
import { adoptBrowserOnlineState } from "@/lib/offline/online-state";
import { QueryProvider } from "@/lib/query-provider";
import { OfflineIndicator } from "./offline-indicator";
import { Reminders } from "./reminders";
import { SessionFollower } from "./session-follower";
import { TasksApp } from "./tasks/tasks-app";

/** Where the shell can stand in for the tasks page; any other page keeps the message. */
const TASKS_PATH = "/tasks";

/**
 * The tasks app inside the offline shell (decision 0030). A navigation to /tasks without a
 * network gets the shell, which holds no user data; on the device, the marker of the last
 * signed-in user names the copy to open, and the app runs from it: the tasks read, changes
 * queue, and they are sent with a fresh token when the connection returns. Without a marker
 * or a copy (signed out, or never signed in here), the shell's message (`children`) stays.
 */
export function OfflineTasks({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const [userId, setUserId] = useState<string>();
  useEffect(() => {
    const id = deviceUser();
    if (window.location.pathname !== TASKS_PATH || !id) return;
    adoptBrowserOnlineState();
    let current = true;
    void hasDeviceCopy(id).then((held) => {
      if (!current || !held) return;
      deviceCopyOpen.set(true);
      setUserId(id);
    });
    return () => {
      current = false;
    };
  }, []);
  if (!userId) return children;
  return (
    <QueryProvider userId={userId}>
      <SessionFollower />
      <OfflineIndicator />
      <Reminders apiUrl={apiUrl} />
      <TasksApp apiUrl={apiUrl} userId={userId} />
    </QueryProvider>
  );
}

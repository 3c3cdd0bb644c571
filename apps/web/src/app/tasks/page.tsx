import type { Metadata } from "next";
import { OfflineIndicator } from "@/components/offline-indicator";
import { Reminders } from "@/components/reminders";
import { TasksApp } from "@/components/tasks/tasks-app";
import { QueryProvider } from "@/lib/query-provider";
import { getServer } from "@/server/auth";
import { requireSession } from "@/server/session";
import "./offline.css";
import "./reminders.css";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage() {
  const session = await requireSession("/tasks");
  const { config } = await getServer();
  // The API's address reaches the browser at run time, not baked in at build time. The tasks
  // themselves are fetched by the browser, which alone holds the access token (decision 0008).
  return (
    <QueryProvider userId={session.user.id}>
      <OfflineIndicator />
      <Reminders apiUrl={config.apiUrl} />
      <TasksApp apiUrl={config.apiUrl} userId={session.user.id} />
    </QueryProvider>
  );
}

import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { OfflineIndicator } from "@/components/offline-indicator";
import { Reminders } from "@/components/reminders";
import { TasksApp } from "@/components/tasks/tasks-app";
import { QueryProvider } from "@/lib/query-provider";
import { getServer } from "@/server/auth";
import { firstPageState } from "@/server/first-page";
import { requireSession } from "@/server/session";
import "./offline.css";
import "./reminders.css";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireSession("/tasks");
  const { config } = await getServer();
  const { list } = await searchParams;
  // The first page of tasks is in the HTML: fetched here with a token that stays on the server,
  // handed to the client's cache, which then goes on as before (decisions 0008, 0026).
  const state = await firstPageState(config.apiUrl, typeof list === "string" ? list : undefined);
  // The API's address reaches the browser at run time, not baked in at build time.
  return (
    <QueryProvider userId={session.user.id}>
      <OfflineIndicator />
      <Reminders apiUrl={config.apiUrl} />
      <HydrationBoundary state={state}>
        <TasksApp apiUrl={config.apiUrl} userId={session.user.id} />
      </HydrationBoundary>
    </QueryProvider>
  );
}

import type { Metadata } from "next";
import { TasksApp } from "@/components/tasks/tasks-app";
import { getServer } from "@/server/auth";
import { requireSession } from "@/server/session";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage() {
  await requireSession("/tasks");
  const { config } = await getServer();
  // The API's address reaches the browser at run time, not baked in at build time.
  return <TasksApp apiUrl={config.apiUrl} />;
}

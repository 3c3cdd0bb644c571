import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { OfflineTasks } from "@/components/offline-tasks";
import { getServer } from "@/server/auth";
import "../tasks/offline.css";
import "../tasks/reminders.css";

export const metadata: Metadata = { title: "Offline" };

/**
 * What the service worker shows for a page that cannot be reached: a shell with no user data
 * (it is precached without cookies; decision 0026). On /tasks, the tasks app is mounted here
 * from the copy kept on the device, if there is one (decision 0030); otherwise the message.
 */
export default async function OfflinePage() {
  // Rendered per request, like every page: the API's address is read at run time.
  await connection();
  const { config } = await getServer();
  return (
    <OfflineTasks apiUrl={config.apiUrl}>
      <div className="card offline-shell" data-offline-shell="">
        <h1>You are offline</h1>
        <p>
          This page needs a connection. Your tasks are safe; they will be here when you are back
          online.
        </p>
        <Link className="button" href="/tasks">
          Try again
        </Link>
      </div>
    </OfflineTasks>
  );
}

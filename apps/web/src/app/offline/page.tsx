import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Offline" };

/**
 * What the service worker shows for a page that cannot be reached: a shell with no user data
 * (it is precached without cookies; decision 0026). The tasks app can be mounted here from a
 * cache kept on the device, beside this message.
 */
export default function OfflinePage() {
  return (
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
  );
}

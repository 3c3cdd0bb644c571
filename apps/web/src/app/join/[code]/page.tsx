import type { Metadata } from "next";
import { JoinInvite } from "@/components/sharing/join-invite";
import { QueryProvider } from "@/lib/query-provider";
import { getServer } from "@/server/auth";
import { requireSession } from "@/server/session";

export const metadata: Metadata = { title: "Join a list", referrer: "no-referrer" };

/**
 * Where an invite link leads: the invitee signs in (and comes back), sees what it joins, then
 * accepts. The code reaches the API from the browser only, with the user's access token.
 */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  await requireSession(`/join/${encodeURIComponent(code)}`);
  const { config } = await getServer();
  return (
    <QueryProvider>
      <JoinInvite apiUrl={config.apiUrl} code={code} />
    </QueryProvider>
  );
}

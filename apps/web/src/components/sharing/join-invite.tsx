"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { INVITE_CODE_PATTERN } from "@todo/contract";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useApiClient } from "@/lib/use-api-client";
import { describeError } from "../tasks/messages";

const ROLE_TEXT = {
  editor: "an editor: you can add, change, complete and delete its tasks",
  viewer: "a viewer: you can read its tasks",
} as const;

/** What an invite joins, and the button that joins it. */
export function JoinInvite({ apiUrl, code }: { apiUrl: string; code: string }) {
  const api = useApiClient(apiUrl, `/join/${encodeURIComponent(code)}`);
  const router = useRouter();
  const wellFormed = INVITE_CODE_PATTERN.test(code);
  const preview = useQuery({
    queryKey: ["invite", code],
    queryFn: () => api.previewInvite(code),
    enabled: wellFormed,
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () => api.acceptInvite(code),
    onSuccess: ({ listId }) => router.replace(`/tasks?list=${encodeURIComponent(listId)}`),
  });
  const invalid = !wellFormed || preview.isError;

  return (
    <section className="join card" aria-labelledby="join-title">
      <h1 id="join-title">Join a shared list</h1>
      {invalid ? (
        <p className="alert error" role="alert">
          {wellFormed
            ? describeError(preview.error)
            : "This invite link is not valid. Check that it was copied whole."}
        </p>
      ) : preview.data === undefined ? (
        <p aria-busy="true">Checking the invite…</p>
      ) : (
        <>
          <p>
            <strong>{preview.data.ownerName}</strong> invites you to the list{" "}
            <strong>“{preview.data.listName}”</strong> as {ROLE_TEXT[preview.data.role]}.
          </p>
          <p className="hint">
            The invite works once and expires on{" "}
            {new Date(preview.data.expiresAt).toLocaleString(undefined, {
              dateStyle: "medium",
              timeStyle: "short",
            })}
            .
          </p>
          <div aria-live="assertive">
            {accept.isError && (
              <p className="alert error" role="alert">
                {describeError(accept.error)}
              </p>
            )}
          </div>
          <div className="buttons">
            <button type="button" onClick={() => accept.mutate()} disabled={accept.isPending}>
              Join “{preview.data.listName}”
            </button>
            <Link href="/tasks" className="button secondary">
              Not now
            </Link>
          </div>
        </>
      )}
      {invalid && (
        <p>
          <Link href="/tasks">Go to your tasks</Link>
        </p>
      )}
    </section>
  );
}

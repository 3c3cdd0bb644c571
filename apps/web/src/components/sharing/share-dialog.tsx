"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreatedInvite, MemberRole, TaskList } from "@todo/contract";
import { type RefObject, useState } from "react";
import type { ApiClient } from "@/lib/api-client";
import { describeError } from "../tasks/messages";
import { InviteLink } from "./invite-link";

interface Props {
  api: ApiClient;
  list: TaskList;
  dialog: RefObject<HTMLDialogElement | null>;
  /** The dialog is open: only then are members and invites fetched. */
  open: boolean;
  onClose: () => void;
}

const ROLE_LABEL: Record<MemberRole, string> = {
  editor: "Editor (changes tasks)",
  viewer: "Viewer (reads only)",
};

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" });

/**
 * The owner's sharing controls for one list: create an invite for a role (its code is shown
 * once), see and revoke pending invites, see members, change a role, remove someone.
 */
export function ShareDialog({ api, list, dialog, open, onClose }: Props) {
  const queryClient = useQueryClient();
  const [role, setRole] = useState<MemberRole>("editor");
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [error, setError] = useState("");
  const members = useQuery({
    queryKey: ["sharing", list.id, "members"],
    queryFn: () => api.listMembers(list.id),
    enabled: open,
  });
  const invites = useQuery({
    queryKey: ["sharing", list.id, "invites"],
    queryFn: () => api.listInvites(list.id),
    enabled: open,
  });
  const settle = () => queryClient.invalidateQueries({ queryKey: ["sharing", list.id] });
  const failed = (what: string) => (cause: unknown) => setError(`${what}: ${describeError(cause)}`);
  const create = useMutation({
    mutationFn: () => api.createInvite(list.id, { role }),
    onMutate: () => setError(""),
    onSuccess: setCreated,
    onError: failed("The invite was not created"),
    onSettled: settle,
  });
  const revoke = useMutation({
    mutationFn: (inviteId: string) => api.revokeInvite(list.id, inviteId),
    onError: failed("The invite was not revoked"),
    onSettled: settle,
  });
  const setMemberRole = useMutation({
    mutationFn: (change: { userId: string; role: MemberRole }) =>
      api.setMemberRole(list.id, change.userId, { role: change.role }),
    onError: failed("The role was not changed"),
    onSettled: settle,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api.removeMember(list.id, userId),
    onError: failed("The person was not removed"),
    onSettled: settle,
  });

  return (
    <dialog
      ref={dialog}
      className="card share-dialog"
      aria-labelledby="share-title"
      onClose={() => {
        setCreated(null);
        setError("");
        onClose();
      }}
    >
      <h2 id="share-title">Share “{list.name}”</h2>
      <div aria-live="assertive">
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
      </div>
      <section aria-labelledby="share-invite-title">
        <h3 id="share-invite-title">Invite someone</h3>
        <form
          className="share-invite"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <label htmlFor="invite-role">Role</label>
          <select
            id="invite-role"
            value={role}
            onChange={(event) => setRole(event.target.value as MemberRole)}
          >
            <option value="editor">{ROLE_LABEL.editor}</option>
            <option value="viewer">{ROLE_LABEL.viewer}</option>
          </select>
          <button type="submit" disabled={create.isPending}>
            Create invite link
          </button>
        </form>
        {created && <InviteLink invite={created} />}
      </section>
      <section aria-labelledby="share-pending-title">
        <h3 id="share-pending-title">Pending invites</h3>
        {invites.data?.items.length === 0 && <p className="hint">No pending invites.</p>}
        <ul className="share-rows">
          {invites.data?.items.map((invite) => (
            <li key={invite.id}>
              <span>
                {invite.role === "editor" ? "Editor" : "Viewer"} invite, expires{" "}
                {day(invite.expiresAt)}
              </span>
              <button
                type="button"
                className="ghost"
                onClick={() => revoke.mutate(invite.id)}
                aria-label={`Revoke the ${invite.role} invite that expires ${day(invite.expiresAt)}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="share-people-title">
        <h3 id="share-people-title">People with access</h3>
        <ul className="share-rows">
          {members.data?.items.map((member) => (
            <li key={member.userId}>
              <span className="member-name">{member.name}</span>
              {member.role === "owner" ? (
                <span className="hint">Owner</span>
              ) : (
                <span className="member-controls">
                  <select
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    onChange={(event) =>
                      setMemberRole.mutate({
                        userId: member.userId,
                        role: event.target.value as MemberRole,
                      })
                    }
                  >
                    <option value="editor">Editor</option>
                    <option value="viewer">Viewer</option>
                  </select>
                  <button
                    type="button"
                    className="ghost"
                    onClick={() => remove.mutate(member.userId)}
                    aria-label={`Remove ${member.name}`}
                  >
                    Remove
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
      <form method="dialog" className="buttons">
        <button type="submit" className="secondary">
          Close
        </button>
      </form>
    </dialog>
  );
}

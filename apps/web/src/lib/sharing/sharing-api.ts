import {
  AcceptedInviteSchema,
  CreatedInviteSchema,
  type CreateInviteInput,
  InviteListSchema,
  InvitePreviewSchema,
  MemberListSchema,
  type UpdateMemberInput,
} from "@todo/contract";
import type { z } from "zod";

/** The API client's request function: bearer token, one refresh on a 401, problem answers thrown. */
type Request = <S extends z.ZodType | null>(
  path: string,
  init: RequestInit,
  schema: S,
) => Promise<S extends z.ZodType ? z.output<S> : undefined>;

const at = (...parts: string[]) => parts.map(encodeURIComponent).join("/");

/** The sharing routes (docs/decisions/0024-list-sharing-and-invite-codes.md), for the API client. */
export function sharingCalls(request: Request) {
  const json = (method: string, body?: object): RequestInit => ({
    method,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return {
    createInvite: (listId: string, input: CreateInviteInput) =>
      request(`/api/lists/${at(listId)}/invites`, json("POST", input), CreatedInviteSchema),
    listInvites: (listId: string) =>
      request(`/api/lists/${at(listId)}/invites`, json("GET"), InviteListSchema),
    revokeInvite: (listId: string, inviteId: string) =>
      request(`/api/lists/${at(listId, "invites", inviteId)}`, json("DELETE"), null),
    previewInvite: (code: string) =>
      request(`/api/invites/${at(code)}`, json("GET"), InvitePreviewSchema),
    acceptInvite: (code: string) =>
      request(`/api/invites/${at(code)}/accept`, json("POST"), AcceptedInviteSchema),
    listMembers: (listId: string) =>
      request(`/api/lists/${at(listId)}/members`, json("GET"), MemberListSchema),
    setMemberRole: (listId: string, userId: string, input: UpdateMemberInput) =>
      request(`/api/lists/${at(listId, "members", userId)}`, json("PATCH", input), null),
    removeMember: (listId: string, userId: string) =>
      request(`/api/lists/${at(listId, "members", userId)}`, json("DELETE"), null),
  };
}

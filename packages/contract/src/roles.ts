import { z } from "zod";

/**
 * What a member may do with a shared list (docs/decisions/0024-list-sharing-and-invite-codes.md):
 * an editor reads it and writes its tasks, a viewer only reads. The owner is the list's creator.
 */
export const MEMBER_ROLES = ["editor", "viewer"] as const;
export const MemberRoleSchema = z.enum(MEMBER_ROLES).meta({ id: "MemberRole" });
export type MemberRole = z.infer<typeof MemberRoleSchema>;

export const LIST_ROLES = ["owner", ...MEMBER_ROLES] as const;
export const ListRoleSchema = z
  .enum(LIST_ROLES)
  .meta({ id: "ListRole", description: "What the caller may do with the list" });
export type ListRole = z.infer<typeof ListRoleSchema>;

/** Whether a role may create, change, move and delete the list's tasks. */
export function canEdit(role: ListRole): boolean {
  return role !== "viewer";
}

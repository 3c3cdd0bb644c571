import { z } from "zod";
import { ListRoleSchema, MemberRoleSchema } from "./roles.js";

/** Invite codes: 32 random bytes as base64url, 43 characters (docs/decisions/0024). */
export const INVITE_CODE_BYTES = 32;
export const INVITE_CODE_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** How long an invite stays usable. */
export const INVITE_TTL_DAYS = 7;

export const CreateInviteSchema = z
  .strictObject({ role: MemberRoleSchema })
  .meta({ id: "CreateInvite" });
export type CreateInviteInput = z.input<typeof CreateInviteSchema>;

export const InviteSchema = z
  .object({
    id: z.uuid(),
    role: MemberRoleSchema,
    expiresAt: z.iso.datetime(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Invite", description: "A pending invite; its code is shown only when created" });
export type Invite = z.infer<typeof InviteSchema>;

export const CreatedInviteSchema = InviteSchema.extend({
  code: z.string().regex(INVITE_CODE_PATTERN).meta({
    description: "The invite code: shown this once, stored only as a hash; pass it on privately",
  }),
}).meta({ id: "CreatedInvite" });
export type CreatedInvite = z.infer<typeof CreatedInviteSchema>;

export const InviteListSchema = z
  .object({ items: z.array(InviteSchema) })
  .meta({ id: "InviteList" });

export const InvitePreviewSchema = z
  .object({
    listName: z.string(),
    ownerName: z.string(),
    role: MemberRoleSchema,
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: "InvitePreview", description: "What accepting the invite joins" });
export type InvitePreview = z.infer<typeof InvitePreviewSchema>;

export const AcceptedInviteSchema = z
  .object({ listId: z.uuid(), role: MemberRoleSchema })
  .meta({ id: "AcceptedInvite" });
export type AcceptedInvite = z.infer<typeof AcceptedInviteSchema>;

export const MemberSchema = z
  .object({ userId: z.string(), name: z.string(), role: ListRoleSchema })
  .meta({ id: "Member" });
export type Member = z.infer<typeof MemberSchema>;

export const MemberListSchema = z
  .object({ items: z.array(MemberSchema) })
  .meta({ id: "MemberList", description: "The owner first (role `owner`), then the members" });
export type MemberList = z.infer<typeof MemberListSchema>;

export const UpdateMemberSchema = z
  .strictObject({ role: MemberRoleSchema })
  .meta({ id: "UpdateMember" });
export type UpdateMemberInput = z.input<typeof UpdateMemberSchema>;

/**
 * A malformed code is an unknown code: it gets the same 404 (and counts against the guessing
 * limit), so the params only bound its length.
 */
export const InviteCodeParamsSchema = z.strictObject({ code: z.string().min(1).max(100) });
export const InviteParamsSchema = z.strictObject({
  id: z.uuid("List id must be a UUID"),
  inviteId: z.uuid("Invite id must be a UUID"),
});
export const MemberParamsSchema = z.strictObject({
  id: z.uuid("List id must be a UUID"),
  userId: z.string().min(1).max(100),
});

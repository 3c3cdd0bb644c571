import { z } from "zod";
import { booleanCodec, entitySchema, field, same, timestampCodec } from "./entity.js";
import { ListRoleSchema } from "./roles.js";
import { CURSOR_MAX_LENGTH, PAGE_SIZE_MAX, SINGLE_LINE_TEXT } from "./task.js";

export const LIST_NAME_MAX_LENGTH = 100;
/** The name every account's first list is created with (packages/db/src/migrations.ts, 0005). */
export const INBOX_NAME = "Inbox";

export const ListNameSchema = z
  .string()
  .trim()
  .min(1, "Name must not be empty")
  .max(LIST_NAME_MAX_LENGTH, `Name must be at most ${LIST_NAME_MAX_LENGTH} characters`)
  .regex(SINGLE_LINE_TEXT, "Name must be a single line without control characters");

/**
 * A list as stored, one line per field (see taskFields). Every user has exactly one list with
 * `isInbox` (docs/decisions/0013-lists-inbox-and-composite-keys.md): created with the account, the
 * default for new tasks, never deleted.
 */
export const listFields = {
  id: field("id", z.uuid(), same<string>()),
  name: field("name", z.string(), same<string>()),
  position: field("position", z.number().int().min(0), same<number>()),
  isInbox: field("is_inbox", z.boolean(), booleanCodec),
  createdAt: field("created_at", z.iso.datetime(), timestampCodec),
  updatedAt: field("updated_at", z.iso.datetime(), timestampCodec),
};

export const ListSchema = entitySchema(listFields)
  .extend({
    openTaskCount: z.number().int().min(0).meta({
      description:
        "Top-level tasks in the list not completed: what the list shows (subtasks are shown, and counted, in their parent)",
    }),
    taskCount: z
      .number()
      .int()
      .min(0)
      .meta({ description: "Every task in the list: what deleting the list deletes" }),
    role: ListRoleSchema,
    memberCount: z
      .number()
      .int()
      .min(0)
      .meta({ description: "People the list is shared with, the owner not counted" }),
  })
  .meta({ id: "List" });
export type TaskList = z.infer<typeof ListSchema>;

/** A new list goes last; `position` is set by reordering (PATCH). */
export const CreateListSchema = z.strictObject({ name: ListNameSchema }).meta({ id: "CreateList" });
export type CreateListInput = z.input<typeof CreateListSchema>;

export const UpdateListSchema = z
  .strictObject({
    name: ListNameSchema.optional(),
    position: z
      .number()
      .int("position must be a whole number")
      .min(0)
      .max(1_000_000)
      .optional()
      .meta({
        description:
          "The list's new place among yours, from 0; the others shift to make room (beyond the end means last)",
      }),
  })
  .refine((value) => Object.keys(value).length > 0, {
    message: "Give at least one field to change",
  })
  .meta({ id: "UpdateList" });
export type UpdateListInput = z.input<typeof UpdateListSchema>;

export const ListIdParamsSchema = z.strictObject({ id: z.uuid("List id must be a UUID") });

export const ListsQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1)
    .max(PAGE_SIZE_MAX)
    .default(PAGE_SIZE_MAX),
  cursor: z
    .string()
    .max(CURSOR_MAX_LENGTH)
    .optional()
    .meta({ description: "nextCursor of the previous page" }),
});
export type ListsQuery = z.output<typeof ListsQuerySchema>;

export const ListPageSchema = z
  .object({ items: z.array(ListSchema), nextCursor: z.string().nullable() })
  .meta({ id: "ListPage" });
export type ListPage = z.infer<typeof ListPageSchema>;

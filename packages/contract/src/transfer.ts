import { z } from "zod";
import { ListNameSchema, listFields } from "./lists.js";
import { RecurrenceSchema } from "./recurrence.js";
import { DueTimeSchema, ReminderMinutesSchema, TimeZoneSchema } from "./reminder.js";
import { TagsSchema } from "./tags.js";
import {
  DescriptionSchema,
  DueDateSchema,
  PrioritySchema,
  TaskSchema,
  TitleSchema,
} from "./task.js";
import { withTaskRules } from "./task-rules.js";

/** At most this many lists and tasks in one import; the per-user limits apply on top. */
export const IMPORT_LISTS_MAX = 1000;
export const IMPORT_TASKS_MAX = 10_000;
/** The import route's own body limit; every other route keeps the API's small default. */
export const IMPORT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

const ExportListSchema = z
  .object({
    id: listFields.id.schema,
    name: listFields.name.schema,
    position: listFields.position.schema,
    isInbox: listFields.isInbox.schema,
  })
  .meta({ id: "ExportList" });

/** GET /api/export: the caller's own lists (by position) and every task in them (by list, order). */
export const ExportSchema = z
  .object({
    lists: z.array(ExportListSchema),
    tasks: z.array(TaskSchema),
  })
  .meta({ id: "Export" });
export type Export = z.infer<typeof ExportSchema>;

/**
 * One list of an import. `id` only names it inside the file (tasks refer to it); the list made
 * gets a new id. The list marked `isInbox` is the caller's own Inbox. Other members of an
 * exported list (`position`, counts) are computed again and so ignored, not refused: the file
 * `GET /api/export` gives must come back as it is.
 */
const ImportListSchema = z.object({
  id: z.uuid(),
  name: ListNameSchema,
  isInbox: z.boolean().default(false),
});

/** One task of an import; ids are references inside the file, the task made gets a new one. */
const ImportTaskSchema = withTaskRules(
  z.object({
    id: z.uuid(),
    listId: z.uuid(),
    title: TitleSchema,
    description: DescriptionSchema.default(""),
    completed: z.boolean().default(false),
    completedAt: z.iso.datetime().nullable().default(null),
    priority: PrioritySchema.default("medium"),
    dueDate: DueDateSchema.nullable().default(null),
    dueTime: DueTimeSchema.nullable().default(null),
    timeZone: TimeZoneSchema.nullable().default(null),
    reminderMinutes: ReminderMinutesSchema.nullable().default(null),
    tags: TagsSchema.default([]),
    parentId: z.uuid().nullable().default(null),
    recurrence: RecurrenceSchema.nullable().default(null),
    createdAt: z.iso.datetime().optional(),
  }),
);

export const ImportSchema = z
  .strictObject({
    lists: z.array(ImportListSchema).max(IMPORT_LISTS_MAX),
    tasks: z.array(ImportTaskSchema).max(IMPORT_TASKS_MAX),
  })
  .meta({ id: "Import" });
export type ImportInput = z.output<typeof ImportSchema>;

export const ImportResultSchema = z
  .object({
    lists: z.int().min(0).meta({ description: "Lists created (the Inbox's tasks join yours)" }),
    tasks: z.int().min(0).meta({ description: "Tasks created" }),
  })
  .meta({ id: "ImportResult" });
export type ImportResult = z.infer<typeof ImportResultSchema>;

interface FileError {
  readonly path: string;
  readonly message: string;
}

/**
 * What a schema cannot see: ids unique in the file, one Inbox at most, every `listId` and
 * `parentId` naming an entry of the file, subtasks one level deep and in their parent's list.
 */
export function importErrors(input: ImportInput): FileError[] {
  const errors: FileError[] = [];
  const lists = new Set<string>();
  let inboxes = 0;
  for (const [index, list] of input.lists.entries()) {
    if (lists.has(list.id)) errors.push({ path: `lists.${index}.id`, message: "Duplicate id" });
    lists.add(list.id);
    if (list.isInbox && ++inboxes > 1) {
      errors.push({ path: `lists.${index}.isInbox`, message: "Only one list can be the Inbox" });
    }
  }
  const tasks = new Map<string, ImportInput["tasks"][number]>();
  for (const [index, task] of input.tasks.entries()) {
    if (tasks.has(task.id)) errors.push({ path: `tasks.${index}.id`, message: "Duplicate id" });
    tasks.set(task.id, task);
    if (!lists.has(task.listId)) {
      errors.push({ path: `tasks.${index}.listId`, message: "No list with this id in the file" });
    }
  }
  for (const [index, task] of input.tasks.entries()) {
    if (task.parentId === null) continue;
    const parent = tasks.get(task.parentId);
    const path = `tasks.${index}.parentId`;
    if (!parent) errors.push({ path, message: "No task with this id in the file" });
    else if (parent.parentId !== null || parent.id === task.id) {
      errors.push({ path, message: "Subtasks go one level deep" });
    } else if (parent.listId !== task.listId) {
      errors.push({ path, message: "A subtask must be in its parent's list" });
    }
  }
  return errors.slice(0, 20);
}

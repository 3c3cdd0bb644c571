import { z } from "zod";
import { booleanCodec, entitySchema, field, nullable, same, timestampCodec } from "./entity.js";
import { RecurrenceSchema } from "./recurrence.js";
import { DueTimeSchema, ReminderMinutesSchema, TimeZoneSchema } from "./reminder.js";
import { TagSchema, TagsSchema } from "./tags.js";
import { withTaskRules } from "./task-rules.js";
import { MULTI_LINE_TEXT, SINGLE_LINE_TEXT } from "./text.js";

export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 1000;
export const SEARCH_MAX_LENGTH = 200;
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
export const CURSOR_MAX_LENGTH = 512;

export const PRIORITIES = ["low", "medium", "high"] as const;
export const PrioritySchema = z.enum(PRIORITIES).meta({ description: "Task priority" });
export type Priority = z.infer<typeof PrioritySchema>;

export { SINGLE_LINE_TEXT } from "./text.js";

export const TitleSchema = z
  .string()
  .trim()
  .min(1, "Title must not be empty")
  .max(TITLE_MAX_LENGTH, `Title must be at most ${TITLE_MAX_LENGTH} characters`)
  .regex(SINGLE_LINE_TEXT, "Title must be a single line without control characters");

export const DescriptionSchema = z
  .string()
  .max(DESCRIPTION_MAX_LENGTH, `Description must be at most ${DESCRIPTION_MAX_LENGTH} characters`)
  .regex(MULTI_LINE_TEXT, "Description must not contain control characters");

/** The list a task belongs to; another user's list is, to the caller, one that does not exist. */
export const ListIdSchema = z.uuid("List id must be a UUID");

/** A calendar date (YYYY-MM-DD); the due day, in the user's own calendar. */
export const DueDateSchema = z.iso.date("Due date must be a valid date as YYYY-MM-DD");

/** A subtask's parent: a top-level task of the same list; another user's task is a missing one. */
export const ParentIdSchema = z.uuid("Parent id must be a UUID");

/** Tags as stored: the JSON text of the array (the API writes it, so it always parses). */
const tagsCodec = { read: (stored: string): string[] => JSON.parse(stored) };

/** 1 low, 2 medium, 3 high: stored as a rank so it sorts by importance. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority) + 1;
}

export function priorityFromRank(rank: number): Priority {
  const priority = PRIORITIES[rank - 1];
  if (!priority) throw new Error(`Priority rank ${rank} out of range`);
  return priority;
}

/**
 * The task as the API answers it, one line per field: its column, its type in the API, and how
 * the stored value becomes it. The response schema (TaskSchema), the table type (@todo/db), the
 * API's column list and row mapper all derive from this. A new field: one line here and its
 * migration (packages/db/src/migrations.ts).
 */
export const taskFields = {
  id: field("id", z.uuid(), same<string>()),
  listId: field("list_id", z.uuid(), same<string>()),
  title: field("title", z.string(), same<string>()),
  description: field("description", z.string(), same<string>()),
  completed: field("completed", z.boolean(), booleanCodec),
  completedAt: field("completed_at", z.iso.datetime().nullable(), nullable(timestampCodec)),
  priority: field("priority", PrioritySchema, { read: priorityFromRank }),
  /** Calendar date, YYYY-MM-DD (text on SQLite, date read as text on PostgreSQL). */
  dueDate: field("due_date", z.iso.date().nullable(), same<string | null>()),
  /** Wall-clock HH:MM in `timeZone` on `dueDate`, or null (docs/decisions/0031-due-time-and-reminders.md). */
  dueTime: field("due_time", z.string().nullable(), same<string | null>()),
  timeZone: field("time_zone", z.string().nullable(), same<string | null>()),
  /** Minutes before the due time to remind, or null for no reminder. */
  reminderMinutes: field("reminder_minutes", z.int().nullable(), nullable({ read: Number })),
  tags: field("tags", z.array(TagSchema), tagsCodec),
  parentId: field("parent_id", z.uuid().nullable(), same<string | null>()),
  recurrence: field("recurrence", z.string().nullable(), same<string | null>()),
  /** Counts of a top-level task's subtasks (0 for a subtask), kept by the API on every write. */
  subtaskCount: field("subtask_count", z.int(), { read: Number }),
  subtasksCompleted: field("subtasks_completed", z.int(), { read: Number }),
  /** The task's place in its list's manual order: an opaque key, compared byte by byte. */
  position: field("position", z.string(), same<string>()),
  createdAt: field("created_at", z.iso.datetime(), timestampCodec),
  updatedAt: field("updated_at", z.iso.datetime(), timestampCodec),
};

export const TaskSchema = entitySchema(taskFields).meta({ id: "Task" });
export type Task = z.infer<typeof TaskSchema>;

/** A due time, its zone and a reminder: each optional, null clears it. */
const timingFields = {
  dueTime: DueTimeSchema.nullable().optional(),
  timeZone: TimeZoneSchema.nullable().optional(),
  reminderMinutes: ReminderMinutesSchema.nullable().optional(),
};

/** Unknown members are refused by name (strict): `id`, `userId` and timestamps are not the client's to set. */
export const CreateTaskSchema = withTaskRules(
  z.strictObject({
    title: TitleSchema,
    description: DescriptionSchema.optional(),
    priority: PrioritySchema.optional(),
    dueDate: DueDateSchema.nullable().optional(),
    ...timingFields,
    completed: z.boolean().optional(),
    listId: ListIdSchema.optional().meta({
      description: "The list to put it in; the Inbox if absent",
    }),
    tags: TagsSchema.optional(),
    parentId: ParentIdSchema.nullable().optional().meta({
      description: "Make it a subtask of this top-level task; it joins the parent's list",
    }),
    recurrence: RecurrenceSchema.nullable().optional(),
  }),
).meta({ id: "CreateTask" });
export type CreateTaskInput = z.input<typeof CreateTaskSchema>;

/** PATCH changes only what it is given; `dueDate: null` clears the due date; `listId` moves it. */
export const UpdateTaskSchema = z
  .strictObject({
    title: TitleSchema.optional(),
    description: DescriptionSchema.optional(),
    priority: PrioritySchema.optional(),
    dueDate: DueDateSchema.nullable().optional(),
    ...timingFields,
    completed: z.boolean().optional(),
    listId: ListIdSchema.optional().meta({ description: "Move the task to this list of yours" }),
    tags: TagsSchema.optional(),
    parentId: ParentIdSchema.nullable().optional().meta({
      description: "Make it a subtask of this top-level task of its list, or top-level (null)",
    }),
    recurrence: RecurrenceSchema.nullable().optional(),
    before: z.uuid("before must be a task id").optional().meta({
      description: "Place the task just before this task of its list (manual order)",
    }),
    after: z.uuid("after must be a task id").optional().meta({
      description: "Place the task just after this task of its list (manual order)",
    }),
  })
  .refine((value) => Object.keys(value).length > 0, {
    message: "Give at least one field to change",
  })
  .refine((value) => !(value.before && value.after), {
    message: "Give before or after, not both",
    path: ["after"],
  })
  .meta({ id: "UpdateTask" });
export type UpdateTaskInput = z.input<typeof UpdateTaskSchema>;

export const TaskIdParamsSchema = z.strictObject({
  id: z.uuid("Task id must be a UUID"),
});

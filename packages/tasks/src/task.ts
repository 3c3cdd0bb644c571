import { z } from "zod";

export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 1000;
export const SEARCH_MAX_LENGTH = 200;
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 100;
export const CURSOR_MAX_LENGTH = 512;

export const PRIORITIES = ["low", "medium", "high"] as const;
export const PrioritySchema = z.enum(PRIORITIES).meta({ description: "Task priority" });
export type Priority = z.infer<typeof PrioritySchema>;

// C0/C1 control characters (Unicode category Cc): never meaningful in a title, and a way to
// smuggle terminal escapes into logs or confuse renderers. Descriptions may hold tabs and newlines.
export const SINGLE_LINE_TEXT = /^\P{Cc}*$/u;
const MULTI_LINE_TEXT = /^(?:\P{Cc}|[\t\n])*$/u;

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

/** A calendar date (YYYY-MM-DD); the due day, in the user's own calendar. */
export const DueDateSchema = z.iso.date("Due date must be a valid date as YYYY-MM-DD");

export const TaskSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    completed: z.boolean(),
    completedAt: z.iso.datetime().nullable(),
    priority: PrioritySchema,
    dueDate: z.iso.date().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Task" });
export type Task = z.infer<typeof TaskSchema>;

/** Unknown members are refused by name (strict): `id`, `userId` and timestamps are not the client's to set. */
export const CreateTaskSchema = z
  .strictObject({
    title: TitleSchema,
    description: DescriptionSchema.optional(),
    priority: PrioritySchema.optional(),
    dueDate: DueDateSchema.nullable().optional(),
    completed: z.boolean().optional(),
  })
  .meta({ id: "CreateTask" });
export type CreateTaskInput = z.input<typeof CreateTaskSchema>;

/** PATCH changes only what it is given; `dueDate: null` clears the due date. */
export const UpdateTaskSchema = z
  .strictObject({
    title: TitleSchema.optional(),
    description: DescriptionSchema.optional(),
    priority: PrioritySchema.optional(),
    dueDate: DueDateSchema.nullable().optional(),
    completed: z.boolean().optional(),
  })
  .refine((value) => Object.keys(value).length > 0, {
    message: "Give at least one field to change",
  })
  .meta({ id: "UpdateTask" });
export type UpdateTaskInput = z.input<typeof UpdateTaskSchema>;

export const TaskIdParamsSchema = z.strictObject({
  id: z.uuid("Task id must be a UUID"),
});

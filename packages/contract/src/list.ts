import { z } from "zod";
import { TagSchema } from "./tags.js";
import {
  CURSOR_MAX_LENGTH,
  DueDateSchema,
  ListIdSchema,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  ParentIdSchema,
  PrioritySchema,
  SEARCH_MAX_LENGTH,
  SINGLE_LINE_TEXT,
  TaskSchema,
} from "./task.js";

export const TASK_STATUSES = ["all", "pending", "completed"] as const;
export const TASK_SORTS = ["created", "updated", "due", "priority", "title", "manual"] as const;
export const SORT_ORDERS = ["asc", "desc"] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskSort = (typeof TASK_SORTS)[number];
export type SortOrder = (typeof SORT_ORDERS)[number];

export const ListTasksQuerySchema = z.strictObject({
  listId: ListIdSchema.optional().meta({ description: "Only the tasks of this list of yours" }),
  status: z.enum(TASK_STATUSES).default("all"),
  priority: PrioritySchema.optional(),
  q: z
    .string()
    .trim()
    .max(SEARCH_MAX_LENGTH, `Search must be at most ${SEARCH_MAX_LENGTH} characters`)
    .regex(SINGLE_LINE_TEXT, "Search must not contain control characters")
    .optional()
    .meta({
      description: "Case-insensitive text search in title and description; % and _ are literal",
    }),
  tag: TagSchema.optional().meta({ description: "Only tasks with this tag (any case)" }),
  parentId: ParentIdSchema.optional().meta({
    description: "The subtasks of this task; without it, top-level tasks only",
  }),
  dueFrom: DueDateSchema.optional().meta({ description: "Due on or after this date" }),
  dueTo: DueDateSchema.optional().meta({ description: "Due on or before this date" }),
  sort: z.enum(TASK_SORTS).default("created"),
  order: z.enum(SORT_ORDERS).default("desc"),
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1)
    .max(PAGE_SIZE_MAX)
    .default(PAGE_SIZE_DEFAULT),
  cursor: z
    .string()
    .max(CURSOR_MAX_LENGTH)
    .optional()
    .meta({ description: "nextCursor of the previous page, with the same filters and sort" }),
});
export type ListTasksQuery = z.output<typeof ListTasksQuerySchema>;
export type ListTasksQueryInput = z.input<typeof ListTasksQuerySchema>;

export const TaskPageSchema = z
  .object({
    items: z.array(TaskSchema),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "TaskPage" });
export type TaskPage = z.infer<typeof TaskPageSchema>;

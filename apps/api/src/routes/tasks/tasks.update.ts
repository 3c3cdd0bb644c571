import { randomUUID } from "node:crypto";
import type { Task, UpdateTaskSchema } from "@todo/contract";
import { canEdit, tagKeys, timingProblem } from "@todo/contract";
import type { Database } from "@todo/db";
import type { z } from "zod";
import { createListLookup } from "../lists/list-lookup.js";
import { editableBy } from "../lists/list-scope.js";
import { nextOccurrence } from "./recurrence-next.js";
import type { TaskFamily } from "./tasks.family.js";
import { priorityRank, searchText, type TaskRow, titleKey, toIso, toTask } from "./tasks.mapper.js";
import type { TaskRefusal, TaskWrite } from "./tasks.queries.js";
import type { createTaskStatements } from "./tasks.statements.js";

type UpdateTask = z.output<typeof UpdateTaskSchema>;

/**
 * PATCH /api/tasks/:id: read and write in one transaction, the row locked on PostgreSQL, so
 * concurrent PATCHes serialise. The user needs edit rights on the task's list and, for a move
 * (`listId`), on the list it goes to; a task moved into another owner's list counts, with its
 * subtasks, against that owner's limit. Completing a recurring task inserts its next occurrence
 * in the same transaction (docs/decisions/0025-tags-subtasks-recurrence.md).
 */
export function createTaskUpdate(
  database: Database,
  family: TaskFamily,
  countTasks: ReturnType<typeof createTaskStatements>["countTasks"],
) {
  const { db, kind } = database;
  const bool = (value: boolean) => (kind === "sqlite" ? Number(value) : value);
  const lookup = createListLookup(db);

  return async function update(
    userId: string,
    id: string,
    changes: UpdateTask,
    now: Date,
    maxTasks: number,
  ): Promise<TaskWrite | TaskRefusal | undefined> {
    return db.transaction().execute(async (trx): Promise<TaskWrite | TaskRefusal | undefined> => {
      const current = await family.access(trx, userId, id, true);
      if (!current) return undefined;
      const role = current.user_id === userId ? "owner" : (current.role ?? "viewer");
      if (!canEdit(role)) return "forbidden";
      const overLimit = async (owner: string, adding: number) => {
        const [counted] = (await trx.executeQuery(countTasks({ userId: owner }))).rows;
        return Number(counted?.total ?? 0) + adding > maxTasks;
      };
      let listId = current.list_id;
      let ownerId = current.user_id;
      if (changes.listId && changes.listId !== current.list_id) {
        const target = await lookup.access(trx, userId, changes.listId, kind === "postgres");
        if (!target) return "list-not-found";
        if (!canEdit(target.role)) return "forbidden";
        listId = target.listId;
        if (target.ownerId !== ownerId) {
          ownerId = target.ownerId;
          if (await overLimit(ownerId, 1 + current.subtask_count)) return "limit";
        }
      }
      const parentId = changes.parentId !== undefined ? changes.parentId : current.parent_id;
      if (parentId !== null) {
        // One level: a parent cannot become a subtask, nor a task its own parent.
        if (current.subtask_count > 0 || parentId === id) return "subtask-too-deep";
        const parent =
          parentId === current.parent_id && listId === current.list_id
            ? { parent_id: null, list_id: listId }
            : await family.access(trx, userId, parentId, true);
        if (!parent) return "parent-not-found";
        if (parent.parent_id !== null) return "subtask-too-deep";
        if (parent.list_id !== listId) return "subtask-other-list";
      }
      // Manual order: beside a task of the (new) list, or at the end of a list moved into.
      let position = current.position;
      const anchorId = changes.before ?? changes.after;
      if (anchorId) {
        if (anchorId === id) return "anchor-is-self";
        const anchor = await family.access(trx, userId, anchorId, true);
        if (!anchor) return "anchor-not-found";
        if (anchor.list_id !== listId) return "anchor-other-list";
        position = await family.beside(trx, anchor, changes.before ? "before" : "after", id);
      } else if (listId !== current.list_id) {
        position = await family.endOf(trx, listId);
      }
      const recurrence = changes.recurrence !== undefined ? changes.recurrence : current.recurrence;
      const dueDate = changes.dueDate !== undefined ? changes.dueDate : current.due_date;
      if (recurrence !== null && dueDate === null) return "recurrence-needs-due";
      const timing = {
        dueDate,
        dueTime: changes.dueTime !== undefined ? changes.dueTime : current.due_time,
        timeZone: changes.timeZone !== undefined ? changes.timeZone : current.time_zone,
        reminderMinutes:
          changes.reminderMinutes !== undefined
            ? changes.reminderMinutes
            : current.reminder_minutes === null
              ? null
              : Number(current.reminder_minutes),
      };
      if (timingProblem(timing)) return "due-time-incomplete";

      const wasCompleted = Boolean(current.completed);
      const completed = changes.completed ?? wasCompleted;
      const occurrence =
        completed && !wasCompleted && recurrence !== null && dueDate !== null
          ? nextOccurrence(recurrence, dueDate)
          : null;
      // Checked before anything is written: a refusal returns, and the transaction commits.
      if (occurrence && (await overLimit(ownerId, 1))) return "limit";

      const title = changes.title ?? current.title;
      const description = changes.description ?? current.description;
      const timestamp = now.toISOString();
      const tags = changes.tags ? JSON.stringify(changes.tags) : current.tags;
      const next: TaskRow = {
        ...current,
        list_id: listId,
        title,
        description,
        title_key: titleKey(title),
        completed,
        // Completing stamps the time once; reopening clears it; no change keeps it.
        completed_at:
          completed === wasCompleted ? current.completed_at : completed ? timestamp : null,
        priority: changes.priority ? priorityRank(changes.priority) : current.priority,
        due_date: dueDate,
        due_time: timing.dueTime,
        time_zone: timing.timeZone,
        reminder_minutes: timing.reminderMinutes,
        tags,
        parent_id: parentId,
        subtask_count: Number(current.subtask_count),
        subtasks_completed: Number(current.subtasks_completed),
        recurrence,
        position,
        created_at: toIso(current.created_at),
        updated_at: timestamp,
      };
      const result = await trx
        .updateTable("task")
        .set({
          list_id: listId,
          user_id: ownerId,
          title: next.title,
          description: next.description,
          title_key: next.title_key,
          search_text: searchText(title, description),
          completed: bool(completed),
          completed_at: next.completed_at === null ? null : toIso(next.completed_at),
          priority: next.priority,
          due_date: next.due_date,
          due_time: next.due_time,
          time_zone: next.time_zone,
          reminder_minutes: next.reminder_minutes,
          tags,
          tag_keys: tagKeys(JSON.parse(tags)),
          parent_id: parentId,
          recurrence,
          position,
          updated_at: timestamp,
        })
        .where("id", "=", id)
        .where(editableBy(userId))
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return undefined;
      if (listId !== current.list_id && current.subtask_count > 0) {
        await family.moveSubtasks(trx, id, listId, ownerId);
      }

      let nextTask: Task | undefined;
      if (occurrence) {
        const row: TaskRow = {
          ...next,
          id: randomUUID(),
          completed: false,
          completed_at: null,
          due_date: occurrence.dueDate,
          recurrence: occurrence.recurrence,
          subtask_count: 0,
          subtasks_completed: 0,
          created_at: timestamp,
        };
        await family.insert(trx, row, ownerId, userId);
        nextTask = toTask(row);
      }

      const parents: Task[] = [];
      const touched = new Set([current.parent_id, parentId]);
      const counted = parentId !== current.parent_id || completed !== wasCompleted || nextTask;
      for (const parent of touched) {
        if (parent === null || !counted) continue;
        const refreshed = await family.refreshCounts(trx, parent);
        if (refreshed) parents.push(refreshed);
      }
      return { task: toTask(next), previousListId: current.list_id, parents, next: nextTask };
    });
  };
}

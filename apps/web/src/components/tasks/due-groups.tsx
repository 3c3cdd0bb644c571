"use client";

import type { TaskList as List, Task, UpdateTaskInput } from "@todo/contract";
import { formatDay } from "./quick-chips";
import { ReadOnlyTask } from "./read-only-task";
import { TaskItem } from "./task-item";

interface Props {
  tasks: readonly Task[];
  /** Every list the user can see: a task shows which one it is in. */
  lists: readonly List[];
  today: string;
  activeId: string | null;
  isPending: (task: Task) => boolean;
  onUpdate: (task: Task, changes: UpdateTaskInput) => void;
  onDelete: (task: Task) => void;
}

/** Overdue, then each day in order (the tasks come sorted by due date). */
function groups(tasks: readonly Task[], today: string) {
  const out: { day: string; heading: string; tasks: Task[] }[] = [];
  for (const task of tasks) {
    const due = task.dueDate ?? today;
    const day = due < today ? "overdue" : due;
    let group = out.find((g) => g.day === day);
    if (!group) {
      const heading = day === "overdue" ? "Overdue" : day === today ? "Today" : formatDay(day);
      group = { day, heading, tasks: [] };
      out.push(group);
    }
    group.tasks.push(task);
  }
  return out;
}

/** A view's tasks under a heading per day, each task saying which list it is in. */
export function DueGroups({ tasks, lists, today, activeId, ...on }: Props) {
  const writable = lists.filter((list) => list.role !== "viewer");
  const active = tasks.some((t) => t.id === activeId) ? activeId : tasks[0]?.id;
  return (
    <>
      {groups(tasks, today).map((group) => (
        <section key={group.day} className="due-group" aria-labelledby={`day-${group.day}`}>
          <h2 id={`day-${group.day}`}>{group.heading}</h2>
          <ul className="task-list" aria-label={`Tasks: ${group.heading}`}>
            {group.tasks.map((task) => {
              const list = lists.find((l) => l.id === task.listId);
              return list?.role === "viewer" ? (
                <ReadOnlyTask
                  key={task.id}
                  task={task}
                  active={task.id === active}
                  listName={list.name}
                />
              ) : (
                <TaskItem
                  key={task.id}
                  task={task}
                  lists={writable}
                  listName={list?.name}
                  pending={on.isPending(task)}
                  active={task.id === active}
                  onUpdate={on.onUpdate}
                  onDelete={on.onDelete}
                />
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}

import type { Task } from "@todo/contract";
import { compareTasks } from "@todo/contract/order";
import { positionsAfter } from "@todo/contract/position";
import { describe, expect, it } from "vitest";
import { aTask } from "@/test/task";
import { moveBy, moveTo } from "./task-moves";

const keys = positionsAfter(null, 4);
const created = "2026-01-01T00:00:00.000Z";
const tasks = ["Buy milk", "Call mum", "Pay rent", "Water ferns"].map((title, index) =>
  aTask(index + 1, {
    title,
    position: keys[index] as string,
    createdAt: created,
    updatedAt: created,
  }),
);
const [milk, mum, rent, ferns] = tasks as [Task, Task, Task, Task];

/** The titles in manual order once the moved task carries its new key. */
function orderAfter(id: string, position: string | null): string[] {
  return tasks
    .map((task) => (task.id === id && position !== null ? { ...task, position } : task))
    .sort((a, b) => compareTasks(a, b, "manual", "asc"))
    .map((task) => task.title);
}

describe("moveTo", () => {
  it("places a task dragged down the list after the task it was dropped on", () => {
    const move = moveTo(tasks, milk.id, rent.id);
    expect(move?.placement).toEqual({ after: rent.id });
    expect(move?.announcement).toBe("Moved Buy milk after Pay rent");
    expect(orderAfter(milk.id, move?.position ?? null)).toEqual([
      "Call mum",
      "Pay rent",
      "Buy milk",
      "Water ferns",
    ]);
  });

  it("places a task dragged up the list before the task it was dropped on", () => {
    const move = moveTo(tasks, ferns.id, mum.id);
    expect(move?.placement).toEqual({ before: mum.id });
    expect(move?.announcement).toBe("Moved Water ferns before Call mum");
    expect(orderAfter(ferns.id, move?.position ?? null)).toEqual([
      "Buy milk",
      "Water ferns",
      "Call mum",
      "Pay rent",
    ]);
  });

  it("moves to the very start and the very end", () => {
    expect(orderAfter(rent.id, moveTo(tasks, rent.id, milk.id)?.position ?? null)[0]).toBe(
      "Pay rent",
    );
    expect(orderAfter(milk.id, moveTo(tasks, milk.id, ferns.id)?.position ?? null).at(-1)).toBe(
      "Buy milk",
    );
  });

  it("does nothing for a drop on the task itself or on a task not shown", () => {
    expect(moveTo(tasks, mum.id, mum.id)).toBeUndefined();
    expect(moveTo(tasks, mum.id, "00000000-0000-4000-8000-0000000000ff")).toBeUndefined();
  });

  it("leaves the key to the API when two neighbours share one", () => {
    const tied = tasks.map((task) =>
      task.id === rent.id ? { ...task, position: mum.position } : task,
    );
    const move = moveTo(tied, milk.id, mum.id);
    expect(move?.placement).toEqual({ after: mum.id });
    expect(move?.position).toBeNull();
  });
});

describe("moveBy", () => {
  it("moves one place up or down, and not past either end", () => {
    expect(moveBy(tasks, mum.id, -1)?.placement).toEqual({ before: milk.id });
    expect(moveBy(tasks, mum.id, 1)?.placement).toEqual({ after: rent.id });
    expect(moveBy(tasks, milk.id, -1)).toBeUndefined();
    expect(moveBy(tasks, ferns.id, 1)).toBeUndefined();
  });
});

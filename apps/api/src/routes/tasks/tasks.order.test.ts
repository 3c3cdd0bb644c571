import { SORT_ORDERS, TASK_SORTS, TASK_STATUSES, type Task } from "@todo/contract";
import { compareTasks, matchesFilters } from "@todo/contract/order";
import { expect, it } from "vitest";
import { describeApi } from "../../test/suite.js";

// The browser's cache orders and filters with the shared rules (@todo/contract/order); the API
// with SQL built from them. Both must give the same list, or a task would jump on reload.
describeApi("GET /api/tasks and the shared sort and filter rules", (ctx) => {
  it("returns every sort, order and filter in the order and with the tasks the rules give", async () => {
    const user = await ctx().createUser();
    const bodies = [
      { title: "b Report", priority: "high", dueDate: "2030-01-02" },
      { title: "a report", priority: "low", description: "quarterly" },
      { title: "C", priority: "medium", dueDate: "2030-01-01", completed: true },
      { title: "b report", priority: "high" },
      { title: "Δ élan", priority: "low", dueDate: "2030-01-02", completed: true },
      { title: "same", priority: "medium", dueDate: "2030-01-01" },
    ];
    const all: Task[] = [];
    for (const payload of bodies) {
      const response = await ctx().call(user, "POST", "/api/tasks", payload);
      expect(response.statusCode).toBe(201);
      all.push(response.json());
    }
    let checked = 0;
    for (const sort of TASK_SORTS) {
      for (const order of SORT_ORDERS) {
        for (const status of TASK_STATUSES) {
          for (const q of [undefined, "REPORT"]) {
            const query = new URLSearchParams({ sort, order, status, limit: "50" });
            if (q) query.set("q", q);
            const response = await ctx().call(user, "GET", `/api/tasks?${query}`);
            const served = (response.json().items as Task[]).map((task) => task.id);
            const expected = all
              .filter((task) => matchesFilters(task, { status, ...(q && { q }) }))
              .sort((a, b) => compareTasks(a, b, sort, order))
              .map((task) => task.id);
            expect(served, `${query}`).toEqual(expected);
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(TASK_SORTS.length * SORT_ORDERS.length * TASK_STATUSES.length * 2);
  });
});

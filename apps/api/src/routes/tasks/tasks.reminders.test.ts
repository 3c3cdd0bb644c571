import { expect, it } from "vitest";
import type { TestUser } from "../../test/helper.js";
import { describeApi } from "../../test/suite.js";

interface Task {
  id: string;
  dueDate: string | null;
  dueTime: string | null;
  timeZone: string | null;
  reminderMinutes: number | null;
  recurrence: string | null;
}

const TIMED = {
  dueDate: "2027-03-26",
  dueTime: "09:30",
  timeZone: "Europe/Paris",
  reminderMinutes: 15,
};

describeApi("Due time and reminder", (ctx) => {
  const create = async (user: TestUser, body: object) => {
    const response = await ctx().call(user, "POST", "/api/tasks", body);
    if (response.statusCode !== 201) throw new Error(response.body);
    return response.json() as Task;
  };

  it("stores a due time, its time zone and a reminder, and gives them back on every read", async () => {
    const user = await ctx().createUser();
    const task = await create(user, { title: "Dentist", ...TIMED });
    expect(task).toMatchObject(TIMED);
    const read = await ctx().call(user, "GET", `/api/tasks/${task.id}`);
    expect(read.json()).toMatchObject(TIMED);
    const listed = await ctx().call(user, "GET", "/api/tasks?dueFrom=2027-03-26&dueTo=2027-03-26");
    expect(listed.json().items).toEqual([expect.objectContaining(TIMED)]);
    const plain = await create(user, { title: "Plain" });
    expect(plain).toMatchObject({ dueTime: null, timeZone: null, reminderMinutes: null });
  });

  it("PATCH changes the reminder alone, and null clears the time and the reminder", async () => {
    const user = await ctx().createUser();
    const task = await create(user, { title: "Call", ...TIMED });
    const changed = await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, {
      reminderMinutes: 1440,
    });
    expect(changed.json()).toMatchObject({ ...TIMED, reminderMinutes: 1440 });
    const cleared = await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, {
      dueTime: null,
      timeZone: null,
      reminderMinutes: null,
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ dueDate: "2027-03-26", dueTime: null, timeZone: null });
  });

  it.each([
    [{ dueTime: "09:30", timeZone: "Europe/Paris" }],
    [{ dueDate: "2027-01-01", dueTime: "09:30" }],
    [{ dueDate: "2027-01-01", reminderMinutes: 5 }],
    [{ ...TIMED, dueTime: "24:00" }],
    [{ ...TIMED, dueTime: "9:30" }],
    [{ ...TIMED, dueTime: "09:30:00" }],
    [{ ...TIMED, timeZone: "Mars/Olympus_Mons" }],
    [{ ...TIMED, timeZone: "+01:00" }],
    [{ ...TIMED, timeZone: "x".repeat(65) }],
    [{ ...TIMED, timeZone: 1 }],
    [{ ...TIMED, reminderMinutes: 7 }],
    [{ ...TIMED, reminderMinutes: -5 }],
    [{ ...TIMED, reminderMinutes: 1e9 }],
    [{ ...TIMED, reminderMinutes: "15" }],
  ])("POST /api/tasks refuses %j with a 400", async (fields) => {
    const user = await ctx().createUser();
    const response = await ctx().call(user, "POST", "/api/tasks", { title: "x", ...fields });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json().code).toBe("VALIDATION_FAILED");
  });

  it("refuses a PATCH that would leave a time without its date or a reminder without a time", async () => {
    const user = await ctx().createUser();
    const task = await create(user, { title: "Timed", ...TIMED });
    for (const changes of [{ dueDate: null }, { timeZone: null }, { dueTime: null }]) {
      const response = await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, changes);
      expect(response.statusCode, JSON.stringify(changes)).toBe(400);
      expect(response.json().code).toBe("DUE_TIME_INCOMPLETE");
    }
    const plain = await create(user, { title: "Plain", dueDate: "2027-01-01" });
    const reminded = await ctx().call(user, "PATCH", `/api/tasks/${plain.id}`, {
      reminderMinutes: 5,
    });
    expect(reminded.json().code).toBe("DUE_TIME_INCOMPLETE");
    const unchanged = await ctx().call(user, "GET", `/api/tasks/${task.id}`);
    expect(unchanged.json()).toMatchObject(TIMED);
  });

  it("the next occurrence of a recurring task keeps its time, zone and reminder", async () => {
    const user = await ctx().createUser();
    const task = await create(user, { title: "Stand-up", ...TIMED, recurrence: "FREQ=DAILY" });
    await ctx().call(user, "PATCH", `/api/tasks/${task.id}`, { completed: true });
    const pending = (await ctx().call(user, "GET", "/api/tasks?status=pending")).json().items;
    // 2027-03-28 is the night Paris moves its clocks: the wall-clock time stays 09:30.
    expect(pending).toEqual([expect.objectContaining({ ...TIMED, dueDate: "2027-03-27" })]);
  });

  it("another user can neither read nor change a task's reminder", async () => {
    const alice = await ctx().createUser();
    const bob = await ctx().createUser();
    const task = await create(alice, { title: "Private", ...TIMED });
    const read = await ctx().call(bob, "GET", `/api/tasks/${task.id}`);
    expect(read.statusCode).toBe(404);
    const changed = await ctx().call(bob, "PATCH", `/api/tasks/${task.id}`, {
      reminderMinutes: 0,
    });
    expect(changed.statusCode).toBe(404);
    const mine = await ctx().call(alice, "GET", `/api/tasks/${task.id}`);
    expect(mine.json()).toMatchObject(TIMED);
  });

  it("export and import carry the time, zone and reminder", async () => {
    const alice = await ctx().createUser();
    await create(alice, { title: "Flight", ...TIMED });
    const file = (await ctx().call(alice, "GET", "/api/export")).json();
    expect(file.tasks[0]).toMatchObject(TIMED);
    const bob = await ctx().createUser();
    const imported = await ctx().call(bob, "POST", "/api/import", file);
    expect(imported.statusCode).toBe(201);
    const back = (await ctx().call(bob, "GET", "/api/tasks")).json().items;
    expect(back).toEqual([expect.objectContaining(TIMED)]);
    const broken = { lists: [], tasks: [{ ...file.tasks[0], dueDate: null, listId: undefined }] };
    const refused = await ctx().call(bob, "POST", "/api/import", broken);
    expect(refused.statusCode).toBe(400);
  });

  it("GET /openapi.json documents the new fields", async () => {
    const spec = (await ctx().app.inject({ url: "/openapi.json" })).json();
    for (const schema of ["Task", "CreateTask", "UpdateTask"]) {
      const properties = spec.components.schemas[schema].properties;
      for (const field of ["dueTime", "timeZone", "reminderMinutes"]) {
        expect(properties[field], `${schema}.${field}`).toBeDefined();
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import { parseQuickAdd, tokenKey } from "./parse-quick-add";

const lists = [
  { id: "11111111-1111-4111-8111-111111111111", name: "Work" },
  { id: "22222222-2222-4222-8222-222222222222", name: "Work trips" },
  { id: "33333333-3333-4333-8333-333333333333", name: "Garden" },
];

// One instant, two calendars: Monday 7 December 09:00 in Auckland, Sunday 6 December 12:00 in
// Los Angeles.
const NOW = new Date("2026-12-06T20:00:00Z");
const AUCKLAND = { now: NOW, timeZone: "Pacific/Auckland", lists };
const LOS_ANGELES = { now: NOW, timeZone: "America/Los_Angeles", lists };

describe("parseQuickAdd reads phrases in the user's time zone", () => {
  const table: [string, typeof AUCKLAND, Record<string, unknown>][] = [
    ["Buy milk tomorrow", AUCKLAND, { title: "Buy milk", dueDate: "2026-12-08" }],
    ["Buy milk tomorrow", LOS_ANGELES, { title: "Buy milk", dueDate: "2026-12-07" }],
    ["Call Sam next fri", AUCKLAND, { title: "Call Sam", dueDate: "2026-12-18" }],
    ["Call Sam next fri", LOS_ANGELES, { title: "Call Sam", dueDate: "2026-12-11" }],
    ["Renew passport in 3 days", AUCKLAND, { title: "Renew passport", dueDate: "2026-12-10" }],
    ["Renew passport in 3 days", LOS_ANGELES, { title: "Renew passport", dueDate: "2026-12-09" }],
    ["Wrap presents dec 24", LOS_ANGELES, { title: "Wrap presents", dueDate: "2026-12-24" }],
    ["Plan party jan 3", AUCKLAND, { title: "Plan party", dueDate: "2027-01-03" }],
    [
      "Water the ferns every monday !high @garden",
      AUCKLAND,
      {
        title: "Water the ferns",
        recurrence: "FREQ=WEEKLY;BYDAY=MO",
        dueDate: "2026-12-07",
        priority: "high",
        tags: ["garden"],
      },
    ],
    [
      "Water the ferns every monday !high @garden",
      LOS_ANGELES,
      { title: "Water the ferns", recurrence: "FREQ=WEEKLY;BYDAY=MO", dueDate: "2026-12-07" },
    ],
    [
      "Stand-up every mon and thu",
      LOS_ANGELES,
      { title: "Stand-up", recurrence: "FREQ=WEEKLY;BYDAY=MO,TH", dueDate: "2026-12-07" },
    ],
    [
      "Gym every weekday",
      LOS_ANGELES,
      { title: "Gym", recurrence: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", dueDate: "2026-12-07" },
    ],
    [
      "Clean the filter every 2 weeks",
      AUCKLAND,
      { title: "Clean the filter", recurrence: "FREQ=WEEKLY;INTERVAL=2", dueDate: "2026-12-07" },
    ],
    [
      "Bins every other week on fri",
      LOS_ANGELES,
      { title: "Bins", recurrence: "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", dueDate: "2026-12-11" },
    ],
    [
      "Pay rent every month on the 1st",
      AUCKLAND,
      { title: "Pay rent", recurrence: "FREQ=MONTHLY;BYMONTHDAY=1", dueDate: "2027-01-01" },
    ],
    [
      "Invoice every month on the 31st",
      AUCKLAND,
      { title: "Invoice", recurrence: "FREQ=MONTHLY;BYMONTHDAY=31", dueDate: "2026-12-31" },
    ],
    [
      "Stretch every day",
      LOS_ANGELES,
      { title: "Stretch", recurrence: "FREQ=DAILY", dueDate: "2026-12-06" },
    ],
    [
      "Check the boiler every year starting dec 24",
      LOS_ANGELES,
      { title: "Check the boiler starting", recurrence: "FREQ=YEARLY", dueDate: "2026-12-24" },
    ],
    ["Fix the bike !low", AUCKLAND, { title: "Fix the bike", priority: "low" }],
    ["Email about !urgent", AUCKLAND, { title: "Email about !urgent", tags: [] }],
    [
      "Book flights #work trips @travel @Travel",
      AUCKLAND,
      { title: "Book flights", listId: lists[1]?.id, tags: ["travel"] },
    ],
    ["Report #Work", AUCKLAND, { title: "Report", listId: lists[0]?.id }],
    ["Tidy #shed", AUCKLAND, { title: "Tidy #shed", tags: [] }],
    ["Meet at 5", AUCKLAND, { title: "Meet at 5", tags: [] }],
    ["Read a book", AUCKLAND, { title: "Read a book", tags: [] }],
    ["Plan the week", AUCKLAND, { title: "Plan the week", tags: [] }],
    ["Review the month", LOS_ANGELES, { title: "Review the month", tags: [] }],
    ["Apply a second coat", LOS_ANGELES, { title: "Apply a second coat", tags: [] }],
    ["Plan next week", LOS_ANGELES, { title: "Plan", dueDate: "2026-12-13" }],
  ];
  for (const [text, context, expected] of table) {
    it(`"${text}" in ${context.timeZone}`, () => {
      expect(parseQuickAdd(text, context)).toMatchObject(expected);
    });
  }

  it("takes the new day at midnight in the user's zone, not in UTC", () => {
    const before = { ...AUCKLAND, now: new Date("2026-12-06T10:59:00Z") }; // Sun 23:59 there
    const after = { ...AUCKLAND, now: new Date("2026-12-06T11:00:00Z") }; // Mon 00:00 there
    expect(parseQuickAdd("x tomorrow", before).dueDate).toBe("2026-12-07");
    expect(parseQuickAdd("x tomorrow", after).dueDate).toBe("2026-12-08");
    expect(parseQuickAdd("x every monday", before).dueDate).toBe("2026-12-07");
    expect(parseQuickAdd("x every monday", after).dueDate).toBe("2026-12-07");
    expect(parseQuickAdd("x every sunday", after).dueDate).toBe("2026-12-13");
  });

  it("names each token by its words, so a removed one stays in the title", () => {
    const text = "Water the ferns every monday !high @garden";
    const ignored = new Set([tokenKey("repeat", "every monday"), tokenKey("tag", "@garden")]);
    const parsed = parseQuickAdd(text, { ...AUCKLAND, ignored });
    expect(parsed).toMatchObject({ title: "Water the ferns every monday @garden", tags: [] });
    expect(parsed.dueDate).toBeUndefined();
    expect(parsed.recurrence).toBeUndefined();
    expect(parsed.tokens.map((token) => token.kind)).toEqual(["priority"]);
  });

  it("finds no tokens in plain words", () => {
    expect(parseQuickAdd("Ring the plumber", LOS_ANGELES)).toEqual({
      title: "Ring the plumber",
      tokens: [],
      tags: [],
    });
  });
});

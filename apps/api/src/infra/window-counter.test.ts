import { afterEach, expect, it, vi } from "vitest";
import { memoryWindowCounter, type WindowCount } from "./window-counter.js";

afterEach(() => {
  vi.useRealTimers();
});

function hit(counter: ReturnType<typeof memoryWindowCounter>, key: string): WindowCount {
  let result: WindowCount | undefined;
  counter.hit(key, (count) => {
    result = count;
  });
  if (!result) throw new Error("the memory counter answers before hit returns");
  return result;
}

it("counts a key's requests in its window, apart from other keys, and starts over after it", () => {
  vi.useFakeTimers({ now: 1_000_000 });
  const counter = memoryWindowCounter(60_000);
  expect(hit(counter, "a")).toEqual({ count: 1, resetInMs: 60_000 });
  vi.advanceTimersByTime(15_000);
  expect(hit(counter, "a")).toEqual({ count: 2, resetInMs: 45_000 });
  expect(hit(counter, "b")).toEqual({ count: 1, resetInMs: 60_000 });
  vi.advanceTimersByTime(45_000);
  expect(hit(counter, "a")).toEqual({ count: 1, resetInMs: 60_000 });
  expect(hit(counter, "b").count).toBe(2);
});

it("keeps counting a live key while many other keys come and go", () => {
  vi.useFakeTimers({ now: 1_000_000 });
  const counter = memoryWindowCounter(1_000);
  hit(counter, "kept");
  for (let i = 0; i < 50_000; i++) {
    if (i % 10_000 === 0) vi.advanceTimersByTime(100);
    hit(counter, `passing-${i}`);
  }
  expect(hit(counter, "kept").count).toBe(2);
  vi.advanceTimersByTime(1_000);
  expect(hit(counter, "kept").count).toBe(1);
});

it("holds at most 100,000 live windows and refuses a new key rather than evict one", () => {
  vi.useFakeTimers({ now: 1_000_000 });
  const counter = memoryWindowCounter(60_000);
  hit(counter, "victim");
  vi.advanceTimersByTime(1_000);
  for (let i = 1; i < 100_000; i++) hit(counter, `flood-${i}`);
  expect(hit(counter, "newcomer")).toEqual({ count: Number.POSITIVE_INFINITY, resetInMs: 59_000 });
  expect(hit(counter, "victim").count).toBe(2);
  expect(hit(counter, "flood-99999").count).toBe(2);
  vi.advanceTimersByTime(59_000);
  expect(hit(counter, "newcomer").count).toBe(1);
});

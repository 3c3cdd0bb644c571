let last = 0;

/**
 * Wall-clock time that never repeats or goes backwards within this process: two tasks created in
 * the same millisecond still sort in the order they were created ("newest first" means it).
 */
export function monotonicNow(): Date {
  const now = Math.max(Date.now(), last + 1);
  last = now;
  return new Date(now);
}

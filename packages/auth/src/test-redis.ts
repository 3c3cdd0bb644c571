import { Redis } from "ioredis";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * For tests: a connection to the Redis every machine runs, or undefined (with a visible notice)
 * where there is none. In CI a missing Redis fails the run instead of skipping.
 */
export async function connectTestRedis(): Promise<Redis | undefined> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.disconnect();
    if (process.env.CI) throw new Error(`Redis is required in CI: ${String(error)}`);
    console.warn(`NOTICE: Redis at ${REDIS_URL} is unreachable; skipping its tests.`);
    return undefined;
  }
}

/** A second, independent connection (another instance of the app). */
export function anotherTestRedis(): Redis {
  return new Redis(REDIS_URL);
}

import pino from "pino";

/** Lines are handed to the file descriptor in batches of about this many characters. */
const BATCH_CHARS = 16 * 1024;

export interface LogDestination {
  /** Takes one complete line (pino's stream interface); it may wait in the batch. */
  write(line: string): void;
  /** Hands the batch on and starts writing it (asynchronously). */
  flush(): void;
  /** Writes everything now, synchronously: when the server stops or the process exits. */
  flushSync(): void;
}

/**
 * Where every log line goes (pino's and the request lines, request-log.ts, in the order they were
 * written): gathered in memory as separate strings and handed to pino's asynchronous file writer
 * (sonic-boom) in batches. Under load each line handed over on its own cost the writer a copy of
 * its whole pending buffer, and the batch of a few kilobytes a trip through libuv's thread pool;
 * gathered, a line costs an array push (docs/decisions/0019-log-lines-in-batches.md). The caller
 * flushes on a timer, so a quiet server's lines wait at most that long, and at exit.
 */
export function createLogDestination(fd = 1): LogDestination {
  const file = pino.destination({ dest: fd, sync: false, minLength: 0 });
  let exitFile: ReturnType<typeof pino.destination> | undefined;
  const batch: string[] = [];
  let chars = 0;
  const handOn = () => {
    if (batch.length === 0) return;
    file.write(batch.join(""));
    batch.length = 0;
    chars = 0;
  };
  return {
    write(line) {
      batch.push(line);
      chars += line.length;
      if (chars >= BATCH_CHARS) handOn();
    },
    flush() {
      handOn();
      file.flush();
    },
    flushSync() {
      // Handed to the asynchronous writer, the batch would start a write that the exiting process
      // never waits for (sonic-boom's flushSync skips a write in flight): what the writer already
      // holds goes first, then the batch through a synchronous writer, in order.
      file.flushSync();
      if (batch.length === 0) return;
      exitFile ??= pino.destination({ dest: fd, sync: true, minLength: 0 });
      exitFile.write(batch.join(""));
      batch.length = 0;
      chars = 0;
    },
  };
}

import { describe, expect, it } from "vitest";
import { createSseParser, type SseMessage } from "./sse.js";

function parse(chunks: string[]): { messages: SseMessage[]; retries: number[] } {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const parser = createSseParser(
    (message) => messages.push(message),
    (ms) => retries.push(ms),
  );
  for (const chunk of chunks) parser.push(chunk);
  return { messages, retries };
}

describe("the Server-Sent Events reader", () => {
  it("reads id, event and data, keeps the last id across messages, and skips comments", () => {
    const { messages, retries } = parse([
      "retry: 1000\n\n: keep-alive\n\nid: 1-0\nevent: ready\ndata: {}\n\n",
      'event: task.deleted\ndata: {"id":"x"}\n\n',
    ]);
    expect(retries).toEqual([1000]);
    expect(messages).toEqual([
      { id: "1-0", event: "ready", data: "{}" },
      { id: "1-0", event: "task.deleted", data: '{"id":"x"}' },
    ]);
  });

  it("joins a message split anywhere across chunks, with \\n, \\r\\n or \\r line ends", () => {
    const text =
      'id: 2-0\r\nevent: task.created\r\ndata: {"a":1}\r\n\r\nid: 3-0\rdata: b\r\r: end\n';
    for (let cut = 1; cut < text.length; cut++) {
      const { messages } = parse([text.slice(0, cut), text.slice(cut)]);
      expect(messages).toEqual([
        { id: "2-0", event: "task.created", data: '{"a":1}' },
        { id: "3-0", event: "message", data: "b" },
      ]);
    }
  });

  it("ignores a retry that is not a number and an id containing NUL", () => {
    const { messages, retries } = parse(["retry: soon\nid: a\0b\ndata: x\n\n"]);
    expect(retries).toEqual([]);
    expect(messages).toEqual([{ id: "", event: "message", data: "x" }]);
  });

  it("drops a line longer than 1 MiB whole, however its rest arrives", () => {
    const long = `data: ${"x".repeat(1024 * 1024)}`;
    const { messages } = parse([
      "event: task.created\n",
      long.slice(0, 700_000),
      long.slice(700_000),
      // The line's end: were it read as a line of its own, it would be a data field.
      'data: {"forged":true}\n\n',
      "id: 2-0\nevent: task.deleted\ndata: {}\n\n",
    ]);
    expect(messages).toEqual([{ id: "2-0", event: "task.deleted", data: "{}" }]);
  });
});

/**
 * A Server-Sent Events reader (the HTML standard's "event stream" format) for a streamed `fetch`
 * body: the browser's EventSource cannot send an Authorization header. Text goes in as it arrives,
 * whole messages come out. Used by the web app's live sync and the API's tests.
 */
export interface SseMessage {
  /** The stream's last event id after this message (it persists from one message to the next). */
  readonly id: string;
  readonly event: string;
  readonly data: string;
}

export interface SseParser {
  push(text: string): void;
}

/** Lines longer than this are dropped whole: a stream cannot make the reader hold unbounded text. */
const MAX_LINE = 1024 * 1024;

export function createSseParser(
  onMessage: (message: SseMessage) => void,
  onRetry: (ms: number) => void = () => {},
): SseParser {
  let buffer = "";
  let lastId = "";
  let event = "";
  let data: string[] = [];
  /** The rest of an overlong line is still to come: it is skipped up to its end. */
  let skipping = false;

  const line = (text: string) => {
    if (text === "") {
      if (data.length > 0)
        onMessage({ id: lastId, event: event || "message", data: data.join("\n") });
      event = "";
      data = [];
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
    else if (field === "id" && !value.includes("\0")) lastId = value;
    else if (field === "retry" && /^\d{1,9}$/.test(value)) onRetry(Number(value));
  };

  return {
    push(text) {
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const char = buffer[i];
        if (char !== "\n" && char !== "\r") continue;
        // A \r at the very end may be the first half of \r\n: wait for the next chunk.
        if (char === "\r" && i === buffer.length - 1) break;
        if (skipping) skipping = false;
        else line(buffer.slice(start, i));
        if (char === "\r" && buffer[i + 1] === "\n") i++;
        start = i + 1;
      }
      buffer = buffer.slice(start);
      if (buffer.length > MAX_LINE) {
        buffer = "";
        skipping = true;
      }
    },
  };
}

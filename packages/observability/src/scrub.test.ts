import { describe, expect, it } from "vitest";
import { ScrubbingSpanProcessor } from "./scrub.js";

/** What the processor sees of a span: its attributes object, which the exporter reads later. */
function ended(attributes: Record<string, unknown>) {
  const span = { attributes: { ...attributes } };
  new ScrubbingSpanProcessor().onEnd(span as never);
  return span.attributes;
}

describe("the scrubbing span processor", () => {
  it("cuts the query string off every URL-like attribute", () => {
    expect(
      ended({
        "http.target": "/api/auth/token?access_token=secret",
        "http.url": "http://localhost:3000/tasks?code=secret",
        "url.full": "http://127.0.0.1:4000/api/tasks?q=secret",
        "url.path": "/api/tasks",
      }),
    ).toEqual({
      "http.target": "/api/auth/token",
      "http.url": "http://localhost:3000/tasks",
      "url.full": "http://127.0.0.1:4000/api/tasks",
      "url.path": "/api/tasks",
    });
  });

  it("redacts an invite code in a path, as log lines do", () => {
    expect(
      ended({
        "http.target": "/join/c0de-that-is-a-capability?x=1",
        "url.full": "http://127.0.0.1:4000/api/invites/c0de-that-is-a-capability/accept",
        "url.path": "/api/invites/c0de-that-is-a-capability",
      }),
    ).toEqual({
      "http.target": "/join/[redacted]",
      "url.full": "http://127.0.0.1:4000/api/invites/[redacted]/accept",
      "url.path": "/api/invites/[redacted]",
    });
  });

  it("removes url.query and every captured header", () => {
    expect(
      ended({
        "url.query": "access_token=secret",
        "http.request.header.authorization": ["Bearer secret"],
        "http.request.header.cookie": ["session=secret"],
        "http.response.header.set-cookie": ["session=secret"],
        "http.route": "/api/tasks",
      }),
    ).toEqual({ "http.route": "/api/tasks" });
  });

  it("leaves other attributes alone, a question mark in them included", () => {
    const attributes = { "db.query.text": "select ? from task", "http.response.status_code": 200 };
    expect(ended(attributes)).toEqual(attributes);
  });
});

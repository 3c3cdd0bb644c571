import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "./error-codes.js";
import { ProblemSchema } from "./problem.js";
import { PROBLEM_CONTENT_TYPE, PROBLEMS, problemAnswer, problemResponses } from "./problems.js";

describe("the problem catalogue", () => {
  it("defines every code with a status, a title, a detail and a description", () => {
    for (const code of ERROR_CODES) {
      const { status, headers, body } = problemAnswer(code);
      expect(status, code).toBe(PROBLEMS[code].status);
      expect(headers["content-type"]).toBe(PROBLEM_CONTENT_TYPE);
      const problem = ProblemSchema.parse(JSON.parse(body));
      expect(problem).toMatchObject({ type: "about:blank", status, code });
      expect(problem.title, code).not.toBe("Error");
      expect(PROBLEMS[code].description, code).toMatch(/\w/);
    }
  });

  it("answers 401s with the challenge of RFC 6750 §3: an error code only when a token was sent", () => {
    expect(problemAnswer("UNAUTHENTICATED").headers["www-authenticate"]).toBe(
      'Bearer realm="todo-api"',
    );
    expect(problemAnswer("INVALID_TOKEN").headers["www-authenticate"]).toMatch(
      /^Bearer realm="todo-api", error="invalid_token"/,
    );
  });

  it("lets a producer narrow the detail and add headers, never the status or the content type", () => {
    const answer = problemAnswer("PAYLOAD_TOO_LARGE", {
      detail: "At most 10 bytes.",
      headers: { "content-type": "text/html", "retry-after": "1" },
    });
    expect(answer.status).toBe(413);
    expect(answer.headers).toEqual({
      "content-type": PROBLEM_CONTENT_TYPE,
      "retry-after": "1",
    });
    expect(JSON.parse(answer.body)).toMatchObject({
      title: "Content Too Large",
      detail: "At most 10 bytes.",
    });
  });

  it("documents each status with the codes that answer with it", () => {
    const responses = problemResponses(401, 429);
    expect(responses[401].description).toContain("`UNAUTHENTICATED`");
    expect(responses[401].description).toContain("`INVALID_TOKEN`");
    expect(responses[429].description).toContain("`RATE_LIMITED`");
  });
});

import { SignedOutError } from "@/lib/access-token";
import { ApiError, NetworkError } from "@/lib/api-client";

/** A sentence for a person, from whatever went wrong. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return error.message;
  if (error instanceof SignedOutError) return error.message;
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((e) => e.message).join(" ");
    if (error.problem.status === 429)
      return "You are going a bit fast. Wait a moment and try again.";
    return fields || error.problem.detail || error.problem.title;
  }
  return "Something went wrong. Please try again.";
}

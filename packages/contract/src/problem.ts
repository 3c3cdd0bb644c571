import { z } from "zod";
import { ERROR_CODES } from "./error-codes.js";

/** RFC 9457 problem details, with a stable machine-readable `code` beside the human text. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.enum(ERROR_CODES).meta({ description: "Stable machine-readable reason" }),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), code: z.string() }))
      .optional(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof ProblemSchema>;

export const MeSchema = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    sessionId: z.string(),
    tokenExpiresAt: z.iso.datetime(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof MeSchema>;

import fastJson from "fast-json-stringify";
import { createSerializerCompiler } from "fastify-type-provider-zod";
import { type ZodType, z } from "zod";

const zodSerializer = createSerializerCompiler({});

type SerializerCompiler = Parameters<import("fastify").FastifyInstance["setSerializerCompiler"]>[0];

type JsonSchema = { [key: string]: unknown };
const PRIMITIVES = new Set(["string", "number", "integer", "boolean"]);

/**
 * `X | null` as `type: [X, "null"]` instead of `anyOf`: fast-json-stringify decides an `anyOf`
 * branch by validating each value with ajv at run time (the pattern and format of every nullable
 * date in every listed task), but a type list by `typeof`. The written JSON is the same.
 */
function flattenNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(flattenNullable);
  if (typeof node !== "object" || node === null) return node;
  const { anyOf, ...rest } = node as JsonSchema;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullAt = anyOf.findIndex((branch) => (branch as JsonSchema).type === "null");
    const { type, pattern: _pattern, ...other } = (anyOf[1 - nullAt] ?? {}) as JsonSchema;
    const simple = Object.keys(other).every((key) => key === "format" || key === "description");
    if (nullAt !== -1 && typeof type === "string" && PRIMITIVES.has(type) && simple) {
      return { ...rest, ...other, type: [type, "null"] };
    }
  }
  return Object.fromEntries(
    Object.entries(node as JsonSchema).map(([key, value]) => [key, flattenNullable(value)]),
  );
}

/**
 * Responses are shaped by the same zod schemas, converted once per route to JSON Schema and
 * compiled with fast-json-stringify: only declared members are written (nothing extra can leak),
 * at a fraction of the cost of running zod on every response. A schema JSON Schema cannot express
 * (an empty 204, say) falls back to zod.
 */
export const serializerCompiler: SerializerCompiler = (route) => {
  try {
    const jsonSchema = z.toJSONSchema(route.schema as ZodType, {
      io: "output",
      target: "draft-7",
      unrepresentable: "throw",
    });
    return fastJson(flattenNullable(jsonSchema) as Parameters<typeof fastJson>[0]);
  } catch {
    return zodSerializer(route as Parameters<typeof zodSerializer>[0]);
  }
};

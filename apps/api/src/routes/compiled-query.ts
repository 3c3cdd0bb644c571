import type { Compilable, CompiledQuery } from "kysely";

/** Stands for a request's value in a query built once: `slot("userId")`. */
export type Slot<Values> = (name: keyof Values & string) => never;

type Position<Values> = (keyof Values & string) | { readonly constant: unknown };

const MARKER = "\u0000query-value:";

/**
 * A query built and compiled once, then only filled in: Kysely builds an operation tree and
 * compiles it to SQL on every call, which on a short query costs more than running it. `build`
 * puts `slot(name)` where a request's value goes; each compiled parameter remembers which value it
 * stands for (or the constant the builder put there), and `fill` orders a request's values to
 * match. The SQL text is then the same on every call: the SQLite statement cache finds the same
 * prepared statement, and PostgreSQL gets one named statement per connection.
 */
export function compileOnce<Values extends object, Row>(
  build: (slot: Slot<Values>) => Compilable<Row>,
): (values: Values) => CompiledQuery<Row> {
  const slot = ((name: string) => `${MARKER}${name}`) as unknown as Slot<Values>;
  const compiled = build(slot).compile();
  const positions: Position<Values>[] = compiled.parameters.map((parameter) =>
    typeof parameter === "string" && parameter.startsWith(MARKER)
      ? (parameter.slice(MARKER.length) as keyof Values & string)
      : { constant: parameter },
  );
  return (values) => ({
    ...compiled,
    parameters: positions.map((position) =>
      typeof position === "string" ? values[position] : position.constant,
    ),
  });
}

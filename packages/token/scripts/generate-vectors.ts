/**
 * Writes packages/token/vectors/v1.json, the conformance vectors of the access-token contract
 * (docs/contract.md). Run with `npm run vectors`. Refuses to write a file the TypeScript verifier
 * disagrees with: the expectations come from the contract, the verifier must meet them.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkVectors } from "../src/test/check-vectors.js";
import { buildVectors } from "../src/test/vectors.js";

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "../vectors/v1.json");
const vectors = buildVectors();
const failures = await checkVectors(vectors);
if (failures.length > 0) {
  for (const failure of failures) process.stderr.write(`${failure}\n`);
  process.stderr.write(
    `\n${failures.length} vector(s) disagree with the verifier; nothing written.\n`,
  );
  process.exit(1);
}
writeFileSync(file, `${JSON.stringify(vectors, null, 2)}\n`);
process.stdout.write(
  `wrote ${path.relative(process.cwd(), file)}: ${vectors.cases.length} cases\n`,
);

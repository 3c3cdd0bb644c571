// `npm run weight [route]`: the first-load JavaScript of a page (the tasks page by default), in
// the sentence docs/web-app.md quotes; exits 1 above the budget. The measurement is lib/web-weight.mjs.
import { BUDGET_KB, describeWeight, measureFirstLoad } from "./lib/web-weight.mjs";

const weight = measureFirstLoad(process.argv[2] ?? "/tasks");
console.info(`${describeWeight(weight)}.`);
if (weight.gzippedBytes / 1024 > BUDGET_KB) {
  console.error(`over the budget of ${BUDGET_KB} KB gzipped`);
  process.exit(1);
}

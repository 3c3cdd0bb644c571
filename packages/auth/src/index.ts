export { authSchemaOptions } from "./schema-options.js";

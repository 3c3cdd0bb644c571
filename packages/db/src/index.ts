export { createDatabase, type Database, type DatabaseOptions } from "./create-database.js";
export {
  type DatabaseConfig,
  DEFAULT_SQLITE_FILE,
  databaseConfigFrom,
  describeDatabase,
  parseDatabaseUrl,
} from "./database-url.js";
export { isDatabaseUnavailable, isForeignKeyViolation } from "./errors.js";
export type { DatabaseSchema, ListTable, TaskTable, UserTable } from "./schema.js";

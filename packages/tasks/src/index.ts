export * from "./entity.js";
export * from "./error-codes.js";
export * from "./events.js";
export * from "./list.js";
export * from "./lists.js";
export * from "./problem.js";
export * from "./sse.js";
export * from "./task.js";

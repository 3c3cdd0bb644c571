export * from "./list.js";
export * from "./problem.js";
export * from "./task.js";

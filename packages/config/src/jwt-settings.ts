export const DEFAULT_WEB_ORIGIN = "http://localhost:3000";
export const DEFAULT_API_ORIGIN = "http://localhost:4000";
export const DEFAULT_AUDIENCE = "todo-api";

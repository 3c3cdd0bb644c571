export const DEFAULT_WEB_ORIGIN = "http://localhost:3000";
export const DEFAULT_API_ORIGIN = "http://localhost:4000";
export const DEFAULT_AUDIENCE = "todo-api";

/**
 * Live sessions one user may hold (MAX_SESSIONS_PER_USER): enough for every device a person
 * uses and then some, few enough that the account page's list stays readable and "sign out other
 * devices" has a known bound. A new sign-in beyond it ends and revokes the oldest.
 */
export const DEFAULT_MAX_SESSIONS_PER_USER = 30;
export const MAX_SESSIONS_PER_USER_LIMIT = 100;

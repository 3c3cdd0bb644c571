/**
 * The colour theme a visitor chose on this device: "system" follows prefers-color-scheme. It is
 * kept in a readable cookie (a preference, not a secret) so that the server renders the `<html>`
 * element with the right theme and the first paint is already right without any inline script
 * (decision 0014).
 */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The cookie's value is whatever the client sent: anything but an exact known name is "system". */
export function parseTheme(value: unknown): Theme {
  return THEMES.find((theme) => theme === value) ?? "system";
}

/** The Set-Cookie string the browser stores for a choice (SameSite=Lax, Secure over https). */
export function themeCookie(theme: Theme, secure: boolean): string {
  const attributes = [`Path=/`, `Max-Age=${ONE_YEAR_SECONDS}`, "SameSite=Lax"];
  if (secure) attributes.push("Secure");
  return [`${THEME_COOKIE}=${theme}`, ...attributes].join("; ");
}

import { describe, expect, it } from "vitest";
import { parseTheme, THEMES, themeCookie } from "./theme";

describe("parseTheme", () => {
  it("accepts exactly the known themes", () => {
    for (const theme of THEMES) expect(parseTheme(theme)).toBe(theme);
  });

  it("falls back to the system theme for anything else a client sends", () => {
    const hostile = [
      undefined,
      null,
      "",
      "Dark",
      " dark",
      "dark ",
      "dark;",
      '"dark"',
      "light dark",
      "constructor",
      "__proto__",
      "x".repeat(4096),
      ["dark"],
      { toString: () => "dark" },
    ];
    for (const value of hostile) expect(parseTheme(value)).toBe("system");
  });
});

describe("themeCookie", () => {
  it("is a site-wide, year-long, SameSite=Lax cookie", () => {
    expect(themeCookie("dark", false)).toBe("theme=dark; Path=/; Max-Age=31536000; SameSite=Lax");
  });

  it("is Secure over https", () => {
    expect(themeCookie("light", true)).toBe(
      "theme=light; Path=/; Max-Age=31536000; SameSite=Lax; Secure",
    );
  });
});

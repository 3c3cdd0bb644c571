"use client";

import { useState } from "react";
import { parseTheme, type Theme, themeCookie } from "@/lib/theme";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/**
 * Switches at once (the `<html>` attribute the stylesheet keys on) and remembers the choice for
 * this device in the cookie the server reads on the next page load (decision 0014).
 */
export function ThemeSwitcher({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState(initial);
  const choose = (value: string) => {
    const next = parseTheme(value);
    setTheme(next);
    document.documentElement.dataset.theme = next;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser yet
    document.cookie = themeCookie(next, location.protocol === "https:");
  };
  return (
    <div className="theme-switcher">
      <label htmlFor="theme">Theme</label>
      <select id="theme" value={theme} onChange={(e) => choose(e.target.value)}>
        {Object.entries(LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

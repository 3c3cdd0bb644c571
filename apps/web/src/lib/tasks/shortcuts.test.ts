import { describe, expect, it } from "vitest";
import { type KeyPress, type KeyTarget, keyLabel, SHORTCUTS, shortcutFor } from "./shortcuts";

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  shiftKey: false,
  repeat: false,
  ...extra,
});
const TARGETS: KeyTarget[] = ["typing", "task", "in-task", "page"];

describe("shortcutFor", () => {
  it("maps each key of the table to its action on a focused task", () => {
    for (const shortcut of SHORTCUTS) {
      for (const key of shortcut.keys)
        expect(shortcutFor(press(key), "task")).toBe(shortcut.action);
    }
  });

  it("never fires while the user types in a field", () => {
    for (const shortcut of SHORTCUTS) {
      for (const key of shortcut.keys) expect(shortcutFor(press(key), "typing")).toBeNull();
    }
  });

  it("leaves Ctrl, Alt and Meta combinations to the browser and assistive technology", () => {
    for (const modifier of ["ctrlKey", "altKey", "metaKey"] as const) {
      for (const target of TARGETS) {
        expect(shortcutFor(press("n", { [modifier]: true }), target)).toBeNull();
        expect(shortcutFor(press("ArrowDown", { [modifier]: true }), target)).toBeNull();
      }
    }
  });

  it("takes the shifted characters but not Shift with a named key or a capital letter", () => {
    expect(shortcutFor(press("?", { shiftKey: true }), "page")).toBe("help");
    expect(shortcutFor(press("#", { shiftKey: true }), "in-task")).toBe("delete");
    expect(shortcutFor(press("ArrowDown", { shiftKey: true }), "task")).toBeNull();
    expect(shortcutFor(press("N", { shiftKey: true }), "page")).toBeNull();
  });

  it("leaves Space and Enter to a focused button or checkbox, and to the page", () => {
    for (const target of ["in-task", "page"] as const) {
      expect(shortcutFor(press(" "), target)).toBeNull();
      expect(shortcutFor(press("Enter"), target)).toBeNull();
    }
  });

  it("leaves the arrow keys to the page outside the list", () => {
    expect(shortcutFor(press("ArrowDown"), "page")).toBeNull();
    expect(shortcutFor(press("ArrowUp"), "in-task")).toBe("previous");
    expect(shortcutFor(press("j"), "page")).toBe("next");
  });

  it("repeats moves while a key is held, never a change", () => {
    expect(shortcutFor(press("j", { repeat: true }), "task")).toBe("next");
    expect(shortcutFor(press("x", { repeat: true }), "task")).toBeNull();
    expect(shortcutFor(press("Delete", { repeat: true }), "task")).toBeNull();
  });

  it("ignores keys pressed while an input method composes text, and unknown keys", () => {
    expect(shortcutFor(press("n", { isComposing: true }), "page")).toBeNull();
    for (const key of ["q", "Escape", "Tab", "Backspace", "Process", ""]) {
      expect(shortcutFor(press(key), "task")).toBeNull();
    }
  });

  it("gives every key one action only", () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("keyLabel", () => {
  it("names the keys that show as symbols or blanks", () => {
    expect(keyLabel(" ")).toEqual({ shown: "Space", spoken: "Space" });
    expect(keyLabel("ArrowDown")).toEqual({ shown: "↓", spoken: "Down arrow" });
    expect(keyLabel("#")).toEqual({ shown: "#", spoken: "Hash" });
    expect(keyLabel("j")).toEqual({ shown: "j", spoken: "j" });
  });
});

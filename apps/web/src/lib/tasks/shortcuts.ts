/**
 * The tasks page's keyboard shortcuts: one table, read by the key handler, the help dialog and
 * docs/web-app.md. A shortcut never fires while the user types in a field or holds Ctrl, Alt or Meta
 * (the browser's and the screen reader's own commands), and keys that already mean something on
 * a focused control (Space, Enter, arrows) are shortcuts only on a task itself.
 */
export type ShortcutAction =
  | "new"
  | "search"
  | "next"
  | "previous"
  | "complete"
  | "edit"
  | "delete"
  | "undo"
  | "help";

export interface Shortcut {
  action: ShortcutAction;
  /** KeyboardEvent.key values; the first is the one to teach. */
  keys: readonly string[];
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: "new", keys: ["n"], description: "New task" },
  { action: "search", keys: ["/"], description: "Search" },
  { action: "next", keys: ["j", "ArrowDown"], description: "Next task" },
  { action: "previous", keys: ["k", "ArrowUp"], description: "Previous task" },
  { action: "complete", keys: ["x", " "], description: "Complete or reopen the task" },
  { action: "edit", keys: ["e", "Enter"], description: "Edit the task's title" },
  { action: "delete", keys: ["#", "Delete"], description: "Delete the task" },
  { action: "undo", keys: ["u"], description: "Undo the last delete or completion" },
  { action: "help", keys: ["?"], description: "Show the shortcuts" },
];

/**
 * Where the key was pressed: in a field that takes text ("typing"), on a task of the list itself
 * ("task"), on a control inside a task ("in-task"), or anywhere else on the page.
 */
export type KeyTarget = "typing" | "task" | "in-task" | "page";

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
  isComposing?: boolean;
}

/** Keys a focused button, checkbox or the page would use themselves (press, scroll). */
const ON_TASK_ONLY = new Set([" ", "Enter"]);
const IN_LIST_ONLY = new Set(["ArrowDown", "ArrowUp"]);
/** Holding a key down repeats only moves, never changes. */
const REPEATABLE = new Set<ShortcutAction>(["next", "previous"]);

export function shortcutFor(press: KeyPress, target: KeyTarget): ShortcutAction | null {
  if (target === "typing" || press.isComposing) return null;
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  // Shift makes "?" and "#" on most layouts; with a named key (Shift+ArrowDown) it selects.
  if (press.shiftKey && press.key.length > 1) return null;
  if (ON_TASK_ONLY.has(press.key) && target !== "task") return null;
  if (IN_LIST_ONLY.has(press.key) && target === "page") return null;
  const shortcut = SHORTCUTS.find((s) => s.keys.includes(press.key));
  if (!shortcut) return null;
  if (press.repeat && !REPEATABLE.has(shortcut.action)) return null;
  return shortcut.action;
}

const KEY_NAMES: Record<string, string> = {
  " ": "Space",
  ArrowDown: "↓",
  ArrowUp: "↑",
};
const SPOKEN_KEY_NAMES: Record<string, string> = {
  " ": "Space",
  ArrowDown: "Down arrow",
  ArrowUp: "Up arrow",
  "#": "Hash",
  "/": "Slash",
  "?": "Question mark",
};

/** How a key is shown, and how it is read out where the shown name is a symbol. */
export function keyLabel(key: string): { shown: string; spoken: string } {
  return { shown: KEY_NAMES[key] ?? key, spoken: SPOKEN_KEY_NAMES[key] ?? key };
}

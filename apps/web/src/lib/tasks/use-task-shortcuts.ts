"use client";

import { useEffect, useRef, useState } from "react";
import { type KeyTarget, type ShortcutAction, shortcutFor } from "./shortcuts";

/**
 * The tasks page's keyboard: the key table is in shortcuts.ts; this hook finds what a key acts
 * on in the page. Elements take part through attributes, so the components keep no key logic:
 * `data-task-id` marks a task of the list (one of them is in the tab order: a roving tabindex),
 * `data-shortcut="<action>"` the control an action presses or focuses (inside the task for
 * complete, edit and delete). A shortcut does exactly what pressing that control does.
 *
 * `listKey` changes whenever the list's tasks do (their ids, in order): a task the user had focused
 * may have been replaced (a draft by the saved task) or removed, and focus then stays in its place.
 */
export function useTaskShortcuts(listKey: string) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const lastFocused = useRef<{ element: Element; index: number } | null>(null);

  useEffect(() => {
    const last = lastFocused.current;
    if (!last || listKey === "") return;
    const frame = requestAnimationFrame(() => {
      if (!last.element.isConnected && focusIsLost()) focusTaskAt(last.index);
    });
    return () => cancelAnimationFrame(frame);
  }, [listKey]);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const task = taskOf(event.target);
      const id = task?.dataset.taskId;
      if (id) setActiveId(id);
      lastFocused.current =
        task && event.target instanceof Element
          ? { element: event.target, index: tasks().indexOf(task) }
          : null;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      // A dialog (this page's help, or any other) has its own keys.
      if (event.defaultPrevented || isInOpenDialog(event.target)) return;
      const task = taskOf(event.target);
      // Whatever a key does inside a task (save, cancel, delete) may remove the focused control.
      if (task) keepFocusNear(task);
      const action = shortcutFor(event, targetOf(event.target));
      if (action && run(action, task, () => setHelpOpen(true))) event.preventDefault();
    };
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return {
    /** The task in the tab order (the last one that had focus; the first when none did). */
    activeId,
    helpOpen,
    openHelp: () => setHelpOpen(true),
    closeHelp: () => setHelpOpen(false),
  };
}

/** Runs an action; false when it had nothing to act on (the key then does what it always does). */
function run(action: ShortcutAction, task: HTMLElement | null, openHelp: () => void): boolean {
  switch (action) {
    case "help":
      openHelp();
      return true;
    case "new":
    case "search":
    case "undo":
      return press(document.querySelector(`[data-shortcut="${action}"]`));
    case "next":
    case "previous":
      return move(task, action === "next" ? 1 : -1);
    default:
      return press(task?.querySelector(`[data-shortcut="${action}"]`) ?? null);
  }
}

function press(control: Element | null): boolean {
  if (!(control instanceof HTMLElement)) return false;
  if (control instanceof HTMLInputElement && control.type !== "checkbox") {
    control.focus();
    control.select();
  } else {
    control.click();
  }
  return true;
}

function tasks(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>("[data-task-id]")];
}

/** From a task to its neighbour; from outside the list to the task in the tab order. */
function move(from: HTMLElement | null, step: 1 | -1): boolean {
  const all = tasks();
  if (all.length === 0) return false;
  const index = from ? all.indexOf(from) + step : all.findIndex((t) => t.tabIndex === 0);
  all[Math.min(Math.max(index, 0), all.length - 1)]?.focus();
  return true;
}

/**
 * When the focused control goes away (an edit saved or cancelled, a task deleted, completed out
 * of a filtered list), focus would fall back to the page's start: put it on the same task, or
 * the one now in its place, instead. Watches for a few frames, until the list has re-rendered.
 */
function keepFocusNear(task: HTMLElement): void {
  const id = task.dataset.taskId;
  const index = tasks().indexOf(task);
  let frames = 0;
  const check = () => {
    if (focusIsLost()) {
      const same = tasks().find((t) => t.dataset.taskId === id);
      if (same) same.focus();
      else focusTaskAt(index);
      return;
    }
    if (taskOf(document.activeElement)?.dataset.taskId === id && ++frames < 30) {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

/** Focus fell back to the page's start because the focused element went away. */
function focusIsLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

function focusTaskAt(index: number): void {
  const all = tasks();
  all[Math.min(index, all.length - 1)]?.focus();
}

function taskOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>("[data-task-id]") : null;
}

function isInOpenDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest("dialog[open]") !== null;
}

const TEXT_ENTRY =
  'textarea, select, input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"], [type="reset"])';

function targetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof HTMLElement)) return "page";
  if (target.isContentEditable || target.matches(TEXT_ENTRY)) return "typing";
  // Keys that belong to the control: a drag handle takes Space and the arrows while it moves its
  // item (sortable-item.tsx), and a task's subtasks are not the task (subtasks.tsx).
  if (target.closest("[data-own-keys]")) return "typing";
  const task = taskOf(target);
  if (task === target) return "task";
  return task ? "in-task" : "page";
}

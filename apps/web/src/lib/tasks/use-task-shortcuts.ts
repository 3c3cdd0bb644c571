"use client";

import { useEffect, useState } from "react";
import { type KeyTarget, type ShortcutAction, shortcutFor } from "./shortcuts";

/**
 * The tasks page's keyboard: the key table is in shortcuts.ts; this hook finds what a key acts
 * on in the page. Elements take part through attributes, so the components keep no key logic:
 * `data-task-id` marks a task of the list (one of them is in the tab order: a roving tabindex),
 * `data-shortcut="<action>"` the control an action presses or focuses (inside the task for
 * complete, edit and delete). A shortcut does exactly what pressing that control does.
 */
export function useTaskShortcuts() {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const id = taskOf(event.target)?.dataset.taskId;
      if (id) setActiveId(id);
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
    const focused = document.activeElement;
    if (focused === null || focused === document.body) {
      const all = tasks();
      const same = all.find((t) => t.dataset.taskId === id);
      (same ?? all[Math.min(index, all.length - 1)])?.focus();
      return;
    }
    if (taskOf(focused)?.dataset.taskId === id && ++frames < 30) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
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
  const task = taskOf(target);
  if (task === target) return "task";
  return task ? "in-task" : "page";
}

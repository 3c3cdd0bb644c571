"use client";

import type { QuickKind, QuickToken } from "@/lib/quick-add/parse-quick-add";
import { describeRecurrence } from "@/lib/tasks/recurrence-words";

const KIND_NAMES: Record<QuickKind, string> = {
  due: "due date",
  repeat: "repeat",
  priority: "priority",
  tag: "tag",
  list: "list",
};

export function formatDay(day: string): string {
  return new Date(`${day}T12:00:00`).toLocaleDateString(undefined, {
    weekday: "short",
    month: "short",
    day: "numeric",
  });
}

function describe(token: QuickToken, lists: readonly { id: string; name: string }[]) {
  switch (token.kind) {
    case "due":
      return { shown: `Due ${formatDay(token.value)}`, name: formatDay(token.value) };
    case "repeat": {
      const words = describeRecurrence(token.value.split("|")[0] ?? "");
      return { shown: words, name: words };
    }
    case "priority":
      return {
        shown: `${token.value[0]?.toUpperCase()}${token.value.slice(1)} priority`,
        name: token.value,
      };
    case "tag":
      return { shown: `@${token.value}`, name: token.value };
    case "list": {
      const name = lists.find((list) => list.id === token.value)?.name ?? token.text;
      return { shown: `In ${name}`, name };
    }
  }
}

/**
 * What quick add understood, before the task is saved: one button per token, which turns it
 * back into words of the title ("Remove due date Mon, Dec 7").
 */
export function QuickChips({
  tokens,
  lists,
  onRemove,
}: {
  tokens: readonly QuickToken[];
  lists: readonly { id: string; name: string }[];
  onRemove: (token: QuickToken) => void;
}) {
  return (
    <div className="quick-chips" aria-live="polite">
      {tokens.length > 0 && (
        <ul aria-label="Understood from the title">
          {tokens.map((token) => {
            const { shown, name } = describe(token, lists);
            return (
              <li key={`${token.key}@${token.start}`}>
                <button
                  type="button"
                  className="chip"
                  aria-label={`Remove ${KIND_NAMES[token.kind]} ${name}`}
                  title={`Keep “${token.text}” as words of the title`}
                  onClick={() => onRemove(token)}
                >
                  {shown} <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

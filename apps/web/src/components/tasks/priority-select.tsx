import { PRIORITIES, type Priority } from "@todo/contract";
import type { SelectHTMLAttributes } from "react";

const LABELS: Record<Priority, string> = { low: "Low", medium: "Medium", high: "High" };

/** The three priorities, in rank order; every other attribute passes through. */
export function PrioritySelect(props: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select {...props}>
      {PRIORITIES.map((priority) => (
        <option key={priority} value={priority}>
          {LABELS[priority]}
        </option>
      ))}
    </select>
  );
}

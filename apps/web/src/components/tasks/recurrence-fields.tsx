"use client";

import { FREQUENCIES, type Frequency, RECURRENCE_INTERVAL_MAX, WEEKDAYS } from "@todo/contract";
import { useState } from "react";
import { draftOf, type RecurrenceDraft, ruleOf } from "@/lib/tasks/recurrence-form";
import { describeRecurrence } from "@/lib/tasks/recurrence-words";

const FREQ_NAMES: Record<Frequency, string> = {
  DAILY: "Daily",
  WEEKLY: "Weekly",
  MONTHLY: "Monthly",
  YEARLY: "Yearly",
};
const UNITS: Record<Frequency, string> = {
  DAILY: "days",
  WEEKLY: "weeks",
  MONTHLY: "months",
  YEARLY: "years",
};
const DAY_NAMES = { MO: "Mon", TU: "Tue", WE: "Wed", TH: "Thu", FR: "Fri", SA: "Sat", SU: "Sun" };

/**
 * The task editor's "Repeat" fields: none, daily, weekly (on which days), monthly (on which day)
 * or yearly, every N of them, said back in words. The rule goes into the form as `recurrence`.
 */
export function RecurrenceFields({
  id,
  rule,
  due,
}: {
  id: string;
  rule: string | null;
  due: string;
}) {
  const [draft, setDraft] = useState<RecurrenceDraft>(() => draftOf(rule, due));
  const change = (next: Partial<RecurrenceDraft>) => setDraft((d) => ({ ...d, ...next }));
  const value = ruleOf(draft);
  return (
    <fieldset className="wide recurrence">
      <legend>Repeat</legend>
      <input type="hidden" name="recurrence" value={value ?? ""} />
      <div className="row">
        <label htmlFor={`${id}-freq`} className="sr-only">
          Repeats
        </label>
        <select
          id={`${id}-freq`}
          value={draft.freq}
          onChange={(e) => change({ freq: e.target.value as Frequency | "" })}
        >
          <option value="">Does not repeat</option>
          {FREQUENCIES.map((freq) => (
            <option key={freq} value={freq}>
              {FREQ_NAMES[freq]}
            </option>
          ))}
        </select>
        {draft.freq !== "" && (
          <>
            <label htmlFor={`${id}-interval`}>Every</label>
            <input
              id={`${id}-interval`}
              type="number"
              min={1}
              max={RECURRENCE_INTERVAL_MAX}
              value={draft.interval}
              onChange={(e) =>
                change({
                  interval: Math.min(
                    RECURRENCE_INTERVAL_MAX,
                    Math.max(1, e.target.valueAsNumber || 1),
                  ),
                })
              }
            />
            <span>{UNITS[draft.freq]}</span>
          </>
        )}
      </div>
      {draft.freq === "WEEKLY" && (
        <fieldset className="weekdays">
          <legend>On</legend>
          {WEEKDAYS.map((day) => (
            <label key={day}>
              <input
                type="checkbox"
                checked={draft.byDay.includes(day)}
                onChange={(e) =>
                  change({
                    byDay: e.target.checked
                      ? [...draft.byDay, day]
                      : draft.byDay.filter((d) => d !== day),
                  })
                }
              />
              {DAY_NAMES[day]}
            </label>
          ))}
        </fieldset>
      )}
      {draft.freq === "MONTHLY" && (
        <div className="row">
          <label htmlFor={`${id}-monthday`}>On day</label>
          <input
            id={`${id}-monthday`}
            type="number"
            min={1}
            max={31}
            value={draft.monthDay}
            onChange={(e) =>
              change({ monthDay: Math.min(31, Math.max(1, e.target.valueAsNumber || 1)) })
            }
          />
        </div>
      )}
      <p className="hint" aria-live="polite">
        {value ? describeRecurrence(value) : "Does not repeat"}
      </p>
    </fieldset>
  );
}

"use client";

import { REMINDER_MINUTES, type Task, type UpdateTaskInput } from "@todo/contract";
import { useState } from "react";
import { describeReminder } from "@/lib/reminders/schedule";

type Permission = NotificationPermission | "unsupported";

function currentPermission(): Permission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** The zone the device is in: the one a time set here is read in (decision 0031). */
function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The due time and reminder changes the editor's form asks for. A time is kept in the zone it
 * was set in unless it changes; without a date there is no time, and without a time no reminder.
 */
export function timingChanges(
  task: Task,
  form: FormData,
  dueDate: string | null,
): Partial<UpdateTaskInput> {
  const time = dueDate ? String(form.get("dueTime") ?? "") || null : null;
  const raw = String(form.get("reminderMinutes") ?? "");
  const reminder = time && raw !== "" ? Number(raw) : null;
  const changes: Partial<UpdateTaskInput> = {};
  if (time !== task.dueTime) {
    changes.dueTime = time;
    changes.timeZone = time ? deviceTimeZone() : null;
  }
  if (reminder !== task.reminderMinutes) changes.reminderMinutes = reminder;
  return changes;
}

const PERMISSION_NOTE: Partial<Record<Permission, string>> = {
  default: "The browser will ask whether this site may show notifications.",
  denied:
    "Notifications are blocked for this site, so reminders cannot show. Allow them in the browser's site settings.",
  unsupported: "This browser cannot show notifications.",
};

/**
 * The editor's "Time" and "Remind me" fields. Choosing a reminder is the gesture that asks for
 * the notification permission, once; the note under the fields says what the browser allows.
 */
export function DueTimeFields({ task }: { task: Task }) {
  const [permission, setPermission] = useState<Permission>(currentPermission);
  const [reminder, setReminder] = useState(task.reminderMinutes?.toString() ?? "");
  const note = reminder !== "" ? PERMISSION_NOTE[permission] : undefined;
  return (
    <>
      <div>
        <label htmlFor={`time-${task.id}`}>Time</label>
        <input
          id={`time-${task.id}`}
          name="dueTime"
          type="time"
          defaultValue={task.dueTime ?? ""}
        />
      </div>
      <div>
        <label htmlFor={`remind-${task.id}`}>Remind me</label>
        <select
          id={`remind-${task.id}`}
          name="reminderMinutes"
          value={reminder}
          aria-describedby={note ? `remind-note-${task.id}` : undefined}
          onChange={(event) => {
            setReminder(event.currentTarget.value);
            if (event.currentTarget.value !== "" && permission === "default") {
              void Notification.requestPermission().then(setPermission);
            }
          }}
        >
          <option value="">No reminder</option>
          {REMINDER_MINUTES.map((minutes) => (
            <option key={minutes} value={minutes}>
              {minutes === 0 ? "At the time" : describeReminder(minutes)}
            </option>
          ))}
        </select>
      </div>
      {note && (
        <p className="wide field-note" id={`remind-note-${task.id}`}>
          {note} Reminders show while a tab of the app is open.
        </p>
      )}
    </>
  );
}

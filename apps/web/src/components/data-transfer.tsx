"use client";

import { IMPORT_BODY_LIMIT_BYTES } from "@todo/contract";
import { type ChangeEvent, useId, useRef, useState } from "react";
import { useApiClient } from "@/lib/use-api-client";
import { useHydrated } from "@/lib/use-hydrated";
import { describeError } from "./tasks/messages";

type Outcome = { kind: "error" | "done"; text: string } | null;

function counted(lists: number, tasks: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(lists, "list")} and ${plural(tasks, "task")}`;
}

/** A file name with today's date, in the user's own calendar. */
function exportFileName(now = new Date()): string {
  const day = now.toLocaleDateString("en-CA");
  return `todo-export-${day}.json`;
}

/**
 * "Download my data" and its way back: the export is fetched with the in-memory access token
 * (never a URL the browser could cache or share) and saved from memory; an import reads a file the
 * user picks and sends it as it is, the API checking all of it and writing all or nothing.
 */
export function DataTransfer({ apiUrl }: { apiUrl: string }) {
  const id = useId();
  const hydrated = useHydrated();
  const api = useApiClient(apiUrl, "/account");
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function download() {
    setBusy(true);
    setOutcome(null);
    try {
      const data = await api.exportData();
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const link = document.createElement("a");
      link.href = url;
      link.download = exportFileName();
      link.click();
      URL.revokeObjectURL(url);
      setOutcome({
        kind: "done",
        text: `Downloaded ${counted(data.lists.length, data.tasks.length)}.`,
      });
    } catch (error) {
      setOutcome({ kind: "error", text: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    event.currentTarget.value = "";
    if (!file) return;
    setOutcome(null);
    if (file.size > IMPORT_BODY_LIMIT_BYTES) {
      setOutcome({ kind: "error", text: "This file is too large to import." });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setOutcome({ kind: "error", text: "This file is not an export of this app (not JSON)." });
      return;
    }
    setBusy(true);
    try {
      const result = await api.importData(parsed);
      setOutcome({
        kind: "done",
        text: `Imported ${counted(result.lists, result.tasks)}.`,
      });
    } catch (error) {
      setOutcome({
        kind: "error",
        text: `${describeError(error)} Nothing was imported.`,
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Your data</h2>
      <p className="hint">
        Your lists and their tasks as a JSON file. Importing a file adds its lists and tasks to
        yours; lists shared with you stay their owner&apos;s.
      </p>
      <div aria-live="polite">
        {outcome && (
          <p
            className={outcome.kind === "error" ? "alert error" : "alert"}
            role={outcome.kind === "error" ? "alert" : "status"}
          >
            {outcome.text}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={() => void download()} disabled={busy || !hydrated}>
          Download my data
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => fileInput.current?.click()}
          disabled={busy || !hydrated}
        >
          Import from a file
        </button>
        <input
          ref={fileInput}
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          aria-label="Export file to import"
          hidden
          onChange={(event) => void importFile(event)}
        />
      </div>
    </section>
  );
}

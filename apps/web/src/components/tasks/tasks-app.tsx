"use client";

import type { CreateTaskInput, Task, UpdateTaskInput } from "@todo/tasks";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { accessTokens, SignedOutError } from "@/lib/access-token";
import { createApiClient } from "@/lib/api-client";
import { authClient } from "@/lib/auth-client";
import { FilterBar, type Filters } from "./filters";
import { describeError } from "./messages";
import { NewTaskForm } from "./new-task-form";
import { TaskItem } from "./task-item";

const PAGE_SIZE = 20;
const UNDO_MS = 5000;

interface PendingDelete {
  task: Task;
  index: number;
  timer: ReturnType<typeof setTimeout>;
}

export function TasksApp({ apiUrl }: { apiUrl: string }) {
  const router = useRouter();
  const api = useMemo(
    () =>
      createApiClient({
        baseUrl: apiUrl,
        tokens: accessTokens,
        // A second 401 after a fresh token: the session cannot be trusted any more. End it,
        // then send the user to sign in and back here afterwards.
        onSignedOut: () => {
          void authClient
            .signOut()
            .finally(() => router.replace(`/sign-in?next=${encodeURIComponent("/tasks")}`));
        },
      }),
    [apiUrl, router],
  );
  const [filters, setFilters] = useState<Filters>({
    status: "all",
    priority: "",
    sort: "created",
    order: "desc",
  });
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<Task[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [phase, setPhase] = useState<"loading" | "ready" | "error">("loading");
  const [loadError, setLoadError] = useState("");
  const [loadingMore, setLoadingMore] = useState(false);
  const [notice, setNotice] = useState("");
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());
  const [undo, setUndo] = useState<PendingDelete | null>(null);
  const sequence = useRef(0);
  const undoRef = useRef<PendingDelete | null>(null);
  undoRef.current = undo;
  // A page that was requested before a local change is stale when it arrives: without this, a
  // task added while the list is still loading would vanish until the next reload.
  const localChanges = useRef(0);
  const inFlight = useRef(0);
  const reloadWhenSettled = useRef(false);
  const loadRef = useRef<() => Promise<void>>(async () => {});

  // Search as you type, without a request per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const listQuery = useMemo(
    () => ({
      status: filters.status,
      sort: filters.sort,
      order: filters.order,
      limit: PAGE_SIZE,
      ...(filters.priority && { priority: filters.priority }),
      ...(query && { q: query }),
    }),
    [filters, query],
  );

  const load = useCallback(async () => {
    const mine = ++sequence.current;
    const changesAtStart = localChanges.current;
    setPhase("loading");
    try {
      const page = await api.listTasks(listQuery);
      if (mine !== sequence.current) return;
      if (localChanges.current !== changesAtStart) {
        // Keep what is shown (it includes the change) and ask again once the server has it.
        if (inFlight.current === 0) void loadRef.current();
        else reloadWhenSettled.current = true;
        return;
      }
      // A task waiting out its undo period stays hidden.
      const hidden = undoRef.current?.task.id;
      setItems(page.items.filter((t) => t.id !== hidden));
      setNextCursor(page.nextCursor);
      setPhase("ready");
    } catch (error) {
      if (mine !== sequence.current || error instanceof SignedOutError) return;
      setLoadError(describeError(error));
      setPhase("error");
    }
  }, [api, listQuery]);

  loadRef.current = load;
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs a change against the API, counted so that a list loaded meanwhile is not trusted. */
  async function tracked<T>(change: () => Promise<T>): Promise<T> {
    localChanges.current++;
    inFlight.current++;
    try {
      return await change();
    } finally {
      inFlight.current--;
      if (inFlight.current === 0 && reloadWhenSettled.current) {
        reloadWhenSettled.current = false;
        void loadRef.current();
      }
    }
  }

  async function loadMore() {
    if (!nextCursor) return;
    const mine = sequence.current;
    setLoadingMore(true);
    try {
      const page = await api.listTasks({ ...listQuery, cursor: nextCursor });
      if (mine !== sequence.current) return;
      setItems((current) => [
        ...current,
        ...page.items.filter((t) => !current.some((c) => c.id === t.id)),
      ]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      if (!(error instanceof SignedOutError)) setNotice(describeError(error));
    } finally {
      setLoadingMore(false);
    }
  }

  const markPending = (id: string, pending: boolean) =>
    setPendingIds((current) => {
      const next = new Set(current);
      if (pending) next.add(id);
      else next.delete(id);
      return next;
    });
  const replace = (id: string, task: Task) =>
    setItems((current) => current.map((t) => (t.id === id ? task : t)));

  async function create(input: CreateTaskInput): Promise<boolean> {
    const now = new Date().toISOString();
    const temp: Task = {
      id: `pending-${crypto.randomUUID()}`,
      title: input.title.trim(),
      description: input.description ?? "",
      completed: false,
      completedAt: null,
      priority: input.priority ?? "medium",
      dueDate: input.dueDate ?? null,
      createdAt: now,
      updatedAt: now,
    };
    setNotice("");
    setItems((current) => [temp, ...current]);
    markPending(temp.id, true);
    try {
      replace(temp.id, await tracked(() => api.createTask(input)));
      return true;
    } catch (error) {
      setItems((current) => current.filter((t) => t.id !== temp.id));
      if (!(error instanceof SignedOutError))
        setNotice(`The task was not added: ${describeError(error)}`);
      return false;
    } finally {
      markPending(temp.id, false);
    }
  }

  async function update(task: Task, changes: UpdateTaskInput) {
    const optimistic: Task = {
      ...task,
      ...changes,
      title: changes.title?.trim() ?? task.title,
      dueDate: changes.dueDate === undefined ? task.dueDate : changes.dueDate,
      completedAt:
        changes.completed === undefined
          ? task.completedAt
          : changes.completed
            ? new Date().toISOString()
            : null,
    };
    setNotice("");
    replace(task.id, optimistic);
    markPending(task.id, true);
    try {
      replace(task.id, await tracked(() => api.updateTask(task.id, changes)));
    } catch (error) {
      replace(task.id, task);
      if (!(error instanceof SignedOutError))
        setNotice(`The change was not saved: ${describeError(error)}`);
    } finally {
      markPending(task.id, false);
    }
  }

  const commitDelete = useCallback(
    async (pending: PendingDelete) => {
      clearTimeout(pending.timer);
      setUndo((current) => (current === pending ? null : current));
      try {
        await api.deleteTask(pending.task.id);
      } catch (error) {
        if (error instanceof SignedOutError) return;
        setItems((current) => {
          const next = [...current];
          next.splice(Math.min(pending.index, next.length), 0, pending.task);
          return next;
        });
        setNotice(`The task was not deleted: ${describeError(error)}`);
      }
    },
    [api],
  );

  function remove(task: Task) {
    if (undoRef.current) void commitDelete(undoRef.current);
    localChanges.current++;
    const index = items.findIndex((t) => t.id === task.id);
    setItems((current) => current.filter((t) => t.id !== task.id));
    const pending: PendingDelete = {
      task,
      index,
      timer: setTimeout(() => void commitDelete(pending), UNDO_MS),
    };
    setUndo(pending);
  }

  function undoDelete() {
    const pending = undoRef.current;
    if (!pending) return;
    clearTimeout(pending.timer);
    setUndo(null);
    setItems((current) => {
      const next = [...current];
      next.splice(Math.min(pending.index, next.length), 0, pending.task);
      return next;
    });
  }

  // Leaving the page must not cancel a delete the user did not undo.
  useEffect(() => {
    const flush = () => {
      if (undoRef.current) void commitDelete(undoRef.current);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [commitDelete]);

  const filtered = query !== "" || filters.status !== "all" || filters.priority !== "";
  return (
    <div>
      <div className="tasks-header">
        <h1>Tasks</h1>
        {phase === "ready" && (
          <span className="counts" aria-live="polite">
            {items.length === 0 ? "" : `${items.length}${nextCursor ? "+" : ""} shown`}
          </span>
        )}
      </div>
      <NewTaskForm onCreate={create} />
      <FilterBar filters={filters} search={search} onSearch={setSearch} onChange={setFilters} />
      <div aria-live="assertive">
        {notice && (
          <div className="alert error" role="alert">
            {notice}{" "}
            <button type="button" className="ghost" onClick={() => setNotice("")}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      {phase === "loading" && items.length === 0 && (
        <div aria-busy="true">
          <p className="sr-only">Loading tasks…</p>
          <div className="skeleton" style={{ marginBottom: ".5rem" }} />
          <div className="skeleton" style={{ marginBottom: ".5rem" }} />
          <div className="skeleton" />
        </div>
      )}
      {phase === "error" && (
        <div className="alert error" role="alert">
          <strong>Your tasks could not be loaded.</strong> {loadError}
          <div className="actions">
            <button type="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        </div>
      )}
      {phase !== "error" && !(phase === "loading" && items.length === 0) && items.length === 0 && (
        <div className="card empty">
          <strong>{filtered ? "No tasks match" : "Nothing to do yet"}</strong>
          {filtered ? "Try another search or filter." : "Add your first task above."}
        </div>
      )}
      {items.length > 0 && phase !== "error" && (
        <ul className="task-list" aria-label="Tasks" aria-busy={phase === "loading"}>
          {items.map((task) => (
            <TaskItem
              key={task.id}
              task={task}
              pending={pendingIds.has(task.id) || task.id.startsWith("pending-")}
              onUpdate={update}
              onDelete={remove}
            />
          ))}
        </ul>
      )}
      {nextCursor && phase === "ready" && (
        <div className="load-more">
          <button
            type="button"
            className="secondary"
            onClick={() => void loadMore()}
            disabled={loadingMore}
          >
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
      {undo && (
        <div className="toast" role="status">
          <span>Deleted “{undo.task.title}”</span>
          <button type="button" onClick={undoDelete}>
            Undo
          </button>
        </div>
      )}
    </div>
  );
}

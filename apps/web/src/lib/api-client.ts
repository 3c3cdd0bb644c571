import {
  type CreateListInput,
  type CreateTaskInput,
  type Export,
  ExportSchema,
  type ImportResult,
  ImportResultSchema,
  type ListPage,
  ListPageSchema,
  ListSchema,
  type ListTasksQueryInput,
  type Problem,
  ProblemSchema,
  type Task,
  type TaskList,
  type TaskPage,
  TaskPageSchema,
  TaskSchema,
  type UpdateListInput,
  type UpdateTaskInput,
} from "@todo/contract";
import type { z } from "zod";
import { type AccessTokenManager, SignedOutError } from "./access-token";
import { sharingCalls } from "./sharing/sharing-api";

/** The API refused the request; `problem` is its RFC 9457 answer. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/** The API could not be reached at all (down, offline, blocked). */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  constructor() {
    super("The server cannot be reached. Check your connection and try again.");
  }
}

export interface ApiClientOptions {
  readonly baseUrl: string;
  readonly tokens: AccessTokenManager;
  /** Called once the session is gone: the caller signs the user out. */
  readonly onSignedOut: () => void;
  readonly fetch?: typeof fetch;
}

function toQuery(query: ListTasksQueryInput | { cursor?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * The only code that calls the API. Every request carries the in-memory bearer token, through
 * the token manager's rule for a refused one (one refresh, one retry, then signed out).
 */
export function createApiClient(options: ApiClientOptions) {
  const { baseUrl, tokens, onSignedOut } = options;
  const doFetch = options.fetch ?? fetch.bind(globalThis);

  async function send(path: string, init: RequestInit, token: string): Promise<Response> {
    try {
      return await doFetch(`${baseUrl}${path}`, {
        ...init,
        cache: "no-store",
        credentials: "omit",
        headers: {
          accept: "application/json",
          ...(init.body ? { "content-type": "application/json" } : {}),
          authorization: `Bearer ${token}`,
        },
      });
    } catch {
      throw new NetworkError();
    }
  }

  async function signedOut(): Promise<never> {
    // A sign-out this tab began already leads the way out; otherwise this is the way out.
    if (!tokens.ended) {
      tokens.clear();
      onSignedOut();
    }
    throw new SignedOutError();
  }

  async function request<S extends z.ZodType | null>(
    path: string,
    init: RequestInit,
    schema: S,
  ): Promise<S extends z.ZodType ? z.output<S> : undefined> {
    let response: Response;
    try {
      response = await tokens.authorize((token) => send(path, init, token));
    } catch (error) {
      if (error instanceof SignedOutError) return signedOut();
      if (error instanceof NetworkError) throw error;
      // The token endpoint could not be reached or answered oddly: as unreachable.
      throw new NetworkError();
    }
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      // Not a problem from our API, or a code this build does not know (a newer API): only the
      // status is kept, and the page shows its generic message for it.
      const parsed = ProblemSchema.safeParse(body);
      throw new ApiError(
        parsed.success
          ? parsed.data
          : {
              type: "about:blank",
              title: response.statusText || "Error",
              status: response.status,
              code: response.status === 429 ? "RATE_LIMITED" : "INTERNAL_ERROR",
            },
      );
    }
    if (schema === null) return undefined as never;
    return schema.parse(await response.json()) as never;
  }

  return {
    listTasks: (query: ListTasksQueryInput): Promise<TaskPage> =>
      request(`/api/tasks${toQuery(query)}`, { method: "GET" }, TaskPageSchema),
    createTask: (input: CreateTaskInput): Promise<Task> =>
      request("/api/tasks", { method: "POST", body: JSON.stringify(input) }, TaskSchema),
    updateTask: (id: string, changes: UpdateTaskInput): Promise<Task> =>
      request(
        `/api/tasks/${encodeURIComponent(id)}`,
        { method: "PATCH", body: JSON.stringify(changes) },
        TaskSchema,
      ),
    deleteTask: (id: string): Promise<undefined> =>
      request(`/api/tasks/${encodeURIComponent(id)}`, { method: "DELETE", keepalive: true }, null),
    listLists: (cursor?: string): Promise<ListPage> =>
      request(`/api/lists${toQuery({ cursor })}`, { method: "GET" }, ListPageSchema),
    createList: (input: CreateListInput): Promise<TaskList> =>
      request("/api/lists", { method: "POST", body: JSON.stringify(input) }, ListSchema),
    updateList: (id: string, changes: UpdateListInput): Promise<TaskList> =>
      request(
        `/api/lists/${encodeURIComponent(id)}`,
        { method: "PATCH", body: JSON.stringify(changes) },
        ListSchema,
      ),
    deleteList: (id: string): Promise<undefined> =>
      request(`/api/lists/${encodeURIComponent(id)}`, { method: "DELETE" }, null),
    exportData: (): Promise<Export> => request("/api/export", { method: "GET" }, ExportSchema),
    /** The file as read; the API validates it and answers what is wrong. */
    importData: (file: unknown): Promise<ImportResult> =>
      request("/api/import", { method: "POST", body: JSON.stringify(file) }, ImportResultSchema),
    ...sharingCalls(request),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

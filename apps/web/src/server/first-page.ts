import { type DehydratedState, dehydrate, QueryClient } from "@tanstack/react-query";
import { headers } from "next/headers";
import { AccessTokenManager } from "@/lib/access-token";
import { createApiClient } from "@/lib/api-client";
import { DEFAULT_VIEW, listKeys, PAGE_SIZE, taskKeys } from "@/lib/tasks/task-keys";
import { getAuth } from "./auth";

/** The API gets this long to answer for the first paint; after it, the browser asks instead. */
const FIRST_PAGE_TIMEOUT_MS = 1_000;

/**
 * The lists and the first page of the shown list, fetched on the server so that the tasks are in
 * the HTML (decision 0026). The access token is minted by the same Better Auth endpoint the
 * browser calls (`GET /api/auth/token`: session check, revocation cut-offs, per-user limit), used
 * for these two calls and dropped: it never reaches the page. Only the session cookie is passed
 * on, so the endpoint sees a call from the server, not the browser's navigation.
 *
 * Undefined when anything fails (API down, slow, session ending): the page then renders as
 * before and the browser fetches the tasks itself.
 */
export async function firstPageState(
  apiUrl: string,
  requestedList: string | undefined,
): Promise<DehydratedState | undefined> {
  const cookie = (await headers()).get("cookie");
  if (!cookie) return undefined;
  const auth = await getAuth();
  const tokens = new AccessTokenManager({
    fetchToken: () => auth.api.issueAccessToken({ headers: new Headers({ cookie }) }),
  });
  const signal = AbortSignal.timeout(FIRST_PAGE_TIMEOUT_MS);
  const api = createApiClient({
    baseUrl: apiUrl,
    tokens,
    onSignedOut: () => {},
    fetch: (input, init) => fetch(input, { ...init, signal }),
  });
  try {
    const lists = await api.listLists();
    // More than one page of lists: the browser reads them all; the first paint waits for it.
    if (lists.nextCursor !== null) return undefined;
    const shown =
      lists.items.find((list) => list.id === requestedList) ??
      lists.items.find((list) => list.isInbox);
    if (!shown) return undefined;
    const filters = { listId: shown.id, ...DEFAULT_VIEW };
    const page = await api.listTasks({ ...filters, limit: PAGE_SIZE });
    const client = new QueryClient();
    client.setQueryData(listKeys.all, lists.items);
    client.setQueryData(taskKeys.list(filters), { pages: [page], pageParams: [null] });
    return dehydrate(client);
  } catch {
    return undefined;
  }
}

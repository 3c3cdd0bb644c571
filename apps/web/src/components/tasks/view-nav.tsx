"use client";

import type { ApiClient } from "@/lib/api-client";
import { TASK_VIEWS, type TaskView, VIEW_TITLES, viewHref } from "@/lib/tasks/task-views";
import { useTaskView, useToday, viewCount } from "@/lib/tasks/use-task-views";

function ViewLink({
  api,
  view,
  today,
  current,
}: {
  api: ApiClient;
  view: TaskView;
  today: string;
  current: boolean;
}) {
  const tasks = useTaskView(api, view, today);
  const count = viewCount(tasks.data, tasks.hasNextPage);
  return (
    <li>
      <a
        href={viewHref(view)}
        aria-current={current ? "page" : undefined}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          window.history.pushState(null, "", viewHref(view));
        }}
      >
        <span className="list-name">{VIEW_TITLES[view]}</span>
        {count !== undefined && (
          <span className="list-count">
            {count}
            <span className="sr-only"> open</span>
          </span>
        )}
      </a>
    </li>
  );
}

/**
 * Today and Upcoming above the lists, each with its count of open tasks. The count is the view's
 * own query (shared cache), so it follows every change the page sees, live events included.
 */
export function ViewNav({ api, current }: { api: ApiClient; current: TaskView | undefined }) {
  const today = useToday();
  return (
    <ul aria-label="Views" className="view-nav">
      {TASK_VIEWS.map((view) => (
        <ViewLink key={view} api={api} view={view} today={today} current={view === current} />
      ))}
    </ul>
  );
}

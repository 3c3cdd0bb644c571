"use client";

import {
  type Priority,
  type SortOrder,
  TAG_MAX_LENGTH,
  type TaskSort,
  type TaskStatus,
} from "@todo/contract";
import { DEFAULT_VIEW } from "@/lib/tasks/task-keys";

export interface Filters {
  status: TaskStatus;
  priority: Priority | "";
  /** Only tasks with this tag (any case); "" for every task. */
  tag: string;
  sort: TaskSort;
  order: SortOrder;
}

const SORTS: Array<[string, string]> = [
  ["created:desc", "Newest first"],
  ["created:asc", "Oldest first"],
  ["due:asc", "Due date, soonest"],
  ["due:desc", "Due date, latest"],
  ["priority:desc", "Priority, highest"],
  ["priority:asc", "Priority, lowest"],
  ["title:asc", "Title, A–Z"],
  ["title:desc", "Title, Z–A"],
  ["updated:desc", "Recently changed"],
  // The user's own order: tasks move by drag and drop or the keyboard (task-list.tsx).
  ["manual:asc", "Manual order"],
];

interface Props {
  filters: Filters;
  /** Tags of the tasks on screen, offered while typing a tag. */
  tags: readonly string[];
  search: string;
  onSearch: (value: string) => void;
  onChange: (filters: Filters) => void;
}

/** What a list shows first: every task, newest first. */
/** What the page shows first: the server renders the same first page (first-page.ts). */
export const INITIAL_FILTERS: Filters = { ...DEFAULT_VIEW, priority: "", tag: "" };

export function FilterBar({ filters, tags, search, onSearch, onChange }: Props) {
  return (
    <search className="filters" aria-label="Filter tasks">
      <div className="search">
        <label htmlFor="filter-q">Search</label>
        <input
          id="filter-q"
          type="search"
          placeholder="Search title and description"
          value={search}
          data-shortcut="search"
          maxLength={200}
          onChange={(e) => onSearch(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor="filter-status">Show</label>
        <select
          id="filter-status"
          value={filters.status}
          onChange={(e) => onChange({ ...filters, status: e.target.value as TaskStatus })}
        >
          <option value="all">All</option>
          <option value="pending">To do</option>
          <option value="completed">Done</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-priority">Priority</label>
        <select
          id="filter-priority"
          value={filters.priority}
          onChange={(e) => onChange({ ...filters, priority: e.target.value as Priority | "" })}
        >
          <option value="">Any</option>
          <option value="high">High</option>
          <option value="medium">Medium</option>
          <option value="low">Low</option>
        </select>
      </div>
      <div>
        <label htmlFor="filter-tag">Tag</label>
        <input
          id="filter-tag"
          type="search"
          list="filter-tag-suggestions"
          placeholder="Any"
          value={filters.tag}
          maxLength={TAG_MAX_LENGTH}
          onChange={(e) => onChange({ ...filters, tag: e.target.value })}
        />
        <datalist id="filter-tag-suggestions">
          {tags.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
      </div>
      <div>
        <label htmlFor="filter-sort">Sort</label>
        <select
          id="filter-sort"
          value={`${filters.sort}:${filters.order}`}
          onChange={(e) => {
            const [sort, order] = e.target.value.split(":") as [TaskSort, SortOrder];
            onChange({ ...filters, sort, order });
          }}
        >
          {SORTS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}

"use client";

import type { Priority, SortOrder, TaskSort, TaskStatus } from "@todo/contract";

export interface Filters {
  status: TaskStatus;
  priority: Priority | "";
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
];

interface Props {
  filters: Filters;
  search: string;
  onSearch: (value: string) => void;
  onChange: (filters: Filters) => void;
}

export function FilterBar({ filters, search, onSearch, onChange }: Props) {
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

"use client";

// The same recovery as the site-wide boundary, kept inside the tasks segment so the header stays.
export { default } from "../error";

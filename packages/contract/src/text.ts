// C0/C1 control characters (Unicode category Cc): never meaningful in a title, and a way to
// smuggle terminal escapes into logs or confuse renderers. Descriptions may hold tabs and newlines.
export const SINGLE_LINE_TEXT = /^\P{Cc}*$/u;
export const MULTI_LINE_TEXT = /^(?:\P{Cc}|[\t\n])*$/u;

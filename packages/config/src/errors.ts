/**
 * A configuration problem that must stop the process with a clear message (never a stack trace).
 * It carries every problem found, so one start reports all of them: each names its variable.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(
      list.length === 1
        ? String(list[0])
        : `${list.length} problems:\n${list.map((problem) => `  - ${problem}`).join("\n")}`,
    );
    this.problems = list;
  }
}

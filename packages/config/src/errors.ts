/** A configuration problem that must stop the process with a clear message (never a stack trace). */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

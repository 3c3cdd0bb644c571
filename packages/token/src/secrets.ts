import { MIN_SECRET_LENGTH } from "./contract.js";
import { TokenConfigError } from "./errors.js";
import { deriveKid } from "./kid.js";

/**
 * Words that mark a hand-written placeholder. Each is at least six characters and matches only
 * written as a word is (lower case, upper case or capitalised), so a random base64 secret
 * contains one by chance about once in a few hundred million draws, and a hex one never.
 */
const PLACEHOLDERS = [
  "changeme",
  "change-me",
  "change_me",
  "replace",
  "secret",
  "password",
  "passwd",
  "placeholder",
  "example",
  "your-secret",
  "your_secret",
  "xxxxxxxx",
  "dummy-",
  "dummy_",
  "default",
  "insecure",
  "sample",
];

const capitalised = (word: string) => (word[0]?.toUpperCase() ?? "") + word.slice(1);

function placeholderIn(value: string): string | undefined {
  return PLACEHOLDERS.find((word) => {
    const camel = word.split(/[-_]/).filter(Boolean).map(capitalised).join("");
    return [word, word.toUpperCase(), capitalised(word), camel].some((form) =>
      value.includes(form),
    );
  });
}

const MIN_DISTINCT_CHARACTERS = 8;
// Random hex of 32 characters dips to about 2.7 bits per character once in a million draws.
const MIN_BITS_PER_CHARACTER = 2.5;

function shannonBitsPerCharacter(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** "abcabcabc…": the whole string repeats a prefix of at most half its length. */
function isRepetition(value: string): boolean {
  for (let period = 1; period <= value.length / 2; period++) {
    if (value.slice(period) === value.slice(0, value.length - period)) return true;
  }
  return false;
}

/**
 * "aaaabbbb…": half the characters equal to the one before. Random hex repeats 1 in 16, so 32 hex
 * characters reach half about once in 10^11 draws (a third, the old bound, once in a million).
 */
function hasRuns(value: string): boolean {
  let repeats = 0;
  for (let i = 1; i < value.length; i++) if (value[i] === value[i - 1]) repeats++;
  return repeats > (value.length - 1) / 2;
}

/**
 * "0123456789…", "abcdef…", "zyxw…": two thirds of the neighbours one code point apart (random hex:
 * about 1 in 8 are, and two thirds of 32 characters happen once in 10^12 draws).
 */
function isSequence(value: string): boolean {
  let steps = 0;
  for (let i = 1; i < value.length; i++) {
    if (Math.abs(value.charCodeAt(i) - value.charCodeAt(i - 1)) === 1) steps++;
  }
  return steps > ((value.length - 1) * 2) / 3;
}

/**
 * Refuses what cannot be a generated secret. 32 random bytes in base64(url) and 16 or more random
 * bytes in hex always pass: the thresholds sit far below what random strings of that form show.
 */
export function checkSecretStrength(value: string, name: string): void {
  if (value.length < MIN_SECRET_LENGTH) {
    throw new TokenConfigError(
      `${name} must be at least ${MIN_SECRET_LENGTH} characters (it has ${value.length}); generate one with: openssl rand -base64 32`,
    );
  }
  const placeholder = placeholderIn(value);
  if (placeholder) {
    throw new TokenConfigError(
      `${name} looks like a placeholder (it contains "${placeholder}"); use random bytes: openssl rand -base64 32`,
    );
  }
  const distinct = new Set(value).size;
  if (
    distinct < MIN_DISTINCT_CHARACTERS ||
    shannonBitsPerCharacter(value) < MIN_BITS_PER_CHARACTER ||
    isRepetition(value) ||
    hasRuns(value) ||
    isSequence(value)
  ) {
    throw new TokenConfigError(
      `${name} has too little randomness (repeated or sequential characters); use random bytes: openssl rand -base64 32`,
    );
  }
}

/** `JWT_PREVIOUS_SECRETS`: comma-separated, trimmed, empty entries dropped. */
export function parseSecretList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export interface SecretsInput {
  readonly secret: string | undefined;
  readonly previousSecrets?: readonly string[];
  readonly betterAuthSecret?: string | undefined;
}

/** Refuses a configuration that could not be safe, naming the variable (never the value). */
export function validateSecrets(input: SecretsInput): void {
  const { secret, previousSecrets = [], betterAuthSecret } = input;
  if (secret === undefined || secret.trim() === "") {
    throw new TokenConfigError(
      "JWT_SECRET is not set; set it to at least 32 random characters (openssl rand -base64 32)",
    );
  }
  const named = [
    { name: "JWT_SECRET", value: secret },
    ...previousSecrets.map((value, i) => ({ name: `JWT_PREVIOUS_SECRETS entry ${i + 1}`, value })),
  ];
  for (const { name, value } of named) checkSecretStrength(value, name);

  const seen = new Map<string, string>();
  for (const { name, value } of named) {
    const kid = deriveKid(value);
    const earlier = seen.get(kid);
    if (earlier)
      throw new TokenConfigError(`${name} repeats ${earlier}; each secret must be unique`);
    seen.set(kid, name);
  }
  // RFC 8725 §3.12: Better Auth signs its own HS256 JWTs with BETTER_AUTH_SECRET; a token it made
  // for another purpose must never verify as an access token.
  const clash = named.find(({ value }) => value === betterAuthSecret);
  if (clash) {
    throw new TokenConfigError(`${clash.name} must differ from BETTER_AUTH_SECRET`);
  }
}

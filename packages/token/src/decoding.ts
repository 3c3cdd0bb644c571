import { decodeCanonical } from "./base64url.js";
import { MAX_JSON_DEPTH } from "./contract.js";

/**
 * The contract's decoding of a header or payload segment (docs/contract.md, "Decoding"), exactly,
 * so that a verifier in another language reaches the same outcome for the same bytes:
 *
 * - canonical base64url → bytes → strict UTF-8 (no overlong forms, no encoded surrogates, nothing
 *   above U+10FFFF); a byte order mark is NOT stripped, so a segment that starts with one is not
 *   JSON and is refused, as Python's `json` refuses it;
 * - at most MAX_JSON_DEPTH levels of arrays and objects, counted before parsing, so that no parser's
 *   own recursion limit decides the outcome;
 * - RFC 8259 JSON as JSON.parse and Python's `json` read it (`NaN`, `Infinity` are not JSON; a
 *   repeated member keeps its last value).
 */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of arrays and objects in `text`, strings skipped. */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) deepest = Math.max(deepest, ++depth);
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

/** A JSON object from a segment, or undefined when the contract calls the segment malformed. */
export function decodeSegment(segment: string): Record<string, unknown> | undefined {
  const bytes = decodeCanonical(segment);
  if (!bytes) return undefined;
  let value: unknown;
  try {
    const text = utf8.decode(bytes);
    if (jsonDepth(text) > MAX_JSON_DEPTH) return undefined;
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  return undefined;
}

/** Code points in `text`, a lone surrogate counting as one (as Python's `len`). */
function codePointLength(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}

/** `text.length` bounds the code points from above: count them only when it is over `max`. */
export function atMostCodePoints(text: string, max: number): boolean {
  return text.length <= max || codePointLength(text) <= max;
}

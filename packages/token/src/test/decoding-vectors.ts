import { MAX_ID_CLAIM_LENGTH, MAX_JSON_DEPTH, MAX_TOKEN_LENGTH } from "../contract.js";
import type { TokenFailureReason } from "../errors.js";
import { b64 } from "./forge.js";

type Json = Record<string, unknown>;

export interface DecodingVectorKit {
  readonly claims: Json;
  /** Signs the given header and payload segments (raw base64url strings) with the current key. */
  readonly sign: (header: string, payload: string) => string;
  /** The contract's header, as a base64url segment. */
  readonly header: string;
  /** Signs with a key that is not configured: the cases where decoding must fail first. */
  readonly signElsewhere: (header: string, payload: string) => string;
  readonly valid: (name: string, description: string, token: string, claims?: Json) => void;
  readonly invalid: (
    name: string,
    description: string,
    token: string,
    reason: TokenFailureReason,
  ) => void;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EMOJI = "\u{1F600}"; // one code point, two UTF-16 units, four UTF-8 bytes

/** A JSON object nested `depth` levels deep in all: the payload plus an extra claim of arrays. */
function nested(claims: Json, depth: number): string {
  const inner = `${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}`;
  return JSON.stringify(claims).replace(/^\{/, `{"deep":${inner},`);
}

/**
 * The cases of the contract's decoding rules (docs/contract.md, "Decoding"): bytes and UTF-8, the
 * byte order mark, nesting depth, and lengths in code points. Each one was a disagreement between
 * two verifiers once; a conforming verifier must give exactly these outcomes.
 */
export function addDecodingVectors(kit: DecodingVectorKit): void {
  const { claims, sign, header, signElsewhere, valid, invalid } = kit;
  const payload = b64(JSON.stringify(claims));
  const text = (value: Json) => b64(JSON.stringify(value));
  const bytes = (...parts: (string | Buffer)[]) =>
    b64(Buffer.concat(parts.map((part) => Buffer.from(part))));

  invalid(
    "malformed/bom-payload",
    "The payload's bytes start with a UTF-8 byte order mark: not JSON, never stripped.",
    sign(header, bytes(BOM, JSON.stringify(claims))),
    "malformed",
  );
  invalid(
    "malformed/bom-header",
    "The header's bytes start with a UTF-8 byte order mark.",
    sign(bytes(BOM, Buffer.from(header, "base64url")), payload),
    "malformed",
  );
  invalid(
    "malformed/bom-payload-unsigned",
    "A byte order mark and a signature from an unknown key: decoding fails first (step 2).",
    signElsewhere(header, bytes(BOM, JSON.stringify(claims))),
    "malformed",
  );
  valid(
    "valid/nesting-at-limit",
    `The payload nests ${MAX_JSON_DEPTH} levels (the object itself is level 1): the most allowed.`,
    sign(header, b64(nested(claims, MAX_JSON_DEPTH))),
  );
  invalid(
    "malformed/nesting-over-limit",
    `${MAX_JSON_DEPTH + 1} levels of nesting, counted before parsing.`,
    sign(header, b64(nested(claims, MAX_JSON_DEPTH + 1))),
    "malformed",
  );
  invalid(
    "malformed/nesting-1000",
    "1,000 levels: refused by the depth rule, not by a parser's recursion limit.",
    sign(header, b64(nested(claims, 1000))),
    "malformed",
  );
  invalid(
    "malformed/nesting-1000-unsigned",
    "1,000 levels with a signature from an unknown key: still malformed (step 2).",
    signElsewhere(header, b64(nested(claims, 1000))),
    "malformed",
  );
  valid(
    "valid/brackets-in-strings-do-not-nest",
    "Brackets inside a string are text, not nesting.",
    sign(header, text({ ...claims, note: '[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{\\"[[[[' })),
  );
  const emojiSub = EMOJI.repeat(MAX_ID_CLAIM_LENGTH);
  valid(
    "valid/sub-255-code-points",
    `sub of ${MAX_ID_CLAIM_LENGTH} emoji: ${MAX_ID_CLAIM_LENGTH} code points (lengths count code points, not UTF-16 units or bytes).`,
    sign(header, text({ ...claims, sub: emojiSub })),
    { sub: emojiSub },
  );
  invalid(
    "claims/sub-256-code-points",
    `sub of ${MAX_ID_CLAIM_LENGTH + 1} emoji.`,
    sign(header, text({ ...claims, sub: EMOJI.repeat(MAX_ID_CLAIM_LENGTH + 1) })),
    "claims",
  );
  const lone = "\uD800".repeat(MAX_ID_CLAIM_LENGTH);
  valid(
    "valid/sub-escaped-lone-surrogates",
    `sub of ${MAX_ID_CLAIM_LENGTH} escaped lone surrogates (\\ud800): each counts as one code point.`,
    sign(header, text({ ...claims, sub: lone })),
    { sub: lone },
  );
  const rest = JSON.stringify(claims).slice(1);
  invalid(
    "malformed/utf8-encoded-surrogate",
    "A surrogate encoded in UTF-8 bytes (ED A0 80) is not UTF-8.",
    sign(header, bytes('{"x":"', Buffer.from([0xed, 0xa0, 0x80]), '",', rest)),
    "malformed",
  );
  invalid(
    "malformed/overlong-utf8",
    "An overlong encoding of '/' (C0 AF) is not UTF-8.",
    sign(header, bytes('{"x":"', Buffer.from([0xc0, 0xaf]), '",', rest)),
    "malformed",
  );
  const duplicate = JSON.stringify(claims).replace(/^\{/, '{"sub":"first",');
  valid(
    "valid/duplicate-member-last-wins",
    "A member repeated: the last value counts (as JSON.parse and Python's json read it).",
    sign(header, b64(duplicate)),
  );
  invalid(
    "oversized/non-ascii-code-points",
    `${MAX_TOKEN_LENGTH + 1} code points of non-ASCII text: the size counts code points.`,
    EMOJI.repeat(MAX_TOKEN_LENGTH + 1),
    "oversized",
  );
  invalid(
    "malformed/non-ascii-under-limit",
    `${MAX_TOKEN_LENGTH - 96} emoji: under the size in code points (not in UTF-16 units), so malformed.`,
    EMOJI.repeat(MAX_TOKEN_LENGTH - 96),
    "malformed",
  );
}

/**
 * The access-token contract, version 1: the contract table in docs/contract.md (see also
 * docs/architecture.md). Both services import these values.
 */
export const ACCESS_TOKEN_TYPE = "at+jwt";
export const ACCESS_TOKEN_ALGORITHM = "HS256";
export const DEFAULT_TTL_SECONDS = 900;
/** Short lifetimes are for tests that watch a token expire; production keeps the default. */
export const MIN_TTL_SECONDS = 10;
export const MAX_TTL_SECONDS = 3600;
export const CLOCK_LEEWAY_SECONDS = 30;
/**
 * Code points (all of them ASCII in a well-formed token). A real token is a few hundred; anything
 * longer is refused before decoding.
 */
export const MAX_TOKEN_LENGTH = 4096;
/** Levels of JSON nesting in the header or the payload, the object itself being level 1. */
export const MAX_JSON_DEPTH = 16;
export const MIN_SECRET_LENGTH = 32;
/** Upper bound for `sub`, `jti` and `sid`, in code points (a lone surrogate counts as one). */
export const MAX_ID_CLAIM_LENGTH = 255;

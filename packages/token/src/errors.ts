/** Bad key or token settings. The message names the variable and never contains a secret. */
export class TokenConfigError extends Error {
  override readonly name = "TokenConfigError";
}

export type TokenFailureReason =
  | "malformed"
  | "oversized"
  | "header"
  | "unknown_kid"
  | "signature"
  | "claims"
  | "issuer"
  | "audience"
  | "expired"
  | "not_yet_valid"
  | "issued_in_future"
  | "lifetime";

const MESSAGES: Record<TokenFailureReason, string> = {
  malformed: "The token is not a well-formed JWS compact serialization.",
  oversized: "The token is too long.",
  header: "The token header is not the contract's.",
  unknown_kid: "The token's key id is not one of the configured keys.",
  signature: "The token signature does not verify.",
  claims: "The token claims are missing or of the wrong type.",
  issuer: "The token was issued by someone else.",
  audience: "The token is meant for another audience.",
  expired: "The token has expired.",
  not_yet_valid: "The token is not valid yet.",
  issued_in_future: "The token claims to be issued in the future.",
  lifetime: "The token lives longer than allowed.",
};

/**
 * Every verification failure is this one type, with a fixed message per reason: nothing from the
 * token is ever echoed (it may carry attacker-chosen text).
 */
export class TokenVerificationError extends Error {
  override readonly name = "TokenVerificationError";
  constructor(readonly reason: TokenFailureReason) {
    super(MESSAGES[reason]);
  }
}

export {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_TYPE,
  CLOCK_LEEWAY_SECONDS,
  DEFAULT_TTL_SECONDS,
  MAX_TOKEN_LENGTH,
  MAX_TTL_SECONDS,
  MIN_SECRET_LENGTH,
  MIN_TTL_SECONDS,
} from "./contract.js";
export { TokenConfigError, type TokenFailureReason, TokenVerificationError } from "./errors.js";
export { createKeyRing, type KeyRing } from "./key-ring.js";
export { deriveKid } from "./kid.js";
export {
  type AccessTokenClaims,
  type AccessTokenIssuer,
  createAccessTokenIssuer,
  type IssuerOptions,
  type MintedToken,
  type MintInput,
} from "./mint.js";
export {
  checkSecretStrength,
  parseSecretList,
  type SecretsInput,
  validateSecrets,
} from "./secrets.js";
export {
  type AccessTokenVerifier,
  createAccessTokenVerifier,
  type VerifierOptions,
} from "./verify.js";

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function isBase64UrlSegment(value: string): boolean {
  return SEGMENT.test(value);
}

/**
 * Decodes a base64url segment only if it is the canonical encoding of its bytes: Node's decoder
 * silently ignores non-zero trailing bits, which would let many strings stand for one signature.
 */
export function decodeCanonical(segment: string): Buffer | undefined {
  if (!isBase64UrlSegment(segment) || segment.length % 4 === 1) return undefined;
  const bytes = Buffer.from(segment, "base64url");
  return bytes.toString("base64url") === segment ? bytes : undefined;
}

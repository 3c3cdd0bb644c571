const SEGMENT = /^[A-Za-z0-9_-]+$/;

function isBase64UrlSegment(value: string): boolean {
  return SEGMENT.test(value);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Decodes a base64url segment only if it is the canonical encoding of its bytes: Node's decoder
 * silently ignores non-zero trailing bits, which would let many strings stand for one signature.
 * Canonical means the bits of the last character that fall past the last byte are zero (RFC 4648
 * §3.5): four of them when the length leaves 2 characters over a multiple of 4, two when it
 * leaves 3; a length that leaves 1 encodes no whole byte.
 */
export function decodeCanonical(segment: string): Buffer | undefined {
  if (!isBase64UrlSegment(segment)) return undefined;
  const over = segment.length % 4;
  if (over === 1) return undefined;
  if (over !== 0) {
    const last = ALPHABET.indexOf(segment.charAt(segment.length - 1));
    if ((last & (over === 2 ? 0b1111 : 0b11)) !== 0) return undefined;
  }
  return Buffer.from(segment, "base64url");
}

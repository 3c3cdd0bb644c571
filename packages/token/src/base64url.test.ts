import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeCanonical } from "./base64url.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The definition: a segment is canonical when re-encoding its bytes gives it back. */
const roundTrips = (segment: string) =>
  Buffer.from(segment, "base64url").toString("base64url") === segment;

describe("decodeCanonical", () => {
  it("accepts exactly the segments that re-encode to themselves, for every last character", () => {
    for (let length = 1; length <= 34; length++) {
      const stem = randomBytes(length).toString("base64url").slice(0, -1);
      for (const last of ALPHABET) {
        const segment = stem + last;
        const decoded = decodeCanonical(segment);
        const canonical = segment.length % 4 !== 1 && roundTrips(segment);
        expect(decoded !== undefined, segment).toBe(canonical);
        if (decoded) expect(decoded.toString("base64url")).toBe(segment);
      }
    }
  });

  it("refuses padding, other alphabets, whitespace and a length that encodes no whole byte", () => {
    for (const segment of ["QQ==", "QQ=", "a+b/", "QUJD RA", "", "QUJDR"]) {
      expect(decodeCanonical(segment), segment).toBeUndefined();
    }
  });
});

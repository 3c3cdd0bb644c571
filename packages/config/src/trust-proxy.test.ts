import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.js";
import { clientAddress, proxyTrust, readTrustProxy } from "./trust-proxy.js";

function request(peer: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  } as unknown as IncomingMessage;
}

describe("TRUST_PROXY", () => {
  it("trusts no proxy by default", () => {
    expect(readTrustProxy({})).toBe(false);
    expect(readTrustProxy({ TRUST_PROXY: "false" })).toBe(false);
  });

  it("reads a hop count or a list of addresses and ranges", () => {
    expect(readTrustProxy({ TRUST_PROXY: "2" })).toBe(2);
    expect(readTrustProxy({ TRUST_PROXY: "10.0.0.0/8, loopback" })).toEqual([
      "10.0.0.0/8",
      "loopback",
    ]);
  });

  it("accepts up to five hops, narrow ranges and netmasks", () => {
    expect(readTrustProxy({ TRUST_PROXY: "5" })).toBe(5);
    expect(readTrustProxy({ TRUST_PROXY: "0" })).toBe(false);
    for (const value of [
      "10.0.0.0/8",
      "192.168.0.0/255.255.0.0",
      "2001:db8::/32",
      "::ffff:10.0.0.0/104",
      "203.0.113.7",
      "uniquelocal",
    ])
      expect(readTrustProxy({ TRUST_PROXY: value })).toEqual([value]);
  });

  it.each([
    "true",
    "proxy.internal",
    "10.0.0.0/99",
    "2001:db8::zz",
    "6",
    "1000",
    "0.0.0.0/0",
    "10.0.0.1, 0.0.0.0/0",
    "128.0.0.0/1",
    "10.0.0.0/7",
    "0.0.0.0/0.0.0.0",
    "10.0.0.0/255.0.255.0",
    "::/0",
    "2000::/3",
    "2001:db8::/31",
    "::ffff:0.0.0.0/96",
    "::ffff:0:0/100",
  ])("refuses %j, naming TRUST_PROXY", (value) => {
    expect(() => readTrustProxy({ TRUST_PROXY: value })).toThrow(
      expect.objectContaining({
        name: expect.any(String),
        message: expect.stringMatching(/TRUST_PROXY/),
      }),
    );
    expect(() => readTrustProxy({ TRUST_PROXY: value })).toThrow(ConfigError);
  });
});

describe("clientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const trust = proxyTrust(false);
    expect(clientAddress(request("203.0.113.9"), trust)).toBe("203.0.113.9");
    expect(clientAddress(request("203.0.113.9", "198.51.100.1"), trust)).toBe("203.0.113.9");
    expect(clientAddress(request("127.0.0.1", "1.1.1.1, 2.2.2.2"), trust)).toBe("127.0.0.1");
  });

  it("takes the nearest untrusted entry behind trusted proxies, never the client's own", () => {
    const trust = proxyTrust(["10.0.0.0/8"]);
    // The proxy appended the address it saw; the client forged the first entry.
    expect(clientAddress(request("10.0.0.2", "6.6.6.6, 203.0.113.9"), trust)).toBe("203.0.113.9");
    // A peer that is not a trusted proxy cannot speak for anyone else.
    expect(clientAddress(request("203.0.113.9", "6.6.6.6"), trust)).toBe("203.0.113.9");
  });

  it("counts hops", () => {
    const trust = proxyTrust(1);
    expect(clientAddress(request("10.0.0.2", "6.6.6.6, 203.0.113.9"), trust)).toBe("203.0.113.9");
    expect(clientAddress(request("10.0.0.2"), trust)).toBe("10.0.0.2");
  });
});

import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import proxyAddr from "@fastify/proxy-addr";
import { type Env, readString } from "./env.js";
import { ConfigError } from "./errors.js";

/**
 * TRUST_PROXY, the same for both services: unset or "false" trusts no proxy (the client address is
 * the socket's peer), a number trusts that many hops of X-Forwarded-For, a comma-separated list
 * trusts the proxies at those addresses or CIDR ranges ("loopback", "linklocal" and "uniquelocal"
 * name the usual ranges). Whatever would let any client choose its own address, and so reset
 * every per-address limit, is refused at boot: "true", a hop count above MAX_TRUSTED_HOPS, and a
 * range wider than an IPv4 /8 or an IPv6 /32 (an IPv4-mapped IPv6 range counts as IPv4).
 */
export type TrustProxy = false | number | readonly string[];

/** Whether the hop at `address`, `hop` steps from the socket, is a proxy we trust. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The one header through which the web app's HTTP front hands the derived client address to the
 * application. The front always overwrites it, so a client-sent value never survives.
 */
export const CLIENT_ADDRESS_HEADER = "x-todo-client-ip";

/** More proxies than this in front of a service is not a deployment, it is a misconfiguration. */
const MAX_TRUSTED_HOPS = 5;
/** The widest ranges TRUST_PROXY may name: wider ones hold addresses no proxy of ours has. */
const MIN_IPV4_PREFIX = 8;
const MIN_IPV6_PREFIX = 32;

const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** Leading one bits of a dotted netmask, or undefined when the mask is not contiguous. */
function maskBits(mask: string): number | undefined {
  const bits = mask
    .split(".")
    .map((octet) => Number(octet).toString(2).padStart(8, "0"))
    .join("");
  return /^1*0*$/.test(bits) ? (bits.indexOf("0") === -1 ? 32 : bits.indexOf("0")) : undefined;
}

/** Why an entry covers too much, or undefined when it is narrow enough. */
function tooWide(entry: string): string | undefined {
  if (NAMED_RANGES.has(entry)) return undefined;
  const [address = "", mask] = entry.split("/");
  const family = isIP(address);
  if (mask === undefined || family === 0) return undefined;
  const prefix = /^\d+$/.test(mask) ? Number(mask) : maskBits(mask);
  if (prefix === undefined) return `"${entry}" has a non-contiguous netmask`;
  if (family === 4 && prefix < MIN_IPV4_PREFIX)
    return `"${entry}" is wider than an IPv4 /${MIN_IPV4_PREFIX}`;
  if (family === 6) {
    // ::ffff:0:0/96 is every IPv4 address, written as IPv6.
    if (/^::ffff:/i.test(address) && prefix >= 96 && prefix - 96 < MIN_IPV4_PREFIX)
      return `"${entry}" is wider than an IPv4 /${MIN_IPV4_PREFIX}`;
    if (prefix < MIN_IPV6_PREFIX) return `"${entry}" is wider than an IPv6 /${MIN_IPV6_PREFIX}`;
  }
  return undefined;
}

export function readTrustProxy(env: Env): TrustProxy {
  const raw = readString(env, "TRUST_PROXY");
  if (raw === undefined || raw === "false") return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > MAX_TRUSTED_HOPS)
      throw new ConfigError(
        `TRUST_PROXY=${raw} is refused: at most ${MAX_TRUSTED_HOPS} hops; name the proxies' addresses instead`,
      );
    return hops === 0 ? false : hops;
  }
  if (raw === "true")
    throw new ConfigError("TRUST_PROXY=true is refused: give a hop count or addresses");
  const entries = raw.split(",").map((item) => item.trim());
  try {
    proxyAddr.compile(entries);
  } catch {
    throw new ConfigError(
      `TRUST_PROXY must be a hop count or proxy addresses/CIDR ranges, got "${raw}"`,
    );
  }
  for (const entry of entries) {
    const reason = tooWide(entry);
    if (reason)
      throw new ConfigError(
        `TRUST_PROXY is refused: ${reason}; trusting it would let clients choose their own address`,
      );
  }
  return entries;
}

/** TRUST_PROXY as a predicate over (address, hop): the form Fastify and proxy-addr both take. */
export function proxyTrust(value: TrustProxy): ProxyTrust {
  if (value === false) return () => false;
  if (typeof value === "number") return (_address, hop) => hop < value;
  return proxyAddr.compile([...value]);
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the nearest
 * X-Forwarded-For entry that is not. Never the leftmost entry a client can write itself.
 */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  return proxyAddr(request, trust);
}

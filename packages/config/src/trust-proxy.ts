import type { IncomingMessage } from "node:http";
import proxyAddr from "@fastify/proxy-addr";
import { type Env, readString } from "./env.js";
import { ConfigError } from "./errors.js";

/**
 * TRUST_PROXY, the same for both services: unset or "false" trusts no proxy (the client address is
 * the socket's peer), a number trusts that many hops of X-Forwarded-For, a comma-separated list
 * trusts the proxies at those addresses or CIDR ranges ("loopback", "linklocal" and "uniquelocal"
 * name the usual ranges). "true" is refused: it would let any client choose its own address and
 * so reset every per-address limit.
 */
export type TrustProxy = false | number | readonly string[];

/** Whether the hop at `address`, `hop` steps from the socket, is a proxy we trust. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/**
 * The one header through which the web app's HTTP front hands the derived client address to the
 * application. The front always overwrites it, so a client-sent value never survives.
 */
export const CLIENT_ADDRESS_HEADER = "x-todo-client-ip";

export function readTrustProxy(env: Env): TrustProxy {
  const raw = readString(env, "TRUST_PROXY");
  if (raw === undefined || raw === "false") return false;
  if (/^\d+$/.test(raw)) return Number(raw);
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

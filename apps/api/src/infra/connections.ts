import type { Server } from "node:http";
import type { Socket } from "node:net";

/**
 * Which connections carry no request right now. At shutdown Node closes idle keep-alive
 * connections itself, but not one a browser opened ahead of need and never used: it would hold
 * the server open until its headers timeout (a minute), past the shutdown grace period.
 */
export function trackConnections(server: Server): { destroyIdle(): void } {
  const inFlight = new Map<Socket, number>();
  server.on("connection", (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once("close", () => inFlight.delete(socket));
  });
  server.on("request", (request, response) => {
    const socket = request.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    response.once("close", () => {
      if (inFlight.has(socket)) inFlight.set(socket, Math.max(0, (inFlight.get(socket) ?? 1) - 1));
    });
  });
  return {
    destroyIdle() {
      for (const [socket, requests] of inFlight) if (requests === 0) socket.destroy();
    },
  };
}

import net from "net";
import { performance } from "perf_hooks";
import { assertLoopback } from "./protocol";

/** Pieces a chunk is cut into, so that connections sharing the uplink take turns finely. */
const PIECE = 16 * 1024;

/**
 * A client's uplink of a fixed speed, shared by every connection through it: each piece of bytes
 * is handed on once the link would have finished sending it, after the pieces before it, whichever
 * connection they came from.
 */
export class Uplink {
  private freeAt = 0;

  constructor(readonly bitsPerSecond: number) {}

  /** Resolves when `bytes` more would have left the link. */
  send(bytes: number): Promise<void> {
    const now = performance.now();
    this.freeAt = Math.max(now, this.freeAt) + (bytes * 8 * 1000) / this.bitsPerSecond;
    const wait = this.freeAt - now;
    return wait < 1 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** A TCP proxy on 127.0.0.1. */
export interface ThrottlingProxy {
  /** `http://127.0.0.1:<port>`, for a client's base URL in place of the target's. */
  url: string;
  close: () => Promise<void>;
}

/**
 * Forwards every connection to `target` (an `http://127.0.0.1:<port>` URL), sending the client's
 * bytes through `uplink` and the answers back as they come, as a client on a slow uplink sees a
 * fast server: requests (uploads above all) take the link's time, answers do not.
 */
export async function startThrottlingProxy(target: string, uplink: Uplink): Promise<ThrottlingProxy> {
  const to = new URL(target);
  assertLoopback(to);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(to.port), to.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    upstream.pipe(client);
    // The client's bytes in order, each piece after the link's time; reading stops meanwhile.
    let queue = Promise.resolve();
    const forward = async (chunk: Buffer): Promise<void> => {
      for (let at = 0; at < chunk.length; at += PIECE) {
        const piece = chunk.subarray(at, at + PIECE);
        await uplink.send(piece.length);
        if (upstream.destroyed) return;
        if (!upstream.write(piece)) await new Promise((resolve) => upstream.once("drain", resolve));
      }
    };
    client.on("data", (chunk: Buffer) => {
      client.pause();
      queue = queue
        .then(() => forward(chunk))
        .then(() => {
          client.resume();
        });
    });
    client.on("end", () => {
      void queue.then(() => upstream.end());
    });
  });
  const url = await new Promise<string>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("the proxy has no TCP address"));
      else resolve(`http://127.0.0.1:${address.port}`);
    });
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}

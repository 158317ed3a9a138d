/**
 * A TCP proxy a test can cut and restore: between one app instance and its Postgres (or any
 * TCP service), so a test can make that service vanish for one instance only.
 *
 * cut() destroys every open connection through it and stops listening, so new connections are
 * refused; restore() listens on the same port again. From the client's side that is what a
 * server restart looks like (its sockets reset, then ECONNREFUSED until it is back), without
 * restarting the shared server under every other test running at the same time.
 */
import net from "node:net";

export type TcpProxy = {
  /** The port it listens on (chosen by the OS unless given). */
  readonly port: number;
  /** Connections it has accepted since it started. */
  readonly accepted: number;
  /** Drops every connection and refuses new ones until restore(). */
  cut(): Promise<void>;
  /**
   * Drops every connection and accepts new ones without carrying anything, until restore(): a
   * server that is unreachable or hung rather than down (clients wait for their own timeouts).
   */
  stall(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
};

export async function createTcpProxy(opts: { targetHost: string; targetPort: number; port?: number; host?: string }): Promise<TcpProxy> {
  const host = opts.host ?? "127.0.0.1";
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let server: net.Server | null = null;
  let stalled = false;
  const held = new Set<net.Socket>();
  let port = opts.port ?? 0;

  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A reset on one side is passed on as a reset on the other; never an uncaught error here.
    socket.on("error", () => {});
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        accepted++;
        if (stalled) {
          held.add(client); // held open, never answered
          client.on("error", () => {});
          client.on("close", () => held.delete(client));
          return;
        }
        const upstream = net.connect({ host: opts.targetHost, port: opts.targetPort });
        track(client);
        track(upstream);
        client.pipe(upstream);
        upstream.pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      s.once("error", reject);
      s.listen(port, host, () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });

  const stopListening = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
    });

  await listen();

  return {
    get port() {
      return port;
    },
    get accepted() {
      return accepted;
    },
    async cut() {
      const closed = stopListening();
      // resetAndDestroy sends RST, as a dying server's kernel does; close() would wait for them.
      for (const s of sockets) s.resetAndDestroy();
      sockets.clear();
      await closed;
    },
    async stall() {
      for (const sock of sockets) sock.resetAndDestroy();
      sockets.clear();
      stalled = true;
      if (!server) await listen();
    },
    async restore() {
      stalled = false;
      // Connections accepted while stalled were never carried: gone, as after a real hang.
      for (const sock of held) sock.destroy();
      held.clear();
      if (!server) await listen();
    },
    async close() {
      const closed = stopListening();
      for (const s of held) s.destroy();
      for (const s of sockets) s.destroy();
      sockets.clear();
      await closed;
    },
  };
}

/**
 * A TCP proxy in front of the PostgreSQL server that a test can cut and restore, to play a
 * database going away without touching the machine's shared server: `cut()` drops every
 * connection and refuses new ones; `hang()` drops them and then accepts connections but never
 * answers (a database that is there but does not respond); `restore()` forwards again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  hang(): Promise<void>;
  restore(): Promise<void>;
  /** Cuts once clients have sent `bytes` more bytes (to drop a connection mid-statement). */
  cutAfter(bytes: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let mode: 'forward' | 'hang' = 'forward';
  let server: Server | null = null;
  let port = 0;
  let budget: { left: number; reached: () => void } | null = null;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const listen = async () => {
    server = createServer((client) => {
      track(client);
      if (mode === 'hang') return;
      client.on('data', (chunk: Buffer) => {
        if (!budget) return;
        budget.left -= chunk.length;
        if (budget.left <= 0) budget.reached();
      });
      const upstream = connect(target.port, target.host);
      track(upstream);
      client.pipe(upstream).pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address === 'object' && address) port = address.port;
  };
  const dropAll = () => {
    for (const s of sockets) s.destroy();
  };
  const stopListening = async () => {
    const s = server;
    server = null;
    if (!s) return;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    dropAll(); // close() waits for open connections: end them
    await closed;
  };
  await listen();
  const proxy: TcpProxy = {
    get port() {
      return port;
    },
    async cut() {
      dropAll();
      await stopListening();
    },
    async hang() {
      mode = 'hang';
      dropAll();
      if (!server) await listen();
    },
    async restore() {
      mode = 'forward';
      dropAll();
      if (!server) await listen();
    },
    cutAfter(bytes: number) {
      return new Promise<void>((resolve) => {
        budget = {
          left: bytes,
          reached: () => {
            budget = null;
            void proxy.cut().then(resolve);
          },
        };
      });
    },
    async close() {
      dropAll();
      await stopListening();
    },
  };
  return proxy;
}

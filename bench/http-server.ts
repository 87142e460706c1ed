/**
 * A server process for the HTTP benchmark: `tegin` (the real API on PGlite in
 * memory, request logging on) or `bare` (node:http answering a same-size JSON).
 * Prints `PORT <n>` when listening.
 */
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { startServices } from '../src/app/services.ts';
import { isoDate } from '../src/domain/date.ts';
import { createApp } from '../src/http/app.ts';
import { openPgliteStorage } from '../src/storage/pglite.ts';

const kind = process.argv[2];
process.on('SIGINT', () => process.exit(0));
if (kind === 'tegin') {
  const services = await startServices(await openPgliteStorage(), { info: () => undefined });
  const logger = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  const app = createApp(
    { services, today: () => isoDate('2026-11-24') },
    { logger, bodyLimit: 64 * 1024 },
  );
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  server.once('listening', () => {
    const address = server.address();
    console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
  });
} else if (kind === 'bare') {
  const body = Buffer.from(process.argv[3] ?? '{}');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
  });
} else {
  throw new Error('usage: http-server.ts tegin|bare [body]');
}

/**
 * A server process for the HTTP benchmark: `tegin` (the real API on PGlite in
 * memory, request logging on), `bare` (node:http answering a same-size JSON) or
 * `replay` (node:http answering each request with the bytes tegin sent for it,
 * read from a JSON file of `{ key: "METHOD path body", type, encoding, body }`).
 * Prints `PORT <n>` when listening.
 */
import { readFileSync } from 'node:fs';
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
} else if (kind === 'replay') {
  const answers = new Map<string, { body: Buffer; headers: Record<string, string | number> }>();
  const recorded = JSON.parse(readFileSync(process.argv[3] ?? '', 'utf8')) as {
    key: string;
    type: string;
    encoding: string | null;
    body: string;
  }[];
  for (const r of recorded) {
    const body = Buffer.from(r.body, 'base64');
    const headers: Record<string, string | number> = {
      'content-type': r.type,
      'content-length': body.length,
    };
    if (r.encoding) headers['content-encoding'] = r.encoding;
    answers.set(r.key, { body, headers });
  }
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (text += d));
    req.on('end', () => {
      const answer = answers.get(`${req.method} ${req.url} ${text}`);
      if (!answer) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, answer.headers);
      res.end(answer.body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
  });
} else {
  throw new Error('usage: http-server.ts tegin|bare [body]|replay <file>');
}

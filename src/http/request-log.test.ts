import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { router } from './context.ts';
import { loggedPath, requestLog } from './request-log.ts';

describe('the request log', () => {
  it('times a request to its last byte, not to the handler returning', async () => {
    const lines: { ms: number; status: number; path: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
        done();
      },
    });
    const app = router();
    app.use(async (c, next) => {
      c.set('requestId', 'test');
      await next();
    });
    app.use(requestLog(pino(sink)));
    // The handler returns at once; the body's last byte leaves 300 ms later.
    app.get('/slow', () => {
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('first '));
          await new Promise((r) => setTimeout(r, 300));
          controller.enqueue(new TextEncoder().encode('last'));
          controller.close();
        },
      });
      return new Response(stream);
    });
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/slow`);
      assert.equal(await res.text(), 'first last');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(lines.length, 1);
      assert.equal(lines[0]?.path, '/slow');
      assert.ok((lines[0]?.ms ?? 0) >= 250, `logged ${lines[0]?.ms} ms`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('logs in-process requests when the handler returns', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = router();
    app.use(requestLog(pino(sink)));
    app.get('/x', (c) => c.text('x'));
    await app.request('/x');
    await new Promise((r) => setImmediate(r));
    assert.equal(lines.length, 1);
  });

  it('never logs a run of 12 digits in a path (the shape of an IIN)', () => {
    assert.equal(loggedPath('/fhir/R4/Patient/900101300126'), '/fhir/R4/Patient/[12 digits]');
    assert.equal(loggedPath('/x/1234567890123/y'), '/x/[13 digits]/y');
    assert.equal(loggedPath('/api/v1/regions/KZ-27/items/12'), '/api/v1/regions/KZ-27/items/12');
  });
});

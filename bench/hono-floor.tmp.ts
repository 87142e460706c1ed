import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const body = process.argv[2] ?? '{}';
const app = new Hono();
app.post('/api/v1/entitlements', async (c) => { await c.req.json(); return c.body(body, 200, { 'content-type': 'application/json' }); });
process.on('SIGINT', () => process.exit(0));
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
server.once('listening', () => { const a = server.address(); console.log(`PORT ${typeof a === 'object' && a ? a.port : 0}`); });

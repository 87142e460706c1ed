import { pino } from 'pino';
import { startServices } from '../src/app/services.ts';
import { isoDate } from '../src/domain/date.ts';
import { createApp } from '../src/http/app.ts';
import { openPgliteStorage } from '../src/storage/pglite.ts';
const services = await startServices(await openPgliteStorage(), { info: () => undefined });
const variants: Record<string, ReturnType<typeof createApp>> = {
  silent: createApp({ services, today: () => isoDate('2026-11-24') }, { logger: pino({ level: 'silent' }), bodyLimit: 65536 }),
  logging: createApp({ services, today: () => isoDate('2026-11-24') }, { logger: pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false })), bodyLimit: 65536 }),
};
const body = JSON.stringify({ region: 'KZ-27', date: '2026-11-24', age: 8, diagnoses: [{ code: 'G80.1' }, { code: 'M08.2' }] });
for (const [name, app] of Object.entries(variants)) {
  const run = async (n: number) => { for (let i = 0; i < n; i++) { const r = await app.request('/api/v1/entitlements', { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-length': String(body.length) } }); await r.text(); } };
  await run(500);
  const t = performance.now(); await run(3000);
  console.log(name, ((performance.now() - t) / 3000 * 1000).toFixed(0), 'µs/request');
}
await services.storage.close();

/**
 * Run as a child process with `--expose-gc`: sends many requests whose keys a
 * client chooses (Host headers, query dates) and prints, as JSON, how much the
 * heap grew after garbage collection for each kind. Used by test/hostile.test.ts.
 *
 *   node --expose-gc --import tsx test/support/memory-probe.ts 2000 10000
 */
import { pino } from 'pino';
import { startServices } from '../../src/app/services.ts';
import { addDays, isoDate } from '../../src/domain/date.ts';
import { createApp } from '../../src/http/app.ts';
import { openPgliteStorage } from '../../src/storage/pglite.ts';

const [hosts = 2000, dates = 10000] = process.argv.slice(2).map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const services = await startServices(await openPgliteStorage(), { info: () => undefined });
const app = createApp(
  { services, today: () => isoDate('2026-11-24') },
  { logger: pino({ level: 'silent' }), bodyLimit: 64 * 1024 },
);

/** A FHIR search under the i-th distinct Host (once, each host got its own full index). */
async function withHost(i: number): Promise<number> {
  const host = `h${i}.example`;
  const res = await app.request(`http://${host}/fhir/R4/InsurancePlan?_id=none`, {
    headers: { host },
  });
  await res.arrayBuffer();
  return res.status;
}

/** Entitlements on the i-th distinct date before the first text tegin holds (not covered). */
async function onDate(i: number): Promise<number> {
  const date = addDays(isoDate('2025-12-31'), -i);
  const res = await app.request('/api/v1/entitlements', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ region: 'KZ-27', date, age: 8, diagnoses: [{ code: 'M08.2' }] }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Heap in use after collection; finalizers (undici's request bodies) run between rounds. */
async function settle(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

async function measure(count: number, send: (i: number) => Promise<number>) {
  for (let i = 0; i < 20; i++) await send(count + i); // warm up: indexes, compiled code
  const before = await settle();
  const statuses = new Set<number>();
  for (let i = 0; i < count; i++) statuses.add(await send(i));
  return { count, statuses: [...statuses], growthBytes: (await settle()) - before };
}

const result = { hosts: await measure(hosts, withHost), dates: await measure(dates, onDate) };
await services.storage.close();
process.stdout.write(`${JSON.stringify(result)}\n`);

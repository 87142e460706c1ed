/**
 * Simulated clients of a reliability run, over real HTTP on loopback. A clinical client is a
 * doctor issuing a prescription and a pharmacist dispensing it in two parts, each dispense under
 * its own Idempotency-Key, retried with that same key after a timeout, a dropped connection or a
 * 503 until it is answered; an issue whose answer was lost is looked up before it is sent again
 * (an issue has no key). A reader asks the public catalogue, pages and entitlement checks. Every
 * answer is classified: ok, expected (a 409/422 the flow accounts for), unavailable (503
 * STORE_UNAVAILABLE with Retry-After, or the process gone: allowed only while a fault is on), or
 * error.
 */
import { randomUUID } from 'node:crypto';
import { mulberry32 } from '../../src/ops/demo/random.ts';
import type { Acknowledged } from './check.ts';
import type { Patient, World } from './world.ts';
import { REGION } from './world.ts';

export type Outcome = 'ok' | 'expected' | 'unavailable' | 'down' | 'error';

export interface Sample {
  /** When the request started, ms since the run began. */
  at: number;
  ms: number;
  kind: string;
  outcome: Outcome;
}

export class Recorder {
  readonly samples: Sample[] = [];
  readonly errors: string[] = [];
  readonly counts: Record<Outcome, number> = {
    ok: 0,
    expected: 0,
    unavailable: 0,
    down: 0,
    error: 0,
  };
  replays = 0;
  retries = 0;
  readonly started = performance.now();
  /** Whether a fault is on now: 503s and dropped connections are then not errors. */
  faultOn = () => false;

  record(kind: string, ms: number, outcome: Outcome, detail?: string): void {
    const at = performance.now() - ms - this.started;
    this.samples.push({ at, ms, kind, outcome });
    this.counts[outcome] += 1;
    if (outcome === 'error' && this.errors.length < 50) this.errors.push(`${kind}: ${detail}`);
  }
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface ClientOptions {
  url: () => string;
  recorder: Recorder;
  acknowledged: Acknowledged;
  /** Abandon a request (and retry it) after this long. */
  timeoutMs: number;
  /** Wait between retries (a real client would honour Retry-After; the run shortens it). */
  retryMs: number;
  /** Give up retrying (an error) after this moment (performance.now()). */
  deadline: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request; null when the connection failed or the answer did not come in time. */
async function send(
  o: ClientOptions,
  kind: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; json?: unknown } = {},
): Promise<Answer | null> {
  const started = performance.now();
  const headers: Record<string, string> = { ...init.headers };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(`${o.url()}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    const type = res.headers.get('content-type') ?? '';
    const body: unknown = type.includes('json') ? JSON.parse(text) : text;
    if (res.status === 503) {
      const code = (body as { code?: string }).code;
      const proper =
        code === 'STORE_UNAVAILABLE' &&
        type.startsWith('application/problem+json') &&
        res.headers.get('retry-after') !== null;
      o.recorder.record(
        kind,
        ms,
        proper && o.recorder.faultOn() ? 'unavailable' : 'error',
        `503 ${code} ${proper ? 'outside a fault' : 'without problem+json STORE_UNAVAILABLE and Retry-After'}`,
      );
    } else if (res.status >= 200 && res.status < 300) {
      o.recorder.record(kind, ms, 'ok');
    }
    return { status: res.status, headers: res.headers, body };
  } catch (error) {
    const ms = performance.now() - started;
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    o.recorder.record(kind, ms, o.recorder.faultOn() ? 'down' : 'error', why);
    return null;
  }
}

/** An answer the flow did not expect: recorded as an error. */
function unexpected(o: ClientOptions, kind: string, a: Answer): null {
  o.recorder.record(kind, 0, 'error', `${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
  return null;
}

const retryable = (a: Answer | null) => a === null || a.status === 503;

interface Rx {
  id: string;
  quantity: number;
}

/** Issues a prescription for `patient`; a lost answer is looked up before sending again. */
export async function issue(
  o: ClientOptions,
  world: World,
  doctor: string,
  patient: Patient,
): Promise<Rx | null> {
  const body = {
    patientId: patient.id,
    organisation: `${REGION}/P1`,
    icd10: world.item.icd10,
    product: { inn: world.item.inn },
    quantity: 2,
    unit: 'pack',
    dosing: 'as directed',
    daysOfSupply: 30,
    issuedOn: world.today,
  };
  const auth = { authorization: doctor };
  while (performance.now() < o.deadline) {
    const a = await send(o, 'issue', '/api/v1/ops/prescriptions', {
      method: 'POST',
      headers: auth,
      json: body,
    });
    if (a && a.status === 201) {
      const rx = a.body as Rx;
      o.acknowledged.prescriptions.add(rx.id);
      return rx;
    }
    if (!retryable(a)) return unexpected(o, 'issue', a as Answer);
    // Unknown whether it was written: ask before sending it again.
    o.recorder.retries += 1;
    for (;;) {
      await sleep(o.retryMs);
      if (performance.now() > o.deadline) break;
      const l = await send(o, 'issue.lookup', `/api/v1/ops/patients/${patient.id}/prescriptions`, {
        headers: auth,
      });
      if (retryable(l)) continue;
      const found = l as Answer;
      if (found.status !== 200) return unexpected(o, 'issue.lookup', found);
      const [rx] = (found.body as { prescriptions: Rx[] }).prescriptions;
      if (rx) {
        o.acknowledged.prescriptions.add(rx.id);
        return rx;
      }
      break;
    }
  }
  o.recorder.record('issue', 0, 'error', 'gave up: no answer before the deadline');
  return null;
}

/** Dispenses `quantity` of `rx` under one key, retried with that key until answered. */
export async function dispense(
  o: ClientOptions,
  world: World,
  pharmacist: string,
  rx: Rx,
  quantity: number,
  replay: boolean,
): Promise<boolean> {
  const key = randomUUID();
  const body = {
    prescriptionId: rx.id,
    pharmacy: `${REGION}/PH1`,
    quantity,
    lot: 'LOT-2026-0417',
    expiry: '2030-12-31',
    dispensedOn: world.today,
  };
  const init = {
    method: 'POST',
    headers: { authorization: pharmacist, 'idempotency-key': key },
    json: body,
  };
  while (performance.now() < o.deadline) {
    const a = await send(o, 'dispense', '/api/v1/ops/dispenses', init);
    if (a && a.status === 201) {
      const id = (a.body as { id: string }).id;
      o.acknowledged.dispenses.set(id, rx.id);
      if (!replay) return true;
      // The same request again, as a client that lost the answer would: the first answer back.
      const again = await send(o, 'dispense.replay', '/api/v1/ops/dispenses', init);
      if (retryable(again)) return true; // a fault: the first answer stands
      const b = again as Answer;
      o.recorder.replays += 1;
      if (b.status !== 201 || (b.body as { id: string }).id !== id) {
        return unexpected(o, 'dispense.replay', b) ?? false;
      }
      if (b.headers.get('idempotent-replayed') !== 'true') {
        return unexpected(o, 'dispense.replay (no Idempotent-Replayed)', b) ?? false;
      }
      return true;
    }
    if (!retryable(a)) return unexpected(o, 'dispense', a as Answer) ?? false;
    o.recorder.retries += 1;
    await sleep(o.retryMs);
  }
  o.recorder.record('dispense', 0, 'error', 'gave up: no answer before the deadline');
  return false;
}

/**
 * Clinical clients: each takes the next patient, issues, dispenses 1 and then the rest, with
 * think times; until the patients or the time run out.
 */
export async function runClinical(
  o: ClientOptions,
  world: World,
  options: { clients: number; thinkMs: number; until: number; seed: number; replayShare: number },
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, c) => {
      const random = mulberry32(options.seed * 1000 + c);
      const think = () => sleep(options.thinkMs * (0.5 + random()));
      const doctor = world.doctors[c % world.doctors.length] as string;
      const pharmacist = world.pharmacists[c % world.pharmacists.length] as string;
      while (performance.now() < options.until) {
        const patient = world.patients[next++];
        if (!patient) return;
        const rx = await issue(o, world, doctor, patient);
        if (!rx) continue;
        await think();
        await dispense(o, world, pharmacist, rx, 1, random() < options.replayShare);
        await think();
        await dispense(o, world, pharmacist, rx, rx.quantity - 1, random() < options.replayShare);
        await think();
      }
    }),
  );
}

/** What a public reader asks: catalogue, pages, entitlement checks, search. */
function publicReads(world: World) {
  const reads: [string, string, { method?: string; json?: unknown }][] = [
    ['catalog', `/api/v1/regions/${REGION}/catalog?date=${world.today}`, {}],
    ['regions', '/api/v1/regions', {}],
    ['search', `/api/v1/search?q=${encodeURIComponent(world.item.inn)}`, {}],
    [
      'entitlements',
      '/api/v1/entitlements',
      {
        method: 'POST',
        json: {
          region: REGION,
          date: world.today,
          age: 50,
          diagnoses: [{ code: world.item.icd10 }],
        },
      },
    ],
    ['page', '/kk/', {}],
    ['page', '/ru/medicines', {}],
    ['page', `/en/regions`, {}],
  ];
  return reads;
}

/** Asks every public read once, unrecorded: the first answers (cold caches) are not the run's. */
export async function warmUp(url: string, world: World): Promise<void> {
  for (const [, path, init] of publicReads(world)) {
    const res = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      ...(init.json !== undefined
        ? { body: JSON.stringify(init.json), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`warm-up: ${path} answered ${res.status}`);
  }
}

/** Public readers: catalogue, pages, entitlement checks, search. */
export async function runReaders(
  o: ClientOptions,
  world: World,
  options: { clients: number; thinkMs: number; until: number; seed: number },
): Promise<void> {
  const reads = publicReads(world);
  await Promise.all(
    Array.from({ length: options.clients }, async (_, c) => {
      const random = mulberry32(options.seed * 7919 + c);
      // Lowering `o.deadline` stops them too.
      while (performance.now() < Math.min(options.until, o.deadline)) {
        const [kind, path, init] = reads[Math.floor(random() * reads.length)] as (typeof reads)[0];
        const a = await send(o, kind, path, init);
        if (a && a.status !== 200 && a.status !== 503) unexpected(o, kind, a);
        await sleep(options.thinkMs * (0.5 + random()));
      }
    }),
  );
}

/**
 * Public reads over HTTP with varied requests (languages, dates, queries,
 * ages, codes — never one repeated body): region pages, search pages, the
 * catalogue JSON, and a mix of those with entitlements and FHIR searches. Each
 * against a bare node:http server sending exactly the bytes tegin sent for the
 * same request (taken from tegin first), alternated in short rounds, medians.
 * Run with and without `Accept-Encoding: gzip, br`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer } from './http.ts';

export type Line = (
  name: string,
  value: number,
  unit: string,
  ratio: number,
  base: string,
  note?: string,
) => void;

interface Req {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

const LANGS = ['kk', 'ru', 'en'] as const;
const REGIONS = ['KZ-27', 'KZ-35'] as const;
// Dates on which both lists are in force (West Kazakhstan from 2026-01-01).
const DATES = [
  '2026-01-15',
  '2026-03-01',
  '2026-05-20',
  '2026-07-01',
  '2026-09-10',
  '2026-11-01',
  '2026-11-22',
  '2026-11-24',
];
const TERMS = ['M08', 'G80.1', 'canakinumab', 'артрит', 'инсулин', 'L04', 'эпилепсия', 'E10'];
const CODES = ['M08.2', 'G80.1', 'E10', 'G40', 'C50', 'J45', 'D66', 'E84'];

const regionPages = (): Req[] =>
  LANGS.flatMap((lang) =>
    REGIONS.flatMap((r) =>
      DATES.slice(0, 4).map((d) => ({
        method: 'GET' as const,
        path: `/${lang}/regions/${r}?date=${d}`,
      })),
    ),
  );
const searchPages = (): Req[] =>
  LANGS.flatMap((lang) =>
    TERMS.map((q) => ({
      method: 'GET' as const,
      path: `/${lang}/search?q=${encodeURIComponent(q)}`,
    })),
  );
const catalogs = (): Req[] =>
  REGIONS.flatMap((r) =>
    DATES.map((d) => ({ method: 'GET' as const, path: `/api/v1/regions/${r}/catalog?date=${d}` })),
  );
const entitlements = (): Req[] =>
  CODES.map((code, i) => ({
    method: 'POST' as const,
    path: '/api/v1/entitlements',
    body: JSON.stringify({
      region: REGIONS[i % 2],
      date: DATES[i % DATES.length],
      age: 2 + i * 9,
      diagnoses: [{ code }],
    }),
  }));
const fhirSearches = (): Req[] => [
  ...CODES.slice(0, 4).map((code) => ({
    method: 'GET' as const,
    path: `/fhir/R4/Basic?code=${encodeURIComponent(code)}`,
  })),
  { method: 'GET', path: '/fhir/R4/InsurancePlan?coverage-area=KZ-27' },
  { method: 'GET', path: '/fhir/R4/MedicationKnowledge?code=L04' },
];
/** Interleaved so that neighbouring requests differ in kind. */
function mixed(): Req[] {
  const groups = [regionPages(), searchPages(), catalogs(), entitlements(), fhirSearches()];
  const out: Req[] = [];
  for (let i = 0; out.length < groups.reduce((n, g) => n + g.length, 0); i++)
    for (const g of groups) if (i < g.length) out.push(g[i] as Req);
  return out;
}

const SCENARIOS: { name: string; requests: () => Req[] }[] = [
  { name: 'region-page', requests: regionPages },
  { name: 'search-page', requests: searchPages },
  { name: 'catalog-json', requests: catalogs },
  { name: 'mixed', requests: mixed },
];

interface Captured extends Req {
  status: number;
  type: string;
  encoding: string | null;
  bytes: Buffer;
}

async function capture(port: number, reqs: Req[], encoding: string | null): Promise<Captured[]> {
  const out: Captured[] = [];
  for (const r of reqs) {
    const headers: Record<string, string> = { 'accept-encoding': encoding ?? 'identity' };
    if (r.body) headers['content-type'] = 'application/json';
    // node:http, not fetch: fetch would decode the body, the bare server must send it encoded.
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, method: r.method, path: r.path, headers },
        resolve,
      );
      req.once('error', reject);
      req.end(r.body);
    });
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    if (res.statusCode !== 200) throw new Error(`${r.method} ${r.path}: ${res.statusCode}`);
    out.push({
      ...r,
      status: res.statusCode,
      type: String(res.headers['content-type'] ?? ''),
      encoding: (res.headers['content-encoding'] as string | undefined) ?? null,
      bytes: Buffer.concat(chunks),
    });
  }
  return out;
}

interface Run {
  rps: number;
  p99: number;
  errors: number;
}

async function load(port: number, reqs: Req[], encoding: string | null, seconds: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 50,
    duration: seconds,
    headers: { 'accept-encoding': encoding ?? 'identity' },
    requests: reqs.map((r) => ({
      method: r.method,
      path: r.path,
      ...(r.body ? { body: r.body, headers: { 'content-type': 'application/json' } } : {}),
    })),
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  } satisfies Run;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function benchHttpMixed(line: Line): Promise<void> {
  const seconds = Number(process.env.TEGIN_BENCH_HTTP_SECONDS ?? 1.5);
  const rounds = Number(process.env.TEGIN_BENCH_HTTP_ROUNDS ?? 3);
  const only = process.env.TEGIN_BENCH_HTTP_ONLY;
  const tegin = await startServer(['tegin']);
  try {
    for (const encoding of [null, 'gzip, br']) {
      for (const scenario of SCENARIOS) {
        if (only && !scenario.name.includes(only)) continue;
        const reqs = scenario.requests();
        const captured = await capture(tegin.port, reqs, encoding);
        const file = join(tmpdir(), `tegin-bench-${process.pid}.json`);
        writeFileSync(
          file,
          JSON.stringify(
            captured.map((c) => ({
              key: `${c.method} ${c.path} ${c.body ?? ''}`,
              type: c.type,
              encoding: c.encoding,
              body: c.bytes.toString('base64'),
            })),
          ),
        );
        const bare = await startServer(['replay', file]);
        try {
          await load(tegin.port, reqs, encoding, 0.5); // warm up
          await load(bare.port, reqs, encoding, 0.5);
          const pairs: { tegin: Run; bare: Run }[] = [];
          for (let r = 0; r < rounds; r++) {
            const t = await load(tegin.port, reqs, encoding, seconds);
            const b = await load(bare.port, reqs, encoding, seconds);
            pairs.push({ tegin: t, bare: b });
          }
          const name = `http.${scenario.name}${encoding ? '.compressed' : ''}`;
          const rps = median(pairs.map((p) => p.tegin.rps));
          line(
            name,
            rps,
            'req/s',
            median(pairs.map((p) => p.tegin.rps / p.bare.rps)),
            'bare-node-http',
          );
          const p99 = median(pairs.map((p) => p.tegin.p99));
          line(
            `${name}.p99`,
            p99,
            'ms',
            median(pairs.map((p) => p.tegin.p99 / Math.max(p.bare.p99, 0.001))),
            'bare-node-http.p99',
          );
          const bytes = captured.reduce((n, c) => n + c.bytes.length, 0);
          const errors = pairs.reduce((n, p) => n + p.tegin.errors + p.bare.errors, 0);
          console.log(
            `CHECK ${name}: ${captured.length} distinct requests, ${Math.round(bytes / captured.length)} bytes on average, errors ${errors}`,
          );
        } finally {
          bare.child.kill();
          rmSync(file, { force: true });
        }
      }
    }
  } finally {
    tegin.child.kill();
  }
}

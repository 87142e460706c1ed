/**
 * Benchmarks, as ratios against a baseline measured in the same run (never
 * timed unit tests). Prints one line per measurement:
 *   BENCH <name> <value> <unit> ratio=<x> vs <baseline>
 */
import { parse } from 'yaml';
import { catalogOn } from '../src/domain/catalog.ts';
import { addDays, isoDate } from '../src/domain/date.ts';
import { Engine } from '../src/domain/engine.ts';
import { readDataDir } from '../src/registry/load-files.ts';
import { buildRegistry } from '../src/registry/build.ts';
import { benchHttp } from './http.ts';
import { benchHttpMixed } from './http-mixed.ts';
import { line } from './line.ts';
import {
  engineSummary,
  mapFloor,
  population,
  resolveAll,
  rulesEngine,
  rulesSummary,
} from './engine.ts';
import { benchIngest } from './ingest.ts';
import { benchOps } from './ops.ts';
import { benchNational } from './national.ts';
import { snapshotKey } from '../src/registry/cache.ts';
import { benchStart } from './start.ts';

function timeIt(run: () => void, minMs = 1000): { perSecond: number; msPerRun: number } {
  for (let i = 0; i < 3; i++) run(); // warm up
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    run();
    runs++;
  }
  const elapsed = performance.now() - start;
  return { perSecond: (runs * 1000) / elapsed, msPerRun: elapsed / runs };
}

const files = readDataDir();
const yamlFiles = files.filter((f) => !f.path.endsWith('.txt'));

// Registry build (parse + schema + cross-checks + indexes) against bare YAML parsing of the same files.
const bareParse = timeIt(() => {
  for (const f of yamlFiles) parse(f.text);
});
const build = timeIt(() => buildRegistry(files));
line(
  'registry.build',
  build.msPerRun,
  'ms',
  build.msPerRun / bareParse.msPerRun,
  'yaml.parse-only',
);

// Point-in-time catalogue queries against a floor of bare Map lookups of the same lists.
const { registry } = buildRegistry(files);
const regions = ['KZ-27', 'KZ-35'].map((code) => {
  const region = registry.region(code);
  if (!region) throw new Error(`no region ${code}`);
  return region;
});
const dates = Array.from({ length: 365 }, (_, i) => addDays(isoDate('2025-06-01'), i * 2));
let q = 0;
const catalogRun = timeIt(() => {
  for (let i = 0; i < 1000; i++) {
    const region = regions[q % 2] as (typeof regions)[number];
    catalogOn({
      region,
      date: dates[q % dates.length] as (typeof dates)[number],
      versions: registry.listVersions(region.code),
      context: registry,
    });
    q++;
  }
});
const codes = regions.map((r) => r.code);
const floorMap = new Map(regions.map((r) => [r.code, registry.listVersions(r.code)]));
let sink = 0;
const floor = timeIt(() => {
  for (let i = 0; i < 1000; i++)
    sink += floorMap.get(codes[i % 2] as (typeof codes)[number])?.length ?? 0;
});
const catalogPerSecond = catalogRun.perSecond * 1000;
line(
  'catalog.query',
  catalogPerSecond,
  'queries/s',
  catalogPerSecond / (floor.perSecond * 1000),
  'map-lookup-floor',
);
if (sink < 0) console.log(sink);

// Entitlement engine on a synthetic population (ages 0–90, 1–3 diagnoses from the lists and outside them).
const engine = new Engine(registry);
const people = population(registry, 20_000);
const patients = resolveAll(registry, people);
let p = 0;
const engineRun = timeIt(() => {
  for (let i = 0; i < 1000; i++)
    engine.evaluate(patients[p++ % patients.length] as (typeof patients)[number]);
});
const enginePerSecond = engineRun.perSecond * 1000;
const floorFn = mapFloor(registry);
const floorRun = timeIt(() => {
  for (let i = 0; i < 1000; i++)
    sink += floorFn(patients[p++ % patients.length] as (typeof patients)[number]);
});
const withResolve = timeIt(() => {
  for (let i = 0; i < 100; i++) {
    const one = resolveAll(registry, [people[p++ % people.length] as (typeof people)[number]]);
    engine.evaluate(one[0] as (typeof patients)[number]);
  }
});
const jre = rulesEngine(registry);
const jreStart = performance.now();
let jreRuns = 0;
while (performance.now() - jreStart < 2000) {
  await rulesSummary(jre, people[jreRuns % people.length] as (typeof people)[number]);
  jreRuns++;
}
const jrePerSecond = (jreRuns * 1000) / (performance.now() - jreStart);
line(
  'engine.evaluate',
  enginePerSecond,
  'evals/s',
  enginePerSecond / jrePerSecond,
  'json-rules-engine',
);
line(
  'engine.evaluate',
  enginePerSecond,
  'evals/s',
  enginePerSecond / (floorRun.perSecond * 1000),
  'map-lookup-floor',
);
line(
  'engine.resolve+evaluate',
  withResolve.perSecond * 100,
  'evals/s',
  (withResolve.perSecond * 100) / jrePerSecond,
  'json-rules-engine',
);
line('json-rules-engine', jrePerSecond, 'evals/s', 1, 'json-rules-engine');

// The two implementations must agree, or the comparison means nothing.
let agree = 0;
const sample = 2000;
for (let i = 0; i < sample; i++) {
  const ours = engineSummary(engine, patients[i] as (typeof patients)[number]).join(' ');
  const theirs = (await rulesSummary(jre, people[i] as (typeof people)[number])).join(' ');
  if (ours === theirs) agree++;
  else if (i + 1 - agree <= 3)
    console.error(`differ on patient ${i}:\n  engine ${ours}\n  rules  ${theirs}`);
}
console.log(`CHECK engine and json-rules-engine agree on ${agree}/${sample} patients`);
if (agree !== sample) process.exitCode = 1;

// Import of the seed texts (src/ingest) against a plain line-split + regex scan of the same text.
if (!benchIngest(registry, timeIt, line)) process.exitCode = 1;

// Prescribe and dispense on PostgreSQL against bare inserts of rows of the same size.
const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  if (!(await benchOps(line, databaseUrl, registry, snapshotKey(files)))) process.exitCode = 1;
  // The analyses over the national register (3M patients), when generated or asked for.
  if (!(await benchNational(line, databaseUrl, registry))) process.exitCode = 1;
} else {
  console.log(
    'SKIP ops.dispense, ops.prescribe+dispense: DATABASE_URL is not set (they need PostgreSQL)',
  );
  console.log('SKIP analytics.impact.3M, analytics.need.3M: DATABASE_URL is not set');
}

await benchHttp(line);
await benchHttpMixed(line);

// Whole-process start: the CLI against `node -e 0`, the server against a bare node:http server.
await benchStart(line);

/**
 * Benchmarks, as ratios against a baseline measured in the same run (never
 * timed unit tests). Prints one line per measurement:
 *   BENCH <name> <value> <unit> ratio=<x> vs <baseline>
 */
import { parse } from 'yaml';
import { catalogOn } from '../src/domain/catalog.ts';
import { addDays, isoDate } from '../src/domain/date.ts';
import { readDataDir } from '../src/registry/load-files.ts';
import { buildRegistry } from '../src/registry/registry.ts';

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

function line(name: string, value: number, unit: string, ratio: number, baseline: string): void {
  console.log(
    `BENCH ${name} ${value.toFixed(2)} ${unit} ratio=${ratio.toPrecision(3)} vs ${baseline}`,
  );
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

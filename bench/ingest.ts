/**
 * Import speed on the seeds: the whole pipeline (input gate, repairs,
 * segmentation, layout parsing, vocabulary lookup, drafts and their schema
 * validation) against a floor measured in the same run — a plain line split
 * and regex scan of the same text for row starts, items and keywords.
 */
import { isoDate } from '../src/domain/date.ts';
import { importDecision } from '../src/ingest/import.ts';
import { IngestVocabulary } from '../src/ingest/vocabulary.ts';
import type { Registry } from '../src/registry/registry.ts';

type TimeIt = (run: () => void, minMs?: number) => { perSecond: number; msPerRun: number };
type Line = (name: string, value: number, unit: string, ratio: number, baseline: string) => void;

/** The target of the issue: a seed-sized document parsed in under 20 ms. */
export const INGEST_TARGET_MS = 20;

const SCAN = [
  /^\s*\d+[.)]?(?:\s|$)/,
  /дәрілік\s+зат/,
  /Диспансерлік/,
  /"[^"]+"/,
  /Алынып тасталды/,
];

function lineScan(text: string): number {
  let hits = 0;
  for (const line of text.split(/\r?\n/)) for (const re of SCAN) if (re.test(line)) hits++;
  return hits;
}

export function benchIngest(registry: Registry, timeIt: TimeIt, line: Line): boolean {
  const vocabulary = new IngestVocabulary({
    medicines: [...registry.medicines.values()],
    diseases: registry.diseases,
  });
  let ok = true;
  let sink = 0;
  for (const [path, lines] of registry.sources) {
    const text = lines.join('\n');
    const region = path.split('/')[0] ?? path;
    const options = {
      file: path,
      currentAsOf: { date: isoDate('2026-11-22'), stated: true },
      regions: registry.regions,
      vocabulary,
    };
    const parse = timeIt(() => {
      sink += importDecision(text, options).report.items.length;
    }, 2000);
    const scan = timeIt(() => {
      sink += lineScan(text);
    }, 1000);
    line(
      `ingest.parse.${region}`,
      parse.msPerRun,
      'ms',
      parse.msPerRun / scan.msPerRun,
      'line-scan',
    );
    const met = parse.msPerRun < INGEST_TARGET_MS;
    console.log(
      `CHECK ingest.parse ${region} ${parse.msPerRun.toFixed(2)} ms ${met ? '<' : '>='} ${INGEST_TARGET_MS} ms target (${lines.length} lines)`,
    );
    ok &&= met;
  }
  if (sink < 0) console.log(sink);
  return ok;
}

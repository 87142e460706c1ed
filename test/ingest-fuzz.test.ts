/**
 * Property-based robustness of the importer (fast-check): mutated seeds —
 * lines deleted, duplicated, swapped, letters spaced apart, the text cut short,
 * random text or bytes spliced in — and arbitrary bytes never make it throw;
 * every run returns a report, and no run ends in PARSE_INTERNAL (a bug).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { importText, SEEDS } from './helpers/ingest.ts';

const scale = Number(process.env.FUZZ_SCALE ?? '1');
const REAL = 'test/fixtures/ingest/real/';
const layoutDir = 'test/fixtures/ingest/real-layouts/';
// The seeds first (the size test below uses seeds[1]), then the real excerpts the identity stage
// reads, then the real texts of lists in the operative point and amending acts (after their header block).
const seeds = [
  ...[...Object.values(SEEDS), ...readdirSync(REAL).map((n) => REAL + n)].map((p) =>
    readFileSync(p, 'utf8'),
  ),
  ...readdirSync(layoutDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(layoutDir + f, 'utf8').split('\n---\n')[1] ?? ''),
];

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'space_letters'; at: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'blank_lines'; at: number; count: number };

const position = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position }),
  fc.record({ kind: fc.constant('swap' as const), a: position, b: position }),
  fc.record({ kind: fc.constant('space_letters' as const), at: position }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.string({ unit: 'grapheme', maxLength: 40 }),
  }),
  fc.record({
    kind: fc.constant('blank_lines' as const),
    at: position,
    count: fc.integer({ min: 1, max: 4 }),
  }),
);

function apply(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    if (lines.length === 0) break;
    const i = (n: number) => n % lines.length;
    switch (m.kind) {
      case 'delete':
        lines.splice(i(m.at), 1);
        break;
      case 'duplicate':
        lines.splice(i(m.at), 0, lines[i(m.at)] ?? '');
        break;
      case 'swap': {
        const [a, b] = [i(m.a), i(m.b)];
        [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
        break;
      }
      case 'space_letters':
        lines[i(m.at)] = (lines[i(m.at)] ?? '').split('').join(' ');
        break;
      case 'truncate': {
        const joined = lines.join('\n');
        lines = joined.slice(0, m.at % (joined.length + 1)).split('\n');
        break;
      }
      case 'insert': {
        const line = lines[i(m.at)] ?? '';
        const at = m.at % (line.length + 1);
        lines[i(m.at)] = line.slice(0, at) + m.text + line.slice(at);
        break;
      }
      case 'blank_lines':
        lines.splice(i(m.at), 0, ...Array.from({ length: m.count }, () => ''));
        break;
      default:
        assert.fail(`unknown mutation ${JSON.stringify(m satisfies never)}`);
    }
  }
  return lines.join('\n');
}

function assertReport(input: string | Uint8Array): void {
  const result = importText(input);
  assert.ok(result.report, 'a report');
  assert.ok(Array.isArray(result.report.issues));
  const internal = result.report.issues.filter((i) => i.code === 'PARSE_INTERNAL');
  assert.deepEqual(internal, [], 'the importer failed on this input');
  if (result.report.ok)
    assert.ok(result.report.items.length > 0 || (result.report.effects?.effects.length ?? 0) > 0);
}

describe('importer robustness (fast-check)', () => {
  it('mutated seeds always give a report and never crash', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (seed, mutations) => {
          assertReport(apply(seeds[seed] as string, mutations));
        },
      ),
      { numRuns: 150 * scale },
    );
  });

  it('random bytes spliced into a seed give a report', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        position,
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        (seed, at, bytes) => {
          const text = new TextEncoder().encode(seeds[seed] as string);
          const cut = at % (text.length + 1);
          const spliced = new Uint8Array([...text.slice(0, cut), ...bytes, ...text.slice(cut)]);
          assertReport(spliced);
        },
      ),
      { numRuns: 100 * scale },
    );
  });

  it('arbitrary text and bytes give a report', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 2000 }),
          fc.uint8Array({ maxLength: 2000 }),
        ),
        (input) => {
          assertReport(input);
        },
      ),
      { numRuns: 300 * scale },
    );
  });

  it('an enormous text just under the limit still gives a report', () => {
    const big = (seeds[1] as string).repeat(38);
    assert.ok(new TextEncoder().encode(big).byteLength < 2 * 1024 * 1024);
    const result = importText(big);
    assert.ok(result.report.items.length > 1000);
    assert.deepEqual(
      result.report.issues.filter((i) => i.code === 'PARSE_INTERNAL'),
      [],
    );
  });

  it('inputs above the size limit are refused with a message', () => {
    const result = importText('а'.repeat(1_100_000));
    assert.equal(result.report.ok, false);
    assert.equal(result.report.issues[0]?.code, 'PARSE_INPUT_TOO_LARGE');
    assert.match(result.report.issues[0]?.message ?? '', /limit is 2097152 bytes/);
  });
});

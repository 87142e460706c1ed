// Writes docs/coding-review.md: per item of every list, its words, each ICD-10 code with its
// relation to the words, the WHO title and the rationale (from data/), and whether the
// independent review (docs/coding-review/independent-coding.yaml) agrees or how the
// difference was reconciled (docs/coding-review/reconciliation.yaml).
// An item agrees when every code has the same effect in both readings: matches (exact,
// part), needs the clinician's confirmation (broader, alternative, or words requiring more),
// or is absent. Every other item needs a reconciliation note, or the script fails.
// With --check, fails when the committed table differs from what the data generates.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { InForceItem } from '../src/domain/list.ts';
import { readDataDir } from '../src/registry/load-files.ts';
import { buildRegistry } from '../src/registry/build.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const OUT = `${root}docs/coding-review.md`;

const Independent = z.array(
  z.looseObject({
    region: z.string(),
    section: z.string(),
    item: z.string().nullable(),
    codes: z.array(z.looseObject({ code: z.string(), relation: z.string() })),
    conditions: z.array(z.string()),
  }),
);
const Reconciliation = z.array(
  z.strictObject({ region: z.string(), item: z.string(), note: z.string().min(10) }),
);

type Effect = 'matches' | 'confirm';

/** `C81-C96` → C81, C82, …, C96 (the review writes blocks as ranges of categories). */
function expand(code: string): string[] {
  const range = /^([A-Z])(\d\d)-([A-Z])(\d\d)$/.exec(code);
  if (!range) return [code];
  const codes: string[] = [];
  for (let n = Number(range[2]); n <= Number(range[4]); n++) {
    codes.push(`${range[1]}${String(n).padStart(2, '0')}`);
  }
  return codes;
}

function effectOf(relation: string, requires: boolean): Effect {
  return requires || relation === 'broader' || relation === 'alternative' ? 'confirm' : 'matches';
}

function ourEffects(item: InForceItem): Map<string, Effect> {
  const requires = item.diagnosis.requires !== undefined;
  return new Map((item.diagnosis.scope ?? []).map((s) => [s.code, effectOf(s.relation, requires)]));
}

function theirEffects(entry: z.infer<typeof Independent>[number]): Map<string, Effect> {
  const requires = entry.conditions.some((c) => !c.startsWith('population column'));
  const effects = new Map<string, Effect>();
  for (const c of entry.codes) {
    for (const code of expand(c.code)) effects.set(code, effectOf(c.relation, requires));
  }
  return effects;
}

/** Codes whose effect differs, as `code ours/theirs`. */
function differences(ours: Map<string, Effect>, theirs: Map<string, Effect>): string[] {
  const codes = [...new Set([...ours.keys(), ...theirs.keys()])].sort();
  return codes
    .filter((c) => ours.get(c) !== theirs.get(c))
    .map((c) => `${c} ${ours.get(c) ?? 'absent'}/${theirs.get(c) ?? 'absent'}`);
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function render(): { text: string; missing: string[] } {
  const { registry, issues } = buildRegistry(readDataDir());
  if (issues.length > 0) throw new Error('the data has problems: run npx tegin data check');
  const independent = Independent.parse(
    parse(readFileSync(`${root}docs/coding-review/independent-coding.yaml`, 'utf8')),
  );
  const notes = Reconciliation.parse(
    parse(readFileSync(`${root}docs/coding-review/reconciliation.yaml`, 'utf8')),
  );
  const rows: string[] = [];
  const missing: string[] = [];
  let agreed = 0;
  let reconciled = 0;
  for (const version of registry.versions) {
    const { region } = version.list;
    for (const section of version.list.sections) {
      for (const item of section.items) {
        if (item.status !== 'in_force') continue;
        const key = `${section.number}.${item.number}`;
        // The review numbers point 2 of Karaganda's list as null: an unnumbered item.
        const entry = independent.find(
          (e) =>
            e.region === region &&
            e.section === section.number &&
            (e.item === item.number || (e.item === null && item.numberAssigned === true)),
        );
        const diff = entry ? differences(ourEffects(item), theirEffects(entry)) : ['not reviewed'];
        const note = notes.find((n) => n.region === region && n.item === key);
        let review: string;
        if (diff.length === 0) {
          agreed++;
          review = note ? `agreed; ${note.note}` : 'agreed';
        } else {
          reconciled++;
          if (!note) missing.push(`${region} ${key}: ${diff.join(', ')}`);
          review = `reconciled (${diff.join(', ')}): ${note?.note ?? 'NOTE MISSING'}`;
        }
        const d = item.diagnosis;
        const codes = (d.scope ?? [])
          .map((s) => `**${s.code}** ${s.relation} — ${s.title}: ${s.rationale}`)
          .join('<br>');
        const requires = d.requires ? d.requires.en : '';
        rows.push(
          `| ${region} | ${key} | ${cell(d.text.kk)}<br>${cell(d.text.en)} | ${cell(codes)} | ${cell(requires)} | ${cell(review)} |`,
        );
      }
    }
  }
  const text = `# ICD-10 coding review

Generated by \`node --import tsx scripts/coding-review.ts\` from the lists in \`data/\` (each
diagnosis' \`scope\` and \`requires\`), the independent review in
\`docs/coding-review/independent-coding.yaml\` and the reconciliation notes in
\`docs/coding-review/reconciliation.yaml\`; \`npm run check\` fails when this file is stale.
Do not edit it by hand.

Relations (docs/adr/0004-entitlement-decisions.md): **exact** the code is the disease the list
names; **part** a subtype of it; **broader** the code also covers conditions the list does not
name; **alternative** a code the named disease may be recorded under. A broader or alternative
code, or any code of an item whose words require more than a code says (column "requires"),
answers \`conditional\` with \`diagnosis_confirmation\` until a clinician confirms the diagnosis.

An item is *agreed* when every code has the same effect in both readings (matches, needs
confirmation, or absent), even where the relation's name differs (exact/part,
broader/alternative); otherwise the codes that differ are listed as \`ours/theirs\` and the note
says what was decided and why. The rule for deciding: a serious clinical coder's view, erring
toward not answering "entitled" where the words say less. Codes and judgements taken over from
the independent review say "(independent review)" in their rationale.

Items: ${agreed + reconciled} (${agreed} agreed, ${reconciled} reconciled). Excluded items carry no
diagnosis and are not listed.

| region | item | words (kk, en) | codes: relation — WHO ICD-10 title: rationale | requires | independent review |
|---|---|---|---|---|---|
${rows.join('\n')}
`;
  return { text, missing };
}

const { text, missing } = render();
if (missing.length > 0) {
  console.error(`coding review: ${missing.length} item(s) differ without a reconciliation note:`);
  for (const m of missing) console.error(`  ${m}`);
  process.exitCode = 1;
} else if (process.argv.includes('--check')) {
  const stale = !existsSync(OUT) || readFileSync(OUT, 'utf8') !== text;
  console.log(stale ? `${OUT} is stale: run npm run coding-review` : 'coding review: up to date');
  process.exitCode = stale ? 1 : 0;
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}`);
}

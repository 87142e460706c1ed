/**
 * The real data plus one fictional later act (KZ-35 No 999 of 15.01.2027, in force from
 * 01.02.2027) that excludes Karaganda's annex 1, section 1, item 5 (M35.2, azathioprine), with
 * a second consolidated text: a list change whose earlier content is known, which the
 * repository's data lacks (docs/adr/0015 §2). Used by test/history.test.ts and the analytics.
 */
import assert from 'node:assert/strict';
import { readDataDir, type RawFile } from '../../src/registry/load-files.ts';

export const FICTIONAL = 'KZ-35.maslikhat.2027-01-15.999';

export function fictionalExclusion(): RawFile[] {
  const files = readDataDir();
  const list = files.find((f) => f.path === 'KZ-35/lists/2021-02-25.34.annex-1.yaml');
  assert.ok(list);
  const start = list.text.indexOf("      - number: '5'");
  const end = list.text.indexOf("      - number: '6'");
  const later =
    list.text.slice(0, start).replace('amendedBy: []', `amendedBy: [${FICTIONAL}]`) +
    `      - number: '5'\n        lines: [56, 56]\n        status: excluded\n        excludedBy: ${FICTIONAL}\n        note: item-1-5-excluded\n        notes: []\n` +
    list.text.slice(end);
  const act = `kind: act
id: ${FICTIONAL}
issuer: { region: KZ-35, body: maslikhat }
type: decision
adopted: 2027-01-15
number: '999'
title: null
registration: null
publications: []
entryIntoForce:
  rule: { kind: fixed_date, date: 2027-02-01 }
  wording: { kk: 2027 жылғы 1 ақпаннан бастап қолданысқа енгізіледі }
  source: { act: KZ-35.maslikhat.2021-02-25.34, note: item-1-5-excluded }
inForceBy: []
status: { kind: in_force }
notes: []
amendments: []
annexes: []
remarks: [{ kk: Тестке арналған ойдан шығарылған акт., ru: Вымышленный акт для тестов., en: A fictional act for tests. }]
`;
  return files
    .map((f) =>
      f.path === 'KZ-35/acts/2021-02-25.34.yaml'
        ? {
            ...f,
            text: f.text
              .replace(
                'notes:\n',
                "notes:\n  - id: item-1-5-excluded\n    kind: eskertu\n    lines: [56, 56]\n    text: { kk: '5) Алынып тасталды (fictional)' }\n",
              )
              .replace(
                'amendments:\n',
                `amendments:\n  - { part: { kind: item, annex: '1', section: '1', item: '5' }, change: excluded, by: ${FICTIONAL}, note: item-1-5-excluded }\n`,
              ),
          }
        : f,
    )
    .concat([
      { path: 'KZ-35/lists/2021-02-25.34.annex-1.from-2027-02-01.yaml', text: later },
      { path: 'KZ-35/acts/2027-01-15.999.yaml', text: act },
    ]);
}

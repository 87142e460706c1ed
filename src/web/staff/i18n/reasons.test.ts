/**
 * A pharmacist reads a refusal in kk or ru with everything the English sentence says: each rule
 * of src/ops/dispensing.ts refuses once, and its sentence in each language carries the
 * refusal's dates (as the pages write a day) and quantities, and no English status word.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate } from '../../../domain/date.ts';
import {
  checkDeferral,
  checkDispense,
  type DispenseFacts,
  type PrescriptionState,
  type Refusal,
} from '../../../ops/dispensing.ts';
import type { OpsIssue } from '../../../ops/issues.ts';
import { issueSentence } from './reasons.ts';

const d = isoDate;
const prescription: PrescriptionState = {
  status: 'active',
  quantity: 3,
  dispensed: 1,
  validFrom: d('2026-12-01'),
  validTo: d('2026-12-30'),
  daysOfSupply: 90,
};
const facts = (over: Partial<DispenseFacts> = {}): DispenseFacts => ({
  prescription,
  day: d('2026-12-10'),
  quantity: 1,
  expiry: d('2027-12-31'),
  signatureValid: true,
  onDay: { status: 'entitled' },
  policy: 'honour_until_expiry',
  ...over,
});

const refusals: Refusal<string>[] = [
  checkDispense(facts({ signatureValid: false })),
  checkDispense(facts({ prescription: { ...prescription, status: 'cancelled' } })),
  checkDispense(facts({ prescription: { ...prescription, status: 'completed', dispensed: 3 } })),
  checkDispense(facts({ day: d('2026-11-30') })),
  checkDispense(facts({ day: d('2026-12-31') })),
  checkDispense(facts({ quantity: 3 })),
  checkDispense(facts({ expiry: d('2026-12-01') })),
  checkDispense(facts({ expiry: d('2027-01-05') })),
  checkDispense(facts({ onDay: { status: 'not_entitled' }, policy: 'refuse' })),
  checkDispense(facts({ onDay: { status: 'unknown' }, policy: null })),
  checkDeferral({
    prescription,
    day: d('2026-12-10'),
    signatureValid: true,
    openDeferralDue: d('2026-12-14'),
  }),
].flatMap((r) => (r.allowed ? [] : [r]));

const issueOf = (r: Refusal<string>): OpsIssue => ({
  code: 'OPS_CONFLICT',
  path: [r.field],
  message: r.reason,
  reason: { id: 'dispensing', params: { ...r.values, sentence: r.reason }, rule: r.code },
});

/** A value as a page writes it: a day as dd.mm.yyyy, anything else as it is. */
const written = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split('-').reverse().join('.') : value;

describe('dispensing refusals in kk and ru', () => {
  it('every rule refuses once in the cases above', () => {
    assert.deepEqual([...new Set(refusals.map((r) => r.code))].sort(), [
      'cancelled',
      'completed',
      'deferral_open',
      'exceeds_remaining',
      'expired',
      'lot_expired',
      'lot_expires_during_supply',
      'no_longer_free',
      'not_yet_valid',
      'signature_invalid',
    ]);
  });

  for (const lang of ['kk', 'ru'] as const) {
    it(`${lang}: each sentence carries the dates and quantities the English one has`, () => {
      for (const r of refusals) {
        const { text, general } = issueSentence(lang, issueOf(r));
        assert.equal(general, false, r.code);
        for (const [key, value] of Object.entries(r.values)) {
          if (key === 'status' || key === 'policy') continue;
          assert.ok(
            text.includes(written(value)),
            `${lang} ${r.code}: ${key} ${value} in «${text}»`,
          );
        }
        assert.doesNotMatch(text, /not_entitled|unknown|refuse\b|\d{4}-\d{2}-\d{2}/, text);
        assert.ok(r.reason.length > 0 && text !== r.reason, `${lang} ${r.code} translated`);
      }
    });
  }
});

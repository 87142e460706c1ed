import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDate, type IsoDate } from '../domain/date.ts';
import { Engine } from '../domain/engine.ts';
import { buildRegistry } from '../registry/build.ts';
import { readDataDir } from '../registry/load-files.ts';
import { evaluateFor } from '../app/queries.ts';
import { basisItem } from './prescribing.ts';
import {
  checkDeferral,
  checkDispense,
  coveredDays,
  itemOnDay,
  type DispenseFacts,
  type PrescriptionState,
} from './dispensing.ts';

const d = isoDate;
// 3 packs for 90 days, valid 1–30 December 2026.
const prescription: PrescriptionState = {
  status: 'active',
  quantity: 3,
  dispensed: 0,
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
const code = (check: ReturnType<typeof checkDispense>) => (check.allowed ? 'allowed' : check.code);

describe('dispensing rules', () => {
  it('allows a part while the item is free, keeps what is left, and completes at 0', () => {
    const part = checkDispense(facts());
    assert.deepEqual(part, {
      allowed: true,
      basis: { kind: 'in_force', status: 'entitled' },
      remaining: 2,
      completes: false,
      suppliedUntil: '2027-01-08',
    });
    const last = checkDispense(facts({ prescription: { ...prescription, dispensed: 2 } }));
    assert.deepEqual(last.allowed && [last.remaining, last.completes], [0, true]);
  });

  it('is valid on both ends of the window and not a day outside it', () => {
    const on = (day: IsoDate) => code(checkDispense(facts({ day })));
    assert.deepEqual(
      [on(d('2026-11-30')), on(d('2026-12-01')), on(d('2026-12-30')), on(d('2026-12-31'))],
      ['not_yet_valid', 'allowed', 'allowed', 'expired'],
    );
  });

  it('refuses a cancelled or completed prescription, saying nothing is left for the latter', () => {
    assert.equal(
      code(checkDispense(facts({ prescription: { ...prescription, status: 'cancelled' } }))),
      'cancelled',
    );
    const done = checkDispense(
      facts({ prescription: { ...prescription, status: 'completed', dispensed: 3 } }),
    );
    assert.deepEqual(done.allowed ? null : [done.code, done.field], [
      'completed',
      'prescriptionId',
    ]);
    assert.match(done.allowed ? '' : done.reason, /nothing is left/);
  });

  it('refuses more than what is left, and says how much is', () => {
    const p = { ...prescription, dispensed: 1 };
    assert.equal(code(checkDispense(facts({ prescription: p, quantity: 2 }))), 'allowed');
    const over = checkDispense(facts({ prescription: p, quantity: 3 }));
    assert.deepEqual(over.allowed ? null : [over.code, over.field], [
      'exceeds_remaining',
      'quantity',
    ]);
    assert.match(over.allowed ? '' : over.reason, /only 2 of 3 are left/);
  });

  it('refuses a lot expired before the day, and one that expires before its share of the supply ends', () => {
    // One pack of three for 90 days covers 30 days: 10 December to 8 January inclusive.
    assert.equal(coveredDays(prescription, 1), 30);
    assert.equal(coveredDays({ daysOfSupply: 30, quantity: 4 }, 1), 8);
    const with_ = (expiry: string) => code(checkDispense(facts({ expiry: d(expiry) })));
    assert.deepEqual(
      [with_('2026-12-09'), with_('2026-12-10'), with_('2027-01-07'), with_('2027-01-08')],
      ['lot_expired', 'lot_expires_during_supply', 'lot_expires_during_supply', 'allowed'],
    );
    const single = { ...prescription, quantity: 30, daysOfSupply: 30 };
    assert.equal(
      code(checkDispense(facts({ prescription: single, expiry: d('2026-12-10') }))),
      'allowed',
    );
  });

  it('honours an item no longer free under honour_until_expiry, recording the policy and the status', () => {
    const check = checkDispense(facts({ onDay: { status: 'not_entitled' } }));
    assert.deepEqual(check.allowed && check.basis, {
      kind: 'excluded_after_issue',
      policy: 'honour_until_expiry',
      status: 'not_entitled',
    });
    const unknown = checkDispense(facts({ onDay: { status: 'unknown' } }));
    assert.deepEqual(unknown.allowed && unknown.basis.status, 'unknown');
  });

  it('refuses an item no longer free where the policy is refuse, or where the data gives none', () => {
    const refused = checkDispense(facts({ onDay: { status: 'not_entitled' }, policy: 'refuse' }));
    assert.deepEqual(refused.allowed ? null : [refused.code, refused.field], [
      'no_longer_free',
      'prescriptionId',
    ]);
    assert.match(refused.allowed ? '' : refused.reason, /policy is to refuse/);
    const none = checkDispense(facts({ onDay: { status: 'conditional' }, policy: null }));
    assert.match(none.allowed ? '' : none.reason, /gives no policy/);
    assert.equal(code(checkDispense(facts({ policy: 'refuse' }))), 'allowed');
  });

  it('checks the signature before anything else', () => {
    const forged = checkDispense(
      facts({ signatureValid: false, prescription: { ...prescription, status: 'cancelled' } }),
    );
    assert.equal(code(forged), 'signature_invalid');
    assert.doesNotMatch(forged.allowed ? '' : forged.reason, /\d{12}/);
  });

  it('defers only an open prescription with something left, one open deferral at a time', () => {
    const base = {
      prescription,
      day: d('2026-12-10'),
      signatureValid: true,
      openDeferralDue: null,
    };
    assert.deepEqual(checkDeferral(base), { allowed: true, remaining: 3 });
    const twice = checkDeferral({ ...base, openDeferralDue: d('2026-12-24') });
    assert.deepEqual(twice.allowed ? null : twice.code, 'deferral_open');
    const out = checkDeferral({ ...base, day: d('2026-12-31') });
    assert.deepEqual(out.allowed ? null : out.code, 'expired');
    const forged = checkDeferral({ ...base, signatureValid: false });
    assert.deepEqual(forged.allowed ? null : forged.code, 'signature_invalid');
  });
});

describe("the item and product on the day, from the engine's real answer", () => {
  const { registry } = buildRegistry(readDataDir());
  const engine = new Engine(registry);
  // KZ-27, annex 1, section 1, item 2: juvenile arthritis, children on the register.
  const answer = (date: string) => {
    const a = evaluateFor(registry, engine, {
      region: 'KZ-27',
      date,
      birthDate: '2008-12-01',
      citizenship: 'KZ',
      servedIn: 'KZ-27',
      diagnoses: [
        { code: 'M08.0', registered: true, commission: true, verified: true, confirmed: true },
      ],
    });
    assert.ok(a.ok);
    return a.result.entitlements;
  };
  const issued = answer('2026-11-25').find((e) => e.status === 'entitled');
  assert.ok(issued);
  const basis = { item: basisItem(issued), citation: issued.basis };

  it('finds the item entitled with its product while the patient is a child', () => {
    assert.deepEqual(itemOnDay(answer('2026-11-30'), basis, { inn: 'tocilizumab', name: null }), {
      status: 'entitled',
    });
  });

  it('answers not_entitled from the 18th birthday, and for a product the item does not list', () => {
    assert.deepEqual(itemOnDay(answer('2026-12-01'), basis, { inn: 'tocilizumab', name: null }), {
      status: 'not_entitled',
    });
    assert.deepEqual(itemOnDay(answer('2026-11-30'), basis, { inn: 'eplerenone', name: null }), {
      status: 'not_entitled',
    });
    const elsewhere = { ...basis, item: '999' };
    assert.deepEqual(
      itemOnDay(answer('2026-11-30'), elsewhere, { inn: 'tocilizumab', name: null }),
      {
        status: 'not_entitled',
      },
    );
  });
});

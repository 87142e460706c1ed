import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Icd10Code } from '../domain/codes.ts';
import { isoDate } from '../domain/date.ts';
import type { CommissionDecision, DispensaryRegistration } from './clinical.ts';
import { factsFromRegister, type RegisterOf } from './facts.ts';

const d = isoDate;
const code = (c: string) => c as Icd10Code;
const registration = (over: Partial<DispensaryRegistration> = {}): DispensaryRegistration => ({
  id: 'reg-1',
  patientId: 'p1',
  icd10: code('G80.1'),
  organisation: 'KZ-27/P1',
  specialist: 'acc-doc',
  from: d('2026-02-01'),
  to: null,
  basis: 'conclusion No 1',
  confirmed: true,
  deregistration: null,
  ...over,
});
const decision = (over: Partial<CommissionDecision> = {}): CommissionDecision => ({
  id: 'dec-1',
  patientId: 'p1',
  organisation: 'KZ-27/H1',
  protocolNumber: '17',
  protocolDate: d('2026-03-01'),
  icd10: code('G80.1'),
  inns: ['Botulinum toxin type A'],
  validFrom: d('2026-03-01'),
  validTo: d('2026-08-31'),
  revokes: null,
  recordedBy: 'acc-kk',
  revokedBy: null,
  ...over,
});
const register = (over: Partial<RegisterOf> = {}): RegisterOf => ({
  patient: {
    birthDate: d('2018-05-04'),
    citizenship: 'KZ',
    attachments: [
      { organisation: 'KZ-35/K1', from: d('2020-01-01'), to: d('2026-04-01') },
      { organisation: 'KZ-27/P1', from: d('2026-04-01'), to: null },
    ],
  },
  registrations: [registration()],
  decisions: [decision()],
  ...over,
});
const diagnosis = (r: ReturnType<typeof factsFromRegister>, c = 'G80.1') =>
  r.facts.diagnoses.find((x) => x.code === c);

describe('the engine facts from the register', () => {
  it('takes the patient facts, the region served on the date and an open registration with a decision in force', () => {
    const r = factsFromRegister(register(), 'KZ-27', d('2026-05-10'));
    assert.deepEqual(
      { ...r.facts, diagnoses: undefined },
      {
        region: 'KZ-27',
        date: '2026-05-10',
        birthDate: '2018-05-04',
        citizenship: 'KZ',
        servedIn: 'KZ-27',
        diagnoses: undefined,
      },
    );
    assert.deepEqual(diagnosis(r), {
      code: 'G80.1',
      registered: true,
      commission: ['botulinum toxin type a'],
      verified: true,
      confirmed: true,
    });
    assert.deepEqual(r.relied.get(code('G80.1')), {
      registration: 'reg-1',
      decisions: [{ id: 'dec-1', inns: ['botulinum toxin type a'] }],
    });
  });

  it('follows a change of attachment: the day before it the previous region serves', () => {
    assert.equal(factsFromRegister(register(), 'KZ-27', d('2026-03-31')).facts.servedIn, 'KZ-35');
    assert.equal(factsFromRegister(register(), 'KZ-27', d('2026-04-01')).facts.servedIn, 'KZ-27');
    const none = register({
      patient: { ...register().patient, attachments: [] },
    });
    assert.equal(factsFromRegister(none, 'KZ-27', d('2026-05-10')).facts.servedIn, 'unknown');
  });

  it('takes a non-Kazakh citizenship as other', () => {
    const foreign = register({ patient: { ...register().patient, citizenship: 'RU' } });
    assert.equal(factsFromRegister(foreign, 'KZ-27', d('2026-05-10')).facts.citizenship, 'other');
  });

  it('drops a decision after its last day, and before its first', () => {
    assert.deepEqual(
      diagnosis(factsFromRegister(register(), 'KZ-27', d('2026-08-31')))?.commission,
      ['botulinum toxin type a'],
    );
    assert.deepEqual(
      diagnosis(factsFromRegister(register(), 'KZ-27', d('2026-09-01')))?.commission,
      [],
    );
    assert.deepEqual(
      diagnosis(factsFromRegister(register(), 'KZ-27', d('2026-02-28')))?.commission,
      [],
    );
  });

  it('drops a revoked decision from the day the revocation takes effect; the revocation approves nothing', () => {
    const revocation = decision({
      id: 'dec-2',
      protocolNumber: '18',
      validFrom: d('2026-05-01'),
      validTo: null,
      revokes: 'dec-1',
    });
    const revoked = register({ decisions: [decision({ revokedBy: 'dec-2' }), revocation] });
    const before = factsFromRegister(revoked, 'KZ-27', d('2026-04-30'));
    assert.deepEqual(diagnosis(before)?.commission, ['botulinum toxin type a']);
    const after = factsFromRegister(revoked, 'KZ-27', d('2026-05-01'));
    assert.deepEqual(diagnosis(after)?.commission, []);
    assert.deepEqual(after.relied.get(code('G80.1'))?.decisions, []);
  });

  it('stops the registration after its last day; the code asked about is then unregistered', () => {
    const closed = register({
      registrations: [
        registration({
          to: d('2026-06-30'),
          deregistration: { reason: 'recovered', note: null, by: 'acc-doc' },
        }),
      ],
      decisions: [],
    });
    assert.equal(diagnosis(factsFromRegister(closed, 'KZ-27', d('2026-06-30')))?.registered, true);
    const after = factsFromRegister(closed, 'KZ-27', d('2026-07-01'), [code('G80.1')]);
    assert.deepEqual(diagnosis(after), {
      code: 'G80.1',
      registered: false,
      commission: [],
      verified: false,
      confirmed: false,
    });
    assert.equal(after.relied.get(code('G80.1'))?.registration, null);
  });

  it('matches the exact code only, and carries the conclusion unconfirmed where it is', () => {
    const r = factsFromRegister(
      register({
        registrations: [registration({ icd10: code('G80.0'), confirmed: false })],
        decisions: [],
      }),
      'KZ-27',
      d('2026-05-10'),
      [code('G80.1')],
    );
    assert.equal(diagnosis(r, 'G80.1')?.registered, false);
    assert.deepEqual(
      [
        diagnosis(r, 'G80.0')?.registered,
        diagnosis(r, 'G80.0')?.confirmed,
        diagnosis(r, 'G80.0')?.verified,
      ],
      [true, false, false],
    );
  });
});

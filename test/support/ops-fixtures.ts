/**
 * Hand-built operations records for the FHIR mapping tests (src/fhir/ops): one patient with
 * an attachment history, organisations, a doctor, a registration, a signed prescription, a
 * dispense and a deferral, and audit records — typed as the model stores them.
 */
import { ActId } from '../../src/domain/act.ts';
import type { ItemCitation } from '../../src/domain/citation.ts';
import { Icd10Code } from '../../src/domain/codes.ts';
import { isoDate } from '../../src/domain/date.ts';
import { RegionCode } from '../../src/domain/region.ts';
import type { AuditRecord } from '../../src/ops/audit.ts';
import type {
  Deferral,
  Dispense,
  DispensaryRegistration,
  Prescription,
} from '../../src/ops/clinical.ts';
import type { Organisation, Patient } from '../../src/ops/model.ts';

/** A valid IIN (check digit 7): it may appear in Patient.identifier and nowhere else. */
export const IIN = '750302300017';

export const ids = {
  patient: '3f6c1d2e-8a4b-4c5d-9e6f-0a1b2c3d4e5f',
  doctor: '0b7e9c4a-1d2f-4e3a-8b5c-6d7e8f9a0b1c',
  pharmacist: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
  registration: '9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a',
  prescription: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
  dispense: '7e6d5c4b-3a2f-4e1d-0c9b-8a7f6e5d4c3b',
  deferral: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
  decision: '4d5e6f7a-8b9c-4d0e-1f2a-3b4c5d6e7f8a',
} as const;

const KZ35 = RegionCode.parse('KZ-35');

export const polyclinic: Organisation = {
  region: KZ35,
  code: 'POLY-3',
  kind: 'polyclinic',
  name: { kk: '№3 емхана', ru: 'Поликлиника № 3', en: 'Polyclinic No 3' },
};

export const pharmacy: Organisation = {
  region: KZ35,
  code: 'PH-12',
  kind: 'pharmacy',
  name: { kk: '№12 дәріхана', ru: 'Аптека № 12', en: 'Pharmacy No 12' },
};

export const patient: Patient = {
  id: ids.patient,
  iin: IIN,
  familyName: 'Серікова',
  givenName: 'Айгүл',
  patronymic: 'Болатқызы',
  birthDate: isoDate('1975-03-02'),
  sex: 'female',
  citizenship: 'KZ',
  attachments: [
    { organisation: 'KZ-35/POLY-1', from: isoDate('2019-01-10'), to: isoDate('2024-06-01') },
    { organisation: 'KZ-35/POLY-3', from: isoDate('2024-06-01'), to: null },
  ],
};

export const registration: DispensaryRegistration = {
  id: ids.registration,
  patientId: ids.patient,
  icd10: Icd10Code.parse('E11.9'),
  organisation: 'KZ-35/POLY-3',
  specialist: ids.doctor,
  from: isoDate('2025-02-05'),
  to: null,
  basis: 'endocrinologist conclusion No 123 of 05.02.2025',
  confirmed: true,
  deregistration: null,
};

const act = ActId.parse('KZ-35.maslikhat.2021-02-25.34');
const citation: ItemCitation = {
  act,
  annex: '1',
  section: '1',
  item: '14',
  units: [
    { kind: 'point', number: '1' },
    { kind: 'sub_point', number: '14' },
  ],
  edition: {
    act,
    amendedBy: [],
    inForceFrom: { kind: 'known', date: isoDate('2021-03-15'), basis: 'publication' },
  },
  source: { file: 'KZ-35/acts/2021-02-25-34.kk.txt', lines: [120, 124] },
  text: {
    kk: 'Қарағанды облыстық мәслихатының 25.02.2021 № 34 шешімі, 1-қосымша, 1-тармақтың 14) тармақшасы',
    ru: 'Решение Карагандинского областного маслихата от 25.02.2021 № 34, приложение 1, подпункт 14) пункта 1',
    en: 'Decision of the Karaganda oblast maslikhat No 34 of 25.02.2021, annex 1, point 1, sub-point 14)',
  },
};

export const prescription: Prescription = {
  id: ids.prescription,
  number: 'KZ-35-2026-000042',
  patientId: ids.patient,
  organisation: 'KZ-35/POLY-3',
  region: KZ35,
  icd10: Icd10Code.parse('E11.9'),
  product: { inn: 'metformin', name: null, form: 'tablets 500 mg', atc: 'A10BA02' },
  quantity: 3,
  unit: 'pack',
  dosing: '500 mg twice a day with meals',
  daysOfSupply: 90,
  continuous: true,
  issuedOn: isoDate('2026-03-02'),
  prescriber: ids.doctor,
  validFrom: isoDate('2026-03-02'),
  validTo: isoDate('2026-03-31'),
  basis: {
    region: KZ35,
    status: 'entitled',
    item: 'KZ-35-20210225-34-a1-20210225-34-s1-i14',
    citation,
    explanation: {
      kk: 'E11.9 диагнозы бойынша тегін',
      ru: 'Бесплатно по диагнозу E11.9',
      en: 'Free for diagnosis E11.9',
    },
    registryVersion: 'reg-2026-03-01-abc123',
    facts: { registration: ids.registration, commissionDecision: ids.decision },
    parameters: [
      {
        name: 'validityDays',
        value: 30,
        from: isoDate('2021-08-20'),
        status: 'default',
        source: 'practice; order ҚР ДСМ-112/2020 not read in full',
      },
      {
        name: 'excludedItemPolicy',
        value: 'honour_until_expiry',
        from: isoDate('2021-08-20'),
        status: 'default',
        source: 'tegin policy',
      },
    ],
  },
  status: 'active',
  cancellation: null,
  signature: {
    algorithm: 'Ed25519',
    keyId: 'kz35-2026-01',
    value: 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJCrze8SNFZ4kKvN7xI0VniQ',
  },
  dispensed: 1,
};

export const dispense: Dispense = {
  id: ids.dispense,
  prescriptionId: ids.prescription,
  pharmacy: 'KZ-35/PH-12',
  quantity: 1,
  lot: 'MF2409-17',
  expiry: isoDate('2027-09-30'),
  dispensedOn: isoDate('2026-03-04'),
  pharmacist: ids.pharmacist,
  at: '2026-03-04T09:15:00.000Z',
  basis: { kind: 'in_force', status: 'entitled' },
  remaining: 2,
  registryVersion: 'c0ffee'.repeat(10) + 'c0ff',
  policy: null,
  servedDeferral: null,
};

export const deferral: Deferral = {
  id: ids.deferral,
  prescriptionId: ids.prescription,
  pharmacy: 'KZ-35/PH-12',
  recordedOn: isoDate('2026-03-04'),
  urgent: false,
  pharmacist: ids.pharmacist,
  dueOn: isoDate('2026-03-18'),
  status: 'open',
  dueRule: {
    parameter: {
      name: 'deferredDueWorkingDays',
      value: 10,
      from: isoDate('2021-08-20'),
      status: 'default',
      source: 'no due date for deferred service found in Kazakh law',
    },
    calendar: 'monday_to_friday_without_public_holidays',
  },
  servedBy: null,
};

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

export const auditRead: AuditRecord = {
  sequence: 41,
  shard: 3,
  position: 17,
  prevHash: HASH_A,
  hash: HASH_B,
  at: '2026-03-04T09:14:00.000Z',
  actorId: ids.pharmacist,
  role: 'pharmacist',
  organisation: 'KZ-35/PH-12',
  action: 'patient.read',
  patientRef: ids.patient,
  purpose: 'treatment',
  requestId: 'req-7f3a',
  outcome: 'allowed',
  detail: null,
};

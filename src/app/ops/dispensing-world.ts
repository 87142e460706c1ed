/**
 * The world the dispensing contracts run in: organisations, staff and patients made through
 * the use cases, the real engine over the repository's data, and prescriptions that go the
 * way the programme's do — registered (`ops.register.register`), decided by a commission where
 * the item asks for one (`ops.register.decide`), issued (`ops.prescriptions.issue`) and signed
 * by `ed25519Signer`. A prescription is issued with the clock set to its issue day, so an
 * expired or a not-yet-valid one is reached by the injected clock, never by SQL.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { isoDate, type IsoDate } from '../../domain/date.ts';
import { readDataDir } from '../../registry/load-files.ts';
import type { Prescription, PrescriptionSigner } from '../../ops/clinical.ts';
import { DEFAULT_LOGIN_POLICY } from '../../ops/login.ts';
import type { Role } from '../../ops/model.ts';
import type { Actor } from '../../ops/permissions.ts';
import type { SqlOpsStorage } from '../../storage/ops/sql-ops-storage.ts';
import type { Law } from './law.ts';
import { addOrganisations, addStaff, iinFor, lawFromFiles } from './ops-setup.ts';
import { argon2Hasher } from './password.ts';
import { ed25519Signer } from './signer.ts';
import { OpsService, type RequestContext } from './service.ts';

const ctx: RequestContext = { requestId: 'req-w', purpose: 'treatment' };
const SINCE = isoDate('2024-01-10');
const PEOPLE = {
  adult: { birthDate: isoDate('1975-03-02'), familyName: 'Сапарова' },
  // Turns 18 on 2026-12-01: juvenile arthritis items are for children.
  child: { birthDate: isoDate('2008-12-01'), familyName: 'Омарова' },
} as const;
export const GIVEN_NAME = 'Айгүл';

export interface TestPatient {
  id: string;
  iin: string;
  birthDate: IsoDate;
  familyName: string;
}

/** A prescription to issue; a new patient is made unless `patient` names one. */
export interface PrescriptionSpec {
  patient?: TestPatient;
  born: keyof typeof PEOPLE;
  icd10: string;
  inn: string;
  /** The item asks for a commission decision (ДКК): one is recorded before issuing. */
  commission: boolean;
  quantity: number;
  daysOfSupply: number;
  issuedOn: IsoDate;
  /** Cancelled by its prescriber once issued. */
  cancelled: boolean;
  /** Issued by a server that signs for this IIN instead of the patient's (misdirected). */
  signFor: string | null;
  /** Issued by a server whose key this one does not trust. */
  foreignKey: boolean;
}

export interface DispensingWorld {
  storage: SqlOpsStorage;
  ops: OpsService;
  law: Law;
  signer: PrescriptionSigner;
  setClock(iso: string): void;
  actors: Record<
    'pharmacist' | 'pharmacist2' | 'farPharmacist' | 'doctor' | 'doctor2' | 'auditor' | 'member',
    Actor
  >;
  /** Every patient made so far (their IINs and names must stay out of the audit). */
  patients: TestPatient[];
  patientOf(p: Prescription): TestPatient;
  /** Organisations and staff, through the use cases. */
  setUp(): Promise<void>;
  prescribe(over?: Partial<PrescriptionSpec>): Promise<Prescription>;
  /** The service over the same storage with another law or signer. */
  opsWith(over: { law?: Law; signer?: PrescriptionSigner }): OpsService;
  dispenseInput(p: Prescription, over?: Record<string, unknown>): Record<string, unknown>;
  key(): string;
  /** What a refusal must leave unchanged. */
  snapshot(p: Prescription): Promise<unknown>;
}

/**
 * Opens the storage, migrates it and builds the world into `w`, the object the contracts were
 * handed before it existed (staff come with `setUp`).
 */
export async function openDispensingWorld(
  w: DispensingWorld,
  open: () => Promise<SqlOpsStorage>,
  start: string,
): Promise<void> {
  const storage = await open();
  await storage.migrate();
  const law = lawFromFiles(readDataDir(), 'repository');
  const signer = ed25519Signer(generateKeyPairSync('ed25519').privateKey);
  let clock = new Date(start);
  let serial = 0;
  const registered = new Set<string>();
  const byId = new Map<string, TestPatient>();
  const opsWith = (over: { law?: Law; signer?: PrescriptionSigner }) =>
    new OpsService({
      storage,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      now: () => clock,
      law: () => over.law ?? law,
      signer: over.signer ?? signer,
    });
  const ops = opsWith({});
  const world: DispensingWorld = {
    storage,
    ops,
    law,
    signer,
    actors: {} as DispensingWorld['actors'],
    patients: [],
    setClock: (iso) => (clock = new Date(iso)),
    key: () => `key-${(serial += 1)}-${Math.random().toString(36).slice(2, 10)}`,
    patientOf: (p) => byId.get(p.patientId) as TestPatient,
    opsWith,
    setUp: () => setUp(w),
    async prescribe(over = {}) {
      const spec: PrescriptionSpec = {
        born: 'adult',
        icd10: 'I50.0',
        inn: 'eplerenone',
        commission: false,
        quantity: 3,
        daysOfSupply: 30,
        issuedOn: isoDate('2026-11-25'),
        cancelled: false,
        signFor: null,
        foreignKey: false,
        ...over,
      };
      const patient = spec.patient ?? (await newPatient(spec.born));
      const { doctor, member } = w.actors;
      if (!registered.has(`${patient.id} ${spec.icd10}`)) {
        const registration = await ops.register.register(
          doctor,
          {
            patientId: patient.id,
            icd10: spec.icd10,
            organisation: 'KZ-27/P1',
            from: SINCE,
            basis: 'specialist conclusion No 1',
            confirmed: true,
          },
          ctx,
        );
        assert.ok(registration.ok, JSON.stringify(registration));
        registered.add(`${patient.id} ${spec.icd10}`);
      }
      if (spec.commission) {
        const decision = await ops.register.decide(
          member,
          {
            patientId: patient.id,
            organisation: 'KZ-27/H1',
            protocolNumber: `${(serial += 1)}`,
            protocolDate: SINCE,
            icd10: spec.icd10,
            inns: [spec.inn],
            validFrom: SINCE,
            validTo: null,
          },
          ctx,
        );
        assert.ok(decision.ok, JSON.stringify(decision));
      }
      const issuer =
        spec.signFor !== null
          ? opsWith({ signer: misdirected(signer, spec.signFor) })
          : spec.foreignKey
            ? opsWith({ signer: ed25519Signer(generateKeyPairSync('ed25519').privateKey) })
            : ops;
      const today = clock;
      clock = new Date(`${spec.issuedOn}T06:00:00.000Z`);
      const issued = await issuer.prescriptions.issue(
        doctor,
        {
          patientId: patient.id,
          organisation: 'KZ-27/P1',
          icd10: spec.icd10,
          product: { inn: spec.inn },
          quantity: spec.quantity,
          unit: 'pack',
          dosing: 'as directed',
          daysOfSupply: spec.daysOfSupply,
          issuedOn: spec.issuedOn,
        },
        ctx,
      );
      clock = today;
      assert.ok(issued.ok, JSON.stringify(issued));
      if (!spec.cancelled) return issued.value;
      const cancelled = await ops.prescriptions.cancel(
        doctor,
        issued.value.id,
        { reason: 'entered_in_error' },
        ctx,
      );
      assert.ok(cancelled.ok, JSON.stringify(cancelled));
      return cancelled.value;
    },
    dispenseInput: (p, over = {}) => ({
      prescriptionId: p.id,
      pharmacy: 'KZ-27/PH1',
      quantity: 1,
      lot: 'LOT-A1',
      expiry: '2027-06-30',
      dispensedOn: clock.toISOString().slice(0, 10),
      idempotencyKey: w.key(),
      ...over,
    }),
    snapshot: async (p) => ({
      prescription: await storage.prescription({ id: p.id }),
      dispenses: await storage.dispensing.dispenses(p.id),
      deferrals: await storage.dispensing.deferrals(p.id),
    }),
  };
  Object.assign(w, world);

  async function newPatient(born: keyof typeof PEOPLE): Promise<TestPatient> {
    const { birthDate, familyName } = PEOPLE[born];
    const iin = iinFor(birthDate, 'female', w.patients.length + 1);
    const created = await ops.patients.createPatient(
      w.actors.doctor,
      { iin, familyName, givenName: GIVEN_NAME, birthDate, sex: 'female', citizenship: 'KZ' },
      { organisation: 'KZ-27/P1', from: SINCE },
      ctx,
    );
    assert.ok(created.ok, JSON.stringify(created));
    const patient = { id: created.value.id, iin, birthDate, familyName };
    w.patients.push(patient);
    byId.set(patient.id, patient);
    return patient;
  }
}

/** The real signer, signing for another IIN than the patient's. */
const misdirected = (signer: PrescriptionSigner, iin: string): PrescriptionSigner => ({
  ...signer,
  sign: (prescription) => signer.sign(prescription, { iin }),
});

async function setUp(w: DispensingWorld): Promise<void> {
  await addOrganisations(w.ops, [
    ['KZ-27', 'P1', 'polyclinic'],
    ['KZ-27', 'P2', 'polyclinic'],
    ['KZ-27', 'H1', 'hospital_with_commission'],
    ['KZ-27', 'PH1', 'pharmacy'],
    ['KZ-27', 'PH2', 'pharmacy'],
    ['KZ-35', 'PH35', 'pharmacy'],
  ]);
  const staff = (username: string, role: Role, region: string, organisation: string | null) =>
    addStaff(w.ops, username, { role, region, organisation });
  w.actors = {
    doctor: await staff('doc.p1', 'doctor', 'KZ-27', 'KZ-27/P1'),
    doctor2: await staff('doc.p2', 'doctor', 'KZ-27', 'KZ-27/P2'),
    member: await staff('member.h1', 'commission_member', 'KZ-27', 'KZ-27/H1'),
    pharmacist: await staff('ph.one', 'pharmacist', 'KZ-27', 'KZ-27/PH1'),
    pharmacist2: await staff('ph.two', 'pharmacist', 'KZ-27', 'KZ-27/PH2'),
    farPharmacist: await staff('ph.far', 'pharmacist', 'KZ-35', 'KZ-35/PH35'),
    auditor: await staff('aud.kz27', 'auditor', 'KZ-27', null),
  };
}

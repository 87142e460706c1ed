/**
 * A small world for "my medicines" (docs/adr/0020-patient-access.md): West Kazakhstan's
 * polyclinic, hospital and pharmacy; a child with cerebral palsy (G80.1) on the register, a
 * commission decision for botulinum toxin, a prescription and one dispense; a second patient;
 * and the app with the patient's sign-in over an outbox the test reads (memory, or the
 * development file). The clock can be moved (codes and sessions expire).
 */
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { lawOf, type Law } from '../../src/app/ops/law.ts';
import { opsService } from '../../src/app/ops/open.ts';
import { addOrganisations } from '../../src/app/ops/ops-setup.ts';
import type { Outbox, OutboxMessage } from '../../src/app/ops/outbox.ts';
import { patientUseCases } from '../../src/app/ops/patient-setup.ts';
import { generateSigningKey } from '../../src/app/ops/rx-keys.ts';
import { ed25519Signer } from '../../src/app/ops/signer.ts';
import { isoDate } from '../../src/domain/date.ts';
import { sessionSettings } from '../../src/http/ops/session.ts';
import type { Role } from '../../src/ops/model.ts';
import type { Actor } from '../../src/ops/permissions.ts';
import { testApp, testServices, type TestApp, type TestServices } from './app.ts';
import { CHILD, NEW_IIN } from './staff-world.ts';

export { CHILD, NEW_IIN };
export const TODAY = '2026-11-24';
const ctx = { requestId: null, purpose: 'test' };

export interface PatientWorld {
  services: TestServices;
  app: TestApp;
  messages: OutboxMessage[];
  /** Moves the clock by `ms`. */
  advance(ms: number): void;
  child: string;
  other: string;
  rxNumber: string;
  close(): Promise<void>;
}

/** With `outbox`, codes go there (e.g. the development file) as well as to `messages`. */
export async function patientWorld(options: { outbox?: Outbox; local?: boolean } = {}) {
  const services = await testServices();
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const today = () => isoDate(TODAY);
  let law: Law | null = null;
  const lawNow = () => (law ??= lawOf(services));
  const { privateKeyPem, entry } = generateSigningKey();
  const deps = { law: lawNow, today, now };
  const service = opsService(services.opsStorage, {
    ...deps,
    signer: ed25519Signer(createPrivateKey(privateKeyPem)),
  });
  const session = sessionSettings({ localHttp: options.local ?? false });
  const messages: OutboxMessage[] = [];
  const outbox: Outbox = {
    send: async (m) => {
      messages.push(m);
      await options.outbox?.send(m);
    },
  };
  const patients = patientUseCases(services.opsStorage, deps, outbox, session.secret);
  const app = testApp(services, { ops: { service, session, trust: [entry], patients }, today });

  await addOrganisations(service, [
    ['KZ-27', 'POLY-1', 'polyclinic'],
    ['KZ-27', 'HOSP-1', 'hospital_with_commission'],
    ['KZ-27', 'PHARM-1', 'pharmacy'],
  ]);
  const operator: Actor = { kind: 'operator', name: 'test' };
  const staff = async (username: string, role: Role, organisation: string): Promise<Actor> => {
    const grant = { role, region: 'KZ-27', organisation };
    const made = await service.accounts.createAccount(
      operator,
      { username, displayName: username, grants: [grant] },
      ctx,
    );
    assert.ok(made.ok, JSON.stringify(made));
    return { kind: 'staff', accountId: made.value.id, grants: [grant as never] };
  };
  const doctor = await staff('doctor1.kz27', 'doctor', 'KZ-27/POLY-1');
  const member = await staff('member1.kz27', 'commission_member', 'KZ-27/HOSP-1');
  const pharmacist = await staff('pharm1.kz27', 'pharmacist', 'KZ-27/PHARM-1');
  const ok = <T>(r: { ok: true; value: T } | { ok: false; issues: unknown }): T => {
    assert.ok(r.ok, JSON.stringify(r));
    return r.value;
  };
  const attach = { organisation: 'KZ-27/POLY-1', from: isoDate('2024-01-10') };
  const child = ok(await service.patients.createPatient(doctor, CHILD, attach, ctx)).id;
  const other = ok(
    await service.patients.createPatient(
      doctor,
      { ...CHILD, iin: NEW_IIN, givenName: 'Айгерім', birthDate: '1975-03-02', sex: 'female' },
      attach,
      ctx,
    ),
  ).id;
  ok(
    await service.register.register(
      doctor,
      {
        patientId: child,
        icd10: 'G80.1',
        organisation: 'KZ-27/POLY-1',
        from: '2026-10-01',
        basis: 'conclusion No 1',
        confirmed: true,
      },
      ctx,
    ),
  );
  ok(
    await service.register.decide(
      member,
      {
        patientId: child,
        organisation: 'KZ-27/HOSP-1',
        protocolNumber: '44',
        protocolDate: '2026-10-15',
        icd10: 'G80.1',
        inns: ['Botulinum toxin type A'],
        validFrom: '2026-10-15',
        validTo: null,
      },
      ctx,
    ),
  );
  const rx = ok(
    await service.prescriptions.issue(
      doctor,
      {
        patientId: child,
        organisation: 'KZ-27/POLY-1',
        icd10: 'G80.1',
        product: { inn: 'Botulinum toxin type A' },
        quantity: 2,
        unit: 'vial',
        dosing: 'as directed',
        daysOfSupply: 30,
        issuedOn: TODAY,
      },
      ctx,
    ),
  );
  ok(
    await service.dispensing.dispense(
      pharmacist,
      {
        prescriptionId: rx.id,
        pharmacy: 'KZ-27/PHARM-1',
        quantity: 1,
        lot: 'LOT-A1',
        expiry: '2027-06-30',
        dispensedOn: TODAY,
        idempotencyKey: 'dispense-key-1',
      },
      ctx,
    ),
  );
  return {
    services,
    app,
    messages,
    advance: (ms: number) => {
      offset += ms;
    },
    child,
    other,
    rxNumber: rx.number,
    close: () => services.storage.close(),
  } satisfies PatientWorld;
}

/**
 * A small world for the staff screens' tests, set up through the use cases as `tegin demo`
 * does: West Kazakhstan's polyclinic, hospital (commission) and pharmacy, one account per role
 * with its password, and a child patient attached to the polyclinic. Cerebral palsy (G80.1)
 * with botulinum toxin type A needs a registration and a commission decision (KZ-27, item 1.7).
 */
import assert from 'node:assert/strict';
import { todayInKazakhstan } from '../../src/app/clock.ts';
import { addOrganisations } from '../../src/app/ops/ops-setup.ts';
import type { OpsService } from '../../src/app/ops/service.ts';
import type { Role } from '../../src/ops/model.ts';
import type { Actor } from '../../src/ops/permissions.ts';
import { sessionSettings } from '../../src/http/ops/session.ts';
import { testApp, testOps, testServices, type TestApp, type TestServices } from './app.ts';

export const CHILD = {
  iin: '120311500018',
  familyName: 'Нұрланов',
  givenName: 'Әлихан',
  birthDate: '2012-03-11',
  sex: 'male',
  citizenship: 'KZ',
} as const;

/** A second valid IIN, for registering a patient through the pages. */
export const NEW_IIN = '750302300017';

export const ACCOUNTS = {
  doctor: { role: 'doctor', organisation: 'KZ-27/POLY-1' },
  commission: { role: 'commission_member', organisation: 'KZ-27/HOSP-1' },
  pharmacist: { role: 'pharmacist', organisation: 'KZ-27/PHARM-1' },
  auditor: { role: 'auditor', organisation: null },
} as const satisfies Record<string, { role: Role; organisation: string | null }>;
export type AccountKey = keyof typeof ACCOUNTS;

export interface StaffWorld {
  services: TestServices;
  service: OpsService;
  app: TestApp;
  today: string;
  passwords: Record<AccountKey, string>;
  usernames: Record<AccountKey, string>;
  child: string;
  /** The accounts as actors of the use cases (to set records up without the screens). */
  actors: Record<AccountKey, Actor>;
  close(): Promise<void>;
}

const ctx = { requestId: null, purpose: 'test' };
const operator: Actor = { kind: 'operator', name: 'test' };

/**
 * The world on a fresh in-memory database. `localHttp`: the session cookie a browser keeps
 * over plain http on a loopback address (`tegin_session`, not Secure), for browser tests.
 */
export async function staffWorld(options: { localHttp?: boolean } = {}): Promise<StaffWorld> {
  const services = await testServices();
  const made = testOps(services);
  const ops = options.localHttp ? { ...made, session: sessionSettings({ localHttp: true }) } : made;
  const today = todayInKazakhstan();
  const app = testApp(services, { ops, today: () => today });
  const service = ops.service;
  await addOrganisations(service, [
    ['KZ-27', 'POLY-1', 'polyclinic'],
    ['KZ-27', 'HOSP-1', 'hospital_with_commission'],
    ['KZ-27', 'PHARM-1', 'pharmacy'],
  ]);
  const passwords = {} as Record<AccountKey, string>;
  const usernames = {} as Record<AccountKey, string>;
  const actors = {} as Record<AccountKey, Actor>;
  for (const [key, given] of Object.entries(ACCOUNTS) as [
    AccountKey,
    (typeof ACCOUNTS)[AccountKey],
  ][]) {
    const username = `${key}1.kz27`;
    const grant = { role: given.role, region: 'KZ-27', organisation: given.organisation };
    const created = await service.accounts.createAccount(
      operator,
      { username, displayName: `${key} one`, grants: [grant] },
      ctx,
    );
    assert.ok(created.ok, JSON.stringify(created));
    passwords[key] = created.value.password;
    usernames[key] = username;
    actors[key] = { kind: 'staff', accountId: created.value.id, grants: [grant as never] };
  }
  const child = await service.patients.createPatient(
    actors.doctor,
    CHILD,
    { organisation: 'KZ-27/POLY-1', from: '2024-01-10' as never },
    ctx,
  );
  assert.ok(child.ok);
  return {
    services,
    service,
    app,
    today,
    passwords,
    usernames,
    child: child.value.id,
    actors,
    close: () => services.storage.close(),
  };
}

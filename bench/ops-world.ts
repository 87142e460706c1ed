/**
 * The operations benchmark's world, built through the use cases in an isolated PostgreSQL
 * schema: one region's polyclinic and pharmacy, doctors and pharmacists, and patients on the
 * dispensary register for a real list item that asks for registration and nothing else (found
 * in the data by its conditions, so no code of a list is written here).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isoDate, type IsoDate } from '../src/domain/date.ts';
import { Engine } from '../src/domain/engine.ts';
import { decodeIin } from '../src/domain/iin.ts';
import type { RegionCode } from '../src/domain/region.ts';
import type { Registry } from '../src/registry/registry.ts';
import { DEFAULT_LOGIN_POLICY } from '../src/ops/login.ts';
import type { Actor } from '../src/ops/permissions.ts';
import type { PrescriptionSigner } from '../src/ops/clinical.ts';
import { lawOf, type Law } from '../src/app/ops/law.ts';
import { argon2Hasher } from '../src/app/ops/password.ts';
import { OpsService, type RequestContext } from '../src/app/ops/service.ts';
import { ed25519Signer } from '../src/app/ops/signer.ts';
import { openPostgresOpsStorage } from '../src/storage/ops/open.ts';
import type { SqlOpsStorage } from '../src/storage/ops/sql-ops-storage.ts';

export const REGION = 'KZ-27' as RegionCode;
export const ctx: RequestContext = { requestId: 'bench', purpose: 'treatment' };
const operator: Actor = { kind: 'operator', name: 'bench' };
const ADULT_BIRTH = '1975-03-02';
const ATTACHED_FROM = isoDate('2024-01-10');

/** A list item entitled on the register alone: its code and the INN of one of its products. */
export interface RegistrationOnlyItem {
  icd10: string;
  inn: string;
  item: string;
}

/**
 * The first (code, INN) of the region's list that the engine gives an adult citizen as
 * `entitled` when registered and not without, and whose item asks for no commission decision.
 */
export function findRegistrationOnlyItem(law: Law, registry: Registry, on: IsoDate) {
  const facts = (code: string, registered: boolean) => ({
    region: REGION,
    date: on,
    birthDate: ADULT_BIRTH,
    citizenship: 'KZ',
    servedIn: REGION,
    diagnoses: [{ code, registered, commission: [], verified: true, confirmed: true }],
  });
  for (const version of registry.listVersions(REGION)) {
    for (const section of version.list.sections) {
      for (const item of section.items) {
        if (item.status !== 'in_force') continue;
        if (item.indication.conditions.includes('commission_decision')) continue;
        for (const code of item.diagnosis.icd10) {
          for (const inn of item.products.flatMap((p) => (p.inn ? [p.inn] : []))) {
            const entitled = (registered: boolean) => {
              const answer = law.evaluate(facts(code, registered));
              return (
                answer.ok &&
                answer.result.entitlements.some(
                  (e) =>
                    e.status === 'entitled' &&
                    !e.indication.conditions.includes('commission_decision') &&
                    e.products.some((p) => p.inn === inn),
                )
              );
            };
            if (entitled(true) && !entitled(false)) {
              return { icd10: code, inn, item: `${section.number}.${item.number}` };
            }
          }
        }
      }
    }
  }
  throw new Error(`no item of ${REGION}'s list on ${on} is entitled on registration alone`);
}

/** Distinct valid IINs of adults (a birth date per 9,000 serials). */
export function* adultIins(): Generator<{ iin: string; birthDate: string }> {
  for (let day = 1; day <= 28; day++) {
    const birthDate = `1975-03-${String(day).padStart(2, '0')}`;
    const [y, m, d] = birthDate.split('-') as [string, string, string];
    for (let serial = 1; serial < 10_000; serial++) {
      const first11 = `${y.slice(2)}${m}${d}3${String(serial).padStart(4, '0')}`;
      for (let check = 0; check < 10; check++) {
        if (decodeIin(`${first11}${check}`).ok) {
          yield { iin: `${first11}${check}`, birthDate };
          break;
        }
      }
    }
  }
}

/** Runs `unit(0…count-1)` on `concurrency` clients; returns the wall time. */
export async function drive(
  concurrency: number,
  count: number,
  unit: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await unit(i);
    }),
  );
  return performance.now() - start;
}

export interface World {
  schema: string;
  storage: SqlOpsStorage;
  ops: OpsService;
  law: Law;
  signer: PrescriptionSigner;
  today: IsoDate;
  item: RegistrationOnlyItem;
  doctors: Actor[];
  pharmacists: Actor[];
  /** Patients registered for the item's code, in creation order. */
  patients: string[];
}

/** The use cases as the API assembles them (argon2 for passwords, the law, the signer). */
export function serviceOn(storage: SqlOpsStorage, law: Law, signer: PrescriptionSigner) {
  return new OpsService({
    storage,
    hasher: argon2Hasher,
    policy: DEFAULT_LOGIN_POLICY,
    law: () => law,
    signer,
  });
}

const must = <T>(r: { ok: true; value: T } | { ok: false; issues: unknown }, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.issues)}`);
  return r.value;
};

/** Builds the world with `patients` registered patients, `concurrency` setup clients at once. */
export async function buildWorld(
  url: string,
  registry: Registry,
  version: string,
  options: { patients: number; concurrency: number; staff: number },
): Promise<World> {
  const schema = `tegin_bench_ops_${randomBytes(4).toString('hex')}`;
  const storage = await openPostgresOpsStorage(url, schema);
  await storage.migrate();
  const law = lawOf({ registry, engine: new Engine(registry), version: { contentHash: version } });
  const today = isoDate(new Date().toISOString().slice(0, 10));
  const signer = ed25519Signer(generateKeyPairSync('ed25519').privateKey);
  const ops = serviceOn(storage, law, signer);
  const item = findRegistrationOnlyItem(law, registry, today);
  for (const [code, kind] of [
    ['P1', 'polyclinic'],
    ['PH1', 'pharmacy'],
  ] as const) {
    const org = { region: REGION, code, kind, name: { kk: code, ru: code, en: code } };
    must(await ops.createOrganisation(operator, org, ctx), code);
  }
  // Accounts are made once, in setup: argon2 is not on the measured path.
  const staff = async (username: string, role: 'doctor' | 'pharmacist', organisation: string) => {
    const grant = { role, region: REGION, organisation };
    const input = { username, displayName: username, grants: [grant] };
    const created = must(await ops.accounts.createAccount(operator, input, ctx), username);
    return { kind: 'staff', accountId: created.id, grants: [grant] } satisfies Actor;
  };
  const doctors: Actor[] = [];
  const pharmacists: Actor[] = [];
  for (let i = 0; i < options.staff; i++) {
    doctors.push(await staff(`doctor.${i}`, 'doctor', `${REGION}/P1`));
    pharmacists.push(await staff(`pharmacist.${i}`, 'pharmacist', `${REGION}/PH1`));
  }
  const people = adultIins();
  const wanted = Array.from({ length: options.patients }, () => {
    const next = people.next();
    if (next.done) throw new Error('ran out of IINs');
    return next.value;
  });
  const patients: string[] = new Array<string>(options.patients);
  await drive(options.concurrency, options.patients, async (i) => {
    const doctor = doctors[i % doctors.length] as Actor;
    const person = wanted[i] as { iin: string; birthDate: string };
    const input = {
      ...person,
      familyName: 'Сапарова',
      givenName: 'Айгүл',
      sex: 'female',
      citizenship: 'KZ',
    };
    const attachment = { organisation: `${REGION}/P1`, from: ATTACHED_FROM };
    const patient = must(
      await ops.patients.createPatient(doctor, input, attachment, ctx),
      'patient',
    );
    const registration = {
      patientId: patient.id,
      icd10: item.icd10,
      organisation: `${REGION}/P1`,
      from: ATTACHED_FROM,
      basis: 'specialist conclusion No 1 of 10.01.2024',
      confirmed: true,
    };
    must(await ops.register.register(doctor, registration, ctx), 'registration');
    patients[i] = patient.id;
  });
  return { schema, storage, ops, law, signer, today, item, doctors, pharmacists, patients };
}

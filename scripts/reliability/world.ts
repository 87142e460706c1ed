/**
 * The world a reliability run writes into, made through the use cases before the server starts
 * (a PGlite directory has one user at a time): one region's polyclinic and pharmacy, doctors and
 * pharmacists with bearer tokens, and patients on the dispensary register for a real list item
 * that asks for registration alone (found in the data, as bench/ops-world.ts does).
 */
import { todayInKazakhstan } from '../../src/app/clock.ts';
import { parseConfig } from '../../src/app/config.ts';
import { openDatabase } from '../../src/app/database.ts';
import { lawOf } from '../../src/app/ops/law.ts';
import { argon2Hasher } from '../../src/app/ops/password.ts';
import { rxSigningFor } from '../../src/app/ops/rx-signing.ts';
import { OpsService, type RequestContext } from '../../src/app/ops/service.ts';
import { startServices } from '../../src/app/services.ts';
import { isoDate } from '../../src/domain/date.ts';
import { DEFAULT_LOGIN_POLICY } from '../../src/ops/login.ts';
import type { Actor } from '../../src/ops/permissions.ts';
import { adultIins, drive, findRegistrationOnlyItem, REGION } from '../../bench/ops-world.ts';

export { REGION };
const OPERATOR: Actor = { kind: 'operator', name: 'reliability' };
const CTX: RequestContext = { requestId: 'reliability', purpose: 'administration' };

export interface Patient {
  id: string;
  iin: string;
}

export interface World {
  today: string;
  item: { icd10: string; inn: string; item: string };
  /** `Authorization` header values of the doctors and of the pharmacists. */
  doctors: string[];
  pharmacists: string[];
  patients: Patient[];
}

const must = <T>(r: { ok: true; value: T } | { ok: false; issues: unknown }, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r.issues)}`);
  return r.value;
};

/** Builds the world in the database `env` names (DATABASE_URL or TEGIN_DB_DIR), then closes it. */
export async function prepareWorld(
  env: Record<string, string | undefined>,
  options: { patients: number; staff: number },
): Promise<World> {
  const config = parseConfig(env);
  const db = await openDatabase(config, 'tegin reliability setup');
  try {
    const services = await startServices(db.storage, { info: () => undefined });
    await db.ops.migrate();
    const law = lawOf(services);
    const ops = new OpsService({
      storage: db.ops,
      hasher: argon2Hasher,
      policy: DEFAULT_LOGIN_POLICY,
      law: () => law,
      signer: rxSigningFor(config, { warn: () => undefined }).signer,
    });
    const today = todayInKazakhstan();
    const item = findRegistrationOnlyItem(law, services.registry, isoDate(today));
    for (const [code, kind] of [
      ['P1', 'polyclinic'],
      ['PH1', 'pharmacy'],
    ] as const) {
      const org = { region: REGION, code, kind, name: { kk: code, ru: code, en: code } };
      must(await ops.createOrganisation(OPERATOR, org, CTX), code);
    }
    const staff = async (username: string, role: 'doctor' | 'pharmacist', organisation: string) => {
      const grant = { role, region: REGION, organisation };
      const input = { username, displayName: username, grants: [grant] };
      must(await ops.accounts.createAccount(OPERATOR, input, CTX), username);
      const token = must(
        await ops.accounts.issueToken(OPERATOR, { username, hours: 24 }, CTX),
        't',
      );
      return {
        actor: { kind: 'staff', accountId: token.accountId, grants: [grant] } as Actor,
        token,
      };
    };
    const doctors: { actor: Actor; header: string }[] = [];
    const pharmacists: string[] = [];
    for (let i = 0; i < options.staff; i++) {
      const d = await staff(`doctor.${i}`, 'doctor', `${REGION}/P1`);
      doctors.push({ actor: d.actor, header: `Bearer ${d.token.token}` });
      const p = await staff(`pharmacist.${i}`, 'pharmacist', `${REGION}/PH1`);
      pharmacists.push(`Bearer ${p.token.token}`);
    }
    const people = adultIins();
    const patients: Patient[] = [];
    const wanted = Array.from({ length: options.patients }, () => {
      const next = people.next();
      if (next.done) throw new Error('ran out of IINs');
      return next.value;
    });
    await drive(4, wanted.length, async (i) => {
      const doctor = (doctors[i % doctors.length] as { actor: Actor }).actor;
      const person = wanted[i] as { iin: string; birthDate: string };
      const input = {
        ...person,
        familyName: 'Сапарова',
        givenName: 'Айгүл',
        sex: 'female',
        citizenship: 'KZ',
      };
      const attachment = { organisation: `${REGION}/P1`, from: isoDate('2024-01-10') };
      const patient = must(
        await ops.patients.createPatient(doctor, input, attachment, CTX),
        'patient',
      );
      const registration = {
        patientId: patient.id,
        icd10: item.icd10,
        organisation: `${REGION}/P1`,
        from: '2024-01-10',
        basis: 'specialist conclusion No 1 of 10.01.2024',
        confirmed: true,
      };
      must(await ops.register.register(doctor, registration, CTX), 'registration');
      patients[i] = { id: patient.id, iin: person.iin };
    });
    return { today, item, doctors: doctors.map((d) => d.header), pharmacists, patients };
  } finally {
    await db.close();
  }
}

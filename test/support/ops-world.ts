/**
 * A programme world for the operations API's security tests (the authorization matrix, the
 * signed-in fuzz): the whole app in-process on an in-memory PGlite with the repository's law,
 * two regions with two organisations of each kind, staff made on demand for any one grant
 * (with a bearer token), fresh patients, registrations and prescriptions made through the use
 * cases, and a fingerprint of every operations table but the audit and the sessions — what a
 * refused request must leave unchanged.
 *
 * Accounts use a SHA-256 test hasher: argon2id costs ≈ 160 ms a hash and the matrix makes some
 * forty accounts. Hashing is not what these tests are about (test/http-ops.test.ts signs in
 * with the real one).
 */
import assert from 'node:assert/strict';
import { createHash, createPrivateKey } from 'node:crypto';
import type { Logger } from 'pino';
import {
  analyticsOver,
  type AnalyticsUseCases as RegisterAnalytics,
} from '../../src/app/analytics/analytics.ts';
import { todayInKazakhstan } from '../../src/app/clock.ts';
import { lawOf, type Law } from '../../src/app/ops/law.ts';
import type { PasswordHasher } from '../../src/app/ops/password.ts';
import { generateSigningKey } from '../../src/app/ops/rx-keys.ts';
import { OpsService, type RequestContext } from '../../src/app/ops/service.ts';
import { ed25519Signer } from '../../src/app/ops/signer.ts';
import { startServices } from '../../src/app/services.ts';
import { isoDate, type IsoDate } from '../../src/domain/date.ts';
import { encodeIin } from '../../src/domain/iin.ts';
import type { OpsEdge } from '../../src/http/context.ts';
import { sessionSettings } from '../../src/http/ops/session.ts';
import type { Prescription } from '../../src/ops/clinical.ts';
import { DEFAULT_LOGIN_POLICY } from '../../src/ops/login.ts';
import type { Role } from '../../src/ops/model.ts';
import type { Actor } from '../../src/ops/permissions.ts';
import type { SqlClient } from '../../src/storage/sql-client.ts';
import { testApp, type TestApp, type TestServices } from './app.ts';
import { loadedDatabase } from './database.ts';

/** The names every patient of the world has: they may reach no log line. */
export const FAMILY_NAME = 'Сапарова';
export const GIVEN_NAME = 'Айгүл';
export const HOME = 'KZ-27';
export const FAR = 'KZ-35';
export const SINCE = '2024-01-10';
export const TODAY: IsoDate = todayInKazakhstan();
/** Two organisations of each kind in each region: the second is "another organisation". */
export const SIBLING: Readonly<Record<string, string>> = {
  P1: 'P2',
  P2: 'P1',
  H1: 'H2',
  H2: 'H1',
  PH1: 'PH2',
  PH2: 'PH1',
};
const KINDS = { P: 'polyclinic', H: 'hospital_with_commission', PH: 'pharmacy' } as const;
export const OPERATOR: Actor = { kind: 'operator', name: 'matrix' };
const SETUP: RequestContext = { requestId: 'setup', purpose: 'setup' };
/** An item of KZ-27's list with no commission decision needed: heart failure, eplerenone. */
export const RX_ITEM = { icd10: 'I50.0', inn: 'eplerenone' } as const;

export interface Grant {
  role: Role;
  region: string;
  organisation: string | null;
}

const testHasher: PasswordHasher = {
  hash: async (password) => `sha256:${createHash('sha256').update(password).digest('hex')}`,
  verify: async (stored, password) =>
    stored === `sha256:${createHash('sha256').update(password).digest('hex')}`,
};

export interface Staff {
  actor: Actor;
  username: string;
  password: string;
  token: string;
  bearer: Record<string, string>;
}

export interface Patient {
  id: string;
  iin: string;
}

export class OpsWorld {
  private readonly staff = new Map<string, Promise<Staff>>();
  private serial = 0;
  private counter = 0;
  /** Every IIN handed out: none may reach a log line. */
  readonly iins: string[] = [];
  private fingerprintSql: Promise<string> | undefined;

  private constructor(
    readonly services: TestServices,
    readonly client: SqlClient,
    readonly service: OpsService,
    readonly edge: OpsEdge,
    readonly app: TestApp,
    /** Impact and gap analyses (docs/adr/0018), over the same database and law. */
    readonly analytics: RegisterAnalytics,
  ) {}

  static async open(options: { logger?: Logger } = {}) {
    const database = await loadedDatabase();
    const started = await startServices(database.storage, { info: () => undefined });
    const services: TestServices = { ...started, opsStorage: database.ops };
    const { privateKeyPem, entry } = generateSigningKey();
    let law: Law | null = null;
    const service = new OpsService({
      storage: database.ops,
      hasher: testHasher,
      policy: DEFAULT_LOGIN_POLICY,
      law: () => (law ??= lawOf(services)),
      signer: ed25519Signer(createPrivateKey(privateKeyPem)),
      today: () => TODAY,
    });
    const analytics = analyticsOver(
      {
        storage: database.ops,
        hasher: testHasher,
        policy: DEFAULT_LOGIN_POLICY,
        law: () => (law ??= lawOf(services)),
        today: () => TODAY,
      },
      database.analytics,
      () => services.registry,
    );
    const edge: OpsEdge = {
      service,
      session: sessionSettings({}),
      trust: [entry],
      analytics,
    };
    const app = testApp(services, {
      ops: edge,
      today: () => TODAY,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    const world = new OpsWorld(services, database.client, service, edge, app, analytics);
    for (const region of [HOME, FAR]) {
      for (const code of Object.keys(SIBLING)) {
        const kind = KINDS[code.replace(/\d+$/, '') as keyof typeof KINDS];
        const name = { kk: code, ru: code, en: code };
        const created = await service.createOrganisation(
          OPERATOR,
          { region, code, kind, name },
          SETUP,
        );
        assert.ok(created.ok, JSON.stringify(created));
      }
    }
    return world;
  }

  close(): Promise<void> {
    return this.services.storage.close();
  }

  /** A number unique in this world (organisation codes, protocol numbers, user names). */
  next(): number {
    return (this.counter += 1);
  }

  /** A staff account holding exactly `grant`, with a bearer token; made once per grant. */
  staffFor(grant: Grant): Promise<Staff> {
    const key = `${grant.role} ${grant.region} ${grant.organisation ?? '-'}`;
    let made = this.staff.get(key);
    if (!made) {
      made = this.makeStaff(grant);
      this.staff.set(key, made);
    }
    return made;
  }

  private async makeStaff(grant: Grant): Promise<Staff> {
    const username = `u${this.next()}.${grant.role.replace(/_/g, '-')}`;
    const created = await this.service.accounts.createAccount(
      OPERATOR,
      { username, displayName: username, grants: [grant] },
      SETUP,
    );
    assert.ok(created.ok, JSON.stringify(created));
    const minted = await this.service.accounts.issueToken(OPERATOR, { username, hours: 2 }, SETUP);
    assert.ok(minted.ok, JSON.stringify(minted));
    return {
      actor: { kind: 'staff', accountId: created.value.id, grants: [grant as never] },
      username,
      password: created.value.password,
      token: minted.value.token,
      bearer: { authorization: `Bearer ${minted.value.token}` },
    };
  }

  /** The usual staff of the home region, who make the records the others act on. */
  doctor = () => this.staffFor({ role: 'doctor', region: HOME, organisation: `${HOME}/P1` });
  member = () =>
    this.staffFor({ role: 'commission_member', region: HOME, organisation: `${HOME}/H1` });
  pharmacist = () =>
    this.staffFor({ role: 'pharmacist', region: HOME, organisation: `${HOME}/PH1` });

  /** A valid IIN of a person born on 1975-03-02, unused so far. */
  freshIin(): string {
    for (;;) {
      this.serial += 1;
      const iin = encodeIin({
        birthDate: isoDate('1975-03-02'),
        sex: 'female',
        serial: this.serial,
      });
      if (iin !== null) {
        this.iins.push(iin);
        return iin;
      }
    }
  }

  patientInput(iin = this.freshIin()) {
    return {
      iin,
      familyName: FAMILY_NAME,
      givenName: GIVEN_NAME,
      birthDate: '1975-03-02',
      sex: 'female',
      citizenship: 'KZ',
    };
  }

  /** A new patient attached to `organisation` since 2024-01-10. */
  async patient(organisation = `${HOME}/P1`): Promise<Patient> {
    const { actor } = await this.staffFor({
      role: 'doctor',
      region: organisation.slice(0, 5),
      organisation,
    });
    const input = this.patientInput();
    const created = await this.service.patients.createPatient(
      actor,
      input,
      { organisation, from: isoDate(SINCE) },
      SETUP,
    );
    assert.ok(created.ok, JSON.stringify(created));
    return { id: created.value.id, iin: input.iin };
  }

  registrationInput(patientId: string) {
    return {
      patientId,
      icd10: RX_ITEM.icd10,
      organisation: `${HOME}/P1`,
      from: SINCE,
      basis: 'cardiologist conclusion No 1',
      confirmed: true,
    };
  }

  /** `patient` on the register for the item's disease at P1; the registration's id. */
  async register(patient: Patient): Promise<string> {
    const { actor } = await this.doctor();
    const made = await this.service.register.register(
      actor,
      this.registrationInput(patient.id),
      SETUP,
    );
    assert.ok(made.ok, JSON.stringify(made));
    return made.value.id;
  }

  prescriptionInput(patientId: string) {
    return {
      patientId,
      organisation: `${HOME}/P1`,
      icd10: RX_ITEM.icd10,
      product: { inn: RX_ITEM.inn },
      quantity: 3,
      unit: 'pack',
      dosing: 'as directed',
      daysOfSupply: 30,
      issuedOn: TODAY,
    };
  }

  /** A registered patient, ready to be prescribed for. */
  async registeredPatient(): Promise<Patient> {
    const patient = await this.patient();
    await this.register(patient);
    return patient;
  }

  /** A new patient, registered, with an active prescription written at P1 today. */
  async prescription(): Promise<Prescription & { iin: string }> {
    const patient = await this.registeredPatient();
    const { actor } = await this.doctor();
    const issued = await this.service.prescriptions.issue(
      actor,
      this.prescriptionInput(patient.id),
      SETUP,
    );
    assert.ok(issued.ok, JSON.stringify(issued));
    return { ...issued.value, iin: patient.iin };
  }

  /**
   * A digest of every operations table but the audit trail and the sessions: what a refused
   * request must leave as it was.
   */
  async fingerprint(): Promise<string> {
    this.fingerprintSql ??= (async () => {
      const tables = await this.client.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_name LIKE 'ops\\_%'
            AND table_name NOT LIKE 'ops\\_audit%' AND table_name <> 'ops_sessions'
          ORDER BY table_name`,
      );
      assert.ok(tables.length >= 10, `${tables.length} operations tables`);
      return tables
        .map(
          ({ name }) =>
            `SELECT '${name}' AS name, count(*)::int AS rows,
                    md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest
               FROM ${name} t`,
        )
        .join(' UNION ALL ');
    })();
    const rows = await this.client.query<{ name: string; rows: number; digest: string }>(
      await this.fingerprintSql,
    );
    return rows.map((r) => `${r.name}:${r.rows}:${r.digest}`).join(' ');
  }

  /** The audit records a request wrote (its id is the X-Request-Id answered). */
  async auditOf(requestId: string) {
    return this.client.query<{ action: string; outcome: string; actor_id: string | null }>(
      'SELECT action, outcome, actor_id FROM ops_audit WHERE request_id = $1 ORDER BY sequence',
      [requestId],
    );
  }
}

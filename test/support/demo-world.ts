/**
 * `tegin demo` then `npm start`, in-process, for browser tests and the README's screenshots:
 * `runDemo` fills a fresh in-memory PGlite (the repository's law loaded, as a first start
 * leaves it) at a small scale, and the real app serves it on a loopback port — staff sign-in
 * with the demo's printed accounts, prescriptions signed with the demo's key, patients' codes
 * through the development outbox's file. Today is fixed (the demo's last day), the clock is real
 * (sessions and codes expire as they would).
 *
 * `commissionCase` picks, from the law the demo runs on, what a newcomer's walk-through needs:
 * an item in force whose only recordable condition is a commission decision, with an INN to
 * approve and to prescribe. Nothing here names a disease or a medicine.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { parse } from 'yaml';
import { analyticsOver } from '../../src/app/analytics/analytics.ts';
import { runDemo, type DemoAccount, type DemoSummary } from '../../src/app/ops/demo.ts';
import { lawOf } from '../../src/app/ops/law.ts';
import { opsService } from '../../src/app/ops/open.ts';
import { developmentOutbox } from '../../src/app/ops/outbox.ts';
import { argon2Hasher } from '../../src/app/ops/password.ts';
import { patientUseCases } from '../../src/app/ops/patient-setup.ts';
import { generateSigningKey } from '../../src/app/ops/rx-keys.ts';
import { OpsService } from '../../src/app/ops/service.ts';
import { ed25519Signer } from '../../src/app/ops/signer.ts';
import { catalogFor } from '../../src/app/queries.ts';
import { normaliseIcd10 } from '../../src/domain/codes.ts';
import { addDays, isoDate, type IsoDate } from '../../src/domain/date.ts';
import type { AgeGroup } from '../../src/domain/list.ts';
import { sessionSettings } from '../../src/http/ops/session.ts';
import { DemoPopulationFile } from '../../src/ops/demo/plan.ts';
import { DEFAULT_LOGIN_POLICY } from '../../src/ops/login.ts';
import type { RoleGrant } from '../../src/ops/model.ts';
import { ROOT } from '../../src/paths.ts';
import type { Registry } from '../../src/registry/registry.ts';
import { testApp, testServices, type TestServices } from './app.ts';

/** The demo's last day, and the app's today (a day the demo regions' lists are known on). */
export const DEMO_TODAY = isoDate('2026-11-29');

/** What the walk-through registers, decides and prescribes: one item of the law in force. */
export interface CommissionCase {
  region: string;
  /** The item's first ICD-10 code, as the demo registers it. */
  icd10: string;
  /** The INN the commission approves and the doctor prescribes (lower case). */
  inn: string;
  age: AgeGroup;
  /** `section.item` of the list. */
  item: string;
}

/** Conditions the register can satisfy: a decision, and a confirmed (verified) diagnosis. */
const RECORDABLE = new Set(['commission_decision', 'verified_diagnosis', 'any_severity']);

/**
 * The first item in force on `date`, in the first of `regions` that has one, that needs a
 * commission decision and nothing the register cannot record, with an INN and a valid code.
 */
export function commissionCase(
  registry: Registry,
  regions: readonly string[],
  date: IsoDate,
): CommissionCase {
  for (const code of regions) {
    const region = registry.region(code);
    if (!region) continue;
    for (const item of catalogFor(registry, region, date).items) {
      const conditions = item.indication?.conditions ?? [];
      if (item.status !== 'in_force' || !conditions.includes('commission_decision')) continue;
      if (!conditions.every((c) => RECORDABLE.has(c)) || !item.population) continue;
      const icd10 = item.diagnosis?.icd10.map(normaliseIcd10).find((c) => c.ok);
      const inn = item.products.find((p) => p.inn !== null)?.inn;
      if (!icd10?.ok || !inn) continue;
      return {
        region: code,
        icd10: icd10.code,
        inn,
        age: item.population.age,
        item: `${item.sectionNumber}.${item.number}`,
      };
    }
  }
  throw new Error(`no list item in force on ${date} needs only a commission decision`);
}

/** A birth date that puts a patient in the item's age group on `today`. */
export function birthDateFor(age: AgeGroup, today: IsoDate): IsoDate {
  return addDays(today, -(age === 'children' ? 10 : 40) * 365 - 40);
}

export interface DemoWorld {
  url: string;
  /** The demo's last day: the app's today. */
  today: IsoDate;
  services: TestServices;
  summary: DemoSummary;
  case: CommissionCase;
  /** The demo's account of `role` in the case's region (the first, as printed). */
  account(role: RoleGrant['role']): DemoAccount;
  /** The last sign-in code the development outbox's file holds for the patient. */
  codeFor(patientId: string): string | null;
  close(): Promise<void>;
}

export interface DemoWorldOptions {
  /** The share of the population file's people (default 0.0005: every item at least once). */
  scale?: number;
  seed?: number;
  /** Only the case's region (a shorter run); default every region of the population file. */
  caseRegionOnly?: boolean;
  /**
   * The demo's last day and the app's today (default `DEMO_TODAY`). An earlier day is a shorter
   * year of prescribing (`tegin demo --until`): the same kinds of records, fewer of them.
   */
  until?: IsoDate;
}

const suffixOf = (region: string) => `.${region.toLowerCase().replace('-', '')}`;

export async function demoWorld(options: DemoWorldOptions = {}): Promise<DemoWorld> {
  const file = DemoPopulationFile.parse({
    ...(parse(readFileSync(join(ROOT, 'demo', 'population.yaml'), 'utf8')) as object),
    scale: options.scale ?? 0.0005,
    minimumPerItem: 1,
  });
  const services = await testServices();
  const { registry } = services;
  const today = options.until ?? DEMO_TODAY;
  const chosen = commissionCase(registry, Object.keys(file.regions), today);
  const law = lawOf(services);
  const { privateKeyPem, entry } = generateSigningKey();
  const signer = ed25519Signer(createPrivateKey(privateKeyPem));

  // The demo's year, on its own clock (as `tegin demo` runs it).
  let clock = new Date();
  const demoOps = new OpsService({
    storage: services.opsStorage,
    hasher: argon2Hasher,
    policy: DEFAULT_LOGIN_POLICY,
    now: () => clock,
    law: () => law,
    signer,
  });
  const summary = await runDemo({
    ops: demoOps,
    setClock: (day: IsoDate) => (clock = new Date(`${day}T05:00:00.000Z`)),
    law,
    regions: registry.regions.filter(
      (r) => r.code in file.regions && (!options.caseRegionOnly || r.code === chosen.region),
    ),
    catalog: (region, date) => catalogFor(registry, region, date),
    file,
    seed: options.seed ?? 11,
    until: today,
  });

  // The server over it: the same key, today fixed, the real clock.
  const dir = mkdtempSync(join(tmpdir(), 'tegin-demo-web-'));
  const outboxFile = join(dir, 'outbox.log');
  const deps = { law: () => law, today: () => today };
  const session = sessionSettings({ localHttp: true });
  const outbox = developmentOutbox({ file: outboxFile, log: () => undefined });
  const analytics = services.analyticsStorage
    ? analyticsOver(
        {
          storage: services.opsStorage,
          hasher: argon2Hasher,
          policy: DEFAULT_LOGIN_POLICY,
          ...deps,
        },
        services.analyticsStorage,
        () => registry,
      )
    : undefined;
  const app = testApp(services, {
    today: () => today,
    ops: {
      service: opsService(services.opsStorage, { ...deps, signer }),
      session,
      trust: [entry],
      patients: patientUseCases(services.opsStorage, deps, outbox, session.secret),
      ...(analytics ? { analytics } : {}),
    },
  });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const suffix = suffixOf(chosen.region);
  return {
    url,
    today,
    services,
    summary,
    case: chosen,
    account(role) {
      const found = summary.accounts.find((a) => a.role === role && a.username.endsWith(suffix));
      if (!found) throw new Error(`the demo printed no ${role} account for ${chosen.region}`);
      return found;
    },
    codeFor(patientId) {
      if (!existsSync(outboxFile)) return null;
      const mine = readFileSync(outboxFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { patientId: string; code: string })
        .filter((m) => m.patientId === patientId);
      return mine.at(-1)?.code ?? null;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

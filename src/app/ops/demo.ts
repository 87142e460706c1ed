/**
 * `tegin demo`: organisations, staff accounts and a synthetic population for both regions,
 * with registrations, commission decisions, and a year of prescriptions and what pharmacies
 * did with them — all written through the same use cases as every client, so the engine
 * gates each prescription and every write is audited. Nobody in it is real.
 *
 * A region's year starts no earlier than the first day tegin knows its list to be in force:
 * before that the engine cannot say, so nothing is prescribed (as in the real system).
 */
import type { Catalog } from '../../domain/catalog.ts';
import { addDays, isoDate, type IsoDate } from '../../domain/date.ts';
import { parameterOn } from '../../domain/provision.ts';
import type { Region } from '../../domain/region.ts';
import type { OrganisationKind, RoleGrant } from '../../ops/model.ts';
import type { OpsResult } from '../../ops/issues.ts';
import type { Actor } from '../../ops/permissions.ts';
import {
  planPopulation,
  type DemoPopulationFile,
  type PlannedPerson,
} from '../../ops/demo/plan.ts';
import { seeded, type Random } from '../../ops/demo/random.ts';
import type { Law } from './law.ts';
import type { OpsService, RequestContext } from './service.ts';

export interface DemoAccount {
  username: string;
  password: string;
  role: RoleGrant['role'];
  organisation: string | null;
}

export interface DemoRegionSummary {
  region: string;
  /** The days prescriptions were written on: [from, until]. */
  period: { from: IsoDate; until: IsoDate } | null;
  /** Why the period is shorter than asked, where it is. */
  note: string | null;
  patients: number;
  registrations: number;
  decisions: number;
  prescriptions: number;
  refused: number;
  cancelled: number;
  dispenses: number;
  deferrals: number;
}

export interface DemoSummary {
  accounts: DemoAccount[];
  regions: DemoRegionSummary[];
}

export interface DemoDeps {
  /** The use cases, with a clock the demo moves (`setClock`). */
  ops: OpsService;
  setClock(day: IsoDate): void;
  law: Law;
  regions: readonly Region[];
  catalog(region: Region, date: IsoDate): Catalog;
  file: DemoPopulationFile;
  seed: number;
  /** The last day of the demo's year (default today). */
  until: IsoDate;
  progress?: (message: string) => void;
}

const CTX: RequestContext = { requestId: null, purpose: 'treatment' };
const OPERATOR: Actor = { kind: 'operator', name: 'demo' };

interface Staff {
  actor: Actor;
  organisation: string | null;
}

interface RegionStaff {
  doctors: Staff[];
  commission: Staff;
  pharmacists: Staff[];
}

const ORGANISATIONS: readonly {
  code: string;
  kind: OrganisationKind;
  name: { kk: string; ru: string; en: string };
}[] = [
  {
    code: 'POLY-1',
    kind: 'polyclinic',
    name: { kk: '№1 қалалық емхана', ru: 'Городская поликлиника №1', en: 'City polyclinic No 1' },
  },
  {
    code: 'POLY-2',
    kind: 'polyclinic',
    name: { kk: '№2 қалалық емхана', ru: 'Городская поликлиника №2', en: 'City polyclinic No 2' },
  },
  {
    code: 'HOSP-1',
    kind: 'hospital_with_commission',
    name: {
      kk: 'Облыстық көпбейінді аурухана',
      ru: 'Областная многопрофильная больница',
      en: 'Oblast multi-profile hospital',
    },
  },
  {
    code: 'PHARM-1',
    kind: 'pharmacy',
    name: { kk: '№1 дәріхана', ru: 'Аптека №1', en: 'Pharmacy No 1' },
  },
  {
    code: 'PHARM-2',
    kind: 'pharmacy',
    name: { kk: '№2 дәріхана', ru: 'Аптека №2', en: 'Pharmacy No 2' },
  },
];

function must<T>(result: OpsResult<T>, what: string): T {
  if (result.ok) return result.value;
  throw new Error(`demo: ${what}: ${result.issues.map((i) => i.message).join('; ')}`);
}

/** The first day in [from, until] on which tegin knows the region's list to be in force. */
export function firstCoveredDay(
  catalog: (date: IsoDate) => Catalog,
  from: IsoDate,
  until: IsoDate,
): IsoDate | null {
  for (let day = from; day <= until; day = addDays(day, 1)) {
    if (catalog(day).coverage.status === 'covered') return day;
  }
  return null;
}

/**
 * Things to do on a day, done in date order (then in the order added), so the audit's times
 * rise with its sequence as in a real year; a task may add later ones.
 */
class Agenda {
  private readonly tasks: { day: IsoDate; n: number; run: () => Promise<void> }[] = [];
  private added = 0;

  add(day: IsoDate, run: () => Promise<void>): void {
    const task = { day, n: this.added++, run };
    let lo = 0;
    let hi = this.tasks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.tasks[mid];
      if (t && (t.day < day || (t.day === day && t.n < task.n))) lo = mid + 1;
      else hi = mid;
    }
    this.tasks.splice(lo, 0, task);
  }

  async drain(setClock: (day: IsoDate) => void, until: IsoDate): Promise<void> {
    for (let task = this.tasks.shift(); task; task = this.tasks.shift()) {
      if (task.day > until) continue;
      setClock(task.day);
      await task.run();
    }
  }
}

export async function runDemo(deps: DemoDeps): Promise<DemoSummary> {
  const { ops, file } = deps;
  const random = seeded(deps.seed);
  const taken = new Set<string>();
  const accounts: DemoAccount[] = [];
  const regions: DemoRegionSummary[] = [];
  const asked = addDays(deps.until, -364);
  const agenda = new Agenda();
  // Staff and organisations exist before anyone is registered (three years back).
  deps.setClock(addDays(asked, -3 * 365 - 60));

  for (const region of deps.regions) {
    if (!file.regions[region.code]) continue;
    const staff = await setUpRegion(ops, region.code, accounts);
    const from = firstCoveredDay((d) => deps.catalog(region, d), asked, deps.until);
    const planned = planPopulation({
      file,
      region: region.code,
      items: deps.catalog(region, from ?? deps.until).items,
      from: asked,
      random,
      taken,
    });
    const summary: DemoRegionSummary = {
      region: region.code,
      period: from ? { from, until: deps.until } : null,
      note:
        from === asked
          ? null
          : from === null
            ? 'tegin knows no day of this year on which the list is certainly in force: nothing was prescribed'
            : `tegin knows the list to be in force only from ${from}: nothing was prescribed before`,
      patients: 0,
      registrations: 0,
      decisions: 0,
      prescriptions: 0,
      refused: 0,
      cancelled: 0,
      dispenses: 0,
      deferrals: 0,
    };
    deps.progress?.(`${region.code}: ${planned.length} patients`);
    for (const person of planned) {
      enrol({ deps, agenda, region: region.code, staff, random, summary }, person);
    }
    regions.push(summary);
  }
  await agenda.drain(deps.setClock, deps.until);
  return { accounts, regions };
}

async function setUpRegion(
  ops: OpsService,
  region: string,
  accounts: DemoAccount[],
): Promise<RegionStaff> {
  for (const org of ORGANISATIONS) {
    must(
      await ops.createOrganisation(OPERATOR, { region, ...org }, CTX),
      `organisation ${org.code}`,
    );
  }
  const suffix = region.toLowerCase().replace('-', '');
  const account = async (
    name: string,
    role: RoleGrant['role'],
    code: string | null,
  ): Promise<Staff> => {
    const organisation = code === null ? null : `${region}/${code}`;
    const grants = [{ role, region, organisation }];
    const created = must(
      await ops.accounts.createAccount(
        OPERATOR,
        { username: `${name}.${suffix}`, displayName: `${name} (${region}, demo)`, grants },
        CTX,
      ),
      `account ${name}`,
    );
    accounts.push({ username: created.username, password: created.password, role, organisation });
    return {
      actor: { kind: 'staff', accountId: created.id, grants: grants as RoleGrant[] },
      organisation,
    };
  };
  await account('admin', 'region_admin', null);
  await account('auditor', 'auditor', null);
  return {
    doctors: [
      await account('doctor1', 'doctor', 'POLY-1'),
      await account('doctor2', 'doctor', 'POLY-2'),
    ],
    commission: await account('commission', 'commission_member', 'HOSP-1'),
    pharmacists: [
      await account('pharmacist1', 'pharmacist', 'PHARM-1'),
      await account('pharmacist2', 'pharmacist', 'PHARM-2'),
    ],
  };
}

/** What every task of one region's year shares. */
interface Year {
  deps: DemoDeps;
  agenda: Agenda;
  region: string;
  staff: RegionStaff;
  random: Random;
  summary: DemoRegionSummary;
}

/** Plans a person's year: attached and registered, decided on, then prescribed to. */
function enrol(year: Year, person: PlannedPerson): void {
  const { deps, agenda, staff, random, summary } = year;
  const { ops } = deps;
  const doctor = random.pick(staff.doctors);
  const { diagnoses, ...facts } = person;
  const first = diagnoses[0];
  if (!first) return;
  const attachedFrom = person.birthDate > '2015-01-01' ? person.birthDate : isoDate('2015-01-01');
  agenda.add(addDays(first.registeredFrom, -random.int(1, 20)), async () => {
    const patient = must(
      await ops.patients.createPatient(
        doctor.actor,
        facts,
        { organisation: doctor.organisation ?? '', from: attachedFrom },
        CTX,
      ),
      'patient',
    );
    summary.patients++;
    for (const d of diagnoses) {
      agenda.add(d.registeredFrom, async () => {
        must(
          await ops.register.register(
            doctor.actor,
            {
              patientId: patient.id,
              icd10: d.icd10,
              organisation: doctor.organisation,
              from: d.registeredFrom,
              basis: `conclusion No ${random.int(100, 9999)} (demo)`,
              confirmed: true,
            },
            CTX,
          ),
          'registration',
        );
        summary.registrations++;
      });
      const commission = d.commission;
      if (commission) {
        const decided = addDays(d.registeredFrom, random.int(3, 20));
        agenda.add(decided, async () => {
          must(
            await ops.register.decide(
              staff.commission.actor,
              {
                patientId: patient.id,
                organisation: staff.commission.organisation,
                protocolNumber: `${random.int(1, 400)}-demo`,
                protocolDate: decided,
                icd10: d.icd10,
                inns: commission,
                validFrom: decided,
                validTo: null,
              },
              CTX,
            ),
            'commission decision',
          );
          summary.decisions++;
        });
      }
      const product = d.products[0];
      if (summary.period && product) {
        const rx = { doctor, patientId: patient.id, icd10: d.icd10, product };
        const start = addDays(summary.period.from, random.int(0, 27));
        agenda.add(start, () => prescribe(year, rx, start));
      }
    }
  });
}

interface Course {
  doctor: Staff;
  patientId: string;
  icd10: string;
  product: { inn: string | null; name: string | null; form: string | null };
}

/** Writes one prescription, plans what happens to it, and the next one when this runs out. */
async function prescribe(year: Year, course: Course, day: IsoDate): Promise<void> {
  const { deps, agenda, random, summary, region } = year;
  const supply = parameterOn(deps.law.provision, region, 'maxSupplyDays', day);
  const days = supply.ok ? supply.entry.value : 30;
  const issued = await deps.ops.prescriptions.issue(
    course.doctor.actor,
    {
      patientId: course.patientId,
      organisation: course.doctor.organisation,
      icd10: course.icd10,
      product: {
        inn: course.product.inn,
        name: course.product.inn ? null : course.product.name,
        form: course.product.form,
      },
      quantity: random.int(1, 3),
      unit: 'pack',
      dosing: 'as directed by the specialist (demo)',
      daysOfSupply: days,
      continuous: false,
      issuedOn: day,
    },
    CTX,
  );
  if (!issued.ok) {
    // The register's facts do not entitle it (words no record meets, say): the doctor stops.
    summary.refused++;
    return;
  }
  const next = addDays(day, days - random.int(0, 3));
  agenda.add(next, () => prescribe(year, course, next));
  summary.prescriptions++;
  const rx = issued.value;
  const fate = random.next();
  if (fate < 0.02) {
    agenda.add(addDays(day, 1), async () => {
      const cancelled = await deps.ops.prescriptions.cancel(
        course.doctor.actor,
        rx.id,
        { reason: 'therapy_changed' },
        CTX,
      );
      if (cancelled.ok) summary.cancelled++;
    });
  } else if (fate >= 0.04) {
    collect(year, rx, fate);
  }
}

/** The patient collects at a pharmacy: mostly at once, sometimes in part, sometimes deferred. */
function collect(
  year: Year,
  rx: { id: string; quantity: number; issuedOn: IsoDate; validTo: IsoDate },
  fate: number,
): void {
  const { deps, agenda, random, staff, summary } = year;
  const { dispensing } = deps.ops;
  const pharmacist = random.pick(staff.pharmacists);
  const pharmacy = pharmacist.organisation;
  let n = 0;
  const key = () => `demo-${rx.id}-${n++}`;
  const parts = fate < 0.12 && rx.quantity > 1 ? [1, rx.quantity - 1] : [rx.quantity];
  const handOver = (day: IsoDate, rest: number[]): void => {
    const [part, ...later] = rest;
    if (part === undefined || day > rx.validTo) return;
    agenda.add(day, async () => {
      const dispensed = await dispensing.dispense(
        pharmacist.actor,
        {
          prescriptionId: rx.id,
          pharmacy,
          quantity: part,
          lot: `L${random.int(1000, 9999)}-demo`,
          expiry: addDays(day, random.int(365, 900)),
          dispensedOn: day,
          idempotencyKey: key(),
        },
        CTX,
      );
      if (dispensed.ok) summary.dispenses++;
      handOver(addDays(day, random.int(2, 7)), later);
    });
  };
  const first = addDays(rx.issuedOn, random.int(0, 4));
  if (fate >= 0.07) return handOver(first, parts);
  agenda.add(first, async () => {
    const deferred = await dispensing.defer(
      pharmacist.actor,
      { prescriptionId: rx.id, pharmacy, recordedOn: first, urgent: false, idempotencyKey: key() },
      CTX,
    );
    if (!deferred.ok) return;
    summary.deferrals++;
    handOver(deferred.value.dueOn, parts);
  });
}

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
import { addDays, type IsoDate } from '../../domain/date.ts';
import { parameterOn } from '../../domain/provision.ts';
import type { Region } from '../../domain/region.ts';
import type { OrganisationKind, RoleGrant } from '../../ops/model.ts';
import type { OpsResult } from '../../ops/issues.ts';
import type { Actor } from '../../ops/permissions.ts';
import { planPopulation, type DemoPopulationFile, type PlannedPerson } from '../../ops/demo/plan.ts';
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

/** What a pharmacy does with a prescription; the demo's dispensing adapter records it. */
export interface DemoPharmacy {
  /** Dispenses `quantity` of prescription `id` on `day`; false where refused. */
  dispense(actor: Actor, id: string, quantity: number, day: IsoDate, key: string): Promise<boolean>;
  /** Records that the product is out of stock on `day`; returns the due date, or null. */
  defer(actor: Actor, id: string, day: IsoDate, key: string): Promise<IsoDate | null>;
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
  pharmacy: DemoPharmacy | null;
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

export async function runDemo(deps: DemoDeps): Promise<DemoSummary> {
  const { ops, file } = deps;
  const random = seeded(deps.seed);
  const taken = new Set<string>();
  const accounts: DemoAccount[] = [];
  const regions: DemoRegionSummary[] = [];
  const asked = addDays(deps.until, -364);

  for (const region of deps.regions) {
    if (!file.regions[region.code]) continue;
    deps.setClock(asked);
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
      await enrol(deps, region.code, staff, person, random, summary);
    }
    regions.push(summary);
  }
  return { accounts, regions };
}

async function setUpRegion(
  ops: OpsService,
  region: string,
  accounts: DemoAccount[],
): Promise<RegionStaff> {
  for (const org of ORGANISATIONS) {
    must(await ops.createOrganisation(OPERATOR, { region, ...org }, CTX), `organisation ${org.code}`);
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
    doctors: [await account('doctor1', 'doctor', 'POLY-1'), await account('doctor2', 'doctor', 'POLY-2')],
    commission: await account('commission', 'commission_member', 'HOSP-1'),
    pharmacists: [
      await account('pharmacist1', 'pharmacist', 'PHARM-1'),
      await account('pharmacist2', 'pharmacist', 'PHARM-2'),
    ],
  };
}

async function enrol(
  deps: DemoDeps,
  region: string,
  staff: RegionStaff,
  person: PlannedPerson,
  random: Random,
  summary: DemoRegionSummary,
): Promise<void> {
  const { ops } = deps;
  const doctor = random.pick(staff.doctors);
  const { diagnoses, ...facts } = person;
  const attachedFrom = person.birthDate > '2015-01-01' ? person.birthDate : '2015-01-01';
  deps.setClock(diagnoses[0]?.registeredFrom ?? deps.until);
  const patient = must(
    await ops.patients.createPatient(
      doctor.actor,
      facts,
      { organisation: doctor.organisation ?? '', from: attachedFrom as IsoDate },
      CTX,
    ),
    'patient',
  );
  summary.patients++;
  for (const d of diagnoses) {
    deps.setClock(d.registeredFrom);
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
    if (d.commission) {
      const decided = addDays(d.registeredFrom, random.int(3, 20));
      deps.setClock(decided);
      must(
        await ops.register.decide(
          staff.commission.actor,
          {
            patientId: patient.id,
            organisation: staff.commission.organisation,
            protocolNumber: `${random.int(1, 400)}-demo`,
            protocolDate: decided,
            icd10: d.icd10,
            inns: d.commission,
            validFrom: decided,
            validTo: null,
          },
          CTX,
        ),
        'commission decision',
      );
      summary.decisions++;
    }
    const product = d.products[0];
    if (!summary.period || !product) continue;
    await prescribeYear(deps, region, staff, doctor, patient.id, d.icd10, product, random, summary);
  }
}

async function prescribeYear(
  deps: DemoDeps,
  region: string,
  staff: RegionStaff,
  doctor: Staff,
  patientId: string,
  icd10: string,
  product: { inn: string | null; name: string | null; form: string | null },
  random: Random,
  summary: DemoRegionSummary,
): Promise<void> {
  const period = summary.period;
  if (!period) return;
  let day = addDays(period.from, random.int(0, 27));
  while (day <= period.until) {
    const supply = parameterOn(deps.law.provision, region, 'maxSupplyDays', day);
    const days = supply.ok ? supply.entry.value : 30;
    deps.setClock(day);
    const issued = await deps.ops.prescriptions.issue(
      doctor.actor,
      {
        patientId,
        organisation: doctor.organisation,
        icd10,
        product: { inn: product.inn, name: product.inn ? null : product.name, form: product.form },
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
      summary.refused++;
      day = addDays(day, days);
      continue;
    }
    summary.prescriptions++;
    const rx = issued.value;
    const fate = random.next();
    if (fate < 0.02) {
      deps.setClock(addDays(day, 1));
      const cancelled = await deps.ops.prescriptions.cancel(
        doctor.actor,
        rx.id,
        { reason: 'therapy_changed' },
        CTX,
      );
      if (cancelled.ok) summary.cancelled++;
    } else if (fate >= 0.04 && deps.pharmacy) {
      await collect(deps, staff, rx.id, rx.quantity, day, rx.validTo, fate, random, summary);
    }
    day = addDays(day, days - random.int(0, 3));
  }
}

/** The patient collects at a pharmacy: mostly at once, sometimes in part, sometimes deferred. */
async function collect(
  deps: DemoDeps,
  staff: RegionStaff,
  id: string,
  quantity: number,
  issuedOn: IsoDate,
  validTo: IsoDate,
  fate: number,
  random: Random,
  summary: DemoRegionSummary,
): Promise<void> {
  const pharmacy = deps.pharmacy;
  if (!pharmacy) return;
  const pharmacist = random.pick(staff.pharmacists);
  let day = addDays(issuedOn, random.int(0, 4));
  if (day > deps.until) return;
  let n = 0;
  const key = () => `demo-${id}-${n++}`;
  if (fate < 0.07) {
    deps.setClock(day);
    const due = await pharmacy.defer(pharmacist.actor, id, day, key());
    if (due === null) return;
    summary.deferrals++;
    day = due;
  }
  const parts = fate < 0.12 && quantity > 1 ? [1, quantity - 1] : [quantity];
  for (const part of parts) {
    if (day > deps.until || day > validTo) return;
    deps.setClock(day);
    if (await pharmacy.dispense(pharmacist.actor, id, part, day, key())) summary.dispenses++;
    day = addDays(day, random.int(2, 7));
  }
}

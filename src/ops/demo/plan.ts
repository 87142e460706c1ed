/**
 * The synthetic population of `tegin demo`, planned from the lists in force and the demo
 * file (demo/population.yaml): who exists, born when, registered for which listed diagnosis
 * since when, and which commission decision their item needs. Pure and seeded: the same
 * lists, file and seed give the same people. Nobody here is real; an IIN has a valid check
 * digit and nothing else.
 */
import { z } from 'zod';
import type { CatalogItem } from '../../domain/catalog.ts';
import { normaliseIcd10, type Icd10Code } from '../../domain/codes.ts';
import { addDays, type IsoDate } from '../../domain/date.ts';
import { encodeIin } from '../../domain/iin.ts';
import { RegionCode } from '../../domain/region.ts';
import type { Random } from './random.ts';

const Names = z.array(z.string().min(1)).min(1);

export const DemoPopulationFile = z.strictObject({
  kind: z.literal('demo-population'),
  scale: z.number().positive().max(1),
  defaultPerHundredThousand: z.number().nonnegative(),
  minimumPerItem: z.number().int().nonnegative(),
  regions: z.record(
    RegionCode,
    z.strictObject({ population: z.number().int().positive(), note: z.string() }),
  ),
  perHundredThousand: z.record(z.string().regex(/^[A-Z]\d\d$/), z.number().nonnegative()),
  names: z.strictObject({
    male: z.strictObject({ given: Names }),
    female: z.strictObject({ given: Names }),
    family: z.array(z.tuple([z.string().min(1), z.string().min(1)])).min(1),
    patronymic: z.strictObject({ male: z.string().min(1), female: z.string().min(1) }),
  }),
});
export type DemoPopulationFile = z.infer<typeof DemoPopulationFile>;

export interface PlannedProduct {
  inn: string | null;
  name: string | null;
  form: string | null;
}

export interface PlannedDiagnosis {
  icd10: Icd10Code;
  /** The item it is registered under: section and item number. */
  section: string;
  item: string;
  registeredFrom: IsoDate;
  /** The INNs a commission decision must name, where the item needs one; else null. */
  commission: string[] | null;
  /** What can be prescribed for it (products with an INN or a name). */
  products: PlannedProduct[];
}

export interface PlannedPerson {
  iin: string;
  familyName: string;
  givenName: string;
  patronymic: string;
  birthDate: IsoDate;
  sex: 'male' | 'female';
  citizenship: 'KZ';
  diagnoses: PlannedDiagnosis[];
}

/** How many registered patients an item gets in the demo. */
export function demoCount(
  file: DemoPopulationFile,
  region: string,
  icd10: readonly string[],
): number {
  const population = file.regions[region as RegionCode]?.population ?? 0;
  const category = icd10[0]?.slice(0, 3) ?? '';
  const rate = file.perHundredThousand[category] ?? file.defaultPerHundredThousand;
  return Math.max(file.minimumPerItem, Math.round((population * file.scale * rate) / 100_000));
}

/** Ages (in whole years on `from`) a person of the item's age group is given. */
const AGES = { children: [2, 15], adults: [19, 80], all: [1, 80] } as const;

export function planPopulation(input: {
  file: DemoPopulationFile;
  region: string;
  items: readonly CatalogItem[];
  /** The first day of the demo's year. */
  from: IsoDate;
  random: Random;
  /** IINs already taken (across regions). */
  taken: Set<string>;
}): PlannedPerson[] {
  const { file, region, items, from, random, taken } = input;
  const people: PlannedPerson[] = [];
  for (const item of items) {
    if (item.status !== 'in_force' || !item.diagnosis || !item.population) continue;
    const code = item.diagnosis.icd10.map(normaliseIcd10).find((c) => c.ok);
    if (!code?.ok) continue;
    const products = item.products
      .filter((p) => p.inn !== null || p.name !== null)
      .map((p) => ({ inn: p.inn, name: p.name?.ru ?? null, form: p.form?.ru ?? null }));
    const needsCommission = item.indication?.conditions.includes('commission_decision') ?? false;
    const inns = products.flatMap((p) => (p.inn ? [p.inn] : []));
    const [minAge, maxAge] = AGES[item.population.age];
    const count = demoCount(file, region, item.diagnosis.icd10);
    for (let n = 0; n < count; n++) {
      const sex = random.chance(0.5) ? 'male' : 'female';
      const age = random.int(minAge, maxAge);
      const birthDate = addDays(from, -(age * 365 + random.int(30, 330)));
      const person = named(file, random, sex);
      people.push({
        ...person,
        iin: uniqueIin(random, birthDate, sex, taken),
        birthDate,
        sex,
        citizenship: 'KZ',
        diagnoses: [
          {
            icd10: code.code,
            section: item.sectionNumber,
            item: item.number,
            registeredFrom: addDays(from, -random.int(30, 3 * 365)),
            commission: needsCommission && inns.length > 0 ? inns : null,
            products,
          },
        ],
      });
    }
  }
  return people;
}

function named(
  file: DemoPopulationFile,
  random: Random,
  sex: 'male' | 'female',
): Pick<PlannedPerson, 'familyName' | 'givenName' | 'patronymic'> {
  const family = random.pick(file.names.family);
  return {
    familyName: sex === 'male' ? family[0] : family[1],
    givenName: random.pick(file.names[sex].given),
    patronymic: `${random.pick(file.names.male.given)}${file.names.patronymic[sex]}`,
  };
}

function uniqueIin(
  random: Random,
  birthDate: IsoDate,
  sex: 'male' | 'female',
  taken: Set<string>,
): string {
  for (let tries = 0; tries < 100; tries++) {
    const iin = encodeIin({ birthDate, sex, serial: random.int(0, 9999) });
    if (iin !== null && !taken.has(iin)) {
      taken.add(iin);
      return iin;
    }
  }
  throw new Error(`no free IIN for ${birthDate} after 100 tries`);
}

/**
 * Reference data that is not law: prices, doses and pack sizes per product, for the need and
 * budget estimate (docs/adr/0019-need-and-budget.md). These files live in `reference/`, never in
 * `data/`, so the registry and the public catalogue cannot mistake them for law; `tegin data
 * check` validates them beside the law (src/registry/reference.ts).
 *
 * Every file names its source and whether anyone checked it against the official text; every
 * value a transcriber was unsure of carries `confidence`, and a value no source gives is not
 * written at all — the estimate then says "missing".
 */
import { z } from 'zod';
import { AtcCode } from './codes.ts';
import { IsoDate } from './date.ts';
import { Confidence } from './list.ts';

/** Where a reference file's values come from, and whether they were checked. */
export const ReferenceSource = z.strictObject({
  title: z.string().min(1),
  /** Who published or transcribed it, in words a reviewer can check. */
  publisher: z.string().min(1),
  /** The edition as far as it can be told, e.g. "about December 2025". */
  edition: z.string().min(1),
  /** Whether someone checked the values against the official text. */
  verified: z.boolean(),
  note: z.string().min(1).optional(),
});
export type ReferenceSource = z.infer<typeof ReferenceSource>;

/** Units a dose and a priced unit's content are measured in (WHO DDD units). */
export const DOSE_UNITS = ['mcg', 'mg', 'g', 'U', 'TU', 'MU'] as const;
export const DoseUnit = z.enum(DOSE_UNITS);
export type DoseUnit = z.infer<typeof DoseUnit>;

/** Route of administration, as the WHO DDD index codes it: O oral, P parenteral. */
export const ROUTES = ['O', 'P'] as const;
export const Route = z.enum(ROUTES);
export type Route = z.infer<typeof Route>;

export const Quantity = z.strictObject({ amount: z.number().positive(), unit: DoseUnit });
export type Quantity = z.infer<typeof Quantity>;

/** INN in lower-case English, as the lists write it. */
const Inn = z
  .string()
  .regex(/^[a-z0-9][a-z0-9 ,()+-]*[a-z0-9)]$/, 'expected an INN in lower-case English');

/** The days a file's values apply to; `to` null: until a later file. */
const Applies = z
  .strictObject({
    from: IsoDate,
    to: IsoDate.nullable(),
    /** Why these dates: what the source says, or that they are assumed. */
    basis: z.string().min(1),
  })
  .refine((a) => a.to === null || a.to >= a.from, {
    message: 'applies.to is before applies.from',
    path: ['to'],
  });

export const PriceEntry = z.strictObject({
  inn: Inn,
  atc: AtcCode,
  /** The row number in the source table. */
  row: z.number().int().positive(),
  /** The name, the characteristic and the unit exactly as the source writes them. */
  name: z.string().min(1),
  characteristic: z.string().min(1),
  unit: z.string().min(1),
  /** The route the characteristic describes (a tablet is O, a vial P), as the transcriber read it. */
  route: Route,
  /**
   * The active substance in one priced unit, as the characteristic states it (a 16 mg tablet:
   * 16 mg; a price per mg: 1 mg); null where the characteristic states none.
   */
  content: Quantity.nullable(),
  /** The maximum price per unit, in the file's currency. */
  price: z.number().positive(),
  note: z.string().min(1).optional(),
});
export type PriceEntry = z.infer<typeof PriceEntry>;

export const PricesFile = z.strictObject({
  kind: z.literal('prices'),
  source: ReferenceSource,
  currency: z.literal('KZT'),
  applies: Applies,
  prices: z.array(PriceEntry),
});
export type PricesFile = z.infer<typeof PricesFile>;

/** `who_ddd`: the WHO defined daily dose, a unit of measure; `prescribed`: a dose a source prescribes. */
export const DOSE_BASES = ['who_ddd', 'prescribed'] as const;
export const DoseBasis = z.enum(DOSE_BASES);
export type DoseBasis = z.infer<typeof DoseBasis>;

export const DoseEntry = z
  .strictObject({
    inn: Inn,
    atc: AtcCode,
    route: Route,
    basis: DoseBasis,
    /** The daily dose; null where the source assigns none (the note says why). */
    dose: Quantity.nullable(),
    confidence: Confidence,
    note: z.string().min(1).optional(),
  })
  .refine((d) => d.dose !== null || d.note !== undefined, {
    message: 'a missing dose needs a note saying why',
    path: ['note'],
  });
export type DoseEntry = z.infer<typeof DoseEntry>;

export const DosesFile = z.strictObject({
  kind: z.literal('doses'),
  source: ReferenceSource,
  applies: Applies,
  doses: z.array(DoseEntry),
});
export type DosesFile = z.infer<typeof DosesFile>;

/** How many priced units (tablets, vials, mg) one pack holds, for a product of given content. */
export const PackEntry = z.strictObject({
  inn: Inn,
  atc: AtcCode,
  route: Route,
  /** The content of one unit of the pack (a 16 mg tablet). */
  content: Quantity,
  unitsPerPack: z.number().int().positive(),
  /** The registration or label the size is read from. */
  source: z.string().min(1),
  confidence: Confidence,
});
export type PackEntry = z.infer<typeof PackEntry>;

export const PacksFile = z.strictObject({
  kind: z.literal('packs'),
  source: ReferenceSource,
  packs: z.array(PackEntry),
});
export type PacksFile = z.infer<typeof PacksFile>;

export const ReferenceFile = z.discriminatedUnion('kind', [PricesFile, DosesFile, PacksFile]);
export type ReferenceFile = z.infer<typeof ReferenceFile>;

/**
 * A regional list (an annex of a maslikhat decision) as one consolidated text:
 * sections (medicines; medical devices; specialised therapeutic foods) and
 * their items, each with diagnosis, population, indication and products.
 */
import { z } from 'zod';
import { ActId } from './act.ts';
import { AtcCode, Icd10Code } from './codes.ts';
import { IsoDate } from './date.ts';
import { RegionCode } from './region.ts';
import { EditorNote, LocalizedText, SourceWording } from './text.ts';

export const SECTION_KINDS = ['medicine', 'device', 'food'] as const;
export const SectionKind = z.enum(SECTION_KINDS);
export type SectionKind = z.infer<typeof SectionKind>;

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export const Confidence = z.enum(CONFIDENCES);
export type Confidence = z.infer<typeof Confidence>;

const Lines = z.tuple([z.number().int().positive(), z.number().int().positive()]);

export const Diagnosis = z.strictObject({
  /** Source wording (kk, repaired) with Russian and English renderings. */
  text: LocalizedText,
  icd10: z.array(Icd10Code).min(1),
  mapping: z.strictObject({
    confidence: Confidence,
    /** Codes the wording may also mean; they do not match, they are shown as a doubt. */
    alternatives: z.array(Icd10Code).optional(),
    note: EditorNote.optional(),
  }),
});
export type Diagnosis = z.infer<typeof Diagnosis>;

/** Children are persons under 18 (Law of RK "On the rights of the child", art. 1). */
export const AGE_GROUPS = ['all', 'children', 'adults'] as const;
export const AgeGroup = z.enum(AGE_GROUPS);
export type AgeGroup = z.infer<typeof AgeGroup>;

export const Population = z.strictObject({
  age: AgeGroup,
  /** `required` where the source limits the item to persons on dispensary registration. */
  dispensaryRegistration: z.enum(['required', 'not_stated']),
  /** Null where the source states no population. */
  text: LocalizedText.nullable(),
});
export type Population = z.infer<typeof Population>;

export const INDICATION_CONDITIONS = [
  'any_severity',
  'commission_decision',
  'verified_diagnosis',
  'other',
] as const;

/**
 * - `any_severity`: all stages and degrees of severity;
 * - `commission_decision`: only by decision of the medical consultative
 *   commission (ДКК/ВКК) of the medical organisation, with profile specialists;
 * - `verified_diagnosis`: the diagnosis must be verified;
 * - `other`: wording that is none of these; read `text`.
 */
export const Indication = z.strictObject({
  conditions: z.array(z.enum(INDICATION_CONDITIONS)),
  /** Null where the source states no indication. */
  text: LocalizedText.nullable(),
});
export type Indication = z.infer<typeof Indication>;

export const PRODUCT_KINDS = ['medicine', 'device', 'food', 'care'] as const;

/**
 * Why a product has no INN:
 * - `name_missing`: the source names no product at all (only "дәрілік зат");
 * - `group`: the source names a class of medicines, not one substance;
 * - `not_applicable`: a device, food or care product, which has no INN.
 */
export const INN_ABSENCE = ['name_missing', 'group', 'not_applicable'] as const;

export const Product = z.strictObject({
  kind: z.enum(PRODUCT_KINDS),
  /** As written in the source (repaired only of PDF damage). */
  text: SourceWording,
  /** The product's name in three languages; null where the source names none. */
  name: LocalizedText.nullable(),
  /** Dosage form; null where the source gives none. */
  form: LocalizedText.nullable(),
  /** International non-proprietary name, English, lower case; combinations joined by " + ". */
  inn: z
    .string()
    .regex(/^[a-z0-9][a-z0-9 ,()+-]*[a-z0-9)]$/, 'expected an INN in lower-case English')
    .nullable(),
  innAbsent: z.enum(INN_ABSENCE).optional(),
  atc: AtcCode.nullable(),
  mapping: z.strictObject({ confidence: Confidence, note: EditorNote.optional() }),
});
export type Product = z.infer<typeof Product>;

export const SOURCE_NOTE_KINDS = ['repaired', 'moved', 'missing', 'typo', 'doubt'] as const;

/** What was repaired in the source text of an item, and what the source lacks. */
export const ItemNote = z.strictObject({ kind: z.enum(SOURCE_NOTE_KINDS), text: EditorNote });
export type ItemNote = z.infer<typeof ItemNote>;

const ItemBase = {
  number: z.string().regex(/^\d+$/, 'expected the item number as in the source'),
  /** True where the source does not number the item and tegin numbered it. */
  numberAssigned: z.boolean().optional(),
  lines: Lines,
  notes: z.array(ItemNote),
};

export const InForceItem = z.strictObject({
  ...ItemBase,
  status: z.literal('in_force'),
  diagnosis: Diagnosis,
  population: Population,
  indication: Indication,
  products: z.array(Product).min(1),
});

/** An item the list keeps only as "Алынып тасталды" (excluded), citing the excluding act. */
export const ExcludedItem = z.strictObject({
  ...ItemBase,
  status: z.literal('excluded'),
  excludedBy: ActId,
  /** The note id (in the list's act) that records the exclusion. */
  note: z.string().min(1),
});

export const Item = z.discriminatedUnion('status', [InForceItem, ExcludedItem]);
export type Item = z.infer<typeof Item>;
export type InForceItem = z.infer<typeof InForceItem>;
export type ExcludedItem = z.infer<typeof ExcludedItem>;

export const Section = z.strictObject({
  kind: SectionKind,
  /** The section's number as in the source (the annex's point). */
  number: z.string().min(1),
  title: LocalizedText,
  lines: Lines,
  items: z.array(Item).min(1),
});
export type Section = z.infer<typeof Section>;

/**
 * How the annex numbers its parts, so that citations use the act's own units
 * (docs/adr/0009-citation-structure.md): Karaganda's annex is point "1." with
 * sub-points "1)"…"23)" (`point`/`sub_point`); West Kazakhstan's is a table of
 * numbered rows under numbered section headings (`section`/`row`).
 */
export const SECTION_UNITS = ['point', 'section'] as const;
export const ITEM_UNITS = ['sub_point', 'row'] as const;
export const ListStructure = z.strictObject({
  section: z.enum(SECTION_UNITS),
  item: z.enum(ITEM_UNITS),
});
export type ListStructure = z.infer<typeof ListStructure>;

/**
 * One consolidated text of a list: the annex in the edition given by `edition`,
 * as amended by `amendedBy`. It is in force from the latest of their effective dates.
 */
export const ListFile = z.strictObject({
  kind: z.literal('list'),
  region: RegionCode,
  act: ActId,
  annex: z.string().min(1),
  title: LocalizedText,
  edition: ActId,
  amendedBy: z.array(ActId),
  currentAsOf: IsoDate,
  source: z.strictObject({ file: z.string().min(1), lines: Lines }),
  structure: ListStructure,
  sections: z.array(Section).min(1),
});
export type ListFile = z.infer<typeof ListFile>;

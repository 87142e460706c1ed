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
import { EditorNote, LocalizedText, NoteText, SourceWording } from './text.ts';

export const SECTION_KINDS = ['medicine', 'device', 'food'] as const;
export const SectionKind = z.enum(SECTION_KINDS);
export type SectionKind = z.infer<typeof SectionKind>;

export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export const Confidence = z.enum(CONFIDENCES);
export type Confidence = z.infer<typeof Confidence>;

const Lines = z.tuple([z.number().int().positive(), z.number().int().positive()]);

/**
 * How an ICD-10 code relates to the words of the law (docs/adr/0004):
 * - `exact`: the code is the disease the list names;
 * - `part`: the code is a subtype of it (every case coded so is that disease);
 * - `broader`: the code also covers conditions the list does not name;
 * - `alternative`: a code the named disease may be recorded under (one of `alternatives`).
 */
export const SCOPE_RELATIONS = ['exact', 'part', 'broader', 'alternative'] as const;
export const ScopeRelation = z.enum(SCOPE_RELATIONS);
export type ScopeRelation = z.infer<typeof ScopeRelation>;

/** One code of a diagnosis, with the WHO ICD-10 title relied on and why it relates so. */
export const CodeScope = z.strictObject({
  code: Icd10Code,
  relation: ScopeRelation,
  /** The WHO ICD-10 (2019) title of the code, in English. */
  title: NoteText,
  /** One line: why the code relates so to the words of the list. */
  rationale: NoteText,
});
export type CodeScope = z.infer<typeof CodeScope>;

export const Diagnosis = z.strictObject({
  /** Source wording (kk, repaired) with Russian and English renderings. */
  text: LocalizedText,
  icd10: z.array(Icd10Code).min(1),
  mapping: z.strictObject({
    confidence: Confidence,
    /** Codes the wording may also mean; they need a clinician's confirmation to match. */
    alternatives: z.array(Icd10Code).optional(),
    note: EditorNote.optional(),
  }),
  /**
   * Every code of `icd10` and `alternatives`, once each, with its relation to the words
   * of the list. Required for an in-force item (`tegin data check`); an import draft
   * leaves it out until a reviewer codes it.
   */
  scope: z.array(CodeScope).min(1).optional(),
  /**
   * What the words of the list require that no code can express (the named disease
   * within a broad code, onset in childhood, a joint clinical picture). An item with
   * it is never entitled without the clinician's confirmation.
   */
  requires: LocalizedText.optional(),
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
 * Who the list is for, as its title says: citizens (of the Republic of Kazakhstan)
 * served by the region's organisations. `text` quotes the title's words.
 */
export const Beneficiaries = z.strictObject({
  /** `KZ`: citizens of the Republic of Kazakhstan only; `any`: the title names no citizenship. */
  citizenship: z.enum(['KZ', 'any']),
  /** `region`: persons served by the region's medical organisations; `any`: not limited. */
  servedIn: z.enum(['region', 'any']),
  text: LocalizedText,
});
export type Beneficiaries = z.infer<typeof Beneficiaries>;

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
  /** Who the list serves; absent where the title names nobody (no check is made). */
  beneficiaries: Beneficiaries.optional(),
  source: z.strictObject({ file: z.string().min(1), lines: Lines }),
  structure: ListStructure,
  sections: z.array(Section).min(1),
});
export type ListFile = z.infer<typeof ListFile>;

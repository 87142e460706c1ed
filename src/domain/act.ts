/**
 * Legal acts: identity, registration, publication, entry into force, status,
 * and the amendment notes a consolidated text carries.
 *
 * An act is identified by issuer + adoption date + number: numbers repeat
 * across years and convocations (Karaganda oblast maslikhat adopted a decision
 * No 34 on 25.02.2021 and another No 34 on 18.04.2023).
 */
import { z } from 'zod';
import { IsoDate } from './date.ts';
import { RegionCode } from './region.ts';
import { EditorNote, LocalizedText, SourceWording } from './text.ts';

export const ISSUER_BODIES = ['maslikhat'] as const;
export const IssuerBody = z.enum(ISSUER_BODIES);

export const Issuer = z.strictObject({ region: RegionCode, body: IssuerBody });
export type Issuer = z.infer<typeof Issuer>;

const ACT_ID = /^KZ-\d{2}\.[a-z]+\.\d{4}-\d{2}-\d{2}\.[^\s.]+$/;

/** `KZ-27.maslikhat.2020-09-30.38-3`: issuer region, body, adoption date, number. */
export const ActId = z
  .string()
  .regex(ACT_ID, 'expected an act id such as KZ-27.maslikhat.2020-09-30.38-3')
  .brand<'ActId'>();
export type ActId = z.infer<typeof ActId>;

export function actIdOf(act: { issuer: Issuer; adopted: string; number: string }): ActId {
  return `${act.issuer.region}.${act.issuer.body}.${act.adopted}.${act.number}` as ActId;
}

/**
 * The file name stem of an act: `<adopted>.<number>`, the number with every character other
 * than a letter, a digit or "-" written "-". Numbers hold slashes ("17/155-VII", "72/675-6с"),
 * which would turn a file name into a directory; nothing a text gives can leave the folder.
 * The act's id keeps the number as written (a URL encodes it: `encodeURIComponent`).
 */
export function actFileStem(adopted: string, number: string): string {
  return `${adopted}.${number.replace(/[^\p{L}\p{N}-]/gu, '-')}`;
}

export const Registration = z.strictObject({
  number: z.string().min(1),
  date: IsoDate.nullable(),
  body: LocalizedText.nullable(),
});

export const PUBLICATION_MEDIA = ['newspaper', 'adilet', 'etalon_bank'] as const;

/** One official publication: a newspaper issue, the Adilet system, or the reference bank of legal acts. */
export const Publication = z.strictObject({
  medium: z.enum(PUBLICATION_MEDIA),
  date: IsoDate,
  name: z.string().min(1).optional(),
  issue: z.string().min(1).optional(),
});
export type Publication = z.infer<typeof Publication>;

/**
 * When an act (or the edition it gives) enters into force.
 * - `on_publication`: from the day of its first official publication;
 * - `after_publication`: after `calendarDays` full calendar days following that
 *   day, or, where the text names no period, from the day after it;
 * - `fixed_date`: from a date the act names.
 */
export const EntryIntoForceRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('on_publication') }),
  z.strictObject({
    kind: z.literal('after_publication'),
    calendarDays: z.number().int().positive().optional(),
  }),
  z.strictObject({ kind: z.literal('fixed_date'), date: IsoDate }),
]);
export type EntryIntoForceRule = z.infer<typeof EntryIntoForceRule>;

/** Where in the data a statement is made: an act's point or one of its notes. */
export const SourceRef = z.strictObject({
  act: ActId,
  point: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

export const EntryIntoForce = z.strictObject({
  rule: EntryIntoForceRule,
  /** The rule as the source words it. */
  wording: SourceWording,
  source: SourceRef,
  /** An official statement of the resulting date (e.g. an Adilet editorial note). */
  statedDate: z.strictObject({ date: IsoDate, source: SourceRef }).optional(),
});
export type EntryIntoForce = z.infer<typeof EntryIntoForce>;

/** Evidence that an act was in force by a date, used when its publication date is unknown. */
export const InForceBy = z.strictObject({ date: IsoDate, basis: EditorNote });

export const ActStatus = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('in_force') }),
  z.strictObject({
    kind: z.literal('repealed'),
    by: ActId,
    /** Where the repealing act lists this one, e.g. annex 2, item 5. */
    annex: z.string().min(1),
    item: z.string().min(1),
  }),
  z.strictObject({ kind: z.literal('unknown'), reason: EditorNote }),
]);
export type ActStatus = z.infer<typeof ActStatus>;

export const AMENDED_PART_KINDS = ['title', 'point', 'annex', 'item'] as const;

export const AmendedPart = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('title') }),
  z.strictObject({ kind: z.literal('point'), number: z.string().min(1) }),
  z.strictObject({ kind: z.literal('annex'), number: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('item'),
    annex: z.string().min(1),
    section: z.string().min(1),
    item: z.string().min(1),
  }),
]);
export type AmendedPart = z.infer<typeof AmendedPart>;

export const CHANGE_KINDS = ['new_edition', 'amended', 'excluded', 'added'] as const;

/** A note of the consolidated text, verbatim: "Ескерту." or "ЗҚАИ-ның ескертпесі!". */
export const SourceNote = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected a lower-case id such as annex-1-edition'),
  kind: z.enum(['eskertu', 'zkai']),
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  text: SourceWording,
});
export type SourceNote = z.infer<typeof SourceNote>;

/** Which act changed which part, how, as a note records it. */
export const Amendment = z.strictObject({
  part: AmendedPart,
  change: z.enum(CHANGE_KINDS),
  by: ActId,
  note: z.string().min(1),
});
export type Amendment = z.infer<typeof Amendment>;

export const AnnexRef = z.strictObject({
  number: z.string().min(1),
  kind: z.enum(['list', 'repealed_acts']),
  title: LocalizedText,
  lines: z.tuple([z.number().int().positive(), z.number().int().positive()]),
});

/** The consolidated text an act file was written from. */
export const SourceDocument = z.strictObject({
  file: z.string().min(1),
  publisher: z.string().min(1),
  /** The consolidated text was current on this date. */
  currentAsOf: IsoDate,
});
export type SourceDocument = z.infer<typeof SourceDocument>;

export const ActFile = z.strictObject({
  kind: z.literal('act'),
  id: ActId,
  issuer: Issuer,
  type: z.enum(['decision']),
  adopted: IsoDate,
  number: z.string().min(1),
  /** Null where the source names the act without its title. */
  title: LocalizedText.nullable(),
  session: z.string().min(1).optional(),
  registration: Registration.nullable(),
  publications: z.array(Publication),
  /** Null where the source does not say how the act entered into force. */
  entryIntoForce: EntryIntoForce.nullable(),
  inForceBy: z.array(InForceBy),
  status: ActStatus,
  source: SourceDocument.optional(),
  notes: z.array(SourceNote),
  amendments: z.array(Amendment),
  annexes: z.array(AnnexRef),
  remarks: z.array(EditorNote),
});
export type ActFile = z.infer<typeof ActFile>;

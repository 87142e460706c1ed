/**
 * Reference vocabulary of diagnoses as the sources word them: the Kazakh
 * wording (and its Russian and English names), the WHO ICD-10 codes it maps to,
 * and how sure that mapping is. The importer looks diagnoses up here by folded
 * wording; it never codes a wording this file does not hold.
 */
import { z } from 'zod';
import { Icd10Code } from './codes.ts';
import { Confidence } from './list.ts';
import { NoteText } from './text.ts';

export const NAME_VARIANT_KINDS = ['kk', 'ru', 'variant', 'misspelling', 'brand'] as const;

/**
 * Another wording of the same thing:
 * - `kk` / `ru`: a wording in that language;
 * - `variant`: a spelling or word-order variant seen in a source;
 * - `misspelling`: a typo seen in a source, recorded so a reviewer sees it named;
 * - `brand`: a trade name (medicines only).
 */
export const NameVariant = z.strictObject({
  name: NoteText,
  kind: z.enum(NAME_VARIANT_KINDS),
  note: NoteText.optional(),
});
export type NameVariant = z.infer<typeof NameVariant>;

export const Disease = z.strictObject({
  /** The wording in Kazakh, as the sources write it. */
  kk: NoteText,
  ru: NoteText,
  en: NoteText,
  icd10: z.array(Icd10Code).min(1),
  /** Codes the wording may also mean; shown as a doubt, never matched. */
  alternatives: z.array(Icd10Code).optional(),
  confidence: Confidence,
  variants: z.array(NameVariant).optional(),
  note: NoteText.optional(),
});
export type Disease = z.infer<typeof Disease>;

export const DiseasesFile = z.strictObject({
  kind: z.literal('diseases'),
  source: NoteText,
  diseases: z.array(Disease).min(1),
});
export type DiseasesFile = z.infer<typeof DiseasesFile>;

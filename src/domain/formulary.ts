/**
 * Names of medicines in the national tables (the Kazakhstan National Formulary and the list of
 * medicines for orphan diseases), as a third party transcribed them: reference data, not law
 * (reference/README.md). The importer resolves a name a decision writes — a Russian INN or a
 * trade name — first against the reviewed vocabulary (data/vocabulary/medicines.yaml), then
 * against these names, and says which one answered. The tables give Russian INNs and ATC codes,
 * never English INNs: a name resolved here still needs a reviewer to add its English INN.
 */
import { z } from 'zod';
import { AtcCode } from './codes.ts';

/** `inn`: the table's INN or group name (or one of two it writes as "A (B)"); `trade`: a trade name. */
export const FORMULARY_NAME_KINDS = ['inn', 'trade'] as const;
/** Which table a name comes from. */
export const FORMULARY_TABLES = ['formulary', 'orphan', 'formulary+orphan'] as const;

export const FormularyName = z.strictObject({
  /** The name as the table writes it (® and ™ removed, spaces normalised). */
  name: z.string().min(1),
  kind: z.enum(FORMULARY_NAME_KINDS),
  /** The table's Russian INN (or INN group) for the name, as written. */
  innRu: z.string().min(1),
  /** Every 7-character ATC code the table gives the name; several = by form, or old and new codes. */
  atc: z.array(AtcCode).min(1),
  table: z.enum(FORMULARY_TABLES),
});
export type FormularyName = z.infer<typeof FormularyName>;

/** What `national-formulary (third-party)` means in a report: the provenance, in one sentence. */
export const FORMULARY_PROVENANCE =
  'national-formulary (third-party): a third-party transcription of the Kazakhstan National Formulary and orphan medicines list, edition about December 2025; not law, not verified against order ҚР ДСМ-41 of 18.05.2021';

/**
 * Reference vocabulary that data files are checked against: medicines by INN
 * with their ATC codes (some medicines have several codes by form or indication).
 */
import { z } from 'zod';
import { AtcCode } from './codes.ts';
import { NameVariant } from './diseases.ts';
import { Confidence } from './list.ts';
import { NoteText } from './text.ts';

export const Medicine = z.strictObject({
  inn: z.string().min(1),
  ru: z.string().min(1),
  atc: z.array(AtcCode).min(1),
  confidence: Confidence,
  /** Other names the sources use: Kazakh forms, trade names, recorded misspellings. */
  aliases: z.array(NameVariant).optional(),
  note: NoteText.optional(),
});
export type Medicine = z.infer<typeof Medicine>;

export const MedicinesFile = z.strictObject({
  kind: z.literal('medicines'),
  source: NoteText,
  medicines: z.array(Medicine).min(1),
});
export type MedicinesFile = z.infer<typeof MedicinesFile>;

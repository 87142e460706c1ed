/** Texts in the three languages tegin speaks, and the source wording of the law. */
import { z } from 'zod';

export const LANGS = ['kk', 'ru', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

const NonBlank = z
  .string()
  .min(1)
  .refine((s) => s.trim() === s && !/\s{2,}/.test(s), {
    message: 'no leading, trailing or doubled whitespace',
  });

/** A text given in Kazakh, Russian and English. */
export const LocalizedText = z.strictObject({ kk: NonBlank, ru: NonBlank, en: NonBlank });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Wording as written in the source (Kazakh), repaired only of PDF damage. */
export const SourceWording = z.strictObject({ kk: NonBlank });
export type SourceWording = z.infer<typeof SourceWording>;

/** An English working note of the editors (act remarks, vocabulary notes), not shown as law. */
export const NoteText = NonBlank;

/**
 * A note shown to readers beside the law (what was repaired, what the source
 * lacks, why a code was chosen): in Kazakh, Russian and English, so a kk or ru
 * page never falls back to English.
 */
export const EditorNote = LocalizedText;
export type EditorNote = LocalizedText;

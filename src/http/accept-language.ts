/** The FHIR answers' language from Accept-Language: the first of kk, ru, en named; kk otherwise. */
import type { Lang } from '../domain/text.ts';

export function langOfAcceptLanguage(header: string | null | undefined): Lang {
  const wanted = (header ?? '').toLowerCase();
  for (const part of wanted.split(',')) {
    const tag = part.trim().slice(0, 2);
    if (tag === 'kk' || tag === 'ru' || tag === 'en') return tag;
  }
  return 'kk';
}

/**
 * Editorial notes (Ескерту / Сноска / ЗҚАИ-ның ескертпесі / Примечание ИЗПИ) kept verbatim,
 * with what each says: the act repealed, a part in a new edition, amended, or excluded. Notes
 * are Adilet's, not the maslikhat's: they name other acts and never the act's own identity.
 */
import type { EditorialNote } from './model.ts';

const MARKERS: [RegExp, EditorialNote['kind']][] = [
  [/^Ескерту\s*[.!:]/u, 'eskertu'],
  [/^Сноска\s*[.!:]/u, 'snoska'],
  [/^ЗҚАИ-ның\s+ескертпесі/u, 'zkai'],
  [/^Примечание\s+ИЗПИ/u, 'izpi'],
];

export function noteKindOf(text: string): EditorialNote['kind'] | null {
  const t = text.trim();
  return MARKERS.find(([re]) => re.test(t))?.[1] ?? null;
}

export function readNote(kind: EditorialNote['kind'], text: string, line: number): EditorialNote {
  const says: EditorialNote['says'] = /[Кк]үші\s+жойыл|[Уу]тратил\p{L}*\s+силу|күшін жойды/u.test(
    text,
  )
    ? 'repealed'
    : /алынып\s+тасталды|исключен/u.test(text)
      ? 'excluded'
      : /жаңа\s+редакцияда|в\s+редакции|новой\s+редакции/u.test(text)
        ? 'new_edition'
        : /өзгеріс|толықтыру|изменени|дополнени/u.test(text)
          ? 'amended'
          : 'other';
  const part =
    /(?:^|\s)(\d+(?:\)|-)?\s*-?(?:тармақ\p{L}*|қосымша\p{L}*|тармақша\p{L}*))|(?:[Пп]ункт|[Пп]риложени\p{L}*|[Пп]одпункт)\s+\d+\)?|Заголовок|[Тт]ақырыб\p{L}*|[Кк]іріспе\p{L}*|[Пп]реамбул\p{L}*/u.exec(
      text,
    );
  return { kind, line, text, says, part: part ? part[0].trim() : null };
}

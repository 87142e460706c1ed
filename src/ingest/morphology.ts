/**
 * Case forms of names, for matching a name as a decision writes it ("эпилепсией", "сахарным
 * диабетом", "Мофетила микофенолат", "Леветирацетаммен") to the name a vocabulary gives
 * ("Эпилепсия", "Сахарный диабет", "Микофенолата мофетил", "Леветирацетам"). Not a
 * morphological analyser: each word loses at most two inflection endings of one language, and a
 * stem keeps at least four letters, so a short word is never cut. Both sides of a comparison are
 * cut by the same rules; a stem that fits several entries resolves none (vocabulary.ts).
 *
 * Words are compared folded (domain/search.ts `fold`: lower case, й → и, Kazakh letters to their
 * Russian neighbours), so the endings are written folded too: Russian "-ый" is "ыи", Kazakh
 * "-ның" is "нын".
 */

/** Russian noun and adjective endings, folded. */
// prettier-ignore
const RU_ENDINGS = [
  'иями', 'ями', 'ами', 'иях', 'ях', 'ах', 'иеи', 'ием', 'ии', 'ию', 'ия',
  'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ых', 'их', 'ыи', 'ои', 'еи',
  'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ую', 'юю', 'ым', 'им', 'ом', 'ем', 'ам', 'ям', 'ов', 'ев',
  'ы', 'и', 'а', 'я', 'у', 'ю', 'е',
];

/**
 * Kazakh case, possessive and plural endings, folded (ы/і → ы/и, ң → н, қ → к, ғ → г). Not the
 * accusative "-ны/-ды/-ты": after a stem ending in "т" it would eat the stem ("диабеті" is
 * "диабет" + possessive "-і", not "диабе" + "-ті"), and names are rarely written in it.
 */
// prettier-ignore
const KK_ENDINGS = [
  'ларымен', 'леримен', 'дарымен', 'деримен', 'тарымен', 'теримен',
  'сымен', 'симен', 'ымен', 'имен', 'сынын', 'синин', 'ынын', 'инин',
  'сына', 'сине', 'сында', 'синде', 'сынан', 'синен', 'ында', 'инде', 'ынан', 'инен',
  'лары', 'лери', 'дары', 'дери', 'тары', 'тери',
  'нын', 'нин', 'дын', 'дин', 'тын', 'тин', 'нда', 'нде', 'дан', 'ден', 'тан', 'тен', 'нан', 'нен',
  'мен', 'бен', 'пен', 'лар', 'лер', 'дар', 'дер', 'тар', 'тер', 'сын', 'син', 'ына', 'ине',
  'га', 'ге', 'ка', 'ке', 'на', 'не', 'да', 'де', 'та', 'те',
  'сы', 'си', 'ын', 'ин', 'ы', 'и', 'а', 'е',
];

export const MORPHOLOGIES = ['ru', 'kk'] as const;
export type Morphology = (typeof MORPHOLOGIES)[number];

const ENDINGS: Record<Morphology, readonly string[]> = {
  ru: [...RU_ENDINGS].sort((a, b) => b.length - a.length),
  kk: [...KK_ENDINGS].sort((a, b) => b.length - a.length),
};

const MIN_STEM = 4;
const PASSES = 2;

/** The stem of one folded word under one language's endings; words with digits stay whole. */
export function stemOf(word: string, morphology: Morphology): string {
  if (!/^\p{L}+$/u.test(word)) return word;
  let stem = word;
  for (let pass = 0; pass < PASSES; pass++) {
    const ending = ENDINGS[morphology].find(
      (e) => stem.endsWith(e) && stem.length - e.length >= MIN_STEM,
    );
    if (!ending) break;
    stem = stem.slice(0, -ending.length);
  }
  return stem;
}

/** The stems of folded words, in order (`ordered`) or as a sorted bag (any word order). */
export function formKey(
  words: readonly string[],
  morphology: Morphology,
  ordered: boolean,
): string {
  const stems = words.map((w) => stemOf(w, morphology));
  return (ordered ? stems : [...stems].sort()).join(' ');
}

/**
 * The kind of a text, from its header, title and operative words — never forced into a list:
 * `list` establishes a list of medicines, devices or foods; `amendment` amends another act;
 * `repeal` only repeals; `other-maslikhat-decision` is a maslikhat decision on anything else
 * (a budget, social assistance); `not-a-maslikhat-act` is a ministerial order, a government
 * resolution, or text with no act header and no operative formula (a news article).
 */
import type { ActKind } from './model.ts';

export interface KindInput {
  /** The act word of the act's own header ("шешімі", "Приказ"), if any. */
  selfType: 'decision' | 'order' | 'resolution' | 'unknown' | null;
  title: string;
  /** The operative words: the formula and the points after it (notes removed). */
  operative: string;
  formula: 'maslikhat' | 'order' | 'government' | null;
}

const MEDICINES =
  /дәрі|дәрм|лекарств|медициналық\s+бұйым|медицинск\p{L}*\s+издели|емдік\s+(?:өнім|тағам)|лечебн\p{L}*\s+(?:продукт|питани)|препарат/iu;
const AMEND =
  /өзгеріс\p{L}*(?:\s+мен\s+толықтыру\p{L}*)?\s+енгізілсін|толықтыру\p{L}*\s+енгізілсін|[Вв]нести\s+в\s+решени|следующ\p{L}*\s+изменени/u;
const REPEAL = /күші\s+жойылды\s+деп\s+танылсын|[Пп]ризнать\s+утратившим\p{L}*\s+силу/u;
const PROVIDE =
  /берілсін|ұсынылатын\s+болсын|қамтамасыз\s+етілсін|бекітілсін|[Пп]редостав\p{L}*|[Оо]беспечи\p{L}*|[Уу]твердить/u;
/** A title about providing something ("… беру туралы", "О дополнительном предоставлении …"). */
const TITLE_PROVIDE =
  /(?:беру|ұсыну|қамтамасыз\s+ету)\s+туралы|[Оо]\s+(?:дополнительном\s+)?(?:предоставлении|обеспечении)/u;
const TITLE_AMEND = /енгізу\s+туралы|[Оо]\s+внесении\s+изменени/u;
const TITLE_REPEAL = /күші\s+жойылды\s+деп\s+тану\s+туралы|[Оо]\s+признании\s+утратившим/u;

export function classify(input: KindInput): { kind: ActKind; reason: string } {
  if (input.selfType === 'order' || input.formula === 'order')
    return { kind: 'not-a-maslikhat-act', reason: 'a ministerial order, not a maslikhat decision' };
  if (input.selfType === 'resolution' || input.formula === 'government')
    return {
      kind: 'not-a-maslikhat-act',
      reason: 'a government resolution, not a maslikhat decision',
    };
  if (input.selfType !== 'decision' && input.formula !== 'maslikhat')
    return {
      kind: 'not-a-maslikhat-act',
      reason:
        'no act header and no operative formula ("ШЕШІМ ҚАБЫЛДАДЫ" / "РЕШИЛ"): a news article or other text',
    };
  const firstPoint =
    /(?:^|\s)1\.\s[\s\S]*?(?=\s2\.\s|$)/u.exec(input.operative)?.[0] ?? input.operative;
  const about = MEDICINES.test(`${input.title} ${input.operative}`);
  const form: 'list' | 'amendment' | 'repeal' | null = AMEND.test(firstPoint)
    ? 'amendment'
    : REPEAL.test(firstPoint) && !PROVIDE.test(firstPoint)
      ? 'repeal'
      : PROVIDE.test(firstPoint)
        ? 'list'
        : TITLE_AMEND.test(input.title)
          ? 'amendment'
          : TITLE_REPEAL.test(input.title)
            ? 'repeal'
            : TITLE_PROVIDE.test(input.title)
              ? 'list'
              : null;
  if (!about || /бюджет/iu.test(input.title))
    return {
      kind: 'other-maslikhat-decision',
      reason: `a maslikhat decision${form === 'amendment' ? ' amending an act' : form === 'repeal' ? ' repealing acts' : ''} not about free medicines, devices or foods`,
    };
  switch (form) {
    case 'list':
      return { kind: 'list', reason: 'its first point provides medicines, devices or foods' };
    case 'amendment':
      return { kind: 'amendment', reason: 'its first point amends another decision' };
    case 'repeal':
      return { kind: 'repeal', reason: 'its first point repeals other decisions' };
    case null:
      return {
        kind: 'other-maslikhat-decision',
        reason: 'a maslikhat decision whose operative words neither provide, amend nor repeal',
      };
    default:
      return assertNever(form);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled form ${String(value)}`);
}

/**
 * The route (WHO DDD: O oral, P parenteral) a product's dosage form states, from the English
 * form text of the list; null where the form is absent, names no route tegin recognises, or
 * names both (a tablet and an injection in one product). Words of forms only: no medicine.
 */
import type { Route } from '../domain/reference.ts';

const WORDS: Record<Route, RegExp> = {
  O: /\b(tablets?|capsules?|oral|granules|syrup)\b/i,
  P: /\b(inject\w*|infusion|subcutaneous|intramuscular|intravenous|syringes?|vials?|pens?)\b/i,
};

export function routeOfForm(form: string | null): Route | null {
  if (!form) return null;
  const found = (Object.keys(WORDS) as Route[]).filter((r) => WORDS[r].test(form));
  return found.length === 1 ? (found[0] ?? null) : null;
}

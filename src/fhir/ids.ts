/**
 * Resource ids and identifiers, derived from the law's own identities so that
 * the same data always gives the same ids (docs/adr/0006-fhir-mapping.md):
 *
 * - a consolidated list text (InsurancePlan): region, principal act, annex, and
 *   the latest act that shaped the text (its edition or last amendment), e.g.
 *   `KZ-27-20200930-38-3-a1-20251215-22-5`;
 * - a formulary item (Basic) and its product (MedicationKnowledge, same id):
 *   the text's id + section + item + product position, e.g. `…-s1-i2-p1`.
 *
 * FHIR ids are `[A-Za-z0-9\-.]{1,64}`; anything else becomes `-`, and an id
 * that would be longer keeps its first 55 characters and a hash of the rest.
 */
import type { ActId } from '../domain/act.ts';

const ID_MAX = 64;

/** The parts of an act id: `KZ-27.maslikhat.2020-09-30.38-3`. */
function actParts(id: ActId): { region: string; adopted: string; number: string } {
  const [region = '', , adopted = '', ...number] = id.split('.');
  return { region, adopted, number: number.join('.') };
}

/** `20200930-38-3`: adoption date and number, URL-safe. */
function actSlug(id: ActId): string {
  const { adopted, number } = actParts(id);
  return `${adopted.replaceAll('-', '')}-${number}`;
}

export interface ListTextKey {
  act: ActId;
  annex: string;
  edition: ActId;
  amendedBy: readonly ActId[];
}

/** The act that gave the text its last form: the latest adopted of the edition and its amendments. */
function lastActOf(key: ListTextKey): ActId {
  return [key.edition, ...key.amendedBy].reduce((latest, id) =>
    actParts(id).adopted > actParts(latest).adopted ? id : latest,
  );
}

/** The InsurancePlan id of one consolidated text of a list. */
export function listTextId(key: ListTextKey): string {
  const { region } = actParts(key.act);
  return safeId(`${region}-${actSlug(key.act)}-a${key.annex}-${actSlug(lastActOf(key))}`);
}

/** The identifier value of a list across its texts: `KZ-27.maslikhat.2020-09-30.38-3/annex-1`. */
export function listKey(key: Pick<ListTextKey, 'act' | 'annex'>): string {
  return `${key.act}/annex-${key.annex}`;
}

/** The id of a formulary item (Basic) and of its product's MedicationKnowledge. */
export function formularyItemId(
  planId: string,
  section: string,
  item: string,
  productIndex: number | null,
): string {
  const product = productIndex === null ? '' : `-p${productIndex + 1}`;
  return safeId(`${planId}-s${section}-i${item}${product}`);
}

/** A valid FHIR id from any text: unsafe characters become `-`; long ids keep a hash. */
export function safeId(text: string): string {
  const id = text.replace(/[^A-Za-z0-9.-]/g, '-');
  if (id.length <= ID_MAX) return id;
  return `${id.slice(0, ID_MAX - 9)}-${fnv1a(id)}`;
}

/** 32-bit FNV-1a as 8 hex digits: short, stable, no crypto needed. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

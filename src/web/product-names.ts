/**
 * A prescribed product's name in the page's language. A prescription keeps the INN (English,
 * lower case, as the list's mapping gives it) and an English name, signed as issued; a page in
 * kk or ru shows the name the region's list gives the product in that language, found by INN in
 * the region's list editions (the latest edition that names it), else the stored name.
 * The index is built once per registry (bounded by the data, not by requests).
 */
import type { Lang, LocalizedText } from '../domain/text.ts';
import type { Registry } from '../registry/registry.ts';

type Index = Map<string, Map<string, LocalizedText>>;
const indexes = new WeakMap<Registry, Index>();

function indexOf(registry: Registry): Index {
  let index = indexes.get(registry);
  if (index) return index;
  index = new Map();
  for (const region of registry.regions) {
    const names = new Map<string, LocalizedText>();
    // Oldest first, so a later edition's wording wins.
    for (const version of registry.listVersions(region.code)) {
      for (const section of version.list.sections) {
        for (const item of section.items) {
          if (item.status !== 'in_force') continue;
          for (const product of item.products) {
            if (product.inn !== null && product.name !== null) names.set(product.inn, product.name);
          }
        }
      }
    }
    index.set(region.code, names);
  }
  indexes.set(registry, index);
  return index;
}

/**
 * The list's name of the product with `inn` in `region` (any region's when null: a journal
 * line), in `lang`; null when no list names it.
 */
export function listNameOf(
  registry: Registry,
  region: string | null,
  inn: string | null,
  lang: Lang,
): string | null {
  if (inn === null) return null;
  const key = inn.toLowerCase();
  const index = indexOf(registry);
  const regions = region === null ? [...index.values()] : [index.get(region)];
  for (const names of regions) {
    const name = names?.get(key)?.[lang];
    if (name !== undefined) return name;
  }
  return null;
}

/** INNs as the region's list names them in `lang`, each with the INN (alone where unnamed). */
export const innNames = (
  registry: Registry,
  region: string | null,
  inns: readonly string[],
  lang: Lang,
): string =>
  inns.map((inn) => productLabel(registry, region, { inn, name: null }, lang)).join('; ');

/**
 * How a page names a prescribed product: the list's name in `lang`, with the INN beside it when
 * it differs; else the stored name; else the INN.
 */
export function productLabel(
  registry: Registry,
  region: string | null,
  product: { inn: string | null; name: string | null },
  lang: Lang,
): string {
  const listed = listNameOf(registry, region, product.inn, lang);
  const name = listed ?? product.name ?? product.inn ?? '';
  return product.inn && product.inn !== name.toLowerCase() ? `${name} (${product.inn})` : name;
}

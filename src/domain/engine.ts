/**
 * The entitlement engine: a patient's facts in; for every list item that
 * covers one of their diagnoses, whether they are entitled, on which legal
 * basis, and what is still unmet. Pure; compiled once over the registry's
 * list versions, then evaluated per patient with map lookups.
 *
 * Decision order for an item that covers a diagnosis:
 * 1. the item's age group excludes the patient → `not_entitled` (certain,
 *    whatever else is unknown);
 * 2. the date is not covered by the data, or inside an unknown
 *    entry-into-force window → `unknown`;
 * 3. the source names no product → `unknown`;
 * 4. dispensary registration, a commission (ДКК/ВКК) decision, a verified
 *    diagnosis or other indication wording required and not given →
 *    `conditional`, listing what is unmet;
 * 5. otherwise `entitled`.
 * A diagnosis the list's wording may but need not cover (an uncertain
 * ICD-10 mapping, `alternatives` in the data) gives `unknown`.
 */
import type { ActFile, ActId } from './act.ts';
import {
  cachedCitation,
  exclusionReason,
  notCovered,
  selectVersion,
  stalenessWarning,
  uncertainReason,
  type CatalogContext,
  type CatalogVersion,
  type Coverage,
} from './catalog.ts';
import { citeItem, type ItemCitation } from './citation.ts';
import { icd10Category, icd10Covers, type Icd10Code } from './codes.ts';
import type { IsoDate } from './date.ts';
import {
  ageSentence,
  basisPhrase,
  conditionalSentence,
  entitledSentence,
  unnamedSentence,
  uncertainMappingSentence,
  NOT_ENTITLED_PREFIX,
  UNKNOWN_PREFIX,
  withPrefix,
  type ExplainParts,
  type Unmet,
} from './explain.ts';
import { MISSING_NAME } from './labels.ts';
import type {
  AgeGroup,
  Diagnosis,
  InForceItem,
  Indication,
  Population,
  Product,
  SectionKind,
} from './list.ts';
import type { ResolvedDiagnosis, ResolvedPatient } from './patient.ts';
import type { Region, RegionCode } from './region.ts';
import type { LocalizedText } from './text.ts';

export type EntitlementStatus = 'entitled' | 'conditional' | 'not_entitled' | 'unknown';

export type ReasonCode =
  | 'excluded'
  | 'age_group'
  | 'not_covered'
  | 'date_uncertain'
  | 'product_unnamed'
  | 'mapping_uncertain';

export interface EntitledProduct {
  kind: Product['kind'];
  inn: string | null;
  atc: string | null;
  name: LocalizedText | null;
  form: LocalizedText | null;
  innAbsent: Product['innAbsent'] | null;
}

export interface Entitlement {
  status: EntitlementStatus;
  section: SectionKind;
  region: RegionCode;
  item: string;
  diagnosis: {
    code: Icd10Code;
    input: string;
    listed: LocalizedText & { icd10: string[] };
    mapping: Diagnosis['mapping'];
  };
  population: Population;
  indication: Indication;
  products: EntitledProduct[];
  unmet: Unmet[];
  reason: { code: ReasonCode; text: LocalizedText } | null;
  basis: ItemCitation;
  explanation: LocalizedText;
}

export interface DiagnosisSummary {
  input: string;
  code: Icd10Code;
  /** How many list items cover this code (before age and other conditions). */
  items: number;
}

export interface EngineResult {
  region: RegionCode;
  date: IsoDate;
  age: number;
  ageSource: ResolvedPatient['ageSource'];
  coverage: Coverage;
  entitlements: Entitlement[];
  diagnoses: DiagnosisSummary[];
  warnings: LocalizedText[];
}

interface CompiledProduct extends EntitledProduct {
  unnamed: boolean;
}

interface CompiledItem {
  region: Region;
  section: SectionKind;
  sectionNumber: string;
  number: string;
  /** Set where a later text excluded the item: the content is the earlier text's. */
  excluded: LocalizedText | null;
  codes: readonly Icd10Code[];
  alternatives: readonly Icd10Code[];
  age: AgeGroup;
  needsRegistration: boolean;
  needsCommission: boolean;
  needsVerified: boolean;
  otherWording: boolean;
  products: readonly CompiledProduct[];
  item: InForceItem;
  basis: ItemCitation;
  parts: ExplainParts;
  listed: LocalizedText & { icd10: string[] };
  sentences: Map<string, LocalizedText>;
}

interface CompiledVersion extends CatalogVersion {
  compiled: CompiledItem[];
  byCategory: Map<string, CompiledItem[]>;
  byAlternativeCategory: Map<string, CompiledItem[]>;
}

export interface EngineSource extends CatalogContext {
  regions: readonly Region[];
  listVersions(region: RegionCode): readonly CatalogVersion[];
}

export class Engine {
  private readonly regions = new Map<RegionCode, { region: Region; versions: CompiledVersion[] }>();
  private readonly context: CatalogContext;

  constructor(source: EngineSource) {
    this.context = { act: (id) => source.act(id), effectiveOf: (id) => source.effectiveOf(id) };
    for (const region of source.regions) {
      const versions: CompiledVersion[] = [];
      for (const v of source.listVersions(region.code)) {
        versions.push(compileVersion(v, region, this.context, versions));
      }
      this.regions.set(region.code, { region, versions });
    }
  }

  evaluate(patient: ResolvedPatient): EngineResult {
    const { region, date } = patient;
    const compiled = this.regions.get(region.code);
    const base = { region: region.code, date, age: patient.age, ageSource: patient.ageSource };
    if (!compiled || compiled.versions.length === 0) {
      return {
        ...base,
        coverage: {
          status: 'no_list',
          reason: {
            kk: `tegin деректерінде ${region.name.kk} бойынша тізім жоқ.`,
            ru: `В данных tegin нет перечня для региона «${region.name.ru}».`,
            en: `tegin holds no list for ${region.name.en}.`,
          },
        },
        entitlements: [],
        diagnoses: patient.diagnoses.map((d) => ({ input: d.input, code: d.code, items: 0 })),
        warnings: [],
      };
    }
    const selection = selectVersion(compiled.versions, date);
    let version: CompiledVersion;
    let coverage: Coverage;
    let override: { code: ReasonCode; text: LocalizedText } | null = null;
    if (selection.kind === 'not_covered') {
      version = selection.first;
      coverage = notCovered(version, date, region, this.context);
      override = { code: 'not_covered', text: coverage.reason };
    } else if (selection.kind === 'uncertain') {
      version = selection.version;
      const reason = uncertainReason(version, date, region, this.context);
      coverage = { status: 'uncertain', inForceFrom: version.effective, reason };
      override = { code: 'date_uncertain', text: reason };
    } else {
      version = selection.version;
      coverage = { status: 'covered', inForceFrom: version.effective };
    }
    const byItem = new Map<CompiledItem, Entitlement[]>();
    const diagnoses: DiagnosisSummary[] = [];
    for (const diagnosis of patient.diagnoses) {
      let count = 0;
      const category = icd10Category(diagnosis.code);
      const matched = new Set<CompiledItem>();
      for (const item of version.byCategory.get(category) ?? []) {
        if (!item.codes.some((c) => icd10Covers(c, diagnosis.code))) continue;
        matched.add(item);
        count++;
        keepBest(byItem, item, evaluateItem(item, diagnosis, patient, override, false));
      }
      for (const item of version.byAlternativeCategory.get(category) ?? []) {
        if (matched.has(item) || !item.alternatives.some((c) => icd10Covers(c, diagnosis.code)))
          continue;
        count++;
        keepBest(byItem, item, evaluateItem(item, diagnosis, patient, override, true));
      }
      diagnoses.push({ input: diagnosis.input, code: diagnosis.code, items: count });
    }
    const stale = stalenessWarning(version.list, date);
    return {
      ...base,
      coverage,
      entitlements: [...byItem.values()].flat(),
      diagnoses,
      warnings: stale ? [stale] : [],
    };
  }
}

const RANK: Record<EntitlementStatus, number> = {
  entitled: 3,
  conditional: 2,
  unknown: 1,
  not_entitled: 0,
};

/** Two of the patient's diagnoses may fall under one item: keep the better answer. */
function keepBest(
  byItem: Map<CompiledItem, Entitlement[]>,
  item: CompiledItem,
  next: Entitlement[],
): void {
  const current = byItem.get(item);
  const best = (list: Entitlement[]) => Math.max(...list.map((e) => RANK[e.status]));
  if (!current || best(next) > best(current)) byItem.set(item, next);
}

function evaluateItem(
  item: CompiledItem,
  diagnosis: ResolvedDiagnosis,
  patient: ResolvedPatient,
  override: { code: ReasonCode; text: LocalizedText } | null,
  mappingUncertain: boolean,
): Entitlement[] {
  const tooOld = item.age === 'children' && patient.age >= 18;
  const tooYoung = item.age === 'adults' && patient.age < 18;
  if (tooOld || tooYoung) {
    const group = item.age as Exclude<AgeGroup, 'all'>;
    const explanation = ageSentence(item.parts, group, patient.age, patient.date);
    return [
      entitlement(
        item,
        diagnosis,
        'not_entitled',
        item.products,
        [],
        { code: 'age_group', text: explanation },
        explanation,
      ),
    ];
  }
  if (override) {
    const explanation = withPrefix(UNKNOWN_PREFIX, override.text);
    return [entitlement(item, diagnosis, 'unknown', item.products, [], override, explanation)];
  }
  if (item.excluded) {
    const reason = { code: 'excluded' as const, text: item.excluded };
    const explanation = withPrefix(NOT_ENTITLED_PREFIX, item.excluded);
    return [entitlement(item, diagnosis, 'not_entitled', item.products, [], reason, explanation)];
  }
  if (mappingUncertain) {
    const explanation = uncertainMappingSentence(item.parts, diagnosis.code);
    return [
      entitlement(
        item,
        diagnosis,
        'unknown',
        item.products,
        [],
        { code: 'mapping_uncertain', text: explanation },
        explanation,
      ),
    ];
  }
  const shared: Unmet[] = [];
  if (item.needsRegistration && !diagnosis.registered) shared.push('dispensary_registration');
  if (item.needsVerified && !diagnosis.verified) shared.push('verified_diagnosis');
  if (item.otherWording) shared.push('indication_wording');
  // Group products by outcome: a commission decision may name some products only.
  const groups = new Map<
    string,
    { status: EntitlementStatus; unmet: Unmet[]; products: CompiledProduct[] }
  >();
  for (const product of item.products) {
    let status: EntitlementStatus;
    let unmet = shared;
    if (product.unnamed) status = 'unknown';
    else {
      const commissionMet =
        !item.needsCommission ||
        diagnosis.commission === 'all' ||
        (product.inn !== null && diagnosis.commission.has(product.inn));
      if (!commissionMet) unmet = ['commission_decision', ...shared];
      status = unmet.length > 0 ? 'conditional' : 'entitled';
    }
    const key = `${status}|${unmet.join(',')}`;
    const group = groups.get(key);
    if (group) group.products.push(product);
    else groups.set(key, { status, unmet, products: [product] });
  }
  return [...groups.values()].map((g) => {
    const whole = g.products.length === item.products.length;
    const key = `${g.status}|${g.unmet.join(',')}|${whole ? '*' : g.products.map((p) => p.inn).join(',')}`;
    let explanation = item.sentences.get(key);
    if (!explanation) {
      const parts = whole ? item.parts : { ...item.parts, products: productList(g.products) };
      explanation =
        g.status === 'unknown'
          ? unnamedSentence(parts)
          : g.status === 'conditional'
            ? conditionalSentence(parts, g.unmet)
            : entitledSentence(parts);
      item.sentences.set(key, explanation);
    }
    const reason =
      g.status === 'unknown' ? { code: 'product_unnamed' as const, text: explanation } : null;
    return entitlement(item, diagnosis, g.status, g.products, g.unmet, reason, explanation);
  });
}

function entitlement(
  item: CompiledItem,
  diagnosis: ResolvedDiagnosis,
  status: EntitlementStatus,
  products: readonly CompiledProduct[],
  unmet: Unmet[],
  reason: Entitlement['reason'],
  explanation: LocalizedText,
): Entitlement {
  return {
    status,
    section: item.section,
    region: item.region.code,
    item: item.number,
    diagnosis: {
      code: diagnosis.code,
      input: diagnosis.input,
      listed: item.listed,
      mapping: item.item.diagnosis.mapping,
    },
    population: item.item.population,
    indication: item.item.indication,
    products: products.map(publicProduct),
    unmet,
    reason,
    basis: item.basis,
    explanation,
  };
}

function publicProduct(p: CompiledProduct): EntitledProduct {
  return {
    kind: p.kind,
    inn: p.inn,
    atc: p.atc,
    name: p.name,
    form: p.form,
    innAbsent: p.innAbsent,
  };
}

function productList(products: readonly CompiledProduct[]): LocalizedText {
  const names = (lang: keyof LocalizedText) =>
    products.map((p) => (p.name ? p.name[lang] : `(${MISSING_NAME[lang]})`)).join(', ');
  return { kk: names('kk'), ru: names('ru'), en: names('en') };
}

function compileVersion(
  version: CatalogVersion,
  region: Region,
  context: CatalogContext,
  earlier: readonly CompiledVersion[],
): CompiledVersion {
  const byCategory = new Map<string, CompiledItem[]>();
  const byAlternativeCategory = new Map<string, CompiledItem[]>();
  const compiledItems: CompiledItem[] = [];
  const index = (compiled: CompiledItem): void => {
    compiledItems.push(compiled);
    for (const category of new Set(compiled.codes.map(icd10Category))) {
      push(byCategory, category, compiled);
    }
    for (const category of new Set(compiled.alternatives.map(icd10Category))) {
      push(byAlternativeCategory, category, compiled);
    }
  };
  const principal = context.act(version.list.act) as ActFile;
  for (const section of version.list.sections) {
    for (const item of section.items) {
      if (item.status !== 'in_force') {
        // An excluded item keeps the content an earlier text gave it, so a
        // patient it once covered learns that it was excluded, and by which act.
        const before = [...earlier]
          .reverse()
          .flatMap((v) => v.compiled)
          .find(
            (c) => c.sectionNumber === section.number && c.number === item.number && !c.excluded,
          );
        if (before) {
          index({
            ...before,
            excluded: exclusionReason(item.excludedBy, region, context),
            sentences: new Map(),
          });
        }
        continue;
      }
      const basis = cachedCitation(item, () =>
        citeItem({
          list: version.list,
          section,
          item,
          inForceFrom: version.effective,
          region,
          lookup: (id: ActId) => context.act(id),
        }),
      );
      const products: CompiledProduct[] = item.products.map((p) => ({
        kind: p.kind,
        inn: p.inn,
        atc: p.atc,
        name: p.name,
        form: p.form,
        innAbsent: p.innAbsent ?? null,
        unnamed: p.innAbsent === 'name_missing',
      }));
      index({
        region,
        section: section.kind,
        sectionNumber: section.number,
        number: item.number,
        excluded: null,
        codes: item.diagnosis.icd10,
        alternatives: item.diagnosis.mapping.alternatives ?? [],
        age: item.population.age,
        needsRegistration: item.population.dispensaryRegistration === 'required',
        needsCommission: item.indication.conditions.includes('commission_decision'),
        needsVerified: item.indication.conditions.includes('verified_diagnosis'),
        otherWording: item.indication.conditions.includes('other'),
        products,
        item,
        basis,
        listed: { ...item.diagnosis.text, icd10: [...item.diagnosis.icd10] },
        parts: {
          basis: basisPhrase(principal, region, version.list.annex, section.number, basis.item),
          diagnosis: item.diagnosis.text,
          products: productList(products),
        },
        sentences: new Map(),
      });
    }
  }
  return { ...version, byCategory, byAlternativeCategory, compiled: compiledItems };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

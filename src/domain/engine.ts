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
  noListCoverage,
  selectVersion,
  stalenessWarning,
  uncertainReason,
  type CatalogContext,
  type CatalogVersion,
  type Coverage,
} from './catalog.ts';
import { citeItem, type ItemCitation } from './citation.ts';
import { icd10Category, icd10Covers, type Icd10Code } from './codes.ts';
import { isoDate, type IsoDate } from './date.ts';
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
import { BoundedMap } from './bounded-map.ts';
import { deepFreeze } from './freeze.ts';
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
  innAbsent: NonNullable<Product['innAbsent']> | null;
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

/**
 * The answer for a diagnosis no item covers: `not_entitled` under the regional list only
 * where the list is known to be in force on the date; where tegin holds no list, or the date is
 * outside or uncertain in the texts held, it cannot tell (`unknown`).
 */
export function verdictWithoutItems(coverage: Coverage): 'not_entitled' | 'unknown' {
  switch (coverage.status) {
    case 'covered':
      return 'not_entitled';
    case 'uncertain':
    case 'not_covered':
    case 'no_list':
      return 'unknown';
    default: {
      const never: never = coverage;
      return never;
    }
  }
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
  /** The products as answers show them (shared, never mutated). */
  publicProducts: EntitledProduct[];
  allNamed: boolean;
  item: InForceItem;
  basis: ItemCitation;
  parts: ExplainParts;
  listed: LocalizedText & { icd10: string[] };
  /** Explanations for the whole item, by unmet-condition mask. */
  sentences: Map<number, LocalizedText>;
  /** Whole-item answers by unmet mask and diagnosis as given (see wholeItem). */
  answers: Map<string, Entitlement>;
}

interface CompiledVersion extends CatalogVersion {
  compiled: CompiledItem[];
  covered: Coverage;
  staleWarning: LocalizedText;
  /** Keyed by the query date, which the client chooses: bounded. */
  reasons: BoundedMap<IsoDate, { coverage: Coverage; override: Entitlement['reason'] }>;
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
    if (!compiled || compiled.versions.length === 0) return noList(patient);
    const selection = selectVersion(compiled.versions, date);
    const version = selection.kind === 'not_covered' ? selection.first : selection.version;
    const { coverage, override } = this.coverageOn(version, selection.kind, date, region);
    const byItem = new Map<CompiledItem, Entitlement[]>();
    const diagnoses: DiagnosisSummary[] = [];
    // Hot path: plain loops, no closures (this runs hundreds of thousands of times a second).
    for (const diagnosis of patient.diagnoses) {
      let count = 0;
      const category = icd10Category(diagnosis.code);
      const candidates = version.byCategory.get(category);
      const matched: CompiledItem[] = [];
      if (candidates) {
        for (const item of candidates) {
          if (!coversAny(item.codes, diagnosis.code)) continue;
          matched.push(item);
          count++;
          keepBest(byItem, item, evaluateItem(item, diagnosis, patient, override, false));
        }
      }
      const possible = version.byAlternativeCategory.get(category);
      if (possible) {
        for (const item of possible) {
          if (matched.includes(item) || !coversAny(item.alternatives, diagnosis.code)) continue;
          count++;
          keepBest(byItem, item, evaluateItem(item, diagnosis, patient, override, true));
        }
      }
      diagnoses.push({ input: diagnosis.input, code: diagnosis.code, items: count });
    }
    const entitlements: Entitlement[] = [];
    for (const list of byItem.values()) for (const e of list) entitlements.push(e);
    return {
      region: region.code,
      date,
      age: patient.age,
      ageSource: patient.ageSource,
      coverage,
      entitlements,
      diagnoses,
      warnings: date > version.list.currentAsOf ? [version.staleWarning] : [],
    };
  }

  /** Coverage and the reason that overrides every item's answer, cached per text and date. */
  private coverageOn(
    version: CompiledVersion,
    kind: 'covered' | 'uncertain' | 'not_covered',
    date: IsoDate,
    region: Region,
  ): { coverage: Coverage; override: Entitlement['reason'] } {
    if (kind === 'covered') return { coverage: version.covered, override: null };
    const cached = version.reasons.get(date);
    if (cached) return cached;
    let answer: { coverage: Coverage; override: Entitlement['reason'] };
    if (kind === 'not_covered') {
      const coverage = notCovered(version, date, region, this.context);
      answer = { coverage, override: { code: 'not_covered', text: coverage.reason } };
    } else {
      const reason = uncertainReason(version, date, region, this.context);
      answer = {
        coverage: { status: 'uncertain', inForceFrom: version.effective, reason },
        override: { code: 'date_uncertain', text: reason },
      };
    }
    version.reasons.set(date, deepFreeze(answer));
    return answer;
  }
}

function noList(patient: ResolvedPatient): EngineResult {
  const { region } = patient;
  return {
    region: region.code,
    date: patient.date,
    age: patient.age,
    ageSource: patient.ageSource,
    coverage: noListCoverage(region),
    entitlements: [],
    diagnoses: patient.diagnoses.map((d) => ({ input: d.input, code: d.code, items: 0 })),
    warnings: [],
  };
}

function coversAny(listed: readonly Icd10Code[], code: Icd10Code): boolean {
  for (const c of listed) if (icd10Covers(c, code)) return true;
  return false;
}

const RANK: Record<EntitlementStatus, number> = {
  entitled: 3,
  conditional: 2,
  unknown: 1,
  not_entitled: 0,
};

function bestRank(list: readonly Entitlement[]): number {
  let best = -1;
  for (const e of list) if (RANK[e.status] > best) best = RANK[e.status];
  return best;
}

/** Two of the patient's diagnoses may fall under one item: keep the better answer. */
function keepBest(
  byItem: Map<CompiledItem, Entitlement[]>,
  item: CompiledItem,
  next: Entitlement[],
): void {
  const current = byItem.get(item);
  if (!current || bestRank(next) > bestRank(current)) byItem.set(item, next);
}

// Unmet conditions as a bit mask, in the order they are reported.
const COMMISSION = 1;
const REGISTRATION = 2;
const VERIFIED = 4;
const WORDING = 8;
const UNMET_BY_MASK: readonly Unmet[][] = Array.from({ length: 16 }, (_, mask) => {
  const unmet: Unmet[] = [];
  if (mask & COMMISSION) unmet.push('commission_decision');
  if (mask & REGISTRATION) unmet.push('dispensary_registration');
  if (mask & VERIFIED) unmet.push('verified_diagnosis');
  if (mask & WORDING) unmet.push('indication_wording');
  return unmet;
});
const UNNAMED = -1;

function evaluateItem(
  item: CompiledItem,
  diagnosis: ResolvedDiagnosis,
  patient: ResolvedPatient,
  override: Entitlement['reason'],
  mappingUncertain: boolean,
): Entitlement[] {
  if (
    (item.age === 'children' && patient.age >= 18) ||
    (item.age === 'adults' && patient.age < 18)
  ) {
    const key = `age|${patient.age}|${patient.date}|${diagnosis.code}|${diagnosis.input}`;
    const cached = item.answers.get(key);
    if (cached) return [cached];
    const explanation = ageSentence(item.parts, item.age, patient.age, patient.date);
    const reason = { code: 'age_group' as const, text: explanation };
    const answer = deepFreeze(
      entitlement(item, diagnosis, 'not_entitled', item.publicProducts, [], reason, explanation),
    );
    remember(item, key, answer);
    return [answer];
  }
  if (override) {
    const explanation = withPrefix(UNKNOWN_PREFIX, override.text);
    return [
      entitlement(item, diagnosis, 'unknown', item.publicProducts, [], override, explanation),
    ];
  }
  if (item.excluded) {
    const reason = { code: 'excluded' as const, text: item.excluded };
    const explanation = withPrefix(NOT_ENTITLED_PREFIX, item.excluded);
    return [
      entitlement(item, diagnosis, 'not_entitled', item.publicProducts, [], reason, explanation),
    ];
  }
  if (mappingUncertain) {
    const explanation = uncertainMappingSentence(item.parts, diagnosis.code);
    const reason = { code: 'mapping_uncertain' as const, text: explanation };
    return [entitlement(item, diagnosis, 'unknown', item.publicProducts, [], reason, explanation)];
  }
  let shared = 0;
  if (item.needsRegistration && !diagnosis.registered) shared |= REGISTRATION;
  if (item.needsVerified && !diagnosis.verified) shared |= VERIFIED;
  if (item.otherWording) shared |= WORDING;
  const { commission } = diagnosis;
  const commissionMet = !item.needsCommission || commission === 'all';
  if (
    item.allNamed &&
    (commissionMet || (typeof commission !== 'string' && commission.size === 0))
  ) {
    // Every product has the same outcome: one entitlement for the whole item.
    const mask = commissionMet ? shared : shared | COMMISSION;
    return [wholeItem(item, diagnosis, mask)];
  }
  // A commission decision naming some products only, or products without a name: group by outcome.
  const groups = new Map<number, CompiledProduct[]>();
  for (const product of item.products) {
    const named = !product.unnamed;
    const met =
      commissionMet ||
      (product.inn !== null && (diagnosis.commission as ReadonlySet<string>).has(product.inn));
    const mask = named ? (met ? shared : shared | COMMISSION) : UNNAMED;
    const group = groups.get(mask);
    if (group) group.push(product);
    else groups.set(mask, [product]);
  }
  const result: Entitlement[] = [];
  for (const [mask, products] of groups) {
    if (products.length === item.products.length) {
      result.push(wholeItem(item, diagnosis, mask));
      continue;
    }
    const parts = { ...item.parts, products: productList(products) };
    const explanation = sentenceFor(parts, mask);
    const status = statusOf(mask);
    const reason =
      status === 'unknown' ? { code: 'product_unnamed' as const, text: explanation } : null;
    const unmet = mask === UNNAMED ? [] : (UNMET_BY_MASK[mask] as Unmet[]);
    result.push(
      entitlement(item, diagnosis, status, products.map(publicProduct), unmet, reason, explanation),
    );
  }
  return result;
}

function statusOf(mask: number): EntitlementStatus {
  return mask === UNNAMED ? 'unknown' : mask === 0 ? 'entitled' : 'conditional';
}

function sentenceFor(parts: ExplainParts, mask: number): LocalizedText {
  if (mask === UNNAMED) return unnamedSentence(parts);
  if (mask === 0) return entitledSentence(parts);
  return conditionalSentence(parts, UNMET_BY_MASK[mask] as Unmet[]);
}

/**
 * The answer for the whole item. It depends only on the item, the unmet mask and the
 * diagnosis as given, so it is built once and shared (frozen) by every later answer.
 */
function wholeItem(item: CompiledItem, diagnosis: ResolvedDiagnosis, mask: number): Entitlement {
  const key = `${mask}|${diagnosis.code}|${diagnosis.input}`;
  const cached = item.answers.get(key);
  if (cached) return cached;
  let explanation = item.sentences.get(mask);
  if (!explanation) {
    explanation = deepFreeze(sentenceFor(item.parts, mask));
    item.sentences.set(mask, explanation);
  }
  const status = statusOf(mask);
  const reason =
    status === 'unknown' ? { code: 'product_unnamed' as const, text: explanation } : null;
  const unmet = mask === UNNAMED ? [] : (UNMET_BY_MASK[mask] as Unmet[]);
  const answer = deepFreeze(
    entitlement(item, diagnosis, status, item.publicProducts, [...unmet], reason, explanation),
  );
  remember(item, key, answer);
  return answer;
}

/** Bounded: patients type codes in many spellings (`m08.2`, `M082`); start afresh past the cap. */
function remember(item: CompiledItem, key: string, answer: Entitlement): void {
  if (item.answers.size >= ANSWER_CACHE_SIZE) item.answers.clear();
  item.answers.set(key, answer);
}

const ANSWER_CACHE_SIZE = 256;
/** Dates outside a text's coverage remembered per text (their reason sentence). */
export const REASON_CACHE_SIZE = 256;

function entitlement(
  item: CompiledItem,
  diagnosis: ResolvedDiagnosis,
  status: EntitlementStatus,
  products: EntitledProduct[],
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
    products,
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
            answers: new Map(),
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
        publicProducts: deepFreeze(products.map(publicProduct)),
        allNamed: products.every((p) => !p.unnamed),
        item,
        basis: deepFreeze(basis),
        listed: deepFreeze({ ...item.diagnosis.text, icd10: [...item.diagnosis.icd10] }),
        parts: {
          basis: basisPhrase(principal, region, version.list.annex, basis.units),
          diagnosis: item.diagnosis.text,
          products: productList(products),
        },
        sentences: new Map(),
        answers: new Map(),
      });
    }
  }
  return {
    ...version,
    byCategory,
    byAlternativeCategory,
    compiled: compiledItems,
    covered: deepFreeze({ status: 'covered', inForceFrom: version.effective }),
    staleWarning: deepFreeze(
      stalenessWarning(version.list, isoDate('9999-12-31')) as LocalizedText,
    ),
    reasons: new BoundedMap(REASON_CACHE_SIZE),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

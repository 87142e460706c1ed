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
 *    The patient outside whom the list's title names (not a citizen, served
 *    by another region's organisation) → `not_entitled`, also certain;
 * 3. the source names no product → `unknown`;
 * 4. dispensary registration, a commission (ДКК/ВКК) decision, a verified
 *    diagnosis, other indication wording, a clinician's confirmation of the
 *    diagnosis (a code broader than the words, an alternative code, words
 *    that require more than any code), or an unknown citizenship or
 *    attachment, required and not given → `conditional`, listing what is unmet;
 * 5. otherwise `entitled`.
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
  beneficiarySentence,
  scopeClause,
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
  Beneficiaries,
  CodeScope,
  Diagnosis,
  InForceItem,
  Indication,
  Population,
  Product,
  SectionKind,
} from './list.ts';
import type { Assumption, ResolvedDiagnosis, ResolvedPatient } from './patient.ts';
import type { Region, RegionCode } from './region.ts';
import type { LocalizedText } from './text.ts';

export type EntitlementStatus = 'entitled' | 'conditional' | 'not_entitled' | 'unknown';

export const REASON_CODES = [
  'excluded',
  'age_group',
  'not_covered',
  'date_uncertain',
  'product_unnamed',
  'not_citizen',
  'not_served_in_region',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

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
    /** How the listed code that matched relates to the words of the list. */
    scope: CodeScope;
    /** What the words require that no code expresses; null where nothing. */
    requires: LocalizedText | null;
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
  /** Facts the answer assumed because they were not given. */
  assumptions: Assumption[];
  warnings: LocalizedText[];
}

interface CompiledProduct extends EntitledProduct {
  unnamed: boolean;
}

/** One listed or alternative code of an item, compiled with what its match needs. */
interface CompiledScope {
  entry: CodeScope;
  /** The code alone does not meet the words: a clinician must confirm the diagnosis. */
  confirm: boolean;
  /** The item's explanation parts, with what the confirmation must establish. */
  parts: ExplainParts;
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
  /** Scope of `codes` then `alternatives`, in that order (index = match position). */
  scope: readonly CompiledScope[];
  beneficiaries: Beneficiaries | null;
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
  /** Explanations for the whole item, by unmet-condition mask (and scope, see sentenceKey). */
  sentences: Map<number | string, LocalizedText>;
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
    const facts = patientFacts(patient);
    // Hot path: plain loops, no closures (this runs hundreds of thousands of times a second).
    for (const diagnosis of patient.diagnoses) {
      let count = 0;
      const category = icd10Category(diagnosis.code);
      const candidates = version.byCategory.get(category);
      const matched: CompiledItem[] = [];
      if (candidates) {
        for (const item of candidates) {
          const at = coveringIndex(item.codes, diagnosis.code);
          if (at < 0) continue;
          matched.push(item);
          count++;
          const scope = item.scope[at] as CompiledScope;
          keepBest(byItem, item, evaluateItem(item, scope, diagnosis, patient, facts, override));
        }
      }
      const possible = version.byAlternativeCategory.get(category);
      if (possible) {
        for (const item of possible) {
          if (matched.includes(item)) continue;
          const at = coveringIndex(item.alternatives, diagnosis.code);
          if (at < 0) continue;
          count++;
          const scope = item.scope[item.codes.length + at] as CompiledScope;
          keepBest(byItem, item, evaluateItem(item, scope, diagnosis, patient, facts, override));
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
      assumptions: patient.assumptions,
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
    assumptions: patient.assumptions,
    warnings: [],
  };
}

/** The position of the first listed code that covers `code`, or -1. */
function coveringIndex(listed: readonly Icd10Code[], code: Icd10Code): number {
  for (let i = 0; i < listed.length; i++) if (icd10Covers(listed[i] as Icd10Code, code)) return i;
  return -1;
}

/** What the patient's own facts (not a diagnosis') leave unmet or unknown, once per evaluation. */
interface PatientFacts {
  citizenship: ResolvedPatient['citizenship'];
  servedIn: ResolvedPatient['servedIn'];
  region: Region;
}

function patientFacts(patient: ResolvedPatient): PatientFacts {
  return { citizenship: patient.citizenship, servedIn: patient.servedIn, region: patient.region };
}

/** Outside whom the list serves (certain), or the bits of what is unknown about it. */
function beneficiaryCheck(
  beneficiaries: Beneficiaries | null,
  facts: PatientFacts,
): 'not_citizen' | 'not_served_in_region' | number {
  if (!beneficiaries) return 0;
  let mask = 0;
  if (beneficiaries.citizenship === 'KZ') {
    if (facts.citizenship === 'other') return 'not_citizen';
    if (facts.citizenship === 'unknown') mask |= CITIZENSHIP;
  }
  if (beneficiaries.servedIn === 'region') {
    if (facts.servedIn === 'unknown') mask |= ATTACHMENT;
    else if (facts.servedIn.code !== facts.region.code) return 'not_served_in_region';
  }
  return mask;
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
const CONFIRMATION = 16;
const CITIZENSHIP = 32;
const ATTACHMENT = 64;
const UNMET_BY_MASK: readonly Unmet[][] = Array.from({ length: 128 }, (_, mask) => {
  const unmet: Unmet[] = [];
  if (mask & COMMISSION) unmet.push('commission_decision');
  if (mask & REGISTRATION) unmet.push('dispensary_registration');
  if (mask & VERIFIED) unmet.push('verified_diagnosis');
  if (mask & WORDING) unmet.push('indication_wording');
  if (mask & CONFIRMATION) unmet.push('diagnosis_confirmation');
  if (mask & CITIZENSHIP) unmet.push('citizenship');
  if (mask & ATTACHMENT) unmet.push('attachment');
  return unmet;
});
const UNNAMED = -1;

function evaluateItem(
  item: CompiledItem,
  scope: CompiledScope,
  diagnosis: ResolvedDiagnosis,
  patient: ResolvedPatient,
  facts: PatientFacts,
  override: Entitlement['reason'],
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
    const answer = deepFreeze(settled(item, scope, diagnosis, 'not_entitled', reason, explanation));
    remember(item, key, answer);
    return [answer];
  }
  const beneficiary = beneficiaryCheck(item.beneficiaries, facts);
  if (typeof beneficiary === 'string') {
    return [outsideBeneficiaries(item, scope, diagnosis, beneficiary, facts)];
  }
  if (override) {
    const explanation = withPrefix(UNKNOWN_PREFIX, override.text);
    return [settled(item, scope, diagnosis, 'unknown', override, explanation)];
  }
  if (item.excluded) {
    const reason = { code: 'excluded' as const, text: item.excluded };
    const explanation = withPrefix(NOT_ENTITLED_PREFIX, item.excluded);
    return [settled(item, scope, diagnosis, 'not_entitled', reason, explanation)];
  }
  let shared = beneficiary;
  if (scope.confirm && !diagnosis.confirmed) shared |= CONFIRMATION;
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
    return [wholeItem(item, scope, diagnosis, mask)];
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
      result.push(wholeItem(item, scope, diagnosis, mask));
      continue;
    }
    const parts = { ...scope.parts, products: productList(products) };
    const explanation = sentenceFor(parts, mask);
    const status = statusOf(mask);
    const reason =
      status === 'unknown' ? { code: 'product_unnamed' as const, text: explanation } : null;
    const unmet = mask === UNNAMED ? [] : (UNMET_BY_MASK[mask] as Unmet[]);
    result.push(
      entitlement(
        item,
        scope,
        diagnosis,
        status,
        products.map(publicProduct),
        unmet,
        reason,
        explanation,
      ),
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
function wholeItem(
  item: CompiledItem,
  scope: CompiledScope,
  diagnosis: ResolvedDiagnosis,
  mask: number,
): Entitlement {
  const key = `${mask}|${diagnosis.code}|${diagnosis.input}`;
  const cached = item.answers.get(key);
  if (cached) return cached;
  // The confirmation clause names the matched code, so such sentences are kept per code.
  const sentenceKey = mask & CONFIRMATION ? `${mask}|${scope.entry.code}` : mask;
  let explanation = item.sentences.get(sentenceKey);
  if (!explanation) {
    explanation = deepFreeze(sentenceFor(scope.parts, mask));
    item.sentences.set(sentenceKey, explanation);
  }
  const status = statusOf(mask);
  const reason =
    status === 'unknown' ? { code: 'product_unnamed' as const, text: explanation } : null;
  const unmet = mask === UNNAMED ? [] : (UNMET_BY_MASK[mask] as Unmet[]);
  const answer = deepFreeze(
    entitlement(
      item,
      scope,
      diagnosis,
      status,
      item.publicProducts,
      [...unmet],
      reason,
      explanation,
    ),
  );
  remember(item, key, answer);
  return answer;
}

/** Not entitled: the title names citizens served by the region's organisations, and the patient is not. */
function outsideBeneficiaries(
  item: CompiledItem,
  scope: CompiledScope,
  diagnosis: ResolvedDiagnosis,
  code: 'not_citizen' | 'not_served_in_region',
  facts: PatientFacts,
): Entitlement {
  const beneficiaries = item.beneficiaries as Beneficiaries;
  const servedIn = facts.servedIn === 'unknown' ? null : facts.servedIn;
  const explanation = beneficiarySentence(
    item.parts,
    beneficiaries.text,
    code,
    facts.region,
    servedIn,
  );
  const reason = { code, text: explanation };
  return settled(item, scope, diagnosis, 'not_entitled', reason, explanation);
}

/** An answer for every product of the item with nothing left to meet: a reason decides it. */
function settled(
  item: CompiledItem,
  scope: CompiledScope,
  diagnosis: ResolvedDiagnosis,
  status: 'not_entitled' | 'unknown',
  reason: Entitlement['reason'],
  explanation: LocalizedText,
): Entitlement {
  return entitlement(item, scope, diagnosis, status, item.publicProducts, [], reason, explanation);
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
  scope: CompiledScope,
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
      scope: scope.entry,
      requires: item.item.diagnosis.requires ?? null,
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
      const parts: ExplainParts = {
        basis: basisPhrase(principal, region, version.list.annex, basis.units),
        diagnosis: item.diagnosis.text,
        products: productList(products),
      };
      index({
        region,
        section: section.kind,
        sectionNumber: section.number,
        number: item.number,
        excluded: null,
        codes: item.diagnosis.icd10,
        alternatives: item.diagnosis.mapping.alternatives ?? [],
        scope: compileScope(item.diagnosis, parts),
        beneficiaries: version.list.beneficiaries ?? null,
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
        parts,
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

/**
 * The scope of each listed code, then of each alternative, in match order. A code needs
 * confirmation where it is broader than the words or only an alternative, and every code
 * does where the words require more than a code says. Data without a scope (an import
 * draft, which `tegin data check` refuses) reads listed codes as exact.
 */
function compileScope(diagnosis: Diagnosis, parts: ExplainParts): CompiledScope[] {
  const alternatives = diagnosis.mapping.alternatives ?? [];
  const of = (code: Icd10Code, fallback: CodeScope['relation']): CodeScope =>
    diagnosis.scope?.find((s) => s.code === code) ?? {
      code,
      relation: fallback,
      title: code,
      rationale: code,
    };
  const entries = [
    ...diagnosis.icd10.map((c) => of(c, 'exact')),
    ...alternatives.map((c) => of(c, 'alternative')),
  ];
  return entries.map((entry) => {
    const clause = scopeClause(diagnosis.text, entry, diagnosis.requires);
    return deepFreeze({
      entry,
      confirm: clause !== null,
      parts: clause ? { ...parts, confirmation: clause } : parts,
    });
  });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

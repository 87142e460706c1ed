/**
 * The engine's answer as the CoverageEligibilityResponse of
 * `POST [base]/CoverageEligibilityRequest/$evaluate`: one `insurance` per list
 * text the answers cite, one `insurance.item` per entitlement. FHIR's own
 * elements say what they can — the products (`productOrService`: ATC), free of
 * charge (`benefit`: copay 0 KZT), `excluded`, `authorizationRequired` (a
 * commission decision) — and tegin extensions carry the rest: the section, the status
 * (entitled/conditional/not_entitled/unknown), unmet conditions, the reason
 * and explanation in kk/ru/en, the matched diagnosis (ICD-10) and the legal basis.
 */
import { describeEffective } from '../domain/catalog.ts';
import type { EngineResult, Entitlement, EntitlementStatus } from '../domain/engine.ts';
import { CONDITION_LABELS, MISSING_NAME } from '../domain/labels.ts';
import type { Region } from '../domain/region.ts';
import type { Lang, LocalizedText } from '../domain/text.ts';
import {
  atcCoding,
  citationExtension,
  icd10Coding,
  icd10Concept,
  periodOf,
  populationExtension,
  productExtension,
} from './elements.ts';
import { DAVINCI, EXT, IDENTIFIER_SYSTEM, SYSTEM } from './extensions.ts';
import { listTextId } from './ids.ts';
import { maslikhatName } from './insurance-plan.ts';
import { DEFAULT_LANG, localized, textExtension } from './text.ts';
import type {
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  CoverageEligibilityResponseInsurance,
  CoverageEligibilityResponseInsuranceItem,
  Extension,
  FhirOptions,
  Patient,
  Reference,
  Resource,
} from './types.ts';

export interface ResponseOptions extends FhirOptions {
  /** When the answer was made (FHIR dateTime); the caller's clock, so the mapping stays pure. */
  created: string;
  /** The region the request resolved to. */
  region: Region;
  /** Warnings besides the engine's (e.g. `resolvePatient`'s about the IIN). */
  warnings?: readonly LocalizedText[];
}

export const STATUS_LABELS: Record<EntitlementStatus, LocalizedText> = {
  entitled: { kk: 'беріледі', ru: 'положено', en: 'entitled' },
  conditional: { kk: 'шартпен беріледі', ru: 'положено при условии', en: 'conditional' },
  not_entitled: { kk: 'берілмейді', ru: 'не положено', en: 'not entitled' },
  unknown: { kk: 'белгісіз', ru: 'неизвестно', en: 'unknown' },
};

const LIST_OF: (region: Region) => LocalizedText = (region) => ({
  kk: `${region.name.kk}: амбулаториялық деңгейде тегін берілетін дәрілер тізімі`,
  ru: `${region.name.ru}: перечень бесплатных амбулаторных лекарств`,
  en: `${region.name.en}: free outpatient medicines list`,
});

export function coverageEligibilityResponseOf(
  request: CoverageEligibilityRequest,
  result: EngineResult,
  options: ResponseOptions,
): CoverageEligibilityResponse {
  const lang = options.lang ?? DEFAULT_LANG;
  const { region } = options;
  const warnings = [...(options.warnings ?? []), ...result.warnings];
  const extension: Extension[] = [
    coverageStatusExtension(result, lang),
    {
      url: EXT.patientAge,
      extension: [
        { url: 'age', valueInteger: result.age },
        { url: 'source', valueCode: result.ageSource },
      ],
    },
    ...warnings.map((w) => textExtension(EXT.warning, w, lang)),
    ...result.assumptions.map((a) => ({
      url: EXT.assumption,
      extension: [{ url: 'fact', valueCode: a.fact }, textExtension('text', a.text, lang)],
    })),
  ];
  const { patient, contained } = patientOf(request);
  return {
    resourceType: 'CoverageEligibilityResponse',
    language: lang,
    ...(contained ? { contained: [contained] } : {}),
    extension,
    status: 'active',
    purpose: request.purpose?.length ? [...request.purpose] : ['benefits'],
    patient,
    servicedDate: result.date,
    created: options.created,
    request: requestReference(request),
    outcome: 'complete',
    ...localized('disposition', dispositionOf(result), lang),
    insurer: request.insurer ?? {
      identifier: { system: IDENTIFIER_SYSTEM.iso3166part2, value: region.code },
      ...localized('display', maslikhatName(region), lang),
    },
    insurance: insurancesOf(result, region, lang),
  };
}

/** The request's patient; a contained one is contained in the answer too (a local reference needs it). */
function patientOf(request: CoverageEligibilityRequest): {
  patient: Reference<Patient>;
  contained: Resource | undefined;
} {
  const reference = request.patient?.reference;
  if (reference?.startsWith('#')) {
    const found = request.contained?.find((r) => r.id === reference.slice(1));
    if (found) return { patient: { reference }, contained: found };
    return { patient: { display: reference }, contained: undefined };
  }
  return { patient: request.patient ?? { display: 'patient' }, contained: undefined };
}

/** The request is not stored: referred to by its identifier, or described. */
function requestReference(
  request: CoverageEligibilityRequest,
): Reference<CoverageEligibilityRequest> {
  const identifier = request.identifier?.[0];
  if (identifier) return { identifier };
  return { display: `CoverageEligibilityRequest${request.id ? ` ${request.id}` : ''} ($evaluate)` };
}

function coverageStatusExtension(result: EngineResult, lang: Lang): Extension {
  const { coverage } = result;
  const parts: Extension[] = [{ url: 'status', valueCode: coverage.status }];
  if ('reason' in coverage) parts.push(textExtension('reason', coverage.reason, lang));
  if ('inForceFrom' in coverage) {
    parts.push({ url: 'inForceFrom', valuePeriod: periodOf(coverage.inForceFrom) });
    parts.push(textExtension('inForceText', describeEffective(coverage.inForceFrom), lang));
  }
  return { url: EXT.coverageStatus, extension: parts };
}

function dispositionOf(result: EngineResult): LocalizedText {
  const { entitlements, coverage } = result;
  if (entitlements.length === 0) {
    if ('reason' in coverage && coverage.status !== 'uncertain') return coverage.reason;
    return {
      kk: 'Берілген диагноздарды тізімнің бірде-бір тармағы қамтымайды.',
      ru: 'Ни один пункт перечня не охватывает указанные диагнозы.',
      en: 'No list item covers the diagnoses given.',
    };
  }
  const counts = new Map<EntitlementStatus, number>();
  for (const e of entitlements) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
  const parts = (lang: Lang) =>
    [...counts].map(([status, n]) => `${STATUS_LABELS[status][lang]}: ${n}`).join(', ');
  const n = entitlements.length;
  return {
    kk: `Сәйкес тармақтар: ${n} (${parts('kk')}).`,
    ru: `Подходящих пунктов: ${n} (${parts('ru')}).`,
    en: `Matching items: ${n} (${parts('en')}).`,
  };
}

function insurancesOf(
  result: EngineResult,
  region: Region,
  lang: Lang,
): CoverageEligibilityResponseInsurance[] {
  const { coverage } = result;
  const inforce =
    coverage.status === 'covered'
      ? { inforce: true }
      : coverage.status === 'uncertain'
        ? {}
        : { inforce: false };
  const period = 'inForceFrom' in coverage ? { benefitPeriod: periodOf(coverage.inForceFrom) } : {};
  const byPlan = new Map<string, Entitlement[]>();
  for (const e of result.entitlements) {
    const id = listTextId({
      act: e.basis.act,
      annex: e.basis.annex,
      edition: e.basis.edition.act,
      amendedBy: e.basis.edition.amendedBy,
    });
    const list = byPlan.get(id);
    if (list) list.push(e);
    else byPlan.set(id, [e]);
  }
  if (byPlan.size === 0) {
    return [{ coverage: localized('display', LIST_OF(region), lang), ...inforce, ...period }];
  }
  return [...byPlan].map(([planId, entitlements]) => ({
    extension: [
      { url: DAVINCI.formularyReference, valueReference: { reference: `InsurancePlan/${planId}` } },
    ],
    coverage: {
      identifier: { system: IDENTIFIER_SYSTEM.listText, value: planId },
      ...localized('display', LIST_OF(region), lang),
    },
    ...inforce,
    ...period,
    item: entitlements.map((e) => itemOf(e, lang)),
  }));
}

function itemOf(e: Entitlement, lang: Lang): CoverageEligibilityResponseInsuranceItem {
  const needsCommission = e.indication.conditions.includes('commission_decision');
  const atcs = [...new Set(e.products.flatMap((p) => (p.atc ? [p.atc] : [])))];
  const names = (l: Lang) => e.products.map((p) => (p.name ? p.name[l] : `(${MISSING_NAME[l]})`));
  const products: LocalizedText = {
    kk: names('kk').join('; '),
    ru: names('ru').join('; '),
    en: names('en').join('; '),
  };
  const where: LocalizedText = {
    kk: `${e.basis.section}-бөлім${e.basis.item ? `, ${e.basis.item}-тармақ` : ''}`,
    ru: `раздел ${e.basis.section}${e.basis.item ? `, пункт ${e.basis.item}` : ''}`,
    en: `section ${e.basis.section}${e.basis.item ? `, item ${e.basis.item}` : ''}`,
  };
  const extension: Extension[] = [
    { url: EXT.entitlementStatus, valueCode: e.status },
    ...e.unmet.map((u) => ({ url: EXT.unmetCondition, valueCode: u })),
    ...(e.reason
      ? [
          {
            url: EXT.reason,
            extension: [
              { url: 'code', valueCode: e.reason.code },
              textExtension('text', e.reason.text, lang),
            ],
          },
        ]
      : []),
    textExtension(EXT.explanation, e.explanation, lang),
    // Not `category`: an item has either a category or a productOrService (ces-1), and the products matter more.
    {
      url: EXT.section,
      extension: [
        { url: 'kind', valueCode: e.section },
        { url: 'number', valueString: e.basis.section },
      ],
    },
    {
      url: EXT.matchedDiagnosis,
      extension: [
        { url: 'patient', valueCoding: icd10Coding(e.diagnosis.code) },
        { url: 'input', valueString: e.diagnosis.input },
        {
          url: 'listed',
          valueCodeableConcept: icd10Concept(e.diagnosis.listed.icd10, e.diagnosis.listed, lang),
        },
        { url: 'confidence', valueCode: e.diagnosis.mapping.confidence },
        { url: 'scope', valueCode: e.diagnosis.scope.relation },
        ...(e.diagnosis.requires ? [textExtension('requires', e.diagnosis.requires, lang)] : []),
      ],
    },
    populationExtension(e.population, lang),
    ...e.products.map((p) => productExtension(p, lang)),
    citationExtension(e.basis, lang),
  ];
  const free = e.status === 'entitled' || e.status === 'conditional';
  return {
    extension,
    productOrService: {
      ...(atcs.length > 0 ? { coding: atcs.map(atcCoding) } : {}),
      ...localized('text', products, lang),
    },
    ...(e.status === 'unknown' ? {} : { excluded: e.status === 'not_entitled' }),
    ...localized('name', where, lang),
    ...localized('description', e.explanation, lang),
    ...(free
      ? {
          benefit: [
            {
              type: {
                coding: [
                  { system: SYSTEM.benefitType, code: 'copay', display: 'Copayment per service' },
                ],
              },
              allowedMoney: { value: 0, currency: 'KZT' },
            },
          ],
        }
      : {}),
    authorizationRequired: needsCommission,
    ...(needsCommission
      ? { authorizationSupporting: [localized('text', CONDITION_LABELS.commission_decision, lang)] }
      : {}),
  };
}

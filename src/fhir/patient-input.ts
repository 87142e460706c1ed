/**
 * The request of `POST [base]/CoverageEligibilityRequest/$evaluate` into the
 * engine's patient facts (`PatientInput`, src/domain/patient.ts):
 *
 * - region: `insurer.identifier` with system `urn:iso:std:iso:3166:-2` (the
 *   regional list is paid from the region's budget, so the region is the
 *   payer; a slug is accepted as the value too);
 * - date: `servicedDate`;
 * - patient: `patient`, a contained Patient (`#id`) or one the caller resolves;
 *   its `birthDate`, its IIN (`identifier` with system `urn:tegin:iin`), or a
 *   tegin `age` extension; the tegin `citizenship` and `served-in` extensions;
 * - diagnoses: every ICD-10 coding of `item.diagnosis.diagnosisCodeableConcept`,
 *   with the tegin extensions `dispensary-registration`, `commission-decision`,
 *   `commission-decision-inn`, `verified-diagnosis` and `confirmed-diagnosis` on the diagnosis (or on
 *   its item, for all its diagnoses).
 *
 * The request's shape is checked here (`FHIR_*` issues); the facts themselves
 * are checked by `resolvePatient`, whose issues `resolveCoverageEligibilityRequest`
 * relocates to the FHIR elements they came from.
 */
import type { PathSegment } from '../domain/issues.ts';
import type { InputIssue } from '../domain/patient.ts';
import { resolvePatient, type PatientInput, type ResolvedPatient } from '../domain/patient.ts';
import type { Region } from '../domain/region.ts';
import type { LocalizedText } from '../domain/text.ts';
import { EXT, IDENTIFIER_SYSTEM, SYSTEM } from './extensions.ts';
import type { FhirIssue, Resource } from './types.ts';

const ROOT = 'CoverageEligibilityRequest';

export type PatientInputResult =
  | {
      ok: true;
      input: PatientInput;
      /** Where each field of `input` came from: input path (`diagnoses.0.code`) → FHIRPath. */
      paths: Record<string, string>;
    }
  | { ok: false; issues: FhirIssue[] };

export interface RequestOptions {
  /** Resolves a non-contained patient reference (`Patient/123`); none by default. */
  resolve?: (reference: string) => Resource | undefined;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function patientInputFromCoverageEligibilityRequest(
  resource: unknown,
  options: RequestOptions = {},
): PatientInputResult {
  if (!isObject(resource) || resource.resourceType !== ROOT) {
    return {
      ok: false,
      issues: [
        {
          code: 'FHIR_RESOURCE_INVALID',
          path: isObject(resource) ? `${String(resource.resourceType)}.resourceType` : ROOT,
          message: `expected a ${ROOT} resource`,
        },
      ],
    };
  }
  const issues: FhirIssue[] = [];
  const paths: Record<string, string> = {};

  const region = regionOf(resource);
  if (region) paths.region = region.path;
  else {
    issues.push({
      code: 'FHIR_REGION_MISSING',
      path: `${ROOT}.insurer`,
      message: `give the region as insurer.identifier with system ${IDENTIFIER_SYSTEM.iso3166part2} (e.g. KZ-27)`,
    });
  }

  const date = resource.servicedDate;
  if (typeof date === 'string') paths.date = `${ROOT}.servicedDate`;
  else {
    issues.push({
      code: 'FHIR_DATE_MISSING',
      path: `${ROOT}.servicedDate`,
      message:
        resource.servicedPeriod === undefined
          ? 'give servicedDate, the date the entitlement is asked for'
          : 'give servicedDate (a single date); servicedPeriod is not supported',
    });
  }

  const patient = patientOf(resource, options);
  const facts: Pick<PatientInput, 'birthDate' | 'iin' | 'age' | 'citizenship' | 'servedIn'> = {};
  if (!patient.ok) issues.push(patient.issue);
  else {
    const { resource: p, path } = patient;
    paths.age = path;
    if (typeof p.birthDate === 'string') {
      facts.birthDate = p.birthDate;
      paths.birthDate = `${path}.birthDate`;
    }
    arrayOf(p.identifier).forEach((identifier, index) => {
      if (facts.iin !== undefined || !isObject(identifier)) return;
      if (identifier.system === IDENTIFIER_SYSTEM.iin && typeof identifier.value === 'string') {
        facts.iin = identifier.value;
        paths.iin = `${path}.identifier[${index}]`;
      }
    });
    const age = extensionOf(p, EXT.age, path);
    if (age) {
      if (typeof age.extension.valueInteger === 'number') {
        facts.age = age.extension.valueInteger;
        paths.age = age.path;
      } else issues.push(wrongType(age.path, 'valueInteger'));
    }
    const citizenship = extensionOf(p, EXT.citizenship, path);
    if (citizenship) {
      const value = citizenship.extension.valueCode;
      if (value === 'KZ' || value === 'other' || value === 'unknown') {
        facts.citizenship = value;
        paths.citizenship = citizenship.path;
      } else issues.push(wrongType(citizenship.path, 'valueCode (KZ, other or unknown)'));
    }
    const servedIn = extensionOf(p, EXT.servedIn, path);
    if (servedIn) {
      if (typeof servedIn.extension.valueString === 'string') {
        facts.servedIn = servedIn.extension.valueString;
        paths.servedIn = servedIn.path;
      } else issues.push(wrongType(servedIn.path, 'valueString'));
    }
  }

  const diagnoses: PatientInput['diagnoses'] = [];
  const items = arrayOf(resource.item);
  items.forEach((item, i) => {
    if (!isObject(item)) return;
    const itemPath = `${ROOT}.item[${i}]`;
    const list = arrayOf(item.diagnosis);
    if (list.length === 0) {
      issues.push({
        code: 'FHIR_DIAGNOSIS_MISSING',
        path: `${itemPath}.diagnosis`,
        message: 'give the diagnosis as diagnosis.diagnosisCodeableConcept with an ICD-10 coding',
      });
    }
    list.forEach((diagnosis, j) => {
      if (!isObject(diagnosis)) return;
      const path = `${itemPath}.diagnosis[${j}]`;
      const concept = diagnosis.diagnosisCodeableConcept;
      const codings = isObject(concept) ? arrayOf(concept.coding) : [];
      const icd10 = codings.flatMap((coding, k) =>
        isObject(coding) && coding.system === SYSTEM.icd10 && typeof coding.code === 'string'
          ? [{ code: coding.code, path: `${path}.diagnosisCodeableConcept.coding[${k}].code` }]
          : [],
      );
      if (icd10.length === 0) {
        issues.push({
          code: 'FHIR_DIAGNOSIS_MISSING',
          path: isObject(concept) ? `${path}.diagnosisCodeableConcept` : path,
          message:
            diagnosis.diagnosisReference !== undefined
              ? `give diagnosisCodeableConcept with an ICD-10 coding (system ${SYSTEM.icd10}); references are not resolved`
              : `no ICD-10 coding (system ${SYSTEM.icd10})`,
        });
        return;
      }
      const flags = diagnosisFlags(diagnosis, path, item, itemPath, issues);
      for (const { code, path: codePath } of icd10) {
        paths[`diagnoses.${diagnoses.length}.code`] = codePath;
        paths[`diagnoses.${diagnoses.length}`] = path;
        diagnoses.push({ code, ...flags });
      }
    });
  });
  if (items.length === 0) {
    issues.push({
      code: 'FHIR_DIAGNOSIS_MISSING',
      path: `${ROOT}.item`,
      message: 'give at least one item with a diagnosis (ICD-10)',
    });
  }
  paths.diagnoses = `${ROOT}.item`;

  if (issues.length > 0 || !region || typeof date !== 'string') return { ok: false, issues };
  return { ok: true, input: { region: region.value, date, ...facts, diagnoses }, paths };
}

/** `insurer.identifier` (a Reference has one) with the ISO 3166-2 system. */
function regionOf(resource: Json): { value: string; path: string } | undefined {
  const identifier = isObject(resource.insurer) ? resource.insurer.identifier : undefined;
  if (
    isObject(identifier) &&
    identifier.system === IDENTIFIER_SYSTEM.iso3166part2 &&
    typeof identifier.value === 'string'
  ) {
    return { value: identifier.value, path: `${ROOT}.insurer.identifier.value` };
  }
  return undefined;
}

type PatientLookup = { ok: true; resource: Json; path: string } | { ok: false; issue: FhirIssue };

function patientOf(resource: Json, options: RequestOptions): PatientLookup {
  const path = `${ROOT}.patient`;
  const reference = isObject(resource.patient) ? resource.patient.reference : undefined;
  if (typeof reference !== 'string') {
    return {
      ok: false,
      issue: {
        code: 'FHIR_PATIENT_UNRESOLVED',
        path,
        message:
          'give patient.reference to a contained Patient (#id) or a Patient the server knows',
      },
    };
  }
  if (reference.startsWith('#')) {
    const id = reference.slice(1);
    const index = arrayOf(resource.contained).findIndex(
      (r) => isObject(r) && r.resourceType === 'Patient' && r.id === id,
    );
    const found = arrayOf(resource.contained)[index];
    if (isObject(found)) return { ok: true, resource: found, path: `${ROOT}.contained[${index}]` };
  } else {
    const found = options.resolve?.(reference);
    if (isObject(found) && found.resourceType === 'Patient') {
      return { ok: true, resource: found, path: 'Patient' };
    }
  }
  return {
    ok: false,
    issue: { code: 'FHIR_PATIENT_UNRESOLVED', path, message: `no Patient "${reference}"` },
  };
}

function extensionOf(
  element: Json,
  url: string,
  path: string,
): { extension: Json; path: string } | undefined {
  const list = arrayOf(element.extension);
  const index = list.findIndex((e) => isObject(e) && e.url === url);
  const extension = list[index];
  return isObject(extension) ? { extension, path: `${path}.extension[${index}]` } : undefined;
}

function wrongType(path: string, expected: string): FhirIssue {
  return { code: 'FHIR_EXTENSION_INVALID', path, message: `expected ${expected}` };
}

/** Registration, commission and verification of one diagnosis: on the diagnosis, else on its item. */
function diagnosisFlags(
  diagnosis: Json,
  path: string,
  item: Json,
  itemPath: string,
  issues: FhirIssue[],
): Omit<PatientInput['diagnoses'][number], 'code'> {
  const flag = (url: string): boolean | undefined => {
    const found = extensionOf(diagnosis, url, path) ?? extensionOf(item, url, itemPath);
    if (!found) return undefined;
    if (typeof found.extension.valueBoolean === 'boolean') return found.extension.valueBoolean;
    issues.push(wrongType(found.path, 'valueBoolean'));
    return undefined;
  };
  const inns = (element: Json, at: string): string[] =>
    arrayOf(element.extension).flatMap((e, index) => {
      if (!isObject(e) || e.url !== EXT.commissionDecisionInn) return [];
      if (typeof e.valueString === 'string') return [e.valueString];
      issues.push(wrongType(`${at}.extension[${index}]`, 'valueString'));
      return [];
    });
  const registered = flag(EXT.dispensaryRegistration);
  const commission = flag(EXT.commissionDecision);
  const verified = flag(EXT.verifiedDiagnosis);
  const confirmed = flag(EXT.confirmedDiagnosis);
  const named = [...inns(diagnosis, path), ...inns(item, itemPath)];
  return {
    ...(registered === undefined ? {} : { registered }),
    ...(commission === true ? { commission: true } : named.length > 0 ? { commission: named } : {}),
    ...(verified === undefined ? {} : { verified }),
    ...(confirmed === undefined ? {} : { confirmed }),
  };
}

/** `resolvePatient`'s issues (paths into PatientInput) located at the FHIR elements they came from. */
export function fhirIssuesOf(
  issues: readonly InputIssue[],
  paths: Readonly<Record<string, string>>,
): FhirIssue[] {
  return issues.map((issue) => {
    // Own keys only: a path such as `constructor` must not find Object.prototype's members.
    const at = (k: string[]) =>
      Object.hasOwn(paths, k.join('.')) ? paths[k.join('.')] : undefined;
    let key = issue.path.map(String);
    while (key.length > 0 && at(key) === undefined) key = key.slice(0, -1);
    return {
      code: issue.code,
      path: at(key) ?? formatPath(ROOT, issue.path),
      message: issue.message,
    };
  });
}

/** `a.b[0].c` from a root and path segments. */
export function formatPath(root: string, path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : `${text}.${segment}`),
    root,
  );
}

export type ResolvedRequest =
  | { ok: true; input: PatientInput; patient: ResolvedPatient; warnings: LocalizedText[] }
  | { ok: false; issues: FhirIssue[] };

/** The request's shape and the facts it carries, checked in one go: what `$evaluate` runs first. */
export function resolveCoverageEligibilityRequest(
  resource: unknown,
  findRegion: (key: string) => Region | undefined,
  options: RequestOptions = {},
): ResolvedRequest {
  const mapped = patientInputFromCoverageEligibilityRequest(resource, options);
  if (!mapped.ok) return mapped;
  const resolved = resolvePatient(mapped.input, findRegion);
  if (!resolved.ok) return { ok: false, issues: fhirIssuesOf(resolved.issues, mapped.paths) };
  return { ok: true, input: mapped.input, patient: resolved.patient, warnings: resolved.warnings };
}

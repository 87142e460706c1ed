/**
 * How a dispensing write's outcome becomes an answer and an audit record, and what an
 * idempotency key is bound to (the request's hash).
 */
import { createHash } from 'node:crypto';
import type { parameterOn } from '../../domain/provision.ts';
import type { AuditOutcome } from '../../ops/audit.ts';
import { canonicalJson, type Json } from '../../ops/canonical-json.ts';
import type { AppliedParameter } from '../../ops/clinical.ts';
import type { Refusal } from '../../ops/dispensing.ts';
import { fail, type OpsIssue, type OpsResult } from '../../ops/issues.ts';
import type { Operation } from '../../ops/permissions.ts';
import type { WriteOutcome } from '../../storage/ops/dispensing-port.ts';

/** The hash an idempotency key is bound to: the operation and the canonical request, keyless. */
export function requestHash(
  operation: Operation,
  request: Record<string, Json> & { idempotencyKey: string },
): string {
  return createHash('sha256')
    .update(canonicalJson({ operation, request: withoutKey(request) }))
    .digest('hex');
}

export function withoutKey<T extends { idempotencyKey: string }>(
  request: T,
): Omit<T, 'idempotencyKey'> {
  const copy: Partial<T> = { ...request };
  delete copy.idempotencyKey;
  return copy as Omit<T, 'idempotencyKey'>;
}

/** A provision parameter's entry as recorded on a dispense or a deferral. */
export const appliedParameter = (
  answer: Extract<ReturnType<typeof parameterOn>, { ok: true }>,
): AppliedParameter => ({
  name: answer.name,
  value: answer.entry.value,
  from: answer.entry.from,
  status: answer.entry.status,
  source: answer.entry.source,
});

/** A rule's refusal as an issue: a lot problem is the input's; the rest contradict the state. */
const refusalIssue = (r: Refusal<string>): OpsIssue => ({
  code: r.field === 'expiry' ? 'OPS_INPUT' : 'OPS_CONFLICT',
  path: [r.field],
  message: r.reason,
  reason: { id: 'dispensing', params: { ...r.values, sentence: r.reason }, rule: r.code },
});

/** The audit outcome and detail: the record's id, `replayed:<id>` or the reason's code. */
export function auditOfOutcome<T extends { id: string }>(
  outcome: WriteOutcome<T, Refusal<string>>,
): [AuditOutcome, string] {
  switch (outcome.kind) {
    case 'written':
      return ['allowed', outcome.record.id];
    case 'replayed':
      return ['allowed', `replayed:${outcome.record.id}`];
    case 'refused':
      return ['failed', outcome.refusal.code];
    case 'mismatch':
      return ['failed', 'idempotency_mismatch'];
    default: {
      const unhandled: never = outcome;
      throw new Error(`unhandled outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * A write's result: an `OpsResult` that also says whether the record is a replay — the one an
 * earlier request with the same idempotency key wrote (HTTP answers it with
 * `Idempotent-Replayed: true`).
 */
export type WriteResult<T> =
  { ok: true; value: T; replayed: boolean } | Extract<OpsResult<T>, { ok: false }>;

export function resultOfOutcome<T>(outcome: WriteOutcome<T, Refusal<string>>): WriteResult<T> {
  switch (outcome.kind) {
    case 'written':
    case 'replayed':
      return { ok: true, value: outcome.record, replayed: outcome.kind === 'replayed' };
    case 'refused':
      return { ok: false, issues: [refusalIssue(outcome.refusal)] };
    case 'mismatch':
      return fail(
        'OPS_IDEMPOTENCY_MISMATCH',
        'idempotencyKey: this key was already used for a different request; use a new key',
        ['idempotencyKey'],
      );
    default: {
      const unhandled: never = outcome;
      throw new Error(`unhandled outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

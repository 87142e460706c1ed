/**
 * The exactly-once transaction of a dispensing ledger write, in two statements between BEGIN
 * and COMMIT (docs/adr/0023-ledger-write-round-trips.md):
 * 1. `ops_open_ledger_write` (migration 150) claims the idempotency key, locks the prescription
 *    row `FOR UPDATE` and reads its state and open deferral, then locks the audit shard head of
 *    the write's subject and draws the record's global id — in that order, the order every
 *    writer takes its locks, so writers queue and never deadlock. A concurrent claim of the
 *    same key waits on the key's primary key until the first transaction ends, then reads its
 *    answer.
 * 2. The caller decides on the state as locked (pure, in the use case); one `WITH` then writes
 *    the record and the prescription's new state, answers the key (or gives it back: a refusal
 *    spends no key), moves the audit head and inserts the audit record.
 * Every `anchor_every`-th record of a shard adds an anchor (two statements more, 1 in 64).
 */
import type { Deferral } from '../../ops/clinical.ts';
import { shardHashOf } from '../../ops/audit.ts';
import type { SqlClient } from '../sql-client.ts';
import { runParts, SqlParams, type WithPart } from '../sql-params.ts';
import {
  anchorAuditIn,
  auditWriteParts,
  isAnchorDue,
  lockedHeadOf,
  sealAuditRecord,
  sha256,
  type HeadColumns,
} from './audit-sql.ts';
import type { IdempotentWrite, LockedPrescription, WriteOutcome } from './dispensing-port.ts';
import { day } from './rows.ts';

interface OpenedRow extends HeadColumns, Record<string, unknown> {
  claimed: boolean;
  first_request_hash: string | null;
  first_response: { id?: string } | null;
  rx_found: boolean;
  rx_status: LockedPrescription['state']['status'];
  rx_quantity: number;
  rx_dispensed: number;
  rx_valid_from: string;
  rx_valid_to: string;
  rx_days_of_supply: number;
  rx_open_deferral: Record<string, unknown> | null;
}

/** How the record a write decided on is written: the parts of the second statement's `WITH`. */
export type RecordParts<T> = (record: T, locked: LockedPrescription, p: SqlParams) => WithPart[];

/**
 * Runs `write` exactly once per key. `read` finds the record a replayed key answered with;
 * `parts` writes a decided record (the key's answer and the audit record are added here);
 * `toDeferral` maps the open deferral's row.
 */
export function ledgerWrite<T extends { id: string }, R>(
  db: SqlClient,
  write: IdempotentWrite<T, R>,
  read: (tx: SqlClient, id: string) => Promise<T | null>,
  parts: RecordParts<T>,
  toDeferral: (row: Record<string, unknown>) => Deferral,
): Promise<WriteOutcome<T, R>> {
  const { claim } = write;
  const subjectHash = shardHashOf(sha256, write.auditSubject);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<OpenedRow>(
      'SELECT * FROM ops_open_ledger_write($1, $2, $3, $4, $5, $6::bigint)',
      [
        claim.actorId,
        claim.operation,
        claim.key,
        claim.requestHash,
        write.prescriptionId,
        subjectHash,
      ],
      { prepared: 'ops_open_ledger_write' },
    );
    if (!row) throw new Error('ops_open_ledger_write answered with no row: run the migrations');
    const head = lockedHeadOf(row, subjectHash);
    const p = new SqlParams();
    // The key's placeholders, added once and only when a part names the key.
    let keyed: string | undefined;
    const ofKey = () =>
      (keyed ??= `actor_id = ${p.add(claim.actorId)} AND operation = ${p.add(claim.operation)} AND key = ${p.add(claim.key)}`);
    const giveBack = () => ({
      name: 'key_given_back',
      sql: `DELETE FROM ops_idempotency WHERE ${ofKey()} RETURNING key`,
      rows: 1,
    });
    const writes: WithPart[] = [];
    let outcome: WriteOutcome<T, R>;
    if (!row.claimed) {
      if (row.first_request_hash !== claim.requestHash) outcome = { kind: 'mismatch' };
      else {
        const id = row.first_response?.id;
        const record = id ? await read(tx, id) : null;
        if (!record) throw new Error('the idempotency key answers with a record that is not there');
        outcome = { kind: 'replayed', record };
      }
    } else if (!row.rx_found) {
      writes.push(giveBack());
      outcome = { kind: 'not_found' };
    } else {
      const locked: LockedPrescription = {
        state: {
          status: row.rx_status,
          quantity: Number(row.rx_quantity),
          dispensed: Number(row.rx_dispensed),
          validFrom: day(row.rx_valid_from),
          validTo: day(row.rx_valid_to),
          daysOfSupply: Number(row.rx_days_of_supply),
        },
        openDeferral: row.rx_open_deferral === null ? null : toDeferral(row.rx_open_deferral),
      };
      const decided = write.decide(locked);
      if (decided.ok) {
        writes.push(...parts(decided.record, locked, p), {
          name: 'key_answered',
          sql: `UPDATE ops_idempotency SET response = ${p.add(JSON.stringify({ id: decided.record.id }))}::jsonb
            WHERE ${ofKey()} RETURNING key`,
          rows: 1,
        });
        outcome = { kind: 'written', record: decided.record };
      } else {
        writes.push(giveBack());
        outcome = { kind: 'refused', refusal: decided.refusal };
      }
    }
    const record = sealAuditRecord(head, write.audit(outcome));
    // The COMMIT goes with the write unless an anchor is due after it.
    const anchors = isAnchorDue(record, head.anchorEvery);
    await runParts(tx, [...writes, ...auditWriteParts(record, p)], p, {
      statement: 'ops_ledger_write',
      last: !anchors,
    });
    if (anchors) await anchorAuditIn(tx, record.at);
    return outcome;
  });
}

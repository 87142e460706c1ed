/**
 * What a reliability run promises, checked against the database after the server stopped:
 * every acknowledged (2xx) dispense there exactly once and no dispense nobody was told of (every
 * unacknowledged request was retried with its key until answered), none without its
 * prescription, every prescription whole (its counters match its ledger, its signature verifies
 * for its patient), every acknowledged prescription there, and the audit chain verifies — the
 * same check as `tegin audit verify`.
 */
import { recordsOf } from '../../src/ops/audit-check.ts';
import { parseConfig } from '../../src/app/config.ts';
import { openDatabase } from '../../src/app/database.ts';
import { rxSigningFor } from '../../src/app/ops/rx-signing.ts';

export interface Acknowledged {
  /** Dispense id → prescription id, from 2xx answers. */
  dispenses: Map<string, string>;
  /** Prescription ids from 2xx answers. */
  prescriptions: Set<string>;
}

export interface LedgerCheck {
  ok: boolean;
  acknowledgedDispenses: number;
  dispenseRows: number;
  /** Acknowledged dispenses not in the database. */
  lost: number;
  /** Acknowledged dispenses more than once, and rows nobody was answered with. */
  duplicated: number;
  unacknowledgedRows: number;
  orphanDispenses: number;
  acknowledgedPrescriptions: number;
  lostPrescriptions: number;
  prescriptionRows: number;
  /** Prescriptions whose dispensed count, status or supply end disagree with their ledger. */
  inconsistentPrescriptions: number;
  badSignatures: number;
  audit: { ok: boolean; records: number; message: string };
  problems: string[];
}

const count = (rows: { n: string | number }[]) => Number(rows[0]?.n ?? 0);

export async function checkLedger(
  env: Record<string, string | undefined>,
  acknowledged: Acknowledged,
): Promise<LedgerCheck> {
  const config = parseConfig(env);
  const db = await openDatabase(config, 'tegin reliability check');
  try {
    const sql = db.client;
    const ids = [...acknowledged.dispenses.keys()];
    const rows = await sql.query<{ id: string; prescription_id: string; n: string }>(
      'SELECT id, prescription_id, count(*) OVER (PARTITION BY id) AS n FROM ops_dispenses',
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const lost = ids.filter((id) => !byId.has(id)).length;
    const wrongRx = ids.filter((id) => {
      const row = byId.get(id);
      return row && row.prescription_id !== acknowledged.dispenses.get(id);
    }).length;
    const duplicateRows = rows.filter((r) => Number(r.n) > 1).length;
    const unacknowledged = rows.filter((r) => !acknowledged.dispenses.has(r.id)).length;
    const orphans = count(
      await sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM ops_dispenses d
           LEFT JOIN ops_prescriptions p ON p.id = d.prescription_id WHERE p.id IS NULL`,
      ),
    );
    const prescriptionIds = new Set(
      (await sql.query<{ id: string }>('SELECT id FROM ops_prescriptions')).map((r) => r.id),
    );
    const lostPrescriptions = [...acknowledged.prescriptions].filter(
      (id) => !prescriptionIds.has(id),
    ).length;
    const inconsistent = count(
      await sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM ops_prescriptions p
           LEFT JOIN (SELECT prescription_id, sum(quantity) AS q FROM ops_dispenses
                      GROUP BY prescription_id) d ON d.prescription_id = p.id
          WHERE p.dispensed <> coalesce(d.q, 0)
             OR (p.status = 'completed') <> (p.dispensed = p.quantity)
             OR p.supply_to <> p.issued_on + p.days_of_supply - 1
             OR p.number IS NULL OR p.signature IS NULL OR p.basis IS NULL`,
      ),
    );
    const signer = rxSigningFor(config, { warn: () => undefined }).signer;
    let badSignatures = 0;
    for (const id of prescriptionIds) {
      const rx = await db.ops.prescription({ id });
      const patient = rx ? await db.ops.patient(rx.patientId) : null;
      if (!rx || !patient || !signer.verify(rx, { iin: patient.iin })) badSignatures += 1;
    }
    const chain = await db.ops.verifyAuditChain();
    const audit = chain.ok
      ? { ok: true, records: recordsOf(chain.head), message: 'verified' }
      : { ok: false, records: chain.position, message: `broken: ${chain.message}` };
    const problems: string[] = [];
    const expect = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    expect(lost === 0, `${lost} acknowledged dispense(s) lost`);
    expect(wrongRx === 0, `${wrongRx} dispense(s) under another prescription than answered`);
    expect(duplicateRows === 0, `${duplicateRows} dispense id(s) more than once`);
    expect(unacknowledged === 0, `${unacknowledged} dispense row(s) nobody was answered with`);
    expect(orphans === 0, `${orphans} dispense(s) without their prescription`);
    expect(lostPrescriptions === 0, `${lostPrescriptions} acknowledged prescription(s) lost`);
    expect(inconsistent === 0, `${inconsistent} prescription(s) inconsistent with their ledger`);
    expect(badSignatures === 0, `${badSignatures} prescription signature(s) do not verify`);
    expect(audit.ok, `audit chain ${audit.message}`);
    return {
      ok: problems.length === 0,
      acknowledgedDispenses: ids.length,
      dispenseRows: rows.length,
      lost,
      duplicated: duplicateRows + unacknowledged,
      unacknowledgedRows: unacknowledged,
      orphanDispenses: orphans,
      acknowledgedPrescriptions: acknowledged.prescriptions.size,
      lostPrescriptions,
      prescriptionRows: prescriptionIds.size,
      inconsistentPrescriptions: inconsistent,
      badSignatures,
      audit,
      problems,
    };
  } finally {
    await db.close();
  }
}

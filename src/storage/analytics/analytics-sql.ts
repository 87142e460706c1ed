/**
 * The analytics reads on SQL (PGlite and PostgreSQL alike). A region's patients are found in
 * one index scan (`ops_attachments_organisation`), then read in batches: each batch is four
 * queries by `patient_id = ANY($1)` (patients, attachments, registrations, decisions), and the
 * analyses add one or two more (prescriptions, dispenses, deferrals). Nothing per patient.
 */
import type { Icd10Code } from '../../domain/codes.ts';
import type { IsoDate } from '../../domain/date.ts';
import type { AuditEntry } from '../../ops/audit.ts';
import type { DecisionFacts, RegistrationFacts } from '../../ops/facts.ts';
import type { Attachment } from '../../ops/model.ts';
import type { ActivePrescription, ImpactGroup } from '../../analytics/impact.ts';
import { readImpactGroups } from './impact-groups-sql.ts';
import { itemKey } from '../../analytics/items.ts';
import type { OverdueDeferral } from '../../analytics/gaps.ts';
import type { SqlClient } from '../sql-client.ts';
import { appendAuditIn } from '../ops/audit-sql.ts';
import { day, dayOrNull, json } from '../ops/rows.ts';
import type { AnalyticsStorage, RegisterRow } from './port.ts';

/** The SQL of each read, exported so the benchmark can EXPLAIN exactly what runs. */
export const SQL = {
  patientsOfRegion: `SELECT DISTINCT a.patient_id AS id
      FROM ops_attachments a
     WHERE a.organisation = ANY (SELECT o.id FROM ops_organisations o WHERE o.region = $1)
       AND a.from_date <= $3 AND (a.to_date IS NULL OR a.to_date > $2)
     ORDER BY 1`,
  patients: `SELECT id, birth_date::text AS birth_date, citizenship FROM ops_patients WHERE id BETWEEN $2 AND $3 AND id = ANY ($1)`,
  attachments: `SELECT patient_id, organisation, from_date::text AS from_date,
       to_date::text AS to_date FROM ops_attachments
     WHERE patient_id BETWEEN $2 AND $3 AND patient_id = ANY ($1)
     ORDER BY patient_id, from_date`,
  registrations: `SELECT id, patient_id, icd10, from_date::text AS from_date,
       to_date::text AS to_date, confirmed FROM ops_registrations
     WHERE patient_id BETWEEN $2 AND $3 AND patient_id = ANY ($1)
       AND from_date <= $5 AND (to_date IS NULL OR to_date >= $4)`,
  // All of the patients' decisions: a revocation outside [from, to] still withdraws one inside.
  decisions: `SELECT id, patient_id, icd10, inns, valid_from::text AS valid_from,
       valid_to::text AS valid_to, revokes, revoked_by
      FROM ops_commission_decisions
     WHERE patient_id BETWEEN $2 AND $3 AND patient_id = ANY ($1)`,
  activePrescriptions: `SELECT p.id, p.patient_id, p.icd10, p.basis->'citation'->>'act' AS act,
       p.basis->'citation'->>'annex' AS annex, p.basis->>'item' AS item
      FROM ops_prescriptions p
     WHERE p.patient_id BETWEEN $2 AND $3 AND p.patient_id = ANY ($1) AND p.region = $4
       AND p.valid_from <= $5 AND p.valid_to >= $5
       AND (p.cancelled_at IS NULL OR p.cancelled_at >= $6::timestamptz)
       AND p.quantity > (SELECT coalesce(sum(d.quantity), 0) FROM ops_dispenses d
                          WHERE d.prescription_id = p.id AND d.dispensed_on < $5)`,
  dispensedItems: `SELECT DISTINCT p.patient_id, p.basis->'citation'->>'act' AS act,
       p.basis->'citation'->>'annex' AS annex, p.basis->>'item' AS item
      FROM ops_prescriptions p JOIN ops_dispenses d ON d.prescription_id = p.id
     WHERE p.patient_id BETWEEN $2 AND $3 AND p.patient_id = ANY ($1)
       AND d.dispensed_on > $4 AND d.dispensed_on <= $5`,
  overdueDeferrals: `SELECT f.id, f.prescription_id, p.patient_id, p.icd10,
       p.basis->'citation'->>'act' AS act, p.basis->'citation'->>'annex' AS annex,
       p.basis->>'item' AS item, f.pharmacy, f.recorded_on::text AS recorded_on,
       f.due_on::text AS due_on
      FROM ops_prescriptions p
      JOIN ops_deferrals f ON f.prescription_id = p.id
      LEFT JOIN ops_dispenses s ON s.id = f.served_by
     WHERE p.patient_id BETWEEN $2 AND $3 AND p.patient_id = ANY ($1) AND f.status <> 'cancelled'
       AND f.recorded_on <= $4 AND f.due_on < $4 AND (s.id IS NULL OR s.dispensed_on > $4)
     ORDER BY f.due_on, f.id`,
} as const;

type Row = Record<string, unknown>;
const text = (v: unknown): string => String(v);

/**
 * The first and last id of a batch, which `registers` yields in the database's own order (its
 * collation, not JavaScript's). Each read also bounds `patient_id` by them: the planner then
 * scans one range of the index instead of probing it per id, which at 5,000 ids it declines in
 * favour of a sequential scan of the whole table (tried: 90 ms a batch at a million patients).
 */
const rangeOf = (ids: readonly string[]): [string, string] => [ids[0] ?? '', ids.at(-1) ?? ''];

export class SqlAnalyticsStorage implements AnalyticsStorage {
  /** `slices`: how many parts of a region the impact reads at once (session.ts `slicesFor`). */
  constructor(
    private readonly db: SqlClient,
    private readonly slices = 1,
  ) {}

  async *registers(
    region: string,
    from: IsoDate,
    to: IsoDate,
    size: number,
  ): AsyncIterable<RegisterRow[]> {
    const ids = (await this.db.query<Row>(SQL.patientsOfRegion, [region, from, to])).map((r) =>
      text(r.id),
    );
    for (let at = 0; at < ids.length; at += size) {
      yield this.batch(ids.slice(at, at + size), from, to);
    }
  }

  private async batch(ids: string[], from: IsoDate, to: IsoDate): Promise<RegisterRow[]> {
    const range = rangeOf(ids);
    const [patients, attachments, registrations, decisions] = await Promise.all([
      this.db.query<Row>(SQL.patients, [ids, ...range]),
      this.db.query<Row>(SQL.attachments, [ids, ...range]),
      this.db.query<Row>(SQL.registrations, [ids, ...range, from, to]),
      this.db.query<Row>(SQL.decisions, [ids, ...range]),
    ]);
    // Keyed in the batch's (the database's) order, so the ids the analyses pass back keep it.
    const rows = new Map<string, RegisterRow | null>(ids.map((id) => [id, null]));
    for (const p of patients) {
      rows.set(text(p.id), {
        id: text(p.id),
        register: {
          patient: {
            birthDate: day(p.birth_date),
            citizenship: text(p.citizenship),
            attachments: [],
          },
          registrations: [],
          decisions: [],
        },
      });
    }
    for (const a of attachments) {
      const attachment: Attachment = {
        organisation: text(a.organisation),
        from: day(a.from_date),
        to: dayOrNull(a.to_date),
      };
      (rows.get(text(a.patient_id))?.register.patient.attachments as Attachment[]).push(attachment);
    }
    for (const r of registrations) {
      const registration: RegistrationFacts = {
        id: text(r.id),
        icd10: text(r.icd10) as Icd10Code,
        from: day(r.from_date),
        to: dayOrNull(r.to_date),
        confirmed: r.confirmed === true,
      };
      (rows.get(text(r.patient_id))?.register.registrations as RegistrationFacts[]).push(
        registration,
      );
    }
    for (const d of decisions) {
      const decision: DecisionFacts = {
        id: text(d.id),
        icd10: text(d.icd10) as Icd10Code,
        inns: json<string[]>(d.inns),
        validFrom: day(d.valid_from),
        validTo: dayOrNull(d.valid_to),
        revokes: d.revokes === null ? null : text(d.revokes),
        revokedBy: d.revoked_by === null ? null : text(d.revoked_by),
      };
      (rows.get(text(d.patient_id))?.register.decisions as DecisionFacts[]).push(decision);
    }
    return [...rows.values()].filter((r): r is RegisterRow => r !== null);
  }

  impactGroups(
    region: string,
    before: IsoDate,
    on: IsoDate,
    listed: boolean,
  ): AsyncIterable<ImpactGroup[]> {
    return readImpactGroups(this.db, region, before, on, listed, this.slices);
  }

  async activePrescriptions(
    patients: readonly string[],
    region: string,
    on: IsoDate,
  ): Promise<ActivePrescription[]> {
    const rows = await this.db.query<Row>(SQL.activePrescriptions, [
      patients,
      ...rangeOf(patients),
      region,
      on,
      `${on}T00:00:00Z`,
    ]);
    return rows.map((r) => ({
      id: text(r.id),
      patientId: text(r.patient_id),
      icd10: text(r.icd10),
      act: text(r.act),
      annex: text(r.annex),
      item: text(r.item),
    }));
  }

  async dispensedItems(
    patients: readonly string[],
    since: IsoDate,
    on: IsoDate,
  ): Promise<Map<string, Set<string>>> {
    const rows = await this.db.query<Row>(SQL.dispensedItems, [
      patients,
      ...rangeOf(patients),
      since,
      on,
    ]);
    const byPatient = new Map<string, Set<string>>();
    for (const r of rows) {
      const id = text(r.patient_id);
      let items = byPatient.get(id);
      if (!items) byPatient.set(id, (items = new Set()));
      items.add(itemKey(text(r.act), text(r.annex), text(r.item)));
    }
    return byPatient;
  }

  async overdueDeferrals(patients: readonly string[], on: IsoDate): Promise<OverdueDeferral[]> {
    const rows = await this.db.query<Row>(SQL.overdueDeferrals, [
      patients,
      ...rangeOf(patients),
      on,
    ]);
    return rows.map((r) => ({
      deferralId: text(r.id),
      prescriptionId: text(r.prescription_id),
      patientId: text(r.patient_id),
      key: itemKey(text(r.act), text(r.annex), text(r.item)),
      item: text(r.item),
      icd10: text(r.icd10),
      pharmacy: text(r.pharmacy),
      recordedOn: day(r.recorded_on),
      dueOn: day(r.due_on),
    }));
  }

  async appendAudits(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const entry of entries) await appendAuditIn(tx, entry);
    });
  }
}

/**
 * What the staff screens need beyond the API's use cases (issue 12): opening a desk (may this
 * account work as a doctor, a commission member or a pharmacist anywhere? a refusal is audited),
 * the work lists that span patients — a commission's decisions expiring soon, a pharmacy's
 * journal of a day — a decision recorded for a patient named by IIN (a commission seldom sits
 * in the patient's own polyclinic, so it cannot read the patient), and the engine's answers a
 * screen shows beside the records it read through the audited use cases. Every access goes
 * through the one permission table; every list is audited once per patient it names.
 */
import { z } from 'zod';
import { addDays, type IsoDate } from '../../domain/date.ts';
import type { CommissionDecision, Deferral, Dispense, Prescription } from '../../ops/clinical.ts';
import type { ItemOnDay } from '../../ops/dispensing.ts';
import { factsFromRegister, type RegisterOf } from '../../ops/facts.ts';
import { fail, inputIssues, type OpsResult } from '../../ops/issues.ts';
import { Iin } from '../../ops/model.ts';
import { authorize, type Actor, type Decision, type Operation } from '../../ops/permissions.ts';
import {
  prescribingParameters,
  type PrescribingParameters,
} from '../../ops/prescription-parameters.ts';
import type { EvaluateAnswer } from '../queries.ts';
import { DispensingUseCases } from './dispensing.ts';
import { AuditedUseCases, type RequestContext } from './gate.ts';
import { RegisterUseCases } from './register.ts';

/** A desk and the operation that opens it: the first thing its screens do. */
export const DESKS = {
  doctor: 'patient.create',
  commission: 'commission.record',
  pharmacy: 'prescription.find',
} as const satisfies Record<string, Operation>;
export type Desk = keyof typeof DESKS;

/** One line of a pharmacy's journal: a dispense or a deferral, with the prescription's number. */
export type JournalEntry =
  | { kind: 'dispense'; record: Dispense; number: string; product: Prescription['product'] }
  | { kind: 'deferral'; record: Deferral; number: string; product: Prescription['product'] };

const DecisionForIin = z.looseObject({ iin: Iin, organisation: z.string() });

export class DeskUseCases extends AuditedUseCases {
  private readonly registerCases = new RegisterUseCases(this.deps);
  private readonly dispensingCases = new DispensingUseCases(this.deps);

  /**
   * The organisations where the actor may work at `desk` (the operation that opens it), or the
   * table's refusal, audited, when there is none.
   */
  async open(actor: Actor, desk: Desk, ctx: RequestContext): Promise<OpsResult<string[]>> {
    const operation = DESKS[desk];
    const grants = actor.kind === 'staff' ? actor.grants : [];
    const allowed = grants.flatMap((g) =>
      g.organisation !== null &&
      authorize(actor, operation, { region: g.region, organisation: g.organisation }).allowed
        ? [g.organisation]
        : [],
    );
    if (allowed.length > 0) return { ok: true, value: [...new Set(allowed)] };
    const first = grants[0];
    const target = { region: first?.region ?? '', organisation: first?.organisation ?? null };
    const gate = await this.gate(actor, operation, target, ctx);
    if (gate.ok) throw new Error(`${operation}: allowed without an organisation`);
    return gate;
  }

  /** The decisions of `organisation`'s commission whose validity ends within `days` from today. */
  async expiringDecisions(
    actor: Actor,
    organisation: string,
    days: number,
    ctx: RequestContext,
  ): Promise<OpsResult<CommissionDecision[]>> {
    const op = 'commission.list';
    const gate = await this.gateOrganisation(actor, op, organisation, ctx);
    if (!gate.ok) return gate;
    const today = this.today();
    const found = await this.storage.decisionsExpiring(organisation, today, addDays(today, days));
    await this.auditList(
      actor,
      gate.decision,
      op,
      ctx,
      found.map((d) => d.patientId),
      organisation,
    );
    return { ok: true, value: found };
  }

  /** What `pharmacy` dispensed and deferred on `day`. */
  async journal(
    actor: Actor,
    pharmacy: string,
    day: IsoDate,
    ctx: RequestContext,
  ): Promise<OpsResult<JournalEntry[]>> {
    const op = 'dispense.journal';
    const gate = await this.gateOrganisation(actor, op, pharmacy, ctx);
    if (!gate.ok) return gate;
    const store = this.storage.dispensing;
    const records = [
      ...(await store.dispensesOfPharmacy(pharmacy, day)).map((r) => ({
        kind: 'dispense' as const,
        record: r,
      })),
      ...(await store.deferralsOfPharmacy(pharmacy, day)).map((r) => ({
        kind: 'deferral' as const,
        record: r,
      })),
    ];
    const entries: JournalEntry[] = [];
    const patients: string[] = [];
    for (const entry of records) {
      const p = await this.storage.prescription({ id: entry.record.prescriptionId });
      if (!p) throw new Error('a ledger record names a prescription that is not there');
      patients.push(p.patientId);
      entries.push({ ...entry, number: p.number, product: p.product });
    }
    await this.auditList(actor, gate.decision, op, ctx, patients, `${pharmacy} ${day}`);
    return { ok: true, value: entries };
  }

  /**
   * A commission member records a decision for the patient with `input.iin` (the IIN in a
   * request body only): authorised for the deciding organisation first, so "no such patient"
   * is told only to someone who may record decisions there; then `register.decide`.
   */
  async decideForIin(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<CommissionDecision>> {
    const parsed = DecisionForIin.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const { iin, ...decision } = parsed.data;
    const op = 'commission.record';
    const gate = await this.gateOrganisation(actor, op, decision.organisation, ctx);
    if (!gate.ok) return gate;
    const patientId = await this.storage.patientIdByIin(iin);
    if (patientId === null) return this.failed(actor, gate.decision, op, ctx, null, 'iin');
    return this.registerCases.decide(actor, { ...decision, patientId }, ctx);
  }

  /**
   * The engine's answer on `date` from the register's facts (the builder issuing uses), for
   * records the caller read through the audited use cases: what a patient is entitled to today.
   */
  entitledOn(register: RegisterOf, region: string, date: IsoDate): EvaluateAnswer {
    const { law } = this.needs();
    return law.evaluate(factsFromRegister(register, region, date).facts);
  }

  /** The provision parameters a prescription written on `date` in `region` would apply. */
  prescribing(
    region: string,
    date: IsoDate,
  ): { regular: PrescribingParameters | null; continuous: PrescribingParameters | null } {
    const { law } = this.needs();
    const of = (continuous: boolean) => {
      const p = prescribingParameters(law.provision, region, date, continuous);
      return p.ok ? p.value : null;
    };
    return { regular: of(false), continuous: of(true) };
  }

  /**
   * Whether each prescription's item is still free on `day` (the very answer a dispense rests
   * on, `dispensing.itemOnDay`), for prescriptions the caller found through `dispensing.findPrescriptions`.
   */
  async itemsOnDay(prescriptions: readonly Prescription[], day: IsoDate): Promise<ItemOnDay[]> {
    const { law } = this.needs();
    return Promise.all(
      prescriptions.map(async (p) => {
        const patient = await this.storage.patient(p.patientId);
        if (!patient) return { status: 'unknown' } as ItemOnDay;
        return this.dispensingCases.itemOnDay(law, p, patient, day);
      }),
    );
  }

  private async gateOrganisation(
    actor: Actor,
    op: Operation,
    organisation: string,
    ctx: RequestContext,
  ) {
    const org = await this.storage.organisation(organisation);
    if (!org) return fail('OPS_NOT_FOUND', `no organisation ${organisation}`, ['organisation']);
    return this.gate(actor, op, { region: org.region, organisation }, ctx);
  }

  /** One audit record per patient a list names (one without a patient when it names none). */
  private async auditList(
    actor: Actor,
    decision: Decision,
    op: Operation,
    ctx: RequestContext,
    patients: readonly string[],
    detail: string,
  ): Promise<void> {
    const distinct = [...new Set(patients)];
    if (distinct.length === 0) {
      await this.storage.appendAudit(
        this.entry(actor, decision, op, 'allowed', ctx, { detail: `${detail} found 0` }),
      );
    }
    for (const patientRef of distinct) {
      await this.storage.appendAudit(
        this.entry(actor, decision, op, 'allowed', ctx, { patientRef, detail }),
      );
    }
  }
}

/**
 * The dispensing ledger's use cases: a pharmacist finds a patient's dispensable prescriptions,
 * hands over all or part of one, or defers it when out of stock; the ledger of a prescription
 * is read by the region's pharmacists and auditor and the prescribing organisation's doctors.
 * Each is authorised (the one permission table) and audited — a refusal too — and each write
 * commits with its audit record. Exactly once: see src/storage/ops/dispensing-sql.ts.
 */
import { addDays, type IsoDate } from '../../domain/date.ts';
import { parameterOn, type ParameterName } from '../../domain/provision.ts';
import type { Json } from '../../ops/canonical-json.ts';
import {
  DeferralInput,
  DispenseInput,
  FindPrescriptionsInput,
  type Deferral,
  type DispensablePrescription,
  type Dispense,
  type Ledger,
  type Prescription,
  type PrescriptionSigner,
} from '../../ops/clinical.ts';
import {
  checkDeferral,
  checkDispense,
  itemOnDay,
  type ItemOnDay,
  type Refusal,
} from '../../ops/dispensing.ts';
import { fail, failFor, inputIssues, type OpsIssue, type OpsResult } from '../../ops/issues.ts';
import type { Organisation, Patient } from '../../ops/model.ts';
import { authorize, type Actor, type Decision, type Operation } from '../../ops/permissions.ts';
import type { WriteContext, WriteOutcome } from '../../storage/ops/dispensing-port.ts';
import {
  appliedParameter,
  auditOfOutcome,
  requestHash,
  resultOfOutcome,
  withoutKey,
  type WriteResult,
} from './dispensing-outcome.ts';
import { actorIdOf, AuditedUseCases, type RequestContext } from './gate.ts';
import type { Law } from './law.ts';
import { addWorkingDays } from '../../ops/working-days.ts';

/** What dispensing needs of the patient: the IIN the signature covers, the engine's facts. */
type PatientFacts = Pick<Patient, 'iin' | 'birthDate' | 'citizenship'>;

/** A write refused on what it read: answered (and audited, where it is) after the rollback. */
type Refused = () => Promise<{ ok: false; issues: OpsIssue[] }>;

/** The organisation a request names as the pharmacy, if it is one. */
function pharmacyOf(id: string, org: Organisation | null): OpsResult<{ region: string }> {
  if (!org) return fail('OPS_NOT_FOUND', `no organisation ${id}`, ['pharmacy']);
  if (org.kind !== 'pharmacy') {
    return fail('OPS_INPUT', `pharmacy: ${id} is a ${org.kind}, not a pharmacy`, ['pharmacy']);
  }
  return { ok: true, value: { region: org.region } };
}

export class DispensingUseCases extends AuditedUseCases {
  /** A recorded day must be within one day of today (a pharmacy in any time zone). */
  private isCurrent(date: IsoDate): boolean {
    const today = this.today();
    return date >= addDays(today, -1) && date <= addDays(today, 1);
  }

  /** A patient's prescriptions the asking pharmacy can serve on a day, by number or by IIN. */
  async findPrescriptions(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<DispensablePrescription[]>> {
    const parsed = FindPrescriptionsInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const { pharmacy, on, number, iin } = parsed.data;
    const org = await this.pharmacy(pharmacy);
    if (!org.ok) return org;
    const store = this.storage.dispensing;
    const byNumber = number === undefined ? null : await this.storage.prescription({ number });
    const patientId =
      iin !== undefined ? await store.patientIdByIin(iin) : (byNumber?.patientId ?? null);
    const region = org.value.region;
    const target = { region, organisation: pharmacy };
    const gate = await this.gate(actor, 'prescription.find', target, ctx, patientId);
    if (!gate.ok) return gate;
    let found: Prescription[] = [];
    if (patientId !== null) {
      const open = await store.dispensablePrescriptions(patientId, region, on);
      found = byNumber ? open.filter((p) => p.id === byNumber.id) : open;
    }
    const value = await Promise.all(
      found.map(async (prescription) => ({
        prescription,
        remaining: prescription.quantity - prescription.dispensed,
        openDeferral: await store.openDeferral(prescription.id),
      })),
    );
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'prescription.find', 'allowed', ctx, {
        patientRef: patientId,
        detail: `found ${value.length}`,
      }),
    );
    return { ok: true, value };
  }

  /** Hands over all or part of a prescription: exactly once per idempotency key. */
  async dispense(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<WriteResult<Dispense>> {
    const parsed = DispenseInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const request = parsed.data;
    const day = request.dispensedOn;
    if (!this.isCurrent(day)) {
      return failFor('OPS_INPUT', ['dispensedOn'], 'not_today', { field: 'dispensedOn', day });
    }
    const { law, signer } = this.needs();
    const op = 'dispense.record';
    const result = await this.storage.dispensing.recordDispense<Refusal<string>, Refused>({
      prescriptionId: request.prescriptionId,
      pharmacy: request.pharmacy,
      claim: this.claim(actor, op, request),
      admit: (context) => {
        const opened = this.opened(actor, op, request, signer, ctx, context);
        if (!opened.ok) return opened;
        const { prescription, patient, decision, signatureValid } = opened;
        const onDay = this.itemOnDay(law, prescription, patient, day);
        const policy = parameterOn(law.provision, prescription.region, 'excludedItemPolicy', day);
        return {
          ok: true,
          decide: ({ state, openDeferral }) => {
            const check = checkDispense({
              prescription: state,
              day,
              quantity: request.quantity,
              expiry: request.expiry,
              signatureValid,
              onDay,
              policy: policy.ok ? policy.entry.value : null,
            });
            if (!check.allowed) return { ok: false, refusal: check };
            const fields = withoutKey(request);
            return {
              ok: true,
              record: {
                ...fields,
                id: this.newId(),
                pharmacist: actorIdOf(actor),
                at: this.now().toISOString(),
                basis: check.basis,
                remaining: check.remaining,
                registryVersion: law.version,
                policy:
                  check.basis.kind === 'in_force' || !policy.ok ? null : appliedParameter(policy),
                servedDeferral: openDeferral?.id ?? null,
              },
            };
          },
          audit: (o) => this.outcomeEntry(actor, decision, op, o, ctx, prescription),
        };
      },
    });
    return result.admitted ? resultOfOutcome(result.outcome) : result.refusal();
  }

  /** Records that a pharmacy cannot serve a prescription now: due in working days. */
  async defer(actor: Actor, input: unknown, ctx: RequestContext): Promise<WriteResult<Deferral>> {
    const parsed = DeferralInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const request = parsed.data;
    if (!this.isCurrent(request.recordedOn)) {
      return failFor('OPS_INPUT', ['recordedOn'], 'not_today', {
        field: 'recordedOn',
        day: request.recordedOn,
      });
    }
    const { law, signer } = this.needs();
    const op = 'dispense.defer';
    const name: ParameterName = request.urgent
      ? 'deferredUrgentDueWorkingDays'
      : 'deferredDueWorkingDays';
    const result = await this.storage.dispensing.recordDeferral<Refusal<string>, Refused>({
      prescriptionId: request.prescriptionId,
      pharmacy: request.pharmacy,
      claim: this.claim(actor, op, request),
      admit: (context) => {
        const opened = this.opened(actor, op, request, signer, ctx, context);
        if (!opened.ok) return opened;
        const { prescription, decision, signatureValid } = opened;
        const due = parameterOn(law.provision, prescription.region, name, request.recordedOn);
        if (!due.ok || typeof due.entry.value !== 'number') {
          const message = due.ok ? `${name} is not a number` : due.message;
          return {
            ok: false,
            refusal: async () => {
              await this.storage.appendAudit(
                this.entry(actor, decision, op, 'failed', ctx, {
                  patientRef: prescription.patientId,
                  detail: 'no_due_parameter',
                }),
              );
              return fail('OPS_CONFLICT', message, ['recordedOn']);
            },
          };
        }
        const days = due.entry.value;
        return {
          ok: true,
          decide: ({ state, openDeferral }) => {
            const check = checkDeferral({
              prescription: state,
              day: request.recordedOn,
              signatureValid,
              openDeferralDue: openDeferral?.dueOn ?? null,
            });
            if (!check.allowed) return { ok: false, refusal: check };
            const fields = withoutKey(request);
            return {
              ok: true,
              record: {
                ...fields,
                id: this.newId(),
                pharmacist: actorIdOf(actor),
                dueOn: addWorkingDays(request.recordedOn, days),
                status: 'open',
                dueRule: {
                  parameter: appliedParameter(due),
                  calendar: 'monday_to_friday_without_public_holidays',
                },
                servedBy: null,
              },
            };
          },
          audit: (o) => this.outcomeEntry(actor, decision, op, o, ctx, prescription),
        };
      },
    });
    return result.admitted ? resultOfOutcome(result.outcome) : result.refusal();
  }

  /** What was dispensed and deferred against a prescription; the reading is audited. */
  async ledger(
    actor: Actor,
    prescriptionId: string,
    ctx: RequestContext,
  ): Promise<OpsResult<Ledger>> {
    const prescription = await this.found(actor, 'dispense.read', prescriptionId, ctx);
    if (!prescription.ok) return prescription;
    const p = prescription.value;
    const target = { region: p.region, organisation: p.organisation };
    const gate = await this.gate(actor, 'dispense.read', target, ctx, p.patientId);
    if (!gate.ok) return gate;
    const [dispenses, deferrals] = [
      await this.storage.dispensing.dispenses(p.id),
      await this.storage.dispensing.deferrals(p.id),
    ];
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'dispense.read', 'allowed', ctx, {
        patientRef: p.patientId,
        detail: p.id,
      }),
    );
    return {
      ok: true,
      value: {
        prescriptionId: p.id,
        quantity: p.quantity,
        dispensed: p.dispensed,
        dispenses,
        deferrals,
      },
    };
  }

  /**
   * The ledger holding a dispense or a deferral, found by the record's id (FHIR
   * MedicationDispense/{id}): authorised and audited as `ledger` is.
   */
  async ledgerOfRecord(
    actor: Actor,
    recordId: string,
    ctx: RequestContext,
  ): Promise<OpsResult<Ledger>> {
    const prescriptionId = await this.storage.dispensing.prescriptionIdOfRecord(recordId);
    if (prescriptionId === null) {
      await this.storage.appendAudit(
        this.entry(actor, null, 'dispense.read', 'failed', ctx, { detail: 'not_found' }),
      );
      return fail('OPS_NOT_FOUND', `no dispense or deferral ${recordId}`, ['id']);
    }
    return this.ledger(actor, prescriptionId, ctx);
  }

  // ── shared steps ──────────────────────────────────────────────────────────

  private async pharmacy(id: string): Promise<OpsResult<{ region: string }>> {
    return pharmacyOf(id, await this.storage.organisation(id));
  }

  private async found(
    actor: Actor,
    operation: Operation,
    id: string,
    ctx: RequestContext,
  ): Promise<OpsResult<Prescription>> {
    const prescription = await this.storage.prescription({ id });
    if (prescription) return { ok: true, value: prescription };
    return this.notFound(actor, operation, id, ctx);
  }

  private async notFound(actor: Actor, operation: Operation, id: string, ctx: RequestContext) {
    await this.storage.appendAudit(
      this.entry(actor, null, operation, 'failed', ctx, { detail: 'not_found' }),
    );
    return fail('OPS_NOT_FOUND', `no prescription ${id}`, ['prescriptionId']);
  }

  /**
   * The checks on what a pharmacy's write read in its transaction (pure: it runs between the
   * transaction's two statements), refusing in this order: no prescription, not a pharmacy, not
   * permitted; then the signature over the IIN. A refusal's answer, and its audit record where it
   * has one, come after the transaction rolled back.
   */
  private opened(
    actor: Actor,
    operation: 'dispense.record' | 'dispense.defer',
    request: { prescriptionId: string; pharmacy: string },
    signer: PrescriptionSigner,
    ctx: RequestContext,
    context: WriteContext,
  ):
    | {
        ok: true;
        prescription: Prescription;
        patient: PatientFacts;
        decision: Decision;
        signatureValid: boolean;
      }
    | { ok: false; refusal: Refused } {
    const { prescription, patient } = context;
    if (!prescription) {
      return {
        ok: false,
        refusal: () => this.notFound(actor, operation, request.prescriptionId, ctx),
      };
    }
    const org = pharmacyOf(request.pharmacy, context.pharmacy);
    if (!org.ok) return { ok: false, refusal: async () => org };
    const target = { region: prescription.region, organisation: request.pharmacy };
    const decision = authorize(actor, operation, target);
    if (!decision.allowed) {
      const patientRef = prescription.patientId;
      return {
        ok: false,
        refusal: () => this.refusedBy(actor, decision, operation, ctx, patientRef),
      };
    }
    if (!patient) throw new Error('a prescription names a patient that is not there');
    const signatureValid = signer.verify(prescription, { iin: patient.iin });
    return { ok: true, prescription, patient, decision, signatureValid };
  }

  /**
   * The engine's answer on the day, from the patient's birth date and citizenship and every
   * register fact met (they were checked at issue): what can change is the list, or the age.
   * Public for the pharmacy screen, which shows it before a dispense (src/app/ops/desks.ts).
   */
  itemOnDay(law: Law, p: Prescription, patient: PatientFacts, day: IsoDate): ItemOnDay {
    const answer = law.evaluate({
      region: p.region,
      date: day,
      birthDate: patient.birthDate,
      citizenship: patient.citizenship === 'KZ' ? 'KZ' : 'other',
      servedIn: p.region,
      diagnoses: [
        { code: p.icd10, registered: true, commission: true, verified: true, confirmed: true },
      ],
    });
    return answer.ok
      ? itemOnDay(answer.result.entitlements, p.basis, p.product)
      : { status: 'unknown' };
  }

  private claim(
    actor: Actor,
    operation: Operation,
    request: Record<string, Json> & { idempotencyKey: string },
  ) {
    return {
      actorId: actorIdOf(actor),
      operation,
      key: request.idempotencyKey,
      requestHash: requestHash(operation, request),
    };
  }

  private outcomeEntry<T extends { id: string }>(
    actor: Actor,
    decision: Decision,
    operation: Operation,
    outcome: WriteOutcome<T, Refusal<string>>,
    ctx: RequestContext,
    p: Prescription,
  ) {
    const [result, detail] = auditOfOutcome(outcome);
    return this.entry(actor, decision, operation, result, ctx, { patientRef: p.patientId, detail });
  }
}

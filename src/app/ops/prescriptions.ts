/**
 * Prescriptions: issue (the engine is the gatekeeper), cancel, read, list. Issuing builds the
 * engine's facts from the register alone (src/ops/facts.ts), asks the law in force, and issues
 * only where the answer for the item naming the product is `entitled`; the legal basis, the
 * registry version and the provision parameters applied are frozen into the signed
 * prescription. The supply guard and the number run under the patient's row lock in storage.
 */
import {
  PrescriptionCancellation,
  PrescriptionInput,
  PrescriptionQuery,
  type FrozenBasis,
  type Prescription,
} from '../../ops/clinical.ts';
import { factsFromRegister, type RegisterOf } from '../../ops/facts.ts';
import { fail, failFor, inputIssues, type OpsIssue, type OpsResult } from '../../ops/issues.ts';
import type { Actor, Decision } from '../../ops/permissions.ts';
import {
  describeParameter,
  prescribingParameters,
  type PrescribingParameters,
} from '../../ops/prescription-parameters.ts';
import {
  basisItem,
  entitlementFor,
  productKey,
  registerStep,
  statusOn,
  supplyConflict,
  supplyEnd,
  validityWindow,
} from '../../ops/prescribing.ts';
import { encodeRxQr, rxPayloadOf } from '../../ops/rx-payload.ts';
import type { StoredPrescription } from '../../storage/ops/port.ts';
import { AuditedUseCases, type RequestContext } from './gate.ts';
import type { Law } from './law.ts';
import { accountOf, attachmentTarget } from './targets.ts';

type Refusal = { ok: false; issues: OpsIssue[] };

export class PrescriptionUseCases extends AuditedUseCases {
  private shown(p: StoredPrescription): Prescription {
    return { ...p, status: statusOn(p.status, p.validTo, this.today()) };
  }

  /** A doctor of `input.organisation` issues a prescription, if the register entitles it. */
  async issue(actor: Actor, input: unknown, ctx: RequestContext): Promise<OpsResult<Prescription>> {
    const { law, signer } = this.needs();
    const parsed = PrescriptionInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const rx = parsed.data;
    const key = productKey(rx.product);
    if (key === null) {
      return fail('OPS_INPUT', 'product.name: name the INN, or the name of a product without one', [
        'product',
        'name',
      ]);
    }
    // The organisation, the patient and the register in one read; refused in this order.
    const context = await this.storage.issueContext(rx.organisation, rx.patientId);
    const org = context.organisation;
    if (!org) return fail('OPS_NOT_FOUND', `no organisation ${rx.organisation}`, ['organisation']);
    const op = 'prescription.issue';
    const target = { region: org.region, organisation: rx.organisation };
    const gate = await this.gate(actor, op, target, ctx, rx.patientId);
    if (!gate.ok) return gate;
    const failed = (detail: string) =>
      this.entry(actor, gate.decision, op, 'failed', ctx, { patientRef: rx.patientId, detail });
    const refuse = async (detail: string, issues: OpsIssue[]): Promise<Refusal> => {
      await this.storage.appendAudit(failed(detail));
      return { ok: false, issues };
    };
    const { patient } = context;
    if (!patient) return this.failed(actor, gate.decision, op, ctx, rx.patientId, 'patientId');

    const parameters = prescribingParameters(law.provision, org.region, rx.issuedOn, rx.continuous);
    if (!parameters.ok) {
      return refuse('no_parameter', [issue('OPS_CONFLICT', ['issuedOn'], parameters.message)]);
    }
    const { maxSupply } = parameters.value;
    if (rx.daysOfSupply > maxSupply.value) {
      const therapy = rx.continuous ? ' for continuous therapy' : '';
      return refuse('supply_over_limit', [
        issue(
          'OPS_INPUT',
          ['daysOfSupply'],
          `daysOfSupply: ${rx.daysOfSupply} days is more than ${maxSupply.value}, the most on one prescription${therapy} (${describeParameter(maxSupply, org.region)})`,
        ),
      ]);
    }

    const register = {
      patient,
      registrations: context.registrations,
      decisions: context.decisions,
    };
    const basis = this.entitledBasis(law, register, org.region, rx, parameters.value);
    if (!basis.ok) return refuse(basis.detail, basis.issues);

    const { validFrom, validTo } = validityWindow(rx.issuedOn, parameters.value.validityDays.value);
    const supplyTo = supplyEnd(rx.issuedOn, rx.daysOfSupply);
    const id = this.newId();
    const issued = await this.storage.issuePrescription(
      {
        unsigned: {
          ...rx,
          id,
          region: org.region,
          product: { ...basis.product, form: rx.product.form },
          prescriber: accountOf(actor),
          validFrom,
          validTo,
          basis: basis.value,
        },
        productKey: key,
        supplyTo,
      },
      (previous) =>
        supplyConflict(previous, { issuedOn: rx.issuedOn, supplyTo }, parameters.value.window),
      (unsigned) => signer.sign(unsigned, { iin: patient.iin }),
      {
        issued: this.entry(actor, gate.decision, op, 'allowed', ctx, {
          patientRef: rx.patientId,
          detail: id,
        }),
        refused: failed('supply_overlap'),
      },
    );
    if (!issued.ok) {
      // Refused under the patient's lock: its audit record went with the transaction.
      const { previous, renewalFrom } = issued.conflict;
      const window = parameters.value.applied.find((p) => p.name === 'renewalWindowDays');
      return {
        ok: false,
        issues: [
          issue(
            'OPS_CONFLICT',
            ['issuedOn'],
            `issuedOn: prescription ${previous.number} supplies ${key} from ${previous.issuedOn} to ${previous.supplyTo}; a renewal may be issued from ${renewalFrom}${window ? ` (${describeParameter(window, org.region)})` : ''}`,
          ),
        ],
      };
    }
    return { ok: true, value: this.shown(issued.prescription) };
  }

  /** The engine's answer on the register's facts, frozen; or what the register lacks. */
  private entitledBasis(
    law: Law,
    register: RegisterOf,
    region: string,
    rx: PrescriptionInput,
    parameters: PrescribingParameters,
  ):
    | { ok: true; value: FrozenBasis; product: Prescription['product'] }
    | { ok: false; detail: string; issues: OpsIssue[] } {
    const { facts, relied } = factsFromRegister(register, region, rx.issuedOn, [rx.icd10]);
    const answer = law.evaluate(facts);
    if (!answer.ok) {
      const issues = answer.issues.map((i) =>
        issue('OPS_CONFLICT', ['issuedOn'], `the register's facts on ${rx.issuedOn}: ${i.message}`),
      );
      return { ok: false, detail: 'facts_invalid', issues };
    }
    const named = rx.product.inn ?? rx.product.name ?? '';
    const match = entitlementFor(answer.result.entitlements, rx.icd10, rx.product);
    if (!match) {
      const coverage = answer.result.coverage;
      const why = 'reason' in coverage ? ` (${coverage.reason.en})` : '';
      return {
        ok: false,
        detail: 'not_entitled',
        issues: [
          {
            ...issue(
              'OPS_NOT_ENTITLED',
              ['product'],
              `no item of the ${region} list on ${rx.issuedOn} gives ${named} for ${rx.icd10}${why}`,
            ),
            reason: {
              id: 'not_in_list',
              params: { region, on: rx.issuedOn, product: named, icd10: rx.icd10 },
            },
          },
        ],
      };
    }
    const { entitlement, product } = match;
    const item = basisItem(entitlement);
    if (entitlement.status !== 'entitled') {
      const said = `the engine says ${entitlement.status} under item ${item}: ${entitlement.explanation.en}`;
      const issues =
        entitlement.unmet.length === 0
          ? [issue('OPS_NOT_ENTITLED', ['icd10'], said)]
          : entitlement.unmet.map((unmet) => ({
              ...issue(
                'OPS_NOT_ENTITLED',
                ['register', unmet],
                `${registerStep(unmet, rx.icd10, product.inn ?? named)} (${said})`,
              ),
              reason: { id: unmet, params: { icd10: rx.icd10, product: product.inn ?? named } },
            }));
      return { ok: false, detail: 'not_entitled', issues };
    }
    const on = relied.get(rx.icd10);
    const needsDecision = entitlement.indication.conditions.includes('commission_decision');
    const decision = needsDecision
      ? (on?.decisions.find(
          (d) => product.inn !== null && d.inns.includes(product.inn.toLowerCase()),
        )?.id ?? null)
      : null;
    return {
      ok: true,
      value: {
        region: entitlement.region,
        status: entitlement.status,
        item,
        citation: entitlement.basis,
        explanation: entitlement.explanation,
        registryVersion: law.version,
        facts: { registration: on?.registration ?? null, commissionDecision: decision },
        parameters: parameters.applied,
      },
      product: {
        inn: product.inn,
        name: rx.product.name ?? product.name?.en ?? null,
        form: null,
        atc: product.atc,
      },
    };
  }

  /** The prescribing organisation's doctor cancels an active prescription, with a reason code. */
  async cancel(
    actor: Actor,
    id: string,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<Prescription>> {
    const parsed = PrescriptionCancellation.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const op = 'prescription.cancel';
    const found = await this.storage.prescription({ id });
    if (!found) return this.failed(actor, null, op, ctx, null, 'id');
    const target = { region: found.region, organisation: found.organisation };
    const gate = await this.gate(actor, op, target, ctx, found.patientId);
    if (!gate.ok) return gate;
    const { reason } = parsed.data;
    const cancellation = { at: this.now().toISOString(), by: accountOf(actor), reason };
    const audit = (outcome: 'allowed' | 'failed', detail: string) =>
      this.entry(actor, gate.decision, op, outcome, ctx, { patientRef: found.patientId, detail });
    const done =
      found.status === 'active' &&
      (await this.storage.cancelPrescription(
        id,
        cancellation,
        audit('allowed', `${id} ${reason}`),
      ));
    if (!done) {
      await this.storage.appendAudit(audit('failed', 'not_active'));
      return failFor('OPS_CONFLICT', ['id'], 'prescription_not_active', {
        number: found.number,
        status: found.status,
      });
    }
    return { ok: true, value: this.shown({ ...found, status: 'cancelled', cancellation }) };
  }

  /** One prescription by id or number: the prescriber's organisation, the region's pharmacies and auditor. */
  async read(
    actor: Actor,
    by: { id: string } | { number: string },
    ctx: RequestContext,
  ): Promise<OpsResult<Prescription>> {
    const op = 'prescription.read';
    const found = await this.storage.prescription(by);
    if (!found) return this.failed(actor, null, op, ctx, null, 'id' in by ? 'id' : 'number');
    const target = { region: found.region, organisation: found.organisation };
    const gate = await this.gate(actor, op, target, ctx, found.patientId);
    if (!gate.ok) return gate;
    await this.readAudited(actor, gate.decision, ctx, found.patientId, found.id);
    return { ok: true, value: this.shown(found) };
  }

  /**
   * The QR text of a prescription (src/ops/rx-payload.ts): what the patient carries and a
   * pharmacy verifies offline. It holds the patient's IIN inside the signed payload, so it is
   * read like the prescription (`prescription.read`, audited as `qr <id>`) and answered to no
   * one else; the IIN goes nowhere but that text.
   */
  async qr(actor: Actor, id: string, ctx: RequestContext): Promise<OpsResult<{ text: string }>> {
    const op = 'prescription.read';
    const found = await this.storage.prescription({ id });
    if (!found) return this.failed(actor, null, op, ctx, null, 'id');
    const target = { region: found.region, organisation: found.organisation };
    const gate = await this.gate(actor, op, target, ctx, found.patientId);
    if (!gate.ok) return gate;
    const patient = await this.storage.patient(found.patientId);
    if (!patient) throw new Error('a prescription names a patient that is not there');
    const encoded = encodeRxQr(rxPayloadOf(found, { iin: patient.iin }), found.signature);
    if (!encoded.ok) return fail('OPS_CONFLICT', `id: ${encoded.message}`, ['id']);
    await this.readAudited(actor, gate.decision, ctx, found.patientId, `qr ${found.id}`);
    return { ok: true, value: { text: encoded.text } };
  }

  /**
   * A patient's prescriptions, by status (`expired` computed) and issue date: for the doctors
   * of the patient's attachment, the region's pharmacists and auditor (FHIR search uses it).
   */
  async list(
    actor: Actor,
    patientId: string,
    query: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<Prescription[]>> {
    const parsed = PrescriptionQuery.safeParse(query);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const op = 'prescription.read';
    const patient = await this.storage.patient(patientId);
    const target = patient && attachmentTarget(patient);
    if (!target) return this.failed(actor, null, op, ctx, patientId, 'patientId');
    const gate = await this.gate(actor, op, target, ctx, patientId);
    if (!gate.ok) return gate;
    const { status, issuedFrom, issuedTo } = parsed.data;
    const stored = await this.storage.prescriptionsOf(patientId, {
      from: issuedFrom ?? null,
      to: issuedTo ?? null,
    });
    const shown = stored.map((p) => this.shown(p)).filter((p) => !status || p.status === status);
    await this.readAudited(actor, gate.decision, ctx, patientId, `${shown.length} prescriptions`);
    return { ok: true, value: shown };
  }

  private async readAudited(
    actor: Actor,
    decision: Decision,
    ctx: RequestContext,
    patientRef: string,
    detail: string,
  ): Promise<void> {
    await this.storage.appendAudit(
      this.entry(actor, decision, 'prescription.read', 'allowed', ctx, { patientRef, detail }),
    );
  }
}

const issue = (code: OpsIssue['code'], path: OpsIssue['path'], message: string): OpsIssue => ({
  code,
  path,
  message,
});

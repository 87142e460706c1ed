/** Patients: registration, reading and attachment changes, each authorised and audited. */
import { z } from 'zod';
import type { IsoDate } from '../../domain/date.ts';
import { changeAttachment, currentAttachment } from '../../ops/attachment.ts';
import { fail, failFor, inputIssues, type OpsResult } from '../../ops/issues.ts';
import { Iin, organisationId, PatientInput, type Patient } from '../../ops/model.ts';
import { mayEverDo, type Actor } from '../../ops/permissions.ts';
import { AuditedUseCases, type RequestContext } from './gate.ts';

const IinSearch = z.strictObject({ iin: Iin });

export class PatientUseCases extends AuditedUseCases {
  /** Registers a patient attached to `organisation` from `from`. */
  async createPatient(
    actor: Actor,
    input: unknown,
    attachment: { organisation: string; from: IsoDate },
    ctx: RequestContext,
  ): Promise<OpsResult<Patient>> {
    const parsed = PatientInput.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const org = await this.storage.organisation(attachment.organisation);
    if (!org)
      return fail('OPS_NOT_FOUND', `no organisation ${attachment.organisation}`, ['organisation']);
    const id = this.newId();
    const gate = await this.gate(
      actor,
      'patient.create',
      { region: org.region, organisation: attachment.organisation },
      ctx,
      id,
    );
    if (!gate.ok) return gate;
    const patient: Patient = { ...parsed.data, id, attachments: [{ ...attachment, to: null }] };
    const created = await this.storage.createPatient(
      patient,
      this.entry(actor, gate.decision, 'patient.create', 'allowed', ctx, { patientRef: id }),
    );
    if (created === 'exists') {
      await this.storage.appendAudit(
        this.entry(actor, gate.decision, 'patient.create', 'failed', ctx, { detail: 'exists' }),
      );
      return failFor('OPS_CONFLICT', ['iin'], 'patient_exists');
    }
    return { ok: true, value: patient };
  }

  /** Reads a patient: authorised against the current attachment, audited before it is returned. */
  async readPatient(actor: Actor, id: string, ctx: RequestContext): Promise<OpsResult<Patient>> {
    const patient = await this.storage.patient(id);
    const open = patient ? currentAttachment(patient.attachments) : null;
    const org = open ? await this.storage.organisation(open.organisation) : null;
    if (!patient || !org) {
      await this.storage.appendAudit(
        this.entry(actor, null, 'patient.read', 'failed', ctx, {
          patientRef: id,
          detail: 'not_found',
        }),
      );
      return fail('OPS_NOT_FOUND', `no patient ${id}`, ['id']);
    }
    const gate = await this.gate(
      actor,
      'patient.read',
      { region: org.region, organisation: org && organisationId(org) },
      ctx,
      id,
    );
    if (!gate.ok) return gate;
    await this.storage.appendAudit(
      this.entry(actor, gate.decision, 'patient.read', 'allowed', ctx, { patientRef: id }),
    );
    return { ok: true, value: patient };
  }

  /**
   * Finds a patient by IIN (the IIN comes in a request body, never a URL) and reads them as
   * `readPatient` does: authorised against the current attachment, audited by internal id.
   * "No such patient" is told only to an actor who may read patients somewhere; to anyone
   * else the answer is the refusal, so the search is no oracle of who is registered.
   */
  async findPatientByIin(
    actor: Actor,
    input: unknown,
    ctx: RequestContext,
  ): Promise<OpsResult<Patient>> {
    const parsed = IinSearch.safeParse(input);
    if (!parsed.success) return { ok: false, issues: inputIssues(parsed.error.issues) };
    const id = await this.storage.patientIdByIin(parsed.data.iin);
    if (id !== null) return this.readPatient(actor, id, ctx);
    if (!mayEverDo(actor, 'patient.read')) {
      return this.refuseEverywhere(actor, 'patient.read', ctx);
    }
    await this.storage.appendAudit(
      this.entry(actor, null, 'patient.read', 'failed', ctx, { detail: 'not_found' }),
    );
    return fail('OPS_NOT_FOUND', 'no patient with this IIN', ['iin']);
  }

  /** Moves a patient's attachment: by a doctor of the receiving organisation. */
  async attachPatient(
    actor: Actor,
    id: string,
    attachment: { organisation: string; from: IsoDate },
    ctx: RequestContext,
  ): Promise<OpsResult<Patient>> {
    const patient = await this.storage.patient(id);
    const org = await this.storage.organisation(attachment.organisation);
    if (!patient) return fail('OPS_NOT_FOUND', `no patient ${id}`, ['id']);
    if (!org)
      return fail('OPS_NOT_FOUND', `no organisation ${attachment.organisation}`, ['organisation']);
    const gate = await this.gate(
      actor,
      'patient.attach',
      { region: org.region, organisation: attachment.organisation },
      ctx,
      id,
    );
    if (!gate.ok) return gate;
    const change = changeAttachment(patient.attachments, attachment.organisation, attachment.from);
    if (!change.ok) {
      await this.storage.appendAudit(
        this.entry(actor, gate.decision, 'patient.attach', 'failed', ctx, {
          patientRef: id,
          detail: change.code,
        }),
      );
      return fail('OPS_CONFLICT', change.message, ['from']);
    }
    await this.storage.changeAttachment(
      id,
      change.closed,
      change.opened,
      this.entry(actor, gate.decision, 'patient.attach', 'allowed', ctx, {
        patientRef: id,
        detail: attachment.organisation,
      }),
    );
    return { ok: true, value: { ...patient, attachments: change.history } };
  }
}

/**
 * "My medicines": what a patient signed in with a one-time code reads of their own records
 * (docs/adr/0020-patient-access.md). Each read goes through the one permission table with the
 * patient themself as the target — the actor comes from the session, never from the request —
 * and is audited with the patient as the actor.
 */
import { addDays, type IsoDate } from '../../domain/date.ts';
import type { LocalizedText } from '../../domain/text.ts';
import { answerFromRegister, type ItemAnswer } from '../../analytics/items.ts';
import type {
  CommissionDecision,
  Dispense,
  DispensaryRegistration,
  Prescription,
} from '../../ops/clinical.ts';
import { currentAttachment } from '../../ops/attachment.ts';
import { factsFromRegister, regionOfOrganisation } from '../../ops/facts.ts';
import { fail, type OpsResult } from '../../ops/issues.ts';
import type { Organisation, Patient } from '../../ops/model.ts';
import type { Actor, Decision, Operation } from '../../ops/permissions.ts';
import { statusOn } from '../../ops/prescribing.ts';
import type { EvaluateAnswer } from '../queries.ts';
import { AuditedUseCases, type RequestContext } from './gate.ts';

export interface MyRegister {
  registrations: DispensaryRegistration[];
  decisions: CommissionDecision[];
}

export interface MyPrescription {
  prescription: Prescription;
  /** The pharmacies of the prescription's region, where it can be collected. */
  pharmacies: Organisation[];
}

export interface MyDispense {
  prescription: Pick<Prescription, 'number' | 'product' | 'unit'>;
  dispense: Dispense;
  /** The pharmacy's name, where the region lists it. */
  pharmacy: LocalizedText | null;
}

/** An item of the list whose answer for the patient differs across a change of the list. */
export interface ItemChangeForMe {
  item: string;
  diagnosis: string;
  before: ItemAnswer['status'] | 'none';
  after: ItemAnswer['status'] | 'none';
}

/** A change of the list that touches the patient: ahead (from `date`) or made lately (on `date`). */
export interface ListNotice {
  when: 'ahead' | 'since';
  date: IsoDate;
  items: ItemChangeForMe[];
  /** The acts that take (took) effect, from the list's diff. */
  acts: LocalizedText[];
}

export interface MyEntitlements {
  region: string | null;
  answer: EvaluateAnswer | null;
  notices: ListNotice[];
}

/** A change made this many days ago or less is still news. */
export const RECENT_CHANGE_DAYS = 90;

export class MyRecordsUseCases extends AuditedUseCases {
  /** Authorises `op` on the patient's own records and audits the read; the patient as read. */
  private async own(
    actor: Actor,
    op: Operation,
    ctx: RequestContext,
    detail: string,
  ): Promise<OpsResult<Patient>> {
    const patientId = actor.kind === 'patient' ? actor.patientId : undefined;
    const patient = patientId === undefined ? null : await this.storage.patient(patientId);
    const attachment = patient ? currentAttachment(patient.attachments) : null;
    const target = {
      region: attachment ? regionOfOrganisation(attachment.organisation) : '',
      organisation: attachment?.organisation ?? null,
      ...(patientId === undefined ? {} : { patient: patientId }),
    };
    const gate = await this.gate(actor, op, target, ctx, patientId ?? null);
    if (!gate.ok) return gate;
    if (!patient) return this.failed(actor, gate.decision, op, ctx, patientId ?? null, 'patient');
    await this.audited(actor, gate.decision, op, ctx, patient.id, detail);
    return { ok: true, value: patient };
  }

  private audited(
    actor: Actor,
    decision: Decision,
    op: Operation,
    ctx: RequestContext,
    patientRef: string,
    detail: string,
  ) {
    return this.storage.appendAudit(
      this.entry(actor, decision, op, 'allowed', ctx, { patientRef, detail }),
    );
  }

  /** The patient's registrations and commission decisions. */
  async register(actor: Actor, ctx: RequestContext): Promise<OpsResult<MyRegister>> {
    const patient = await this.own(actor, 'own.register.read', ctx, 'register');
    if (!patient.ok) return patient;
    return {
      ok: true,
      value: {
        registrations: await this.storage.registrationsOf(patient.value.id),
        decisions: await this.storage.commissionDecisionsOf(patient.value.id),
      },
    };
  }

  /** Prescriptions still active today (something left, valid), with where to collect them. */
  async activePrescriptions(
    actor: Actor,
    ctx: RequestContext,
  ): Promise<OpsResult<MyPrescription[]>> {
    const patient = await this.own(actor, 'own.prescriptions.read', ctx, 'active prescriptions');
    if (!patient.ok) return patient;
    const today = this.today();
    const stored = await this.storage.prescriptionsOf(patient.value.id, { from: null, to: null });
    const active = stored
      .map((p) => ({ ...p, status: statusOn(p.status, p.validTo, today) }))
      .filter((p) => p.status === 'active' && p.validFrom <= today);
    const pharmaciesOf = new Map<string, Organisation[]>();
    for (const region of new Set(active.map((p) => p.region))) {
      const all = await this.storage.listOrganisations(region);
      pharmaciesOf.set(
        region,
        all.filter((o) => o.kind === 'pharmacy'),
      );
    }
    return {
      ok: true,
      value: active.map((p) => ({ prescription: p, pharmacies: pharmaciesOf.get(p.region) ?? [] })),
    };
  }

  /** What was handed over against the patient's prescriptions, newest first. */
  async dispenses(actor: Actor, ctx: RequestContext): Promise<OpsResult<MyDispense[]>> {
    const patient = await this.own(actor, 'own.dispenses.read', ctx, 'dispensing history');
    if (!patient.ok) return patient;
    const stored = await this.storage.prescriptionsOf(patient.value.id, { from: null, to: null });
    const out: MyDispense[] = [];
    const names = new Map<string, LocalizedText>();
    for (const region of new Set(stored.map((p) => p.region))) {
      for (const o of await this.storage.listOrganisations(region)) {
        names.set(`${o.region}/${o.code}`, o.name);
      }
    }
    for (const p of stored) {
      for (const dispense of await this.storage.dispensing.dispenses(p.id)) {
        out.push({
          prescription: { number: p.number, product: p.product, unit: p.unit },
          dispense,
          pharmacy: names.get(dispense.pharmacy) ?? null,
        });
      }
    }
    out.sort((a, b) => (a.dispense.at < b.dispense.at ? 1 : -1));
    return { ok: true, value: out };
  }

  /**
   * The engine's answer today on the register's own facts (the builder issuing uses), and a
   * notice for each change of the list — the next known one, or one made lately — that changes
   * the answer for one of the patient's items. No change ahead or lately: no notice.
   */
  async entitlements(actor: Actor, ctx: RequestContext): Promise<OpsResult<MyEntitlements>> {
    const patient = await this.own(actor, 'own.entitlements.read', ctx, 'entitlements');
    if (!patient.ok) return patient;
    const { law } = this.deps;
    if (!law) return fail('OPS_INPUT', 'the law is not configured here');
    const current = law();
    const attachment = currentAttachment(patient.value.attachments);
    if (!attachment) return { ok: true, value: { region: null, answer: null, notices: [] } };
    const region = regionOfOrganisation(attachment.organisation);
    const register = {
      patient: patient.value,
      registrations: await this.storage.registrationsOf(patient.value.id),
      decisions: await this.storage.commissionDecisionsOf(patient.value.id),
    };
    const today = this.today();
    const answer = current.evaluate(factsFromRegister(register, region, today).facts);
    const evaluate = (facts: unknown) => current.evaluate(facts);
    const compare = (from: IsoDate, to: IsoDate): ItemChangeForMe[] => {
      const before = answerFromRegister(evaluate, register, region, from);
      const after = answerFromRegister(evaluate, register, region, to);
      if (!before || !after) return [];
      const keys = new Set([...before.items.keys(), ...after.items.keys()]);
      const changed: ItemChangeForMe[] = [];
      for (const key of keys) {
        const b = before.items.get(key);
        const a = after.items.get(key);
        if (b?.status === a?.status) continue;
        const some = (a ?? b) as ItemAnswer;
        changed.push({
          item: some.item,
          diagnosis: some.diagnosis,
          before: b?.status ?? 'none',
          after: a?.status ?? 'none',
        });
      }
      return changed;
    };
    const notices: ListNotice[] = [];
    const { ahead, since } = current.listChanges(region, today);
    const actsBetween = (from: IsoDate, to: IsoDate) =>
      (current.diff(region, from, to)?.acts ?? []).map((a) => a.label);
    if (ahead) {
      const items = compare(today, ahead);
      if (items.length > 0) {
        notices.push({ when: 'ahead', date: ahead, items, acts: actsBetween(today, ahead) });
      }
    }
    if (since && since > addDays(today, -RECENT_CHANGE_DAYS)) {
      const dayBefore = addDays(since, -1);
      const items = compare(dayBefore, today);
      if (items.length > 0) {
        notices.push({ when: 'since', date: since, items, acts: actsBetween(dayBefore, since) });
      }
    }
    return { ok: true, value: { region, answer, notices } };
  }
}

/**
 * Whom a read of a patient's records is checked against: the organisation the patient is
 * attached to now (the last one where no period is open), as `patient.read` does.
 */
import { currentAttachment } from '../../ops/attachment.ts';
import type { Patient } from '../../ops/model.ts';
import type { Actor, Target } from '../../ops/permissions.ts';
import { regionOfOrganisation } from '../../ops/facts.ts';

export function attachmentTarget(patient: Patient): Target | null {
  const attachment = currentAttachment(patient.attachments) ?? patient.attachments.at(-1) ?? null;
  if (!attachment) return null;
  return {
    region: regionOfOrganisation(attachment.organisation),
    organisation: attachment.organisation,
  };
}

/** The account that acts: staff only reach the clinical writes (the table bars the operator). */
export function accountOf(actor: Actor): string {
  if (actor.kind !== 'staff') throw new Error('clinical records are written by staff accounts');
  return actor.accountId;
}

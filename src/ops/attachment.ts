/**
 * Attachment history: a change of attachment closes the open period on the day
 * the new one starts and appends the new one; nothing is ever deleted (a
 * transfer, not a deletion — the attached-population register).
 */
import type { IsoDate } from '../domain/date.ts';
import type { Attachment } from './model.ts';

export type AttachmentChange =
  | { ok: true; history: Attachment[]; closed: Attachment | null; opened: Attachment }
  | { ok: false; code: 'already_attached' | 'before_current'; message: string };

export function currentAttachment(history: readonly Attachment[]): Attachment | null {
  return history.find((a) => a.to === null) ?? null;
}

/** The attachment in force on `date`, if any. */
export function attachmentOn(history: readonly Attachment[], date: IsoDate): Attachment | null {
  return history.find((a) => a.from <= date && (a.to === null || date < a.to)) ?? null;
}

export function changeAttachment(
  history: readonly Attachment[],
  organisation: string,
  from: IsoDate,
): AttachmentChange {
  const open = currentAttachment(history);
  const opened: Attachment = { organisation, from, to: null };
  if (!open) return { ok: true, history: [...history, opened], closed: null, opened };
  if (open.organisation === organisation) {
    return {
      ok: false,
      code: 'already_attached',
      message: `already attached to ${organisation} since ${open.from}`,
    };
  }
  if (from <= open.from) {
    return {
      ok: false,
      code: 'before_current',
      message: `the new attachment must start after the current one (${open.from})`,
    };
  }
  const closed: Attachment = { ...open, to: from };
  return {
    ok: true,
    history: history.map((a) => (a === open ? closed : a)).concat(opened),
    closed,
    opened,
  };
}

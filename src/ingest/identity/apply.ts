/**
 * Where the identity reading corrects the header reading: a header line that is an editorial
 * note or names another act ("Ескерту. Күші жойылды - … № 236/22 … шешімімен") is not the act's
 * identity, so its date and number are dropped; a text that is not a maslikhat decision, or not
 * a list, says what it is.
 */
import type { ActHeader } from '../metadata.ts';
import type { ImportIssue } from '../model.ts';
import type { ActIdentity } from './model.ts';

export function applyIdentity(
  identity: ActIdentity,
  header: ActHeader,
  issues: ImportIssue[],
): void {
  const self = identity.self;
  const line = self?.line ?? header.lines?.[0];
  if (
    header.adopted &&
    header.number &&
    (self?.date !== header.adopted || self.number !== header.number)
  ) {
    const other = identity.relations.find(
      (r) => r.date === header.adopted && r.number === header.number,
    );
    const recovered = Boolean(self?.date && self.number);
    issues.push({
      code: 'PARSE_METADATA',
      // When the act's own header was found, the reading is corrected, not lost: say so, as a warning.
      severity: recovered ? 'warning' : 'error',
      ...(header.lines ? { line: header.lines[0] } : {}),
      message: `the line read as the act's header names ${other ? `another act (${other.type} ${header.adopted} № ${header.number})` : `${header.adopted} № ${header.number}`}, not the act itself${self ? `; the act's own header says ${self.date ?? '?'} № ${self.number ?? '?'}${recovered ? ', which is used' : ''}` : '; the text does not give its own header'}`,
    });
    header.adopted = self?.date ?? null;
    header.number = self?.number ?? null;
  }
  const registration = self?.registration;
  if (registration && !header.registration) {
    header.registration = { number: registration.number, date: registration.date, body: null };
    const missing = issues.findIndex(
      (i) => i.code === 'PARSE_METADATA' && i.message.startsWith('no state registration'),
    );
    if (missing >= 0) issues.splice(missing, 1);
  }
  if (identity.kind === 'not-a-maslikhat-act' || identity.kind === 'other-maslikhat-decision')
    issues.push({
      code: identity.kind === 'not-a-maslikhat-act' ? 'PARSE_NOT_A_DECISION' : 'PARSE_NOT_A_LIST',
      severity: 'error',
      ...(line ? { line } : {}),
      message: `the text is ${identity.kind}: ${identity.kindReason}`,
    });
}

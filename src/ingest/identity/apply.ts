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
    issues.push({
      code: 'PARSE_METADATA',
      severity: 'error',
      ...(header.lines ? { line: header.lines[0] } : {}),
      message: `the line read as the act's header names ${other ? `another act (${other.type} ${header.adopted} № ${header.number})` : `${header.adopted} № ${header.number}`}, not the act itself${self ? `; the act's own header says ${self.date ?? '?'} № ${self.number ?? '?'}` : '; the text does not give its own header'}`,
    });
    header.adopted = self?.date ?? null;
    header.number = self?.number ?? null;
  }
  if (identity.kind === 'not-a-maslikhat-act' || identity.kind === 'other-maslikhat-decision')
    issues.push({
      code: identity.kind === 'not-a-maslikhat-act' ? 'PARSE_NOT_A_DECISION' : 'PARSE_NOT_A_LIST',
      severity: 'error',
      ...(line ? { line } : {}),
      message: `the text is ${identity.kind}: ${identity.kindReason}`,
    });
}

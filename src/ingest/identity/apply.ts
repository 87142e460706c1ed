/**
 * Where the identity reading corrects the header reading: a header line that is an editorial
 * note or names another act ("Ескерту. Күші жойылды - … № 236/22 … шешімімен") is not the act's
 * identity, so its date and number are dropped; a header the older reading could not take apart
 * ("… N 117/18-IV Шешімі", no "№") is taken from the act's own header sentence; an excerpt
 * without its header says exactly that, and where it begins; a text that is not a maslikhat
 * decision, or not a list, says what it is — once.
 */
import type { ActHeader } from '../metadata.ts';
import type { ImportIssue, SourceLine } from '../model.ts';
import type { ActIdentity } from './model.ts';

/** The older header reading's own complaints, replaced by what the identity stage knows. */
const HEADER_NOT_FOUND = (i: ImportIssue): boolean => i.code === 'PARSE_NOT_A_DECISION';
const HEADER_INCOMPLETE = (i: ImportIssue): boolean =>
  i.code === 'PARSE_METADATA' && i.message.startsWith('the decision line does not give');

function drop(issues: ImportIssue[], which: (i: ImportIssue) => boolean): void {
  for (let k = issues.length - 1; k >= 0; k--)
    if (which(issues[k] as ImportIssue)) issues.splice(k, 1);
}

export function applyIdentity(
  identity: ActIdentity,
  header: ActHeader,
  issues: ImportIssue[],
  lines: readonly SourceLine[] = [],
): void {
  const self = identity.self;
  const line = self?.line ?? header.lines?.[0];
  const own = self?.date && self.number ? { date: self.date, number: self.number } : null;
  if (
    header.adopted &&
    header.number &&
    (own?.date !== header.adopted || own.number !== header.number)
  ) {
    const other = identity.relations.find(
      (r) => r.date === header.adopted && r.number === header.number,
    );
    issues.push({
      code: 'PARSE_METADATA',
      // When the act's own header was found, the reading is corrected, not lost: say so, as a warning.
      severity: own ? 'warning' : 'error',
      ...(header.lines ? { line: header.lines[0] } : {}),
      message: `the line read as the act's header names ${other ? `another act (${other.type} ${header.adopted} № ${header.number})` : `${header.adopted} № ${header.number}`}, not the act itself${self ? `; the act's own header says ${self.date ?? '?'} № ${self.number ?? '?'}${own ? ', which is used' : ''}` : `; ${missingHeader(identity, lines)}`}`,
    });
    header.adopted = own?.date ?? null;
    header.number = own?.number ?? null;
  } else if (own && (!header.adopted || !header.number)) {
    // The identity stage read the act's own header where the older reading found none or only part.
    drop(issues, (i) => HEADER_NOT_FOUND(i) || HEADER_INCOMPLETE(i));
    header.adopted = own.date;
    header.number = own.number;
    header.lines ??= [line ?? 1, line ?? 1];
  }
  const registration = self?.registration;
  if (registration && !header.registration) {
    header.registration = { number: registration.number, date: registration.date, body: null };
    drop(
      issues,
      (i) => i.code === 'PARSE_METADATA' && i.message.startsWith('no state registration'),
    );
  }
  const isMaslikhatAct = identity.kind !== 'not-a-maslikhat-act';
  if (!self && isMaslikhatAct && issues.some(HEADER_NOT_FOUND)) {
    // An excerpt of a maslikhat decision that starts after its header: say so precisely.
    drop(issues, HEADER_NOT_FOUND);
    issues.push({
      code: 'PARSE_METADATA',
      severity: 'error',
      line: firstLine(lines)?.n ?? 1,
      message: missingHeader(identity, lines),
    });
  }
  if (identity.kind === 'not-a-maslikhat-act' || identity.kind === 'other-maslikhat-decision') {
    if (identity.kind === 'not-a-maslikhat-act') drop(issues, HEADER_NOT_FOUND);
    issues.push({
      code: identity.kind === 'not-a-maslikhat-act' ? 'PARSE_NOT_A_DECISION' : 'PARSE_NOT_A_LIST',
      severity: 'error',
      ...(line ? { line } : {}),
      message: `the text is ${identity.kind}: ${identity.kindReason}`,
    });
  }
}

function firstLine(lines: readonly SourceLine[]): SourceLine | undefined {
  return lines.find((l) => !l.blank && !l.text.trim().startsWith('#'));
}

/** "the text does not give the act's own header …: it begins at line 4 with an editorial note". */
export function missingHeader(identity: ActIdentity, lines: readonly SourceLine[]): string {
  const first = firstLine(lines);
  const text = first?.text.trim() ?? '';
  const what = !first
    ? null
    : identity.notes.some((n) => n.line === first.n)
      ? 'an editorial note'
      : /^\d+\.\s/u.test(text)
        ? `point ${/^(\d+)/u.exec(text)?.[1] ?? ''}`
        : /ШЕШІМ\s+(?:ҚАБЫЛДАДЫ|ЕТТІ|ЕТЕДІ)|ШЕШТІ|РЕШИЛ/u.test(text)
          ? 'the preamble'
          : `"${text.slice(0, 60)}"`;
  const region = identity.region
    ? `; the region (${identity.region.code}) is read from "${identity.region.written}"`
    : '';
  return `the text does not give the act's own header (issuer, adoption date and number)${what ? `: it begins at line ${first?.n} with ${what}` : ''}${region}; no draft can name the act without it — import the whole text`;
}

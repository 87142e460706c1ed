/**
 * A use case's failure on a staff page: the permission table's refusal is a 403 page, a record
 * that is not there a 404 page, both in the page's language; anything else goes back to the
 * form with an error summary naming each field in the page's language and saying why in it
 * too: the issue's catalogued reason with its values (src/web/staff/i18n/reasons.ts), else the
 * code's general sentence with the use case's English detail beside it, marked `lang="en"`.
 */
import { UNMET, UNMET_LABELS, type Unmet } from '../../domain/explain.ts';
import type { OpsIssue } from '../../ops/issues.ts';
import type { StaffContext, Who } from './context.ts';
import { ProblemPage } from './layout.tsx';
import { issueSentence } from './i18n/reasons.ts';

type Field = keyof StaffContext['s']['problems']['field'];

/** The 403 or 404 page for a refusal or a missing record, else null (the form answers). */
export function problemPage(
  p: StaffContext,
  who: Who | null,
  issues: readonly OpsIssue[],
  recordFields: readonly string[] = ['id', 'patientId', 'prescriptionId'],
): Response | null {
  if (issues.some((i) => i.code === 'AUTH_REFUSED')) {
    return p.html(<ProblemPage p={p} who={who} kind="refused" />, 403);
  }
  const missing = issues.find(
    (i) => i.code === 'OPS_NOT_FOUND' && recordFields.includes(String(i.path[0])),
  );
  if (missing) return p.html(<ProblemPage p={p} who={who} kind="notFound" />, 404);
  return null;
}

/** The HTTP status a form answers a failure with. */
export function statusOf(issues: readonly OpsIssue[]): number {
  const code = issues[0]?.code;
  if (code === 'OPS_NOT_ENTITLED' || code === 'OPS_IDEMPOTENCY_MISMATCH') return 422;
  if (code === 'OPS_CONFLICT') return 409;
  if (code === 'OPS_NOT_FOUND') return 404;
  return 400;
}

const isUnmet = (x: unknown): x is Unmet => UNMET.includes(x as Unmet);

/** The error summary of a form: what is wrong, field by field. */
export function ErrorSummary(props: { p: StaffContext; issues: readonly OpsIssue[] }) {
  const { p, issues } = props;
  if (issues.length === 0) return null;
  const s = p.s.problems;
  const unmet = issues.map((i) => i.path[1]).filter(isUnmet);
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{unmet.length > 0 ? p.s.rx.refused : s.summary}</h2>
      {unmet.length > 0 ? (
        <p>
          {p.s.rx.missingFact}{' '}
          <strong>{unmet.map((u) => UNMET_LABELS[u][p.lang]).join('; ')}</strong>
        </p>
      ) : null}
      <ul>
        {issues.map((i) => {
          const head = String(i.path[0] ?? 'other');
          const label = head in s.field ? s.field[head as Field] : s.field.other;
          return (
            <li>
              <strong>{label}:</strong> <IssueText p={p} issue={i} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Why an issue failed, in the page's language (the English detail too when only general). */
export function IssueText(props: { p: StaffContext; issue: OpsIssue }) {
  const { text, general } = issueSentence(props.p.lang, props.issue);
  if (!general) return <span>{text}</span>;
  return (
    <span>
      {text} <small lang="en">({props.issue.message})</small>
    </span>
  );
}

/**
 * Search parameters of the operations resources, parsed and validated into a typed query
 * (`parseSearch`), or an OperationOutcome naming each parameter at fault (location
 * `http.<name>`, code HTTP_INVALID). Strict: an unknown parameter is an error, not ignored,
 * so a client never believes a filter was applied when it was not. A value that looks like
 * an IIN is refused everywhere but Patient?identifier, and no message repeats it.
 */
import { assertNever } from '../../domain/effective.ts';
import { compareDates, dateProblem, type IsoDate } from '../../domain/date.ts';
import { operationOutcomeOf, type OutcomeIssue } from '../operation-outcome.ts';
import {
  COUNT_DEFAULT,
  COUNT_MAX,
  SEARCH_PARAMS,
  type ParamSpec,
  type SearchType,
} from './search-params.ts';
import type { OperationOutcome } from './types.ts';

export const DATE_PREFIXES = ['eq', 'gt', 'lt', 'ge', 'le'] as const;
export type DatePrefix = (typeof DATE_PREFIXES)[number];
export interface DateBound {
  prefix: DatePrefix;
  date: IsoDate;
}

type Spec<T extends SearchType> = (typeof SEARCH_PARAMS)[T];
type ValueOf<S> = S extends { kind: 'date' }
  ? DateBound[]
  : S extends { kind: 'token'; values: readonly (infer V)[] }
    ? V[]
    : string;
export type SearchParams<T extends SearchType> = {
  -readonly [K in keyof Spec<T>]?: ValueOf<Spec<T>[K]>;
};

export interface SearchQuery<T extends SearchType> {
  type: T;
  params: SearchParams<T>;
  /** Page size, 0–100 (default 20). */
  count: number;
  /** Matches skipped before the page. */
  offset: number;
}

export type SearchParse<T extends SearchType> =
  | { ok: true; value: SearchQuery<T> }
  | { ok: false; issues: OutcomeIssue[]; outcome: OperationOutcome };

/** What a route hands over: the URL's query, or the form body of POST `_search`. */
export type SearchInput = URLSearchParams | Record<string, string | readonly string[]>;

const OFFSET_MAX = 1_000_000;
const LOOKS_LIKE_IIN = /^\d{12}$/;
/** Accepted and ignored: the server answers JSON whatever is asked. */
const IGNORED = new Set(['_format']);

function entriesOf(input: SearchInput): [string, string][] {
  if (input instanceof URLSearchParams) return [...input.entries()];
  return Object.entries(input).flatMap(([name, value]) =>
    (typeof value === 'string' ? [value] : value).map((v): [string, string] => [name, v]),
  );
}

export function parseSearch<T extends SearchType>(type: T, input: SearchInput): SearchParse<T> {
  const specs: Record<string, ParamSpec> = SEARCH_PARAMS[type];
  const issues: OutcomeIssue[] = [];
  const problem = (name: string, message: string) =>
    issues.push({ code: 'HTTP_INVALID', path: name, message });
  const params: Record<string, unknown> = {};
  let count = COUNT_DEFAULT;
  let offset = 0;
  const seen = new Set<string>();

  for (const [name, raw] of entriesOf(input)) {
    const value = raw.trim();
    if (IGNORED.has(name)) continue;
    if (name === '_count' || name === '_offset') {
      const max = name === '_count' ? COUNT_MAX : OFFSET_MAX;
      const n = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
      if (seen.has(name)) problem(name, `${name} is given more than once`);
      else if (!(n <= max)) problem(name, `${name} must be a whole number from 0 to ${max}`);
      else if (name === '_count') count = n;
      else offset = n;
      seen.add(name);
      continue;
    }
    const spec = specs[name];
    if (spec === undefined) {
      const known = [...Object.keys(specs), '_count', '_offset'].join(', ');
      problem(
        name,
        `${type} has no search parameter ${name.includes(':') ? `or modifier ${name}` : name}; it has ${known}`,
      );
      continue;
    }
    const isSecret = spec.kind === 'identifier' && spec.secret;
    if (!isSecret && LOOKS_LIKE_IIN.test(value.split('|').pop() ?? '')) {
      problem(
        name,
        `${name} looks like an IIN: an IIN is accepted only as Patient?identifier (POST Patient/_search), everything else takes internal ids`,
      );
      continue;
    }
    if (spec.kind !== 'date' && seen.has(name)) {
      problem(name, `${name} is given more than once: separate alternatives with commas`);
      continue;
    }
    seen.add(name);
    const parsed = parseValue(name, spec, value);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed)
      problem(name, parsed.error);
    else if (spec.kind === 'date')
      params[name] = [...((params[name] as DateBound[] | undefined) ?? []), parsed];
    else params[name] = parsed;
  }

  if (issues.length > 0) return { ok: false, issues, outcome: searchOutcomeOf(issues) };
  return { ok: true, value: { type, params: params as SearchParams<T>, count, offset } };
}

type Parsed = string | string[] | DateBound | { error: string };

function parseValue(name: string, spec: ParamSpec, value: string): Parsed {
  switch (spec.kind) {
    case 'reference': {
      const id = value.startsWith(`${spec.target}/`) ? value.slice(spec.target.length + 1) : value;
      return spec.id.test(id)
        ? id
        : { error: `${name} must be a ${spec.target} by internal id (${spec.target}/<id>)` };
    }
    case 'token': {
      const codes = value.split(',').map((v) => {
        const bar = v.lastIndexOf('|');
        return { system: bar < 0 ? null : v.slice(0, bar), code: v.slice(bar + 1) };
      });
      const bad = codes.filter(
        (c) =>
          !spec.values.includes(c.code) ||
          (c.system !== null && c.system !== '' && c.system !== spec.system),
      );
      if (bad.length > 0) {
        return {
          error: `${name} takes ${spec.values.join(', ')}${spec.system ? ` (system ${spec.system})` : ''}; not ${bad.map((c) => c.code || '(empty)').join(', ')}`,
        };
      }
      return [...new Set(codes.map((c) => c.code))];
    }
    case 'identifier': {
      const bar = value.lastIndexOf('|');
      const system = bar < 0 ? null : value.slice(0, bar);
      const id = value.slice(bar + 1);
      if (system !== null && system !== spec.system)
        return { error: `${name} takes the system ${spec.system}` };
      // The message never repeats the value: it may be an IIN.
      const wrong = spec.validate(id);
      return wrong === null ? id : { error: `${name}: ${wrong}` };
    }
    case 'string': {
      const wrong = spec.validate(value);
      return wrong === null ? value : { error: `${name}: ${wrong}` };
    }
    case 'date': {
      const match = /^([a-z]{2})?(.*)$/.exec(value);
      const prefix = match?.[1] ?? 'eq';
      const text = match?.[2] ?? '';
      if (!(DATE_PREFIXES as readonly string[]).includes(prefix)) {
        return {
          error: `${name}: the prefix ${prefix} is not supported; use ${DATE_PREFIXES.join(', ')}`,
        };
      }
      const wrong = dateProblem(text);
      return wrong === null
        ? { prefix: prefix as DatePrefix, date: text as IsoDate }
        : { error: `${name}: ${wrong} (expected YYYY-MM-DD after an optional prefix)` };
    }
    default:
      return assertNever(spec);
  }
}

/** The OperationOutcome of search problems: each located at `http.<parameter>`, as R4 says for HTTP parameters. */
export function searchOutcomeOf(issues: readonly OutcomeIssue[]): OperationOutcome {
  const outcome = operationOutcomeOf(issues.map((i) => ({ ...i, path: '' })));
  return {
    ...outcome,
    issue: outcome.issue.map((issue, n) => ({
      ...issue,
      location: [`http.${String(issues[n]?.path)}`],
    })),
  };
}

/** Whether a day satisfies every bound (the bounds of one parameter are ANDed). */
export function matchesDateBounds(bounds: readonly DateBound[] | undefined, day: IsoDate): boolean {
  return (bounds ?? []).every(({ prefix, date }) => {
    const c = compareDates(day, date);
    switch (prefix) {
      case 'eq':
        return c === 0;
      case 'gt':
        return c > 0;
      case 'lt':
        return c < 0;
      case 'ge':
        return c >= 0;
      case 'le':
        return c <= 0;
      default:
        return assertNever(prefix);
    }
  });
}

/**
 * The model's values whose FHIR value is asked for, from a mapping table: `stopped` →
 * prescriptions `expired`. Undefined when the parameter was not given (no filter).
 */
export function modelValuesOf<M extends string, F extends string>(
  table: Record<M, F | null>,
  asked: readonly F[] | undefined,
): M[] | undefined {
  if (asked === undefined) return undefined;
  return (Object.keys(table) as M[]).filter((m) => {
    const f = table[m];
    return f !== null && asked.includes(f);
  });
}

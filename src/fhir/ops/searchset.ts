/**
 * A page of search results as a searchset Bundle (through `searchsetBundleOf`), with the
 * total of all matches and `self`, `previous` and `next` links built from the parsed query —
 * never from the request's URL, so a link never carries an IIN (Patient?identifier is left
 * out of links; docs/adr/0014).
 */
import { assertNever } from '../../domain/effective.ts';
import { searchsetBundleOf } from '../bundle.ts';
import { SEARCH_PARAMS, type ParamSpec, type SearchType } from './search-params.ts';
import type { DateBound, SearchQuery } from './search.ts';
import type { Bundle, Resource } from './types.ts';

function paramPairs(query: SearchQuery<SearchType>): [string, string][] {
  const specs: Record<string, ParamSpec> = SEARCH_PARAMS[query.type];
  const values = query.params as Record<string, unknown>;
  return Object.entries(specs).flatMap(([name, spec]): [string, string][] => {
    const value = values[name];
    if (value === undefined) return [];
    switch (spec.kind) {
      case 'reference':
        return [[name, name === '_id' ? String(value) : `${spec.target}/${String(value)}`]];
      case 'token':
        return [[name, (value as string[]).join(',')]];
      case 'identifier':
        return spec.secret ? [] : [[name, `${spec.system}|${String(value)}`]];
      case 'string':
        return [[name, String(value)]];
      case 'date':
        return (value as DateBound[]).map((b): [string, string] => [name, `${b.prefix}${b.date}`]);
      default:
        return assertNever(spec);
    }
  });
}

/** The URL of `query` at `offset`, under `baseUrl` (no trailing slash). */
export function searchUrlOf(
  query: SearchQuery<SearchType>,
  baseUrl: string,
  offset: number = query.offset,
): string {
  const search = new URLSearchParams([
    ...paramPairs(query),
    ['_count', String(query.count)],
    ...(offset > 0 ? [['_offset', String(offset)] as [string, string]] : []),
  ]);
  return `${baseUrl}/${query.type}?${search.toString()}`;
}

/**
 * @param page the matches of this page (at most `query.count`)
 * @param total how many match in all
 */
export function searchsetOf<T extends SearchType>(
  query: SearchQuery<T>,
  page: readonly Resource[],
  total: number,
  baseUrl: string,
): Bundle {
  const bundle = searchsetBundleOf(page, searchUrlOf(query, baseUrl), baseUrl);
  const { count, offset } = query;
  const previous = offset > 0 && count > 0 ? Math.max(0, offset - count) : null;
  const next = count > 0 && offset + count < total ? offset + count : null;
  return {
    ...bundle,
    total,
    link: [
      ...(bundle.link ?? []),
      ...(previous === null
        ? []
        : [{ relation: 'previous', url: searchUrlOf(query, baseUrl, previous) }]),
      ...(next === null ? [] : [{ relation: 'next', url: searchUrlOf(query, baseUrl, next) }]),
    ],
  };
}

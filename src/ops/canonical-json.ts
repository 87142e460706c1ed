/**
 * Canonical JSON for hashing: object keys sorted by code unit, no whitespace,
 * only JSON values (no undefined, NaN or Infinity), so the same record always
 * hashes the same on every writer and verifier.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: Json): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON has finite numbers only');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys
    .map((k) => {
      const v = value[k];
      if (v === undefined) throw new Error(`canonical JSON: "${k}" is undefined`);
      return `${JSON.stringify(k)}:${canonicalJson(v)}`;
    })
    .join(',')}}`;
}

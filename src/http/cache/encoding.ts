/**
 * Content coding: which of br, gzip or none a client accepts (RFC 9110 §12.5.3,
 * q-values honoured, br preferred), and compressing a body once. Only text
 * types above a threshold are compressed: small bodies gain nothing and
 * already-compressed formats (images, archives) would grow.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const ENCODINGS = ['br', 'gzip', 'identity'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Bodies smaller than this are sent as they are. */
export const COMPRESS_MIN_BYTES = 1024;

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|[\w.+-]+\+json|[\w.+-]+\+xml))/i;

export function isCompressible(contentType: string | null | undefined, bytes: number): boolean {
  return bytes >= COMPRESS_MIN_BYTES && COMPRESSIBLE.test(contentType ?? '');
}

/** The coding to send for this Accept-Encoding header: br, then gzip, else identity. */
export function negotiateEncoding(header: string | null | undefined): Encoding {
  if (!header) return 'identity';
  let br = false;
  let gzip = false;
  let star = false;
  const refused = new Set<string>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    const accepted = q === undefined || Number(q) > 0;
    const token = name.trim();
    if (!accepted) refused.add(token);
    else if (token === 'br') br = true;
    else if (token === 'gzip' || token === 'x-gzip') gzip = true;
    else if (token === '*') star = true;
  }
  if ((br || star) && !refused.has('br')) return 'br';
  if ((gzip || star) && !refused.has('gzip')) return 'gzip';
  return 'identity';
}

/**
 * `bytes` in `encoding`. A cached body is compressed once per version, but a
 * client can ask for new keys at will, so the setting stays cheap: on a 134 KB
 * region page br 6 took ≈ 2–9 ms for 11.8 KB where br 9 took ≈ 70 ms for 11.5 KB
 * and br 11 ≈ 700 ms for 10.4 KB (measured here). An answer compressed for one
 * request only (`fast`) uses br 4 / gzip 4.
 */
export function encode(
  bytes: Buffer,
  encoding: Exclude<Encoding, 'identity'>,
  { fast = false }: { fast?: boolean } = {},
): Buffer {
  if (encoding === 'gzip') return gzipSync(bytes, { level: fast ? 4 : 6 });
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: fast ? 4 : 6,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

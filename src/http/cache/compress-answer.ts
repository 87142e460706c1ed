/**
 * Compression of the answers the public cache does not keep (the checker's
 * pages, problem pages, entitlements): one buffer, encoded once with a fast
 * setting and sent with its Content-Length — not a stream rebuilt around the
 * response as `hono/compress` does. Cached answers arrive already encoded and
 * pass through untouched.
 */
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { encode, isCompressible, negotiateEncoding } from './encoding.ts';
import { sendBytes } from './send.ts';

/** Hop-by-hop or recomputed here; everything else the route set is kept. */
const RECOMPUTED = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'vary']);

export function compressAnswers(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    // Status and headers only: reading `res.body` would turn the node adapter's ready
    // buffer into a stream for every response that passes by.
    if (res.status < 200 || res.status === 204 || res.status === 304) return;
    if (res.headers.has('content-encoding')) return;
    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    if (encoding === 'identity') return;
    const length = Number(res.headers.get('content-length') ?? Infinity);
    if (!isCompressible(res.headers.get('content-type'), length)) return;
    const bytes = Buffer.from(await res.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const [name, value] of res.headers) if (!RECOMPUTED.has(name)) headers[name] = value;
    headers.vary = mergeVary(res.headers.get('vary'));
    const body = isCompressible(headers['content-type'], bytes.length)
      ? encode(bytes, encoding, { fast: true })
      : bytes;
    if (body !== bytes) headers['content-encoding'] = encoding;
    c.res = undefined;
    c.res = sendBytes(c, res.status as ContentfulStatusCode, body, headers);
  };
}

function mergeVary(vary: string | null): string {
  const names = (vary ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return names.some((n) => n.toLowerCase() === 'accept-encoding')
    ? names.join(', ')
    : [...names, 'Accept-Encoding'].join(', ');
}

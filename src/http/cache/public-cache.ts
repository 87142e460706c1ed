/**
 * Public answers rendered once per registry version and sent as ready bytes.
 *
 * A GET of a public route (./routes.ts) is keyed by what its body depends on:
 * the registry version, today in Kazakhstan (answers without `?date=`), the
 * full URL (origin, path and query exactly as sent — pages echo the query in
 * their links) and, for FHIR, the answer language negotiated from
 * Accept-Language. The first request renders; the bytes, and each compressed
 * variant when first asked for, are kept in a byte-bounded LRU. The strong
 * ETag is derived from the key and the content coding, so a conditional GET is
 * answered 304 without rendering or hashing a body, and two different bodies
 * never share a tag. A new registry version empties the cache.
 */
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { langOfAcceptLanguage } from '../accept-language.ts';
import { ByteLru } from './byte-lru.ts';
import { encode, isCompressible, negotiateEncoding, type Encoding } from './encoding.ts';
import { publicClassOf, type PublicClass } from './routes.ts';
import { sendBytes } from './send.ts';

export interface PublicCacheOptions {
  /** Most bytes the cache may hold (bodies, their compressed variants and keys). */
  budget: number;
  /** The registry version being served; a change empties the cache. */
  version: () => { id: number; contentHash: string };
  /** Today in Kazakhstan: the date of every answer asked without one. */
  today: () => string;
  /** Seconds a browser or shared cache may reuse an answer without asking. */
  maxAge?: number;
}

interface Entry {
  type: string;
  cacheControl: string;
  /** Headers the route set beyond those this layer owns, replayed on every hit. */
  extra: [string, string][];
  bodies: { identity: Buffer } & Partial<Record<Encoding, Buffer>>;
}

/** Set by this layer on every cached answer, never replayed from the route's response. */
const OWN = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'etag',
  'cache-control',
  'vary',
  'x-request-id',
  'set-cookie',
  'date',
  'transfer-encoding',
]);

/** A fixed cost per entry for the Map slot and the entry object. */
const ENTRY_OVERHEAD = 256;

export function publicCache(options: PublicCacheOptions): MiddlewareHandler & {
  cache: ByteLru<Entry>;
} {
  const cache = new ByteLru<Entry>(options.budget);
  const cacheControl = `public, max-age=${options.maxAge ?? 300}`;
  let servedVersion = '';

  const middleware: MiddlewareHandler = async (c, next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const kind = publicClassOf(c.req.path);
    if (kind === null) return next();

    const { id, contentHash } = options.version();
    const version = `${id}.${contentHash.slice(0, 12)}`;
    if (version !== servedVersion) {
      cache.clear();
      servedVersion = version;
    }
    const key = keyOf(c, kind, options.today());
    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    const headers = {
      etag: etagOf(version, key, encoding),
      'cache-control': cacheControl,
      vary: kind === 'fhir' ? 'Accept-Encoding, Accept-Language' : 'Accept-Encoding',
    };
    let entry = cache.get(key);
    if (matches(c.req.header('if-none-match'), headers.etag)) {
      return c.body(null, 304, {
        ...headers,
        'cache-control': entry?.cacheControl ?? cacheControl,
      });
    }

    if (!entry) {
      await next();
      const res = c.res;
      if (res.status !== 200 || /no-store|private/.test(res.headers.get('cache-control') ?? '')) {
        return;
      }
      entry = await entryFrom(res, cacheControl);
      cache.set(key, entry, ENTRY_OVERHEAD + key.length * 2 + entry.bodies.identity.length);
      // Dropped first, so that Hono does not merge (and re-stream) the handler's response.
      c.res = undefined;
    }
    const body = bodyIn(cache, key, entry, encoding);
    const response = sendBytes(c, 200, body.bytes, {
      ...Object.fromEntries(entry.extra),
      'content-type': entry.type,
      ...headers,
      'cache-control': entry.cacheControl,
      ...(body.encoding === 'identity' ? {} : { 'content-encoding': body.encoding }),
    });
    if (c.finalized) c.res = response;
    return response;
  };
  return Object.assign(middleware, { cache });
}

/** What is kept of a route's answer: its bytes, type, sharing and other headers. */
async function entryFrom(res: Response, cacheControl: string): Promise<Entry> {
  const routeCacheControl = res.headers.get('cache-control');
  return {
    type: res.headers.get('content-type') ?? 'application/octet-stream',
    // A route that says how long its answer is shareable (hashed assets: a year) is kept.
    cacheControl: routeCacheControl?.startsWith('public') ? routeCacheControl : cacheControl,
    extra: [...res.headers].filter(([name]) => !OWN.has(name)),
    bodies: { identity: Buffer.from(await res.arrayBuffer()) },
  };
}

function keyOf(c: Context, kind: PublicClass, today: string): string {
  const lang = kind === 'fhir' ? langOfAcceptLanguage(c.req.header('accept-language')) : '-';
  return `${today} ${lang} ${c.req.url}`;
}

/** Strong: one tag per (version, key, coding), so no two different bodies share one. */
function etagOf(version: string, key: string, encoding: Encoding): string {
  const digest = createHash('sha256').update(key).digest('base64url').slice(0, 22);
  return `"${version}-${digest}-${encoding}"`;
}

/** If-None-Match (RFC 9110 §13.1.2): a list of tags, compared weakly. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** The body in the coding asked for, compressed on first use and kept beside the others. */
function bodyIn(
  cache: ByteLru<Entry>,
  key: string,
  entry: Entry,
  encoding: Encoding,
): { bytes: Buffer; encoding: Encoding } {
  const identity = entry.bodies.identity;
  if (encoding === 'identity' || !isCompressible(entry.type, identity.length)) {
    return { bytes: identity, encoding: 'identity' };
  }
  let bytes = entry.bodies[encoding];
  if (!bytes) {
    bytes = encode(identity, encoding);
    entry.bodies[encoding] = bytes;
    cache.grow(key, bytes.length);
  }
  return { bytes, encoding };
}

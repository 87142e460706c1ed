/**
 * The one way ready bytes leave: a Uint8Array body with its Content-Length
 * given, so the node adapter neither measures a string (Buffer.byteLength over
 * the whole body) nor encodes one on write, for JSON and HTML alike.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export function sendBytes(
  c: Context,
  status: ContentfulStatusCode,
  bytes: Buffer,
  headers: Record<string, string>,
): Response {
  // Buffer.from/concat and zlib never return SharedArrayBuffer-backed memory.
  const body = bytes as Uint8Array<ArrayBuffer>;
  return c.body(body, status, { ...headers, 'content-length': String(bytes.length) });
}

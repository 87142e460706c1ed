/**
 * JSON serialisation that reuses the bytes of frozen (immutable, shared)
 * objects: citations, products, populations and explanations recur in every
 * answer, so their UTF-8 JSON is encoded once. The answer is assembled as a
 * list of buffers and sent as one, which also spares the socket from encoding a
 * long string on every write. The output is byte-identical to JSON.stringify
 * for plain data (tested).
 */
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { sendBytes } from './cache/send.ts';

const cache = new WeakMap<object, Buffer>();

/** Collects small strings and buffers; strings are encoded in runs, not one by one. */
class Chunks {
  readonly parts: Buffer[] = [];
  private text = '';

  add(piece: string): void {
    this.text += piece;
  }

  addBuffer(buffer: Buffer): void {
    this.flush();
    this.parts.push(buffer);
  }

  flush(): void {
    if (this.text !== '') {
      this.parts.push(Buffer.from(this.text, 'utf8'));
      this.text = '';
    }
  }

  toBuffer(): Buffer {
    this.flush();
    return this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
  }
}

/** The JSON of `value` as UTF-8 bytes, or undefined where JSON.stringify would give undefined. */
export function toJsonBuffer(value: unknown): Buffer | undefined {
  const out = new Chunks();
  return write(value, out) ? out.toBuffer() : undefined;
}

/** The JSON text of `value` (for tests and small answers). */
export function toJson(value: unknown): string | undefined {
  return toJsonBuffer(value)?.toString('utf8');
}

/** Appends the JSON of `value`; false where JSON would omit it (undefined, functions). */
function write(value: unknown, out: Chunks): boolean {
  if (value === null) {
    out.add('null');
    return true;
  }
  switch (typeof value) {
    case 'string':
      out.add(JSON.stringify(value));
      return true;
    case 'number':
      out.add(Number.isFinite(value) ? String(value) : 'null');
      return true;
    case 'boolean':
      out.add(value ? 'true' : 'false');
      return true;
    case 'object': {
      if (!Object.isFrozen(value)) {
        writeObject(value, out);
        return true;
      }
      let bytes = cache.get(value);
      if (bytes === undefined) {
        const own = new Chunks();
        writeObject(value, own);
        bytes = own.toBuffer();
        cache.set(value, bytes);
      }
      out.addBuffer(bytes);
      return true;
    }
    default:
      return false;
  }
}

function writeObject(value: object, out: Chunks): void {
  if ('toJSON' in value && typeof value.toJSON === 'function') {
    out.add(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out.add('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.add(',');
      if (!write(value[i], out)) out.add('null');
    }
    out.add(']');
    return;
  }
  out.add('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out.add(`${first ? '' : ','}${JSON.stringify(key)}:`);
    write(item, out);
    first = false;
  }
  out.add('}');
}

/** `c.json(data, 200)` with the cached serialisation; typed as Hono's JSON response. */
export function jsonResponse<T>(c: Context, data: T): TypedResponse<JSONParsed<T>, 200, 'json'> {
  const bytes = toJsonBuffer(data) ?? Buffer.from('null');
  const response = sendBytes(c, 200, bytes, { 'content-type': 'application/json' });
  // Hono types JSON responses structurally; the body above is exactly `data` as JSON.
  return response as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>;
}

/**
 * A browser-like client of the staff screens in-process (`app.request`): it keeps the session
 * cookie, reads the CSRF token and other hidden fields from the forms a page draws, and posts
 * forms as a browser does. Every answer it sees is kept, to check them all afterwards.
 */
import assert from 'node:assert/strict';
import type { TestApp } from './app.ts';

export interface Seen {
  path: string;
  method: string;
  status: number;
  location: string | null;
  cacheControl: string | null;
  etag: string | null;
  title: string;
  body: string;
}

export class StaffClient {
  /** The cookies the app set (name → value), sent back as a browser would. */
  readonly cookies = new Map<string, string>();
  readonly seen: Seen[] = [];

  /** The session cookie as `name=value`, or null; setting it plants (or drops) one. */
  get cookie(): string | null {
    const name = [...this.cookies.keys()].find((k) => k.endsWith('tegin_session'));
    return name === undefined ? null : `${name}=${this.cookies.get(name)}`;
  }

  set cookie(pair: string | null) {
    for (const k of [...this.cookies.keys()])
      if (k.endsWith('tegin_session')) this.cookies.delete(k);
    if (pair === null) return;
    const at = pair.indexOf('=');
    this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
  }

  constructor(private readonly app: TestApp) {}

  async get(path: string): Promise<Seen> {
    return this.send(path, 'GET');
  }

  async post(path: string, fields: Record<string, string | string[]>): Promise<Seen> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) {
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    }
    return this.send(path, 'POST', body.toString());
  }

  /** Opens the sign-in page (its form cookie and CSRF token) and signs in. */
  async signIn(lang: string, username: string, password: string): Promise<Seen> {
    const form = await this.get(`/${lang}/staff/sign-in`);
    const csrf = hidden(form.body, 'csrf');
    const answer = await this.post(`/${lang}/staff/sign-in`, { username, password, csrf });
    assert.equal(answer.status, 303, `sign-in of ${username}: ${answer.body.slice(0, 300)}`);
    return answer;
  }

  private async send(path: string, method: string, body?: string): Promise<Seen> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await this.app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    const seen: Seen = {
      path,
      method,
      status: res.status,
      location: res.headers.get('location'),
      cacheControl: res.headers.get('cache-control'),
      etag: res.headers.get('etag'),
      title: /<title>([^<]*)<\/title>/.exec(text)?.[1] ?? '',
      body: text,
    };
    this.seen.push(seen);
    return seen;
  }
}

/** The value of a hidden field a page's form carries (the first with that name). */
export function hidden(body: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(body);
  assert.ok(match?.[1] !== undefined, `a hidden field ${name}`);
  return match[1];
}

/** The values of a select's options, in order. */
/** The values of a form's radio buttons named `name`. */
export function choices(body: string, name: string): string[] {
  const inputs = body.match(/<input[^>]*type="radio"[^>]*>/g) ?? [];
  return inputs
    .filter((i) => i.includes(`name="${name}"`))
    .map((i) => /value="([^"]*)"/.exec(i)?.[1] ?? '');
}

export function options(body: string, id: string): string[] {
  const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(body)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1] ?? '');
}

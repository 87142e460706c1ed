/** What a page handler gets, and how route modules register pages. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { IsoDate } from '../domain/date.ts';
import type { Ui, WebDeps } from './ui.ts';

export interface PageContext {
  c: Context;
  ui: Ui;
  deps: WebDeps;
  /** A query value as a date, or `fallback` (today) when absent or not a calendar date. */
  dateParam: (name: string, fallback?: IsoDate) => IsoDate;
  /** A trimmed query value ('' when absent). */
  query: (name: string) => string;
  /**
   * The HTML document of a page; `no-cache` (pages depend on today) unless
   * `no-store` is asked for (pages showing patient facts).
   */
  html: (node: Child, status?: 200 | 400 | 404, cache?: 'no-cache' | 'no-store') => Response;
}

export type PageHandler = (p: PageContext) => Response | Promise<Response>;

export interface Routes {
  /** GET `/{lang}{path}`. */
  get(path: string, handler: PageHandler): void;
  /** POST `/{lang}{path}` (form posts). */
  post(path: string, handler: PageHandler): void;
}

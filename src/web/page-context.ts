/** What a page handler gets, and how route modules register pages. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { IsoDate } from '../domain/date.ts';
import type { Ui, WebDeps } from './ui.ts';

export interface PageContext {
  c: Context;
  ui: Ui;
  deps: WebDeps;
  /**
   * A query value as a date, or `fallback` (today) when absent or empty. A value that is not a
   * date never reaches a handler: the page answers 400 naming the field (`routes.get`).
   */
  dateParam: (name: string, fallback?: IsoDate) => IsoDate;
  /** The first of `names` whose query value is present but not a date, with that value. */
  badDate: (names: readonly DateQuery[]) => { name: DateQuery; value: string } | null;
  /** A trimmed query value ('' when absent). */
  query: (name: string) => string;
  /**
   * The HTML document of a page; `no-cache` (pages depend on today) unless
   * `no-store` is asked for (pages showing patient facts).
   */
  html: (node: Child, status?: 200 | 400 | 404, cache?: 'no-cache' | 'no-store') => Response;
}

/** The query parameters that carry dates on the pages. */
export const DATE_QUERIES = ['date', 'from', 'to'] as const;
export type DateQuery = (typeof DATE_QUERIES)[number];

export type PageHandler = (p: PageContext) => Response | Promise<Response>;

export interface Routes {
  /**
   * GET `/{lang}{path}`. The query's dates (`date`, `from`, `to`) are checked first: a value
   * that is not a date answers 400 naming the field, never today's page in its place. A page
   * that checks its dates itself, as form fields, passes `{ dates: [] }`.
   */
  get(path: string, handler: PageHandler, options?: { dates?: readonly DateQuery[] }): void;
  /** POST `/{lang}{path}` (form posts). */
  post(path: string, handler: PageHandler): void;
}

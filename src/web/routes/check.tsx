/**
 * `/{lang}/check`: the form (GET) and its answer (POST only). Patient facts
 * never travel in an address: a GET carrying anything but a preselected
 * region is not processed but redirected to the empty form, and a body that is
 * not a readable form gets the form again with 400.
 */
import type { Context } from 'hono';
import { IsoDate } from '../../domain/date.ts';
import { readCheckForm, runCheck } from '../check-form.ts';
import type { PageContext, Routes } from '../page-context.ts';
import { CheckPage } from '../pages/check.tsx';
import { href } from '../ui.ts';
import type { WebDeps } from '../ui.ts';

/** The one query parameter a GET may carry: a region is not a patient fact (region pages link to it). */
const GET_PARAMS = new Set(['region']);

export function checkRoutes(deps: WebDeps, routes: Routes) {
  const { registry, engine } = deps.services;
  const regions = [...registry.regions].sort((a, b) => a.code.localeCompare(b.code));

  const respond = (p: PageContext, values: (name: string) => string[], status?: 400): Response => {
    const sorted = [...regions].sort((a, b) =>
      a.name[p.ui.lang].localeCompare(b.name[p.ui.lang], p.ui.lang),
    );
    const { form, submitted } = readCheckForm(values, p.ui.today as IsoDate);
    const outcome = submitted
      ? runCheck(registry, engine, form, p.ui.m, p.ui.lang)
      : ({ kind: 'form' } as const);
    return p.html(
      <CheckPage ui={p.ui} regions={sorted} form={form} outcome={outcome} />,
      status ?? (outcome.kind === 'errors' ? 400 : 200),
      // The answer shows patient facts: no cache may keep it.
      'no-store',
    );
  };

  routes.get(
    '/check',
    (p) => {
      const names = Object.keys(p.c.req.queries());
      if (names.some((name) => !GET_PARAMS.has(name))) {
        const region = p.query('region');
        return p.c.redirect(href(p.ui, '/check', region ? { region } : {}), 303);
      }
      // Only the region: a form to fill in, never an answer.
      return respond(p, (name) => (name === 'region' ? [p.query('region')] : []));
    },
    { dates: [] },
  );

  routes.post('/check', async (p) => {
    const body = await formBody(p.c);
    if (!body) return respond(p, () => [], 400);
    return respond(p, (name) => {
      const value = body[name];
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
      return list.filter((v): v is string => typeof v === 'string');
    });
  });
}

/** The posted form's fields, or null when the body is not a readable form (e.g. broken multipart). */
async function formBody(c: Context): Promise<Record<string, unknown> | null> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    return null;
  }
}

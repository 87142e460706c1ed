/** `/{lang}/check`: the form (GET), its answer on a form post (POST) or on a GET query. */
import { IsoDate } from '../../domain/date.ts';
import { readCheckForm, runCheck } from '../check-form.ts';
import type { PageContext, Routes } from '../page-context.ts';
import { CheckPage } from '../pages/check.tsx';
import type { WebDeps } from '../ui.ts';

export function checkRoutes(deps: WebDeps, routes: Routes) {
  const { registry, engine } = deps.services;
  const regions = [...registry.regions].sort((a, b) => a.code.localeCompare(b.code));

  const respond = (p: PageContext, values: (name: string) => string[]) => {
    const sorted = [...regions].sort((a, b) =>
      a.name[p.ui.lang].localeCompare(b.name[p.ui.lang], p.ui.lang),
    );
    const { form, submitted } = readCheckForm(values, p.ui.today as IsoDate);
    const outcome = submitted
      ? runCheck(registry, engine, form, p.ui.m, p.ui.lang)
      : ({ kind: 'form' } as const);
    return p.html(
      <CheckPage ui={p.ui} regions={sorted} form={form} outcome={outcome} />,
      outcome.kind === 'errors' ? 400 : 200,
    );
  };

  routes.get('/check', (p) => respond(p, (name) => p.c.req.queries(name) ?? []), { dates: [] });

  routes.post('/check', async (p) => {
    const body = await p.c.req.parseBody({ all: true });
    return respond(p, (name) => {
      const value = body[name];
      const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
      return list.filter((v): v is string => typeof v === 'string');
    });
  });
}

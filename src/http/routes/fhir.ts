/**
 * FHIR R4 under /fhir/R4, over the pure mappings of src/fhir: the
 * CapabilityStatement, each regional list as an InsurancePlan, each
 * item-product as a FormularyItem (Basic) with its MedicationKnowledge, search
 * by region, date and code, and `CoverageEligibilityRequest/$evaluate`.
 * Errors are OperationOutcome; texts follow Accept-Language (kk, ru, en).
 */
import { Hono, type Context } from 'hono';
import { selectVersion } from '../../domain/catalog.ts';
import { dateProblem, IsoDate } from '../../domain/date.ts';
import type { Lang } from '../../domain/text.ts';
import {
  capabilityStatementOf,
  coverageEligibilityResponseOf,
  formularyOf,
  operationOutcomeOf,
  resolveCoverageEligibilityRequest,
  searchsetBundleOf,
  type OutcomeIssue,
} from '../../fhir/index.ts';
import { operationsCapabilityResources } from '../../fhir/ops/index.ts';
import type { Basic, InsurancePlan, MedicationKnowledge, Resource } from '../../fhir/types.ts';
import { langOfAcceptLanguage } from '../accept-language.ts';
import { API_VERSION } from '../api-version.ts';
import type { Env, HttpDeps } from '../context.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const ISO_SYSTEM = 'urn:iso:std:iso:3166:-2';

interface Index {
  plans: { plan: InsurancePlan; region: string; listIndex: number }[];
  items: Map<string, Basic>;
  medications: Map<string, MedicationKnowledge>;
}

function fhir(c: Context, resource: Resource, status: 200 | 400 | 404 | 413 | 500 = 200): Response {
  return c.body(JSON.stringify(resource), status, { 'content-type': FHIR_JSON });
}

function outcome(c: Context, status: 400 | 404 | 413 | 500, issues: OutcomeIssue[]): Response {
  return fhir(c, operationOutcomeOf(issues), status);
}

function langOf(c: Context): Lang {
  return langOfAcceptLanguage(c.req.header('accept-language'));
}

/** `KZ-27`, `west-kazakhstan` or `urn:iso:std:iso:3166:-2|KZ-27`. */
function regionValue(value: string): string {
  return value.startsWith(`${ISO_SYSTEM}|`) ? value.slice(ISO_SYSTEM.length + 1) : value;
}

/** A token search value `system|code` or `code`: the code part. */
function tokenCode(value: string): string {
  const bar = value.lastIndexOf('|');
  return bar >= 0 ? value.slice(bar + 1) : value;
}

export interface FhirOptions {
  /** The service's public address (configuration, never the request's Host). */
  publicBaseUrl: () => string;
  now?: () => Date;
}

export function fhirRoutes(deps: HttpDeps, options: FhirOptions) {
  const app = new Hono<Env>();
  const { registry, engine } = deps.services;
  const now = options.now ?? (() => new Date());
  // Keyed by what the server controls only: the language (3) and the configured base (1).
  const indexes = new Map<string, Index>();

  const baseOf = () => `${options.publicBaseUrl()}/fhir/R4`;
  /** The search as asked, on the public base: path and query from the request, never its Host. */
  const selfOf = (c: Context) => {
    const url = new URL(c.req.url);
    return `${options.publicBaseUrl()}${url.pathname}${url.search}`;
  };
  const indexOf = (baseUrl: string, lang: Lang): Index => {
    const key = `${lang} ${baseUrl}`;
    let index = indexes.get(key);
    if (!index) {
      index = { plans: [], items: new Map(), medications: new Map() };
      for (const region of registry.regions) {
        registry.listVersions(region.code).forEach((version, listIndex) => {
          const formulary = formularyOf(region, version, registry, { baseUrl, lang });
          index?.plans.push({ plan: formulary.plan, region: region.code, listIndex });
          for (const b of formulary.items) index?.items.set(b.id as string, b);
          for (const m of formulary.medications) index?.medications.set(m.id as string, m);
        });
      }
      indexes.set(key, index);
    }
    return index;
  };
  const bundle = (c: Context, resources: Resource[]) =>
    fhir(c, searchsetBundleOf(resources, selfOf(c), baseOf()));

  // The operations types are in the statement when the server serves them (src/http/routes/fhir-ops.ts).
  const operations = deps.ops ? { resources: operationsCapabilityResources() } : undefined;
  app.get('/metadata', (c) =>
    fhir(c, capabilityStatementOf(baseOf(), API_VERSION, now().toISOString(), operations)),
  );

  app.get('/InsurancePlan', (c) => {
    const index = indexOf(baseOf(), langOf(c));
    const area = c.req.query('coverage-area') ?? c.req.query('coverage-area:identifier');
    const id = c.req.query('_id');
    const dateText = c.req.query('date');
    let regionCode: string | undefined;
    if (area !== undefined) {
      const region = registry.region(regionValue(area));
      if (!region) {
        return outcome(c, 400, [
          {
            code: 'EVAL_REGION_UNKNOWN',
            path: 'coverage-area',
            message: `"${area}" is not a region`,
          },
        ]);
      }
      regionCode = region.code;
    }
    let plans = index.plans.filter(
      (p) =>
        (regionCode === undefined || p.region === regionCode) &&
        (id === undefined || p.plan.id === id),
    );
    if (dateText !== undefined) {
      const date = IsoDate.safeParse(dateText.replace(/^eq/, ''));
      if (!date.success) {
        return outcome(c, 400, [
          {
            code: 'EVAL_DATE_INVALID',
            path: 'date',
            message: dateProblem(dateText.replace(/^eq/, '')) ?? 'not a date',
          },
        ]);
      }
      plans = plans.filter((p) => {
        const versions = registry.listVersions(p.region as never);
        const selection = selectVersion(versions, date.data);
        return (
          selection.kind !== 'not_covered' && versions.indexOf(selection.version) === p.listIndex
        );
      });
    }
    return bundle(
      c,
      plans.map((p) => p.plan),
    );
  });

  app.get('/Basic', (c) => {
    const index = indexOf(baseOf(), langOf(c));
    const code = c.req.query('code');
    const subject = c.req.query('subject');
    const id = c.req.query('_id');
    const items = [...index.items.values()].filter(
      (b) =>
        (code === undefined || b.code.coding?.some((k) => k.code === tokenCode(code))) &&
        (subject === undefined ||
          b.subject?.reference === subject ||
          b.subject?.reference?.endsWith(`/${subject}`)) &&
        (id === undefined || b.id === id),
    );
    return bundle(c, items);
  });

  app.get('/MedicationKnowledge', (c) => {
    const index = indexOf(baseOf(), langOf(c));
    const code = c.req.query('code');
    const id = c.req.query('_id');
    const meds = [...index.medications.values()].filter(
      (m) =>
        (code === undefined ||
          m.code?.coding?.some(
            (k) => k.code === tokenCode(code) || k.code?.startsWith(tokenCode(code)),
          )) &&
        (id === undefined || m.id === id),
    );
    return bundle(c, meds);
  });

  for (const type of ['InsurancePlan', 'Basic', 'MedicationKnowledge'] as const) {
    app.get(`/${type}/:id`, (c) => {
      const index = indexOf(baseOf(), langOf(c));
      const id = c.req.param('id');
      const found =
        type === 'InsurancePlan'
          ? index.plans.find((p) => p.plan.id === id)?.plan
          : type === 'Basic'
            ? index.items.get(id)
            : index.medications.get(id);
      if (!found)
        return outcome(c, 404, [
          { code: 'HTTP_NOT_FOUND', path: type, message: `no ${type}/${id}` },
        ]);
      return fhir(c, found);
    });
  }

  app.post('/CoverageEligibilityRequest/$evaluate', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return outcome(c, 400, [
        {
          code: 'FHIR_RESOURCE_INVALID',
          path: 'CoverageEligibilityRequest',
          message: 'the body is not JSON',
        },
      ]);
    }
    const resolved = resolveCoverageEligibilityRequest(body, (key) => registry.region(key));
    if (!resolved.ok) return outcome(c, 400, resolved.issues);
    const result = engine.evaluate(resolved.patient);
    const response = coverageEligibilityResponseOf(body as never, result, {
      baseUrl: baseOf(),
      lang: langOf(c),
      created: now().toISOString(),
      region: resolved.patient.region,
      warnings: resolved.warnings,
    });
    return fhir(c, response);
  });

  app.notFound((c) =>
    outcome(c, 404, [
      {
        code: 'HTTP_NOT_FOUND',
        path: c.req.path,
        message: `no FHIR route ${c.req.method} ${c.req.path}`,
      },
    ]),
  );
  return app;
}

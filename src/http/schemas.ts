/**
 * OpenAPI schemas of the HTTP API: request parameters validated strictly,
 * responses described by their main fields (each object may carry more).
 */
import { z } from '@hono/zod-openapi';
import { dateProblem } from '../domain/date.ts';
import { REASON_CODES } from '../domain/engine.ts';
import { UNMET } from '../domain/explain.ts';
import { SCOPE_RELATIONS } from '../domain/list.ts';
import { PatientInput } from '../domain/patient.ts';
import { UNIT_KINDS } from '../domain/units.ts';

export const Localized = z
  .object({ kk: z.string(), ru: z.string(), en: z.string() })
  .openapi('LocalizedText');

export const DateParam = z
  .string()
  .superRefine((text, ctx) => {
    const problem = dateProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ example: '2026-11-24', description: 'Calendar date YYYY-MM-DD' });

export const RegionParam = z.object({
  region: z
    .string()
    .min(1)
    .openapi({
      param: { name: 'region', in: 'path' },
      example: 'west-kazakhstan',
      description: 'ISO 3166-2:KZ code (KZ-27) or slug',
    }),
});

export const Lang = z.enum(['kk', 'ru', 'en']);

export const Effective = z
  .union([
    z.object({ kind: z.literal('known'), date: z.string(), basis: z.string() }),
    z.object({
      kind: z.literal('window'),
      earliest: z.string(),
      latest: z.string().nullable(),
      reason: z.string(),
    }),
  ])
  .openapi('Effective');

export const Coverage = z
  .looseObject({
    status: z.enum(['covered', 'uncertain', 'not_covered', 'no_list']),
    inForceFrom: Effective.optional(),
    reason: Localized.optional(),
  })
  .openapi('Coverage');

export const Region = z
  .looseObject({
    code: z.string(),
    slug: z.string(),
    kato: z.string(),
    kind: z.enum(['oblast', 'city']),
    name: Localized,
    lists: z.number().int(),
  })
  .openapi('Region');

export const Citation = z
  .looseObject({
    act: z.string(),
    annex: z.string(),
    section: z.string(),
    item: z.string().nullable(),
    units: z
      .array(
        z.object({
          kind: z.enum(UNIT_KINDS),
          number: z.string(),
        }),
      )
      .openapi({
        description:
          "Where the item stands in its annex, in the annex's own units, outermost first: a point and its sub-point (`point`, `sub_point`) or a table's section and row (`section`, `row`). An item the source does not number has its point only.",
      }),
    edition: z.looseObject({
      act: z.string(),
      amendedBy: z.array(z.string()),
      inForceFrom: Effective,
    }),
    source: z.object({ file: z.string(), lines: z.array(z.number().int()) }),
    text: Localized,
  })
  .openapi('Citation');

export const Product = z
  .looseObject({
    kind: z.string(),
    inn: z.string().nullable(),
    atc: z.string().nullable(),
    name: Localized.nullable(),
    form: Localized.nullable(),
    innAbsent: z.string().nullable(),
  })
  .openapi('Product');

export const CatalogItem = z
  .looseObject({
    section: z.enum(['medicine', 'device', 'food']),
    sectionNumber: z.string(),
    number: z.string(),
    status: z.enum(['in_force', 'excluded', 'unknown']),
    reason: Localized.nullable(),
    diagnosis: z
      .looseObject({ kk: z.string(), ru: z.string(), en: z.string(), icd10: z.array(z.string()) })
      .nullable(),
    population: z.looseObject({ age: z.string(), dispensaryRegistration: z.string() }).nullable(),
    indication: z.looseObject({ conditions: z.array(z.string()) }).nullable(),
    products: z.array(Product),
    citation: Citation,
  })
  .openapi('CatalogItem');

export const Catalog = z
  .looseObject({
    region: z.string(),
    date: z.string(),
    coverage: Coverage,
    items: z.array(CatalogItem),
    warnings: z.array(Localized),
  })
  .openapi('Catalog');

export const Entitlement = z
  .looseObject({
    status: z.enum(['entitled', 'conditional', 'not_entitled', 'unknown']),
    section: z.enum(['medicine', 'device', 'food']),
    region: z.string(),
    item: z.string(),
    diagnosis: z.looseObject({
      code: z.string(),
      input: z.string(),
      scope: z
        .looseObject({
          code: z.string(),
          relation: z.enum(SCOPE_RELATIONS),
          title: z.string(),
          rationale: z.string(),
        })
        .openapi('CodeScope', {
          description:
            'How the listed code that matched relates to the words of the list (docs/adr/0004)',
        }),
      requires: Localized.nullable(),
    }),
    products: z.array(Product),
    unmet: z.array(z.enum(UNMET)),
    reason: z
      .looseObject({
        code: z.enum(REASON_CODES),
        text: Localized,
      })
      .nullable(),
    basis: Citation,
    explanation: Localized,
  })
  .openapi('Entitlement');

export const EntitlementsAnswer = z
  .looseObject({
    region: z.string(),
    date: z.string(),
    age: z.number().int(),
    coverage: Coverage,
    entitlements: z.array(Entitlement),
    diagnoses: z.array(
      z.looseObject({ input: z.string(), code: z.string(), items: z.number().int() }),
    ),
    assumptions: z.array(
      z.looseObject({
        fact: z.enum(['citizenship', 'served_in', 'dispensary_registration']),
        text: Localized,
      }),
    ),
    warnings: z.array(Localized),
  })
  .openapi('EntitlementsAnswer');

// A clone: domain schemas may be created before @hono/zod-openapi extends zod.
export const PatientFacts = PatientInput.clone().openapi('PatientFacts', {
  example: { region: 'KZ-27', date: '2026-11-24', age: 10, diagnoses: [{ code: 'M08.2' }] },
});

export const SearchAnswer = z
  .looseObject({
    query: z.string(),
    results: z.array(
      z.looseObject({
        region: z.string(),
        sectionNumber: z.string(),
        item: z.string(),
        diagnosis: z.looseObject({ icd10: z.array(z.string()) }),
        matchedBy: z.array(z.string()),
      }),
    ),
  })
  .openapi('SearchAnswer');

export const DiffAnswer = z
  .looseObject({
    region: z.string(),
    from: z.string(),
    to: z.string(),
    changes: z
      .array(z.looseObject({ kind: z.string(), sectionNumber: z.string(), number: z.string() }))
      .nullable(),
    acts: z.array(z.looseObject({ act: z.string(), between: z.enum(['yes', 'unknown']) })),
    unknown: z.array(Localized),
  })
  .openapi('DiffAnswer');

export const CompareAnswer = z
  .looseObject({
    date: z.string(),
    regions: z.array(z.looseObject({ code: z.string(), coverage: Coverage })),
    byDiagnosis: z.array(
      z.looseObject({ key: z.string(), label: Localized, coveredIn: z.array(z.string()) }),
    ),
    byInn: z.array(
      z.looseObject({ key: z.string(), label: Localized, coveredIn: z.array(z.string()) }),
    ),
  })
  .openapi('CompareAnswer');

export const Act = z
  .object({
    id: z.string(),
    adopted: z.string(),
    number: z.string(),
    title: Localized.nullable(),
    status: z.looseObject({ kind: z.string() }),
    effective: Effective,
  })
  .openapi('Act');

export const ItemDetail = z
  .looseObject({
    item: CatalogItem.nullable(),
    coverage: Coverage,
    history: z.array(z.looseObject({ status: z.string(), inForceFrom: Effective })),
    acts: z.array(Act),
  })
  .openapi('ItemDetail');

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z
      .array(z.object({ code: z.string(), field: z.string(), message: z.string() }))
      .optional(),
  })
  .openapi('Problem');

export const problemResponses = {
  400: {
    description: 'Invalid request',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  404: {
    description: 'Not found',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const;
